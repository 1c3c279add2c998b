// Export → import into a new site gives the same threads: a site's live export (the staff API's
// stream) read back by `npm run import -- palabre`'s code, then exported again and compared.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parsePalabre } from "../../../worker/import/palabre";
import { runImport } from "../../../worker/import/run";
import { palabreExport, type PalabreExport } from "../../../worker/schemas/export";
import { comment, createSite, postOk } from "../support";
import { admin, signedIn, sitePath } from "../admin/support";
import { chunked, d1Executor } from "../import/support";

/**
 * Each comment as readers know it: story, author, text, status, what it answers (by text) and
 * when. (Featured notes are not imported: the importer brings threads, not the desk's picks.)
 */
function threads(data: PalabreExport): string[] {
  const story = new Map(data.stories.map((s) => [s.id, s.key]));
  const author = new Map(data.commenters.map((c) => [c.id, c.name]));
  const body = new Map(data.comments.map((c) => [c.id, c.body]));
  return data.comments
    .map((c) =>
      JSON.stringify([
        story.get(c.storyId),
        author.get(c.authorId),
        c.body,
        c.status,
        c.replyToId === null ? null : body.get(c.replyToId),
        c.createdAt,
      ]),
    )
    .sort();
}

describe("export then import", () => {
  it("gives the new site the same threads: nesting, authors, texts, statuses, dates", async () => {
    const from = await createSite();
    const to = await createSite();
    const { cookie } = await signedIn({ [from.id]: "admin", [to.id]: "admin" });
    const a = await postOk(from, comment("roundtrip-a", "Premier « avis », été", "Zoé"));
    const b = await postOk(from, { ...comment("roundtrip-a", 'Réponse "citée"\n\nDeux paragraphes', "Ana"), parentId: a.comment.id });
    await postOk(from, { ...comment("roundtrip-a", "Réponse à la réponse", "Zoé"), parentId: b.comment.id });
    const held = await postOk(from, comment("roundtrip-b", "Ailleurs, **gras** et _italique_", "Bob"));
    await env.DB.batch([
      env.DB.prepare("UPDATE comments SET status = 'pending' WHERE id = ?").bind(held.comment.id),
      env.DB.prepare("UPDATE comments SET featured_at = ?, featured_note = 'À lire' WHERE id = ?").bind(Date.now(), a.comment.id),
    ]);

    const first = await (await admin(sitePath(from.id, "/export?format=json"), { cookie })).text();
    const report = await runImport({
      site: to.id,
      source: "palabre",
      parse: parsePalabre,
      open: () => chunked(first, 100),
      exec: d1Executor(),
      now: Date.now(),
    });
    expect(report.created.comment).toBe(4);
    const second = await (await admin(sitePath(to.id, "/export?format=json"), { cookie })).text();

    const before = palabreExport.parse(JSON.parse(first));
    const after = palabreExport.parse(JSON.parse(second));
    expect(after.stories.map((s) => s.key).sort()).toEqual(before.stories.map((s) => s.key).sort());
    expect(threads(after)).toEqual(threads(before));
  });
});
