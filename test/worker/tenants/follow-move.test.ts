// A site moved to another database while an isolate knew its old home (issue 14): the isolate's
// next request reads the old database's forwarding note and follows it, with no error. A file of its
// own: the move needs a target database where the site's ids are free (a fresh DB_2).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ThreadResponse } from "../../../worker/schemas/views";
import { moveSite } from "../../../worker/services/move";
import { comment, createSite, getThread, json, postOk } from "../support";

const count = async (db: D1Database, table: string, siteId: string) =>
  (await db.prepare(`SELECT count(*) AS n FROM ${table} WHERE site_id = ?`).bind(siteId).first<{ n: number }>())!.n;

describe("a site that moved while an isolate knew its old home", () => {
  it("the next read and write follow it to its new database, with no error", async () => {
    const site = await createSite();
    const first = await postOk(site, comment("story", "before the move"));
    // This isolate now knows the site lives in DB (its copy of the home and of the site's row).
    expect((await getThread(site, { story: "story" })).status).toBe(200);
    await moveSite(env, { site: site.id, to: "DB_2" });
    const thread = await json<ThreadResponse>(await getThread(site, { story: "story" }));
    expect(thread.comments.map((c) => c.id)).toEqual([first.comment.id]);
    const after = await postOk(site, comment("story", "after the move"));
    expect(await count(env.DB_2, "comments", site.id)).toBe(2);
    expect(await count(env.DB, "comments", site.id)).toBe(0);
    expect(after.story.commentCount).toBe(2);
  });
});
