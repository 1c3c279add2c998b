// Palabre's own export (worker/schemas/export.ts) read back as a stream: brackets and quotes
// inside strings, escapes, every chunk boundary; statuses and nesting as exported.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import exported from "../../data/import/palabre-export.json?raw";
import { parsePalabre } from "../../../worker/import/palabre";
import type { CommentRecord, ThreadRecord } from "../../../worker/import/records";
import { runImport } from "../../../worker/import/run";
import { createSite } from "../support";
import { chunked, count, d1Executor } from "./support";

async function read(size: number) {
  const threads: ThreadRecord[] = [];
  const comments: CommentRecord[] = [];
  await parsePalabre(chunked(exported, size), { thread: (t) => void threads.push(t), comment: (c) => void comments.push(c) });
  return { threads, comments };
}

describe("npm run import -- palabre", () => {
  it("reads the same records whatever the chunk boundaries", async () => {
    const whole = await read(exported.length);
    expect(whole.threads.map((t) => t.key)).toEqual(["https://old.example/a, b]", "story-2"]);
    expect(whole.comments.map((c) => [c.sourceId, c.parentId, c.status, c.authorName])).toEqual([
      ["100", null, "approved", "Gaëlle \\o/"],
      ["101", "100", "approved", "Ömer"],
      ["102", "101", "deleted", "Anonymous"],
      ["103", "102", "approved", "Gaëlle \\o/"],
      ["104", null, "pending", "Ömer"],
      ["105", null, "rejected", "Gaëlle \\o/"],
    ]);
    expect(whole.comments[1]!.body).toBe('Réponse avec "guillemets", {accolades} et [crochets], \\u00e9 échappé');
    for (const size of [1, 2, 3, 7, 64]) expect(await read(size)).toEqual(whole);
  });

  it("imports into a new site with the same threads, and adds nothing the second time", async () => {
    const site = (await createSite()).id;
    // A reader who already signed in on the new site through its SSO: the same person, one row.
    await env.DB.prepare("INSERT INTO commenters (site_id, kind, name, external_id, created_at) VALUES (?, 'sso', 'Ömer K.', 'sub-11', 1)")
      .bind(site)
      .run();
    const run = () =>
      runImport({ site, source: "palabre", parse: parsePalabre, open: () => chunked(exported, 50), exec: d1Executor(), now: Date.now() });
    const report = await run();
    expect(report.created).toEqual({ story: 2, commenter: 3, comment: 6 });
    const sso = await env.DB.prepare("SELECT name, kind, comment_count FROM commenters WHERE site_id = ? AND external_id = 'sub-11'")
      .bind(site)
      .all();
    expect(sso.results).toEqual([{ name: "Ömer K.", kind: "sso", comment_count: 2 }]);
    expect(await count("SELECT count(*) AS n FROM commenters WHERE site_id = ?", site)).toBe(3);
    const { results } = await env.DB.prepare(
      `SELECT c.status, c.depth, c.body, c.deleted_at IS NOT NULL AS deleted, s.key, s.status AS story_status FROM comments c
       JOIN stories s ON s.id = c.story_id WHERE c.site_id = ? ORDER BY c.id`,
    )
      .bind(site)
      .all();
    expect(results.map((r) => [r.key, r.status, r.depth, r.deleted])).toEqual([
      ["https://old.example/a, b]", "published", 0, 0],
      ["https://old.example/a, b]", "published", 1, 0],
      ["https://old.example/a, b]", "published", 2, 1],
      ["https://old.example/a, b]", "published", 3, 0],
      ["story-2", "pending", 0, 0],
      ["story-2", "rejected", 0, 0],
    ]);
    expect(results[4]!.story_status).toBe("closed");
    expect((await run()).created).toEqual({ story: 0, commenter: 0, comment: 0 });
    expect(await count("SELECT count(*) AS n FROM comments WHERE site_id = ?", site)).toBe(6);
  });
});
