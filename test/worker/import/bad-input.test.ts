// Issue 12 point 5: a file that is not the format it claims, truncated XML, an unknown site: a
// clear message and nothing written; an import cut short, run again, completes.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import disqusXml from "../../data/import/disqus.xml?raw";
import truncated from "../../data/import/truncated-disqus.xml?raw";
import wxr from "../../data/import/wordpress.xml?raw";
import { parseDisqus } from "../../../worker/import/disqus";
import { parsePalabre } from "../../../worker/import/palabre";
import { ImportError } from "../../../worker/import/records";
import { runImport, type Executor, type Parser } from "../../../worker/import/run";
import { parseWxr } from "../../../worker/import/wxr";
import { createSite } from "../support";
import { chunked, count, d1Executor } from "./support";

async function refused(site: string, parse: Parser, text: string): Promise<string> {
  const exec = d1Executor();
  const error = await runImport({ site, source: "disqus", parse, open: () => chunked(text), exec, now: Date.now() }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect(exec.batches).toBe(0);
  return (error as Error).message;
}

describe("bad input", () => {
  it("refuses a file that is not the format it claims, before writing anything", async () => {
    const site = (await createSite()).id;
    expect(await refused(site, parseDisqus, wxr)).toMatch(/not a Disqus export: its root element is <rss>/);
    expect(await refused(site, parseWxr, disqusXml)).toMatch(/not a WordPress export \(WXR\): its root element is <disqus>/);
    expect(await refused(site, parseWxr, '<?xml version="1.0"?><rss version="2.0"><channel><item/></channel></rss>')).toMatch(
      /not a WordPress export.*no wp: namespace/,
    );
    expect(await refused(site, parseDisqus, '{"format":"palabre-export"}')).toMatch(/looks like JSON/);
    expect(await refused(site, parsePalabre, disqusXml)).toMatch(/not a Palabre export.*looks like XML/);
    expect(await refused(site, parsePalabre, '{"format":"other","version":1,"stories":[{"id":1}]}')).toMatch(/its "format" is "other"/);
    expect(await refused(site, parseDisqus, "Hello, world")).toMatch(/not well-formed XML|no XML element/);
    expect(await refused(site, parseDisqus, "")).toMatch(/empty/);
    expect(await count("SELECT count(*) AS n FROM comments WHERE site_id = ?", site)).toBe(0);
  });

  it("refuses truncated XML, whatever came before the cut", async () => {
    const site = (await createSite()).id;
    expect(await refused(site, parseDisqus, truncated)).toMatch(/ends too early.*truncated/);
    expect(await count("SELECT count(*) AS n FROM stories WHERE site_id = ?", site)).toBe(0);
  });

  it("refuses a truncated Palabre export", async () => {
    const site = (await createSite()).id;
    expect(await refused(site, parsePalabre, '{"format":"palabre-export","version":1,"stories":[')).toMatch(/truncated/);
  });

  it("names a site that does not exist", async () => {
    expect(await refused("no-such-site", parseDisqus, disqusXml)).toBe(
      'There is no site "no-such-site" in this database. Create it first (dashboard › Sites), or check --site.',
    );
  });

  it("completes an import cut short when run again, with nothing twice", async () => {
    const site = (await createSite()).id;
    const real = d1Executor();
    let left = 2;
    // The connection drops after two batches (of 2 comments each).
    const flaky: Executor = {
      query: (sql) => real.query(sql),
      async run(statements) {
        if (left-- <= 0) throw new Error("network down");
        await real.run(statements);
      },
    };
    await expect(
      runImport({ site, source: "disqus", parse: parseDisqus, open: () => chunked(disqusXml), exec: flaky, now: Date.now(), batchSize: 2 }),
    ).rejects.toThrow("network down");
    const partial = await count("SELECT count(*) AS n FROM comments WHERE site_id = ?", site);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(8);
    const report = await runImport({
      site,
      source: "disqus",
      parse: parseDisqus,
      open: () => chunked(disqusXml),
      exec: d1Executor(),
      now: Date.now(),
    });
    expect(report.created.comment).toBe(8 - partial);
    expect(await count("SELECT count(*) AS n FROM comments WHERE site_id = ?", site)).toBe(8);
    expect(await count("SELECT comment_count AS n FROM stories WHERE site_id = ? AND key = 'article-4521'", site)).toBe(5);
    const dup = await env.DB.prepare(
      "SELECT count(*) AS n FROM (SELECT body, created_at FROM comments WHERE site_id = ? GROUP BY body, created_at, author_id HAVING count(*) > 1)",
    )
      .bind(site)
      .first<{ n: number }>();
    expect(dup?.n).toBe(0);
  });
});
