// At most MAX_SOCKETS_PER_STORY readers per story: the next one is refused (503, Retry-After) and
// polls meanwhile; a reader leaving makes room again. The sockets are opened on the story's object
// directly (the route adds nothing per socket), in rounds, to keep the test's own memory small.
import { evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { FULL_RETRY_AFTER_S, LIVE_NETWORK_HEADER, MAX_SOCKETS_PER_NETWORK, MAX_SOCKETS_PER_STORY } from "../../../worker/live/story-live";
import { api, createSite, errorOf, sitePath } from "../support";
import { liveRequest, storyObject } from "./support";

describe("a story's object", () => {
  it(`holds ${MAX_SOCKETS_PER_STORY} readers and refuses the next one (503 with Retry-After)`, { timeout: 120_000 }, async () => {
    const site = await createSite();
    const stub = storyObject(site, "story-full");
    const upgrade = () => stub.fetch("https://palabre.test/live", { headers: { Upgrade: "websocket" } });
    const sockets: WebSocket[] = [];
    for (let opened = 0; opened < MAX_SOCKETS_PER_STORY; opened += 500) {
      const round = await Promise.all(Array.from({ length: Math.min(500, MAX_SOCKETS_PER_STORY - opened) }, upgrade));
      for (const res of round) {
        expect(res.status).toBe(101);
        res.webSocket!.accept();
        sockets.push(res.webSocket!);
      }
    }
    expect(await stub.readers()).toBe(MAX_SOCKETS_PER_STORY);
    // Out of memory and back: every socket is still there and gets the notice.
    await evictDurableObject(stub);
    expect(await stub.notify({ t: "new", id: 1, root: null })).toBe(MAX_SOCKETS_PER_STORY);

    const refused = await liveRequest(site, "story-full", site.origin);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toBe(String(FULL_RETRY_AFTER_S));
    expect((await errorOf(refused)).code).toBe("internal");

    // One leaves (its close answered by the object): room for one more.
    const leaving = sockets.pop()!;
    const closed = new Promise((resolve) => leaving.addEventListener("close", resolve));
    leaving.close(1000, "bye");
    await closed;
    const again = await liveRequest(site, "story-full", site.origin);
    expect(again.status).toBe(101);
  });

  it(`holds at most ${MAX_SOCKETS_PER_NETWORK} readers of one network, decided in the object even when they all come at once`, async () => {
    const site = await createSite();
    const from = (ip: string) => () =>
      api(sitePath(site, "/live?story=crowded"), { origin: site.origin, headers: { Upgrade: "websocket", "CF-Connecting-IP": ip } });
    // Twice the cap at once from one network: exactly the cap gets in, the rest are told to poll.
    const answers = await Promise.all(Array.from({ length: 2 * MAX_SOCKETS_PER_NETWORK }, from("198.51.100.7")));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 101)).toHaveLength(MAX_SOCKETS_PER_NETWORK);
    expect(statuses.filter((s) => s === 429)).toHaveLength(MAX_SOCKETS_PER_NETWORK);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.headers.get("Retry-After")).toBe(String(FULL_RETRY_AFTER_S));
    const error = await errorOf(refused);
    expect(error.code).toBe("flood");
    for (const r of answers) r.webSocket?.accept();
    // A header of the reader's own naming another network changes nothing: the route sets it.
    const forged = await api(sitePath(site, "/live?story=crowded"), {
      origin: site.origin,
      headers: { Upgrade: "websocket", "CF-Connecting-IP": "198.51.100.7", [LIVE_NETWORK_HEADER]: "another" },
    });
    expect(forged.status).toBe(429);
    // Another network still gets in.
    const other = await from("203.0.113.9")();
    expect(other.status).toBe(101);
    other.webSocket!.accept();
    expect(await storyObject(site, "crowded").readers()).toBe(MAX_SOCKETS_PER_NETWORK + 1);
  });
});
