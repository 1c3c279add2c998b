// The isolate's own copy of anonymous first pages (worker/services/recent-pages.ts): a read within
// FRESH_MS of the last one D1 confirmed costs no round trip; a write through the Worker is seen by
// the very next read; a write elsewhere within FRESH_MS; what is one reader's never comes from it.
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ThreadResponse } from "../../../worker/schemas/views";
import { cachedSite } from "../../../worker/lib/site-cache";
import { writeEpoch } from "../../../worker/lib/write-epoch";
import { FRESH_MS, keepRecentPage, recentPage } from "../../../worker/services/recent-pages";
import { comment, createSite, postOk, sitePath, type TestSite } from "../support";
import { counted } from "./support";

let site: TestSite;
let token: string;

beforeAll(async () => {
  site = await createSite({ settings: { floodMaxPerAuthor: 1000, floodMaxPerIp: 1000 } });
  token = (await postOk(site, comment("copy", "Premier", "Ana"))).commenterToken!;
  await postOk(site, comment("copy", "Second", "Bob"));
});

afterEach(() => {
  vi.useRealTimers();
});

// 50 a page: every comment of these stories on the first
const read = (story: string, headers: Record<string, string> = {}) =>
  counted(sitePath(site, `/thread?story=${encodeURIComponent(story)}&limit=50`), { origin: site.origin, headers });

async function body(story: string, headers: Record<string, string> = {}): Promise<ThreadResponse> {
  const { res } = await read(story, headers);
  expect(res.status).toBe(200);
  return res.json<ThreadResponse>();
}

const bodies = (p: ThreadResponse) => p.comments.map((c) => c.body).sort();

describe("the isolate's copy of a shared page", () => {
  it("answers the page, and a 304, with no D1 round trip, as D1 would have", async () => {
    const first = await read("copy");
    expect(first.trips.trips).toBe(1);
    const page = await first.res.json<ThreadResponse>();
    const etag = first.res.headers.get("ETag")!;

    const again = await read("copy");
    expect(again.trips.trips).toBe(0);
    expect(again.res.headers.get("ETag")).toBe(etag);
    expect(again.res.headers.get("Cache-Control")).toBe(first.res.headers.get("Cache-Control"));
    expect(again.res.headers.get("Access-Control-Allow-Origin")).toBe(site.origin);
    expect(await again.res.json()).toEqual(page);

    const notModified = await read("copy", { "If-None-Match": etag });
    expect(notModified.res.status).toBe(304);
    expect(notModified.trips.trips).toBe(0);
  });

  it("is never used for a reader's token, a D1 bookmark, a next page or a request asking for no cache", async () => {
    await read("copy");
    const bookmark = (await read("copy", { "X-Palabre-Bookmark": "00000000-00000000-00000000-00000000000000000000000000000000" })).trips
      .trips;
    expect(bookmark).toBe(1);
    const own = await read("copy", { Authorization: `Bearer ${token}` });
    expect(own.trips.trips).toBe(1);
    expect((await own.res.json<ThreadResponse>()).viewer?.name).toBe("Ana");
    // the shared copy still says nothing of Ana
    expect((await body("copy")).viewer).toBeNull();
    expect((await read("copy", { "Cache-Control": "no-cache" })).trips.trips).toBe(1);
    // but a conditional request's no-cache is fetch()'s own (every fetch with If-None-Match sends it)
    const etag = (await read("copy")).res.headers.get("ETag")!;
    const conditional = await read("copy", { "Cache-Control": "no-cache", "If-None-Match": etag });
    expect(conditional.res.status).toBe(304);
    expect(conditional.trips.trips).toBe(0);
    const next = await counted(sitePath(site, "/thread?story=copy&limit=1"), { origin: site.origin });
    const cursor = (await next.res.json<ThreadResponse>()).nextCursor!;
    for (let i = 0; i < 2; i++) {
      const more = await counted(sitePath(site, `/thread?story=copy&limit=1&cursor=${encodeURIComponent(cursor)}`), {
        origin: site.origin,
      });
      expect(more.trips.trips).toBe(1);
    }
  });

  it("a write through the Worker is seen by the very next read", async () => {
    await read("copy");
    expect((await read("copy")).trips.trips).toBe(0);
    await postOk(site, comment("copy", "Troisième", "Cleo"));
    const after = await read("copy");
    expect(after.trips.trips).toBe(1);
    expect(bodies(await after.res.json<ThreadResponse>())).toContain("Troisième");
  });

  it("a write elsewhere (here by hand in D1) is seen once FRESH_MS has passed, and at once with no-cache", async () => {
    await postOk(site, comment("by-hand", "Avant", "Dan"));
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    expect(bodies(await body("by-hand"))).toEqual(["Avant"]);
    await env.DB.prepare("UPDATE comments SET body = 'Corrigé à la main' WHERE body = 'Avant' AND site_id = ?").bind(site.id).run();

    // the bound this copy trades for its speed: what another isolate wrote shows within FRESH_MS
    vi.setSystemTime(start + FRESH_MS - 1);
    expect(bodies(await body("by-hand"))).toEqual(["Avant"]);
    expect(bodies(await body("by-hand", { "Cache-Control": "no-cache" }))).toEqual(["Corrigé à la main"]);
    await env.DB.prepare("UPDATE comments SET body = 'Encore corrigé' WHERE body = 'Corrigé à la main' AND site_id = ?")
      .bind(site.id)
      .run();
    vi.setSystemTime(start + 2 * FRESH_MS);
    expect(bodies(await body("by-hand"))).toEqual(["Encore corrigé"]);
  });

  it("a story the clock closes is not shown open past that moment", async () => {
    const closing = await createSite({ settings: { closeAfterDays: 1 } });
    const first = await postOk(closing, comment("closing", "Premier", "Ana"));
    const closesAt = Date.parse(first.comment.createdAt) + 86_400_000;
    const page = (at: number) => {
      vi.setSystemTime(at);
      return counted(sitePath(closing, "/thread?story=closing"), { origin: closing.origin });
    };
    vi.useFakeTimers({ toFake: ["Date"], now: closesAt - FRESH_MS / 2 });
    expect((await (await page(closesAt - FRESH_MS / 2)).res.json<ThreadResponse>()).story.status).toBe("open");
    const copied = await page(closesAt - 1);
    expect(copied.trips.trips).toBe(0);
    const closed = await page(closesAt);
    // asked of D1 again (twice: the page the Cache API holds was stored open, so it is built again)
    expect(closed.trips.trips).toBeGreaterThan(0);
    expect((await closed.res.json<ThreadResponse>()).story.status).toBe("closed");
  });

  it("a read that started before a write ended keeps no copy", async () => {
    await read("copy");
    const record = cachedSite(site.id)!;
    const q = { story: "copy", sort: "newest" as const, limit: 50 };
    const epoch = writeEpoch();
    const stale = await read("copy", { "Cache-Control": "no-cache" });
    // a write runs (and ends) while that read is being answered…
    await postOk(site, comment("copy", "Pendant", "Eve"));
    // …so what it read is not kept, even though it is kept after the write
    keepRecentPage(
      record,
      q,
      { etag: stale.res.headers.get("ETag")!, json: await stale.res.text() },
      {
        epoch,
        confirmedAt: Date.now(),
        closesAt: null,
      },
    );
    expect(recentPage(record, q, Date.now())).toBeNull();
    expect(bodies(await body("copy"))).toContain("Pendant");
  });

  it("50 reads and writes at once: once the last write is answered, the next read shows every comment", async () => {
    await postOk(site, comment("busy", "Départ", "Fay"));
    await read("busy");
    const writes: Promise<unknown>[] = [];
    const reads: Promise<unknown>[] = [];
    for (let i = 0; i < 25; i++) {
      writes.push(postOk(site, comment("busy", `Message ${i}`, `Auteur ${i}`)));
      reads.push(read("busy").then(({ res }) => res.text()));
    }
    await Promise.all([...writes, ...reads]);
    const after = bodies(await body("busy"));
    for (let i = 0; i < 25; i++) expect(after).toContain(`Message ${i}`);
  });
});
