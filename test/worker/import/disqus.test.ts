// Disqus import on a realistic export (test/data/import/disqus.xml): nesting (a reply met before
// its parent, the depth cap), deleted and spam posts, HTML with entities and scripts, non-ASCII
// names, missing fields, orphans, a thread without URL, a date in another format.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import disqusXml from "../../data/import/disqus.xml?raw";
import { parseDisqus } from "../../../worker/import/disqus";
import { runImport, type ImportReport, type Skipped } from "../../../worker/import/run";
import { MAX_REPLY_DEPTH as SQL_MAX_DEPTH } from "../../../worker/import/sql";
import { MAX_REPLY_DEPTH } from "../../../worker/services/comments";
import { createSite } from "../support";
import { chunked, count, d1Executor } from "./support";

interface Row {
  id: number;
  source_id: string;
  parent_id: number | null;
  reply_to_id: number | null;
  root_id: number | null;
  depth: number;
  body: string;
  status: string;
  deleted_at: number | null;
  reasons: string;
  author: string;
  created_at: number;
}

async function rows(site: string): Promise<Map<string, Row>> {
  const { results } = await env.DB.prepare(
    `SELECT c.*, i.source_id, a.name AS author FROM comments c
     JOIN import_sources i ON i.kind = 'comment' AND i.palabre_id = c.id AND i.site_id = c.site_id
     JOIN commenters a ON a.id = c.author_id WHERE c.site_id = ?`,
  )
    .bind(site)
    .all<Row>();
  return new Map(results.map((r) => [r.source_id, r]));
}

describe("npm run import -- disqus", () => {
  let site: string;
  let report: ImportReport;
  const skipped: Skipped[] = [];
  beforeAll(async () => {
    site = (await createSite()).id;
    report = await runImport({
      site,
      source: "disqus",
      parse: parseDisqus,
      open: () => chunked(disqusXml),
      exec: d1Executor(),
      now: Date.now(),
      batchSize: 3,
      hooks: { skipped: (s) => void skipped.push(s) },
    });
  });

  it("places replies as the Worker does", () => {
    expect(SQL_MAX_DEPTH).toBe(MAX_REPLY_DEPTH);
  });

  it("counts what the file holds, what it wrote and what it skipped, with reasons", () => {
    expect(report.read).toEqual({ threads: 4, comments: 13 });
    expect(report.created).toEqual({ story: 2, commenter: 5, comment: 8 });
    expect(report.byStatus).toEqual({ approved: 5, deleted: 1, spam: 1, pending: 1 });
    expect(skipped.map((s) => `${s.kind} ${s.id}`).sort()).toEqual(
      ["thread 2003", "comment 3007", "comment 3008", "comment 3009", "comment 3010", "comment 3011"].sort(),
    );
    const reason = (id: string) => skipped.find((s) => s.id === id)?.reason;
    expect(reason("2003")).toMatch(/no URL/);
    expect(reason("3007")).toMatch(/orphan: its parent "9999" is not in the file/);
    expect(reason("3008")).toMatch(/thread "2003" was skipped/);
    expect(reason("3009")).toMatch(/date "03\/06\/2024 11:00" is not a date/);
    expect(reason("3010")).toMatch(/empty/);
    expect(reason("3011")).toMatch(/parent "3007" was skipped/);
  });

  it("keeps nesting, statuses, authors and dates", async () => {
    const c = await rows(site);
    const id = (k: string) => c.get(k)!.id;
    expect(c.get("3001")).toMatchObject({
      parent_id: null,
      root_id: null,
      depth: 0,
      status: "published",
      author: "Zoë Ångström",
      created_at: Date.UTC(2024, 4, 1, 9, 12),
    });
    expect(c.get("3002")).toMatchObject({ parent_id: id("3001"), root_id: id("3001"), depth: 1, author: "Jean-Noël" });
    // Deleted, with a reply: a placeholder, its text gone.
    expect(c.get("3003")).toMatchObject({ parent_id: id("3002"), depth: 2, status: "published", body: "" });
    expect(c.get("3003")!.deleted_at).not.toBeNull();
    // Met before its parent in the file, written after it.
    expect(c.get("3004")).toMatchObject({ parent_id: id("3003"), depth: 3, author: "Олена Коваль" });
    expect(id("3004")).toBeGreaterThan(id("3003"));
    // Past the depth cap: shown beside its parent, answering it.
    expect(c.get("3012")).toMatchObject({ parent_id: id("3003"), reply_to_id: id("3004"), depth: 3, created_at: Date.UTC(2024, 4, 1, 12) });
    expect(c.get("3013")).toMatchObject({
      parent_id: id("3003"),
      reply_to_id: id("3012"),
      root_id: id("3001"),
      created_at: Date.UTC(2024, 4, 1, 11),
    });
    expect(c.get("3005")).toMatchObject({ status: "rejected", author: "spammer" });
    expect(JSON.parse(c.get("3005")!.reasons)).toEqual([{ code: "moderator", detail: "spam" }]);
    expect(c.get("3006")).toMatchObject({ status: "pending", author: "Anonymous" });
    // The same person (same Disqus username) is one commenter.
    expect(new Set(["3001", "3003", "3012"].map((k) => c.get(k)!.author))).toEqual(new Set(["Zoë Ångström"]));
  });

  it("turns HTML into Palabre's text: entities decoded, scripts and unsafe links dropped", async () => {
    const c = await rows(site);
    expect(c.get("3001")!.body).toBe("Enfin des pistes **sûres** !\n\nMerci pour l’article & les cartes (https://journal.example/carte).");
    expect(c.get("3002")!.body).toBe("Pas d'accord.\nLes voitures ont aussi *droit* de cité.");
    expect(c.get("3005")!.body).toBe("BUY CHEAP WATCHES here");
    expect(c.get("3012")!.body).toBe("> Pas d'accord.\n\nSi, d’accord, 2024-05-01 10:00:00 UTC.");
  });

  it("keeps the stories' keys, URLs, titles and counters", async () => {
    const s = await env.DB.prepare("SELECT key, url, title, status, comment_count FROM stories WHERE site_id = ? ORDER BY key")
      .bind(site)
      .all();
    expect(s.results).toEqual([
      {
        key: "article-4521",
        url: "https://journal.example/2024/05/velo-ville",
        title: "Le vélo en ville : bilan d'une année",
        status: "open",
        comment_count: 5,
      },
      {
        key: "https://journal.example/2024/06/marche",
        url: "https://journal.example/2024/06/marche",
        title: "Au marché",
        status: "closed",
        comment_count: 0,
      },
    ]);
    const top = (await rows(site)).get("3001")!.id;
    expect(await count("SELECT reply_count AS n FROM comments WHERE id = ?", top)).toBe(4);
  });

  it("creates nothing when run again, and no personal data in clear in import_sources", async () => {
    const before = await count("SELECT count(*) AS n FROM comments WHERE site_id = ?", site);
    const again = await runImport({
      site,
      source: "disqus",
      parse: parseDisqus,
      open: () => chunked(disqusXml, 4096),
      exec: d1Executor(),
      now: Date.now(),
    });
    expect(again.created).toEqual({ story: 0, commenter: 0, comment: 0 });
    expect(await count("SELECT count(*) AS n FROM comments WHERE site_id = ?", site)).toBe(before);
    expect(await count("SELECT comment_count AS n FROM stories WHERE site_id = ? AND key = 'article-4521'", site)).toBe(5);
    const dump = JSON.stringify((await env.DB.prepare("SELECT * FROM import_sources WHERE site_id = ?").bind(site).all()).results);
    for (const secret of ["zoe", "Zoë", "example.org", "Jean", "203.0.113.7"]) expect(dump).not.toContain(secret);
  });
});
