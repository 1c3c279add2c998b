// Issue 13 point 2: one D1 round trip per read, two per post. Each request goes through the whole
// app with a binding that counts trips (./support.ts); the site is warm in the isolate, as it is
// for every request but an isolate's first.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { FRESH_MS } from "../../../worker/services/recent-pages";
import type { PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import { comment, createSite, postAs, postOk, sitePath, type TestSite } from "../support";
import { react } from "../sso-support";
import { counted } from "./support";

let site: TestSite;
let reader: PostCommentResponse;
let token: string;
const story = "trips";

beforeAll(async () => {
  site = await createSite({ settings: { suspectWords: ["louche"] } });
  reader = await postOk(site, comment(story, "Premier", "Ana"));
  token = reader.commenterToken!;
  for (let i = 0; i < 4; i++) {
    const top = await postOk(site, comment(story, `Sujet ${i}`, `B${i}`));
    await postOk(site, comment(story, `Réponse ${i}`, `C${i}`, { parentId: top.comment.id }));
  }
  // the reader liked one comment and has one held: both are only theirs to see
  expect((await react(site, reader.comment.id + 1, { token })).status).toBe(200);
  const held = await postAs(site, comment(story, "Un peu louche", "Ana"), { token });
  expect((await held.json<PostCommentResponse>()).comment.status).toBe("pending");
  // The isolate's copy of the site: taken by a first request, as any isolate's first request does.
  await counted(sitePath(site, `/counts?story=${story}`), { origin: site.origin });
});

function get(path: string, headers: Record<string, string> = {}) {
  return counted(sitePath(site, path), { origin: site.origin, headers });
}

const auth = () => ({ Authorization: `Bearer ${token}` });

describe("round trips to D1", () => {
  it("a thread page: one, anonymous (built, then from the page cache) or with a token, and a 304 one", async () => {
    const built = await get(`/thread?story=${story}&limit=3`);
    expect(built.res.status).toBe(200);
    expect(built.trips.trips).toBe(1);
    const builtPage = await built.res.json<ThreadResponse>();
    // Cache-Control: no-cache passes over the isolate's own copy (recent-pages.test.ts): D1 confirms
    const again = await get(`/thread?story=${story}&limit=3`, { "Cache-Control": "no-cache" });
    expect(again.res.status).toBe(200);
    expect(await again.res.json()).toEqual(builtPage);
    expect(again.trips.trips).toBe(1);
    // from the page cache: the batch confirmed the story's version and read no page
    expect(again.trips.rowsRead).toBeLessThan(built.trips.rowsRead / 2);
    // and within a second of that, from the isolate's copy: none
    const copy = await get(`/thread?story=${story}&limit=3`);
    expect(await copy.res.json()).toEqual(builtPage);
    expect(copy.trips.trips).toBe(0);

    const own = await get(`/thread?story=${story}&limit=3`, auth());
    expect(own.res.status).toBe(200);
    const page = await own.res.json<ThreadResponse>();
    expect(page.own).toHaveLength(1);
    expect(page.viewer?.name).toBe("Ana");
    expect(own.trips.trips).toBe(1);

    // a 304: from the copy (none), or with D1 (one) once the copy is older than FRESH_MS, or for a reader
    const first = await get(`/thread?story=${story}`);
    const etag = first.res.headers.get("ETag")!;
    expect((await get(`/thread?story=${story}`, { "If-None-Match": etag })).trips.trips).toBe(0);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + FRESH_MS });
    try {
      const confirmed = await get(`/thread?story=${story}`, { "If-None-Match": etag });
      expect(confirmed.res.status).toBe(304);
      expect(confirmed.trips.trips).toBe(1);
    } finally {
      vi.useRealTimers();
    }
    const mine = (await get(`/thread?story=${story}`, auth())).res.headers.get("ETag")!;
    const notModified = await get(`/thread?story=${story}`, { ...auth(), "If-None-Match": mine });
    expect(notModified.res.status).toBe(304);
    expect(notModified.trips.trips).toBe(1);
  });

  it("the next page (a cursor), and each sort: one", async () => {
    const first = await (await get(`/thread?story=${story}&limit=2`)).res.json<ThreadResponse>();
    const next = await get(`/thread?story=${story}&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`, auth());
    expect(next.res.status).toBe(200);
    expect(next.trips.trips).toBe(1);
    for (const sort of ["oldest", "top"]) expect((await get(`/thread?story=${story}&sort=${sort}`, auth())).trips.trips).toBe(1);
  });

  it("a replies page, counts and news: one each, anonymous or with a token", async () => {
    const thread = await (await get(`/thread?story=${story}&sort=oldest`)).res.json<ThreadResponse>();
    const root = thread.comments.find((c) => c.replyCount > 0)!;
    for (const headers of [{}, auth()]) {
      const replies = await get(`/comments/${root.id}/replies?limit=5`, headers);
      expect(replies.res.status).toBe(200);
      expect(replies.trips.trips).toBe(1);
      const news = await get(`/news?story=${story}&after=${reader.comment.id}`, headers);
      expect(news.res.status).toBe(200);
      expect(news.trips.trips).toBe(1);
    }
    const counts = await get(`/counts?story=${story}&story=elsewhere`);
    expect(counts.res.status).toBe(200);
    expect(counts.trips.trips).toBe(1);
  });

  it("a post: two, a new guest's or a known reader's reply (with its notifications), with an Idempotency-Key as the widget sends", async () => {
    const send = (body: object, headers: Record<string, string> = {}) =>
      counted(sitePath(site, "/comments"), {
        method: "POST",
        origin: site.origin,
        headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID(), ...headers },
        body: JSON.stringify(body),
      });
    const guest = await send(comment(story, "Bonjour", "Nouveau"));
    expect(guest.res.status).toBe(201);
    expect(guest.trips.trips, guest.trips.log.join("\n")).toBeLessThanOrEqual(2);
    const reply = await send(comment(story, "Je réponds", "Ana", { parentId: reader.comment.id + 1 }), auth());
    expect(reply.res.status).toBe(201);
    // its notifications are written in the same batch as the reply
    expect(reply.trips.trips, reply.trips.log.join("\n")).toBeLessThanOrEqual(2);
    expect(reply.trips.log.join("\n")).toMatch(/INSERT OR IGNORE INTO reply_no/);
  });
});
