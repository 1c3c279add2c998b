// The site export (GET /api/admin/sites/{site}/export): JSON in Palabre's format and CSV, parsed
// back and counted; admins only; a 100 000-comment site streamed page by page.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { palabreExport, CSV_COLUMNS } from "../../../worker/schemas/export";
import { createSite, postOk, comment, seedComments, seedCommenter, seedStory, type SeedComment } from "../support";
import { admin, signedIn, sitePath } from "../admin/support";

async function exportOf(siteId: string, cookie: string, format: "json" | "csv") {
  return admin(sitePath(siteId, `/export?format=${format}`), { cookie });
}

/** A CSV's records (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  return rows;
}

describe("site export", () => {
  it("exports stories, commenters and nested comments in Palabre's format, parsed back by its schema", async () => {
    const site = await createSite();
    const { cookie } = await signedIn({ [site.id]: "admin" });
    const top = await postOk(site, comment("story-a", "Premier, « été » = 1", "Zoé"));
    const reply = await postOk(site, { ...comment("story-a", 'Réponse, "citée"\nsur deux lignes', "Ana"), parentId: top.comment.id });
    await postOk(site, comment("story-b", "Ailleurs", "Bob"));
    await env.DB.prepare("UPDATE comments SET featured_at = ?, featured_note = 'Bien vu' WHERE id = ?")
      .bind(Date.now(), top.comment.id)
      .run();
    await env.DB.prepare("UPDATE commenters SET token_hash = 'secret-hash-' || id WHERE site_id = ?").bind(site.id).run();

    const res = await exportOf(site.id, cookie, "json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("application/json");
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="palabre-.*\.json"/);
    const text = await res.text();
    const data = palabreExport.parse(JSON.parse(text));
    expect(Object.keys(JSON.parse(text))).toEqual(["format", "version", "exportedAt", "site", "stories", "commenters", "comments"]);
    expect(data.site.id).toBe(site.id);
    expect(data.stories.map((s) => s.key).sort()).toEqual(["story-a", "story-b"]);
    expect(data.commenters.map((c) => c.name).sort()).toEqual(["Ana", "Bob", "Zoé"]);
    expect(data.comments).toHaveLength(3);
    const r = data.comments.find((c) => c.id === reply.comment.id)!;
    expect(r.parentId).toBe(top.comment.id);
    expect(r.body).toBe('Réponse, "citée"\nsur deux lignes');
    expect(data.comments.find((c) => c.id === top.comment.id)!.featuredNote).toBe("Bien vu");
    // No token hashes, network hashes or settings secrets.
    expect(text).not.toContain("secret-hash");
    expect(text).not.toMatch(/ip_hash|token|network|ssoSecret/i);

    const csvRes = await exportOf(site.id, cookie, "csv");
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("Content-Type")).toContain("text/csv");
    const rows = parseCsv((await csvRes.text()).replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(4);
    const csvReply = rows.find((row) => row[0] === String(reply.comment.id))!;
    expect(csvReply[CSV_COLUMNS.indexOf("author_name")]).toBe("Ana");
    expect(csvReply[CSV_COLUMNS.indexOf("body")]).toBe('Réponse, "citée"\nsur deux lignes');
  });

  it("is for the site's admins: a moderator, another site's admin and no session are refused", async () => {
    const site = await createSite();
    const other = await createSite();
    const mod = await signedIn({ [site.id]: "moderator" });
    const otherAdmin = await signedIn({ [other.id]: "admin" });
    expect((await exportOf(site.id, mod.cookie, "json")).status).toBe(403);
    expect((await exportOf(site.id, otherAdmin.cookie, "json")).status).toBe(403);
    expect((await admin(sitePath(site.id, "/export"))).status).toBe(401);
    const { cookie } = await signedIn({ [site.id]: "admin" });
    expect((await exportOf(site.id, cookie, "xml" as "json")).status).toBe(400);
    // Another site's comments are never in the file.
    await postOk(other, comment("elsewhere", "Not ours", "Eve"));
    const data = palabreExport.parse(await (await exportOf(site.id, cookie, "json")).json());
    expect(data.comments).toHaveLength(0);
    expect(data.commenters).toHaveLength(0);
  });

  it("streams 100 000 comments page by page: no chunk bigger than a page", async () => {
    const site = await createSite();
    const { cookie } = await signedIn({ [site.id]: "admin" });
    const storyId = await seedStory(site.id, "big");
    const author = await seedCommenter(site.id, "Prolific");
    const base = 5_000_000;
    const N = 100_000;
    const rows: SeedComment[] = [];
    for (let i = 1; i <= N; i++) {
      rows.push(
        i % 10 === 1 || i === 1
          ? { id: base + i, storyId, authorId: author }
          : { id: base + i, storyId, authorId: author, rootId: base + i - ((i - 1) % 10) },
      );
    }
    for (let i = 0; i < N; i += 10_000) await seedComments(site.id, rows.slice(i, i + 10_000));

    const started = Date.now();
    const res = await exportOf(site.id, cookie, "json");
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let chunks = 0;
    let bytes = 0;
    let biggest = 0;
    let ids = 0;
    let tail = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      bytes += value.byteLength;
      biggest = Math.max(biggest, value.byteLength);
      // Count comment objects without holding the file: each has one "storyId".
      const text = tail + decoder.decode(value, { stream: true });
      ids += (text.match(/"storyId":/g) ?? []).length - (tail.match(/"storyId":/g) ?? []).length;
      tail = text.slice(-16);
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `export of ${N} comments: ${(bytes / 1e6).toFixed(1)} MB in ${chunks} chunks, biggest ${(biggest / 1e3).toFixed(0)} kB, ${seconds.toFixed(1)} s`,
    );
    expect(ids).toBe(N);
    // One page of 500 short comments per chunk: the Worker never holds more than that.
    expect(biggest).toBeLessThan(200_000);
    expect(chunks).toBeGreaterThanOrEqual(N / 500);
  }, 120_000);
});

describe("export stream", () => {
  it("reads the next page only when the reader has taken the last one (pull), one page at a time", async () => {
    const { d1ExportSource } = await import("../../../worker/services/export-d1");
    const { jsonExport, prepareExport, textStream } = await import("../../../worker/services/export-stream");
    const site = await createSite();
    const storyId = await seedStory(site.id, "paged");
    const author = await seedCommenter(site.id, "Paged");
    await seedComments(
      site.id,
      Array.from({ length: 2_000 }, (_, i) => ({ id: 9_000_000 + i + 1, storyId, authorId: author })),
    );
    const d1 = d1ExportSource(env.DB);
    const reads: number[] = [];
    const src = {
      ...d1,
      page: async (...a: Parameters<typeof d1.page>) => {
        const rows = await d1.page(...a);
        reads.push(rows.length);
        return rows;
      },
    } as typeof d1;
    const stream = textStream(jsonExport(src, await prepareExport(src, site.id), Date.now(), 100));
    const reader = stream.getReader();
    await reader.read(); // the header
    await reader.read(); // the stories' one page
    expect(reads).toEqual([1]);
    let n = 0;
    while (!(await reader.read()).done) n++;
    expect(Math.max(...reads)).toBe(100);
    expect(reads.filter((r) => r === 100)).toHaveLength(20);
    expect(n).toBeGreaterThan(20);
  });
});
