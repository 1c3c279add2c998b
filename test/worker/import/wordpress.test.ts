// WordPress (WXR) import on a realistic export (test/data/import/wordpress.xml): comments nested
// in their post, an unset GMT date, spam, trash, a pingback, an orphan, a post without a link.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import wxr from "../../data/import/wordpress.xml?raw";
import { runImport, type Skipped } from "../../../worker/import/run";
import { parseWxr } from "../../../worker/import/wxr";
import { createSite } from "../support";
import { chunked, count, d1Executor } from "./support";

describe("npm run import -- wordpress", () => {
  it("imports threads, authors, nesting and statuses, skips what it must with reasons, and adds nothing the second time", async () => {
    const site = (await createSite()).id;
    const skipped: Skipped[] = [];
    const report = await runImport({
      site,
      source: "wordpress",
      parse: parseWxr,
      open: () => chunked(wxr, 61),
      exec: d1Executor(),
      now: Date.now(),
      hooks: { skipped: (s) => void skipped.push(s) },
    });
    expect(report.read).toEqual({ threads: 2, comments: 7 });
    expect(report.created).toEqual({ story: 1, commenter: 3, comment: 4 });
    expect(report.byStatus).toEqual({ approved: 2, spam: 1, deleted: 1 });
    expect(Object.fromEntries(skipped.map((s) => [`${s.kind} ${s.id}`, s.reason]))).toEqual({
      "thread 13": expect.stringMatching(/no URL/),
      "comment 44": "a pingback, not a comment",
      "comment 45": 'orphan: its parent "77" is not in the file',
      "comment 50": expect.stringMatching(/thread "13" was skipped/),
    });

    const { results } = await env.DB.prepare(
      `SELECT i.source_id, c.parent_id, c.depth, c.status, c.body, c.created_at, a.name FROM comments c
       JOIN import_sources i ON i.kind = 'comment' AND i.palabre_id = c.id JOIN commenters a ON a.id = c.author_id
       WHERE c.site_id = ? ORDER BY c.id`,
    )
      .bind(site)
      .all<{
        source_id: string;
        parent_id: number | null;
        depth: number;
        status: string;
        body: string;
        created_at: number;
        name: string;
      }>();
    expect(results.map((r) => [r.source_id, r.status, r.depth, r.name])).toEqual([
      ["40", "published", 0, "Amélie Poulain"],
      ["41", "published", 1, "李小龍"],
      ["42", "rejected", 0, "Casino Royale"],
      ["43", "deleted", 2, "Amélie Poulain"],
    ]);
    expect(results[0]!.body).toBe("J'apporte une tarte & du cidre.\n\nQui vient ? Voir https://blog.example/plan\n**18 h** précises.");
    expect(results[0]!.created_at).toBe(Date.UTC(2024, 5, 1, 10, 5));
    // No GMT date (0000-00-00): the local one, read as UTC.
    expect(results[1]!.created_at).toBe(Date.UTC(2024, 5, 1, 13));
    expect(results[1]!.body).toBe("Moi ! *Avec* des nems.");
    expect(results[2]!.body).toBe("Win big!");
    expect(results[3]!.body).toBe("");
    // Same email in another case: the same commenter.
    expect(await count("SELECT count(*) AS n FROM commenters WHERE site_id = ? AND name = 'Amélie Poulain'", site)).toBe(1);
    expect(
      await count(
        "SELECT comment_count AS n FROM stories WHERE site_id = ? AND key = 'https://blog.example/2024/06/fete-des-voisins/'",
        site,
      ),
    ).toBe(2);

    const again = await runImport({
      site,
      source: "wordpress",
      parse: parseWxr,
      open: () => chunked(wxr),
      exec: d1Executor(),
      now: Date.now(),
    });
    expect(again.created).toEqual({ story: 0, commenter: 0, comment: 0 });
  });
});
