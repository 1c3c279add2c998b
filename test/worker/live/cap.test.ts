// At most MAX_SOCKETS_PER_STORY readers per story: the next one is refused (503, Retry-After) and
// polls meanwhile; a reader leaving makes room again. The sockets are opened on the story's object
// directly (the route adds nothing per socket), in rounds, to keep the test's own memory small.
import { evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { FULL_RETRY_AFTER_S, MAX_SOCKETS_PER_STORY } from "../../../worker/live/story-live";
import { createSite, errorOf } from "../support";
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
});
