// GET /api/v1/{site}/live: who may open a story's socket, and what a reader may send on it (pings
// only). The socket is held by the story's Durable Object through the Hibernation API.
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LIVE_POLICY_CLOSE } from "../../../common/live";
import { createSite, errorOf, postOk, comment } from "../support";
import { liveRequest, openLive, storyObject } from "./support";

describe("opening the live channel", () => {
  it("upgrades a request from one of the site's origins (101, a WebSocket)", async () => {
    const site = await createSite({ origins: ["https://a.example", "https://b.example"] });
    for (const origin of site.allowedOrigins) {
      const res = await liveRequest(site, "story-open", origin);
      expect(res.status).toBe(101);
      expect(res.webSocket).toBeTruthy();
      res.webSocket!.accept();
      res.webSocket!.close(1000, "done");
    }
  });

  it("refuses another origin (403 origin_not_allowed) and a request without one (403 origin_required)", async () => {
    const site = await createSite();
    const other = await liveRequest(site, "story-open", "https://evil.example");
    expect(other.status).toBe(403);
    expect(other.webSocket).toBeNull();
    expect((await errorOf(other)).code).toBe("origin_not_allowed");
    const none = await liveRequest(site, "story-open", null);
    expect(none.status).toBe(403);
    expect((await errorOf(none)).code).toBe("origin_required");
  });

  it("refuses a request without Upgrade: websocket (426 upgrade_required)", async () => {
    const site = await createSite();
    const res = await liveRequest(site, "story-open", site.origin, false);
    expect(res.status).toBe(426);
    expect(res.headers.get("Upgrade")).toBe("websocket");
    expect((await errorOf(res)).code).toBe("upgrade_required");
  });

  it.each([
    ["empty", ""],
    ["too long", "k".repeat(5000)],
    ["with a control character", "a\u0007b"],
  ])("refuses a story key %s (400 validation_failed)", async (_what, key) => {
    const site = await createSite();
    const res = await liveRequest(site, key, site.origin);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("validation_failed");
  });

  it("refuses an unknown site (404)", async () => {
    const res = await liveRequest("no-such-site-live", "story", "https://x.example");
    expect(res.status).toBe(404);
  });
});

describe("what a reader may send", () => {
  it("answers ping with pong, again and again", async () => {
    const site = await createSite();
    const reader = await openLive(site, "story-ping");
    for (let i = 0; i < 3; i++) {
      reader.ws.send("ping");
      expect(await reader.next()).toBe("pong");
    }
  });

  it.each([
    ["junk text", "hello"],
    ["a ping in other words", "PING"],
    ["a long frame", `ping${" ".repeat(200)}`],
    ["a binary frame", new Uint8Array([112, 105, 110, 103]).buffer],
  ])("closes the socket on %s (1008), and keeps the others", async (_what, frame) => {
    const site = await createSite();
    const [bad, good] = [await openLive(site, "story-junk"), await openLive(site, "story-junk")];
    bad.ws.send(frame);
    expect((await bad.closed).code).toBe(LIVE_POLICY_CLOSE);
    good.ws.send("ping");
    expect(await good.next()).toBe("pong");
    const posted = await postOk(site, comment("story-junk", "Still here."));
    expect(await good.nextNotice()).toEqual({ t: "new", id: posted.comment.id, root: null });
  });
});

describe("the story's object", () => {
  it("holds its readers as hibernatable sockets, which survive its eviction and still get notices and pongs", async () => {
    const site = await createSite();
    const readers = [await openLive(site, "story-sleep"), await openLive(site, "story-sleep")];
    const stub = storyObject(site, "story-sleep");
    // getWebSockets lists only sockets accepted through the Hibernation API (acceptWebSocket).
    expect(await runInDurableObject(stub, (_instance, state) => state.getWebSockets().length)).toBe(2);

    // The object leaves memory; the runtime keeps its sockets open and answers pings alone.
    await evictDurableObject(stub);
    readers[0]!.ws.send("ping");
    expect(await readers[0]!.next()).toBe("pong");

    const posted = await postOk(site, comment("story-sleep", "After a nap."));
    for (const reader of readers) expect(await reader.nextNotice()).toEqual({ t: "new", id: posted.comment.id, root: null });
    expect(await stub.readers()).toBe(2);
  });

  it("forgets a reader that closed", async () => {
    const site = await createSite();
    const [leaving, staying] = [await openLive(site, "story-leave"), await openLive(site, "story-leave")];
    leaving.ws.close(1000, "bye");
    await leaving.closed;
    const stub = storyObject(site, "story-leave");
    // The close reaches the object asynchronously: a notice sent after it is answered goes to one reader.
    staying.ws.send("ping");
    expect(await staying.next()).toBe("pong");
    const posted = await postOk(site, comment("story-leave", "Who is left?"));
    expect(await staying.nextNotice()).toEqual({ t: "new", id: posted.comment.id, root: null });
    expect(await stub.readers()).toBe(1);
  });
});
