// Site isolation, as a suite run for each placement of the two sites (isolation.security.test.ts:
// one database; isolation-databases.security.test.ts: two, issue 14): whatever is posted on one
// site stays on it, even under the same story key.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { FeaturedResponse, RepliesResponse, ThreadResponse } from "../../../worker/schemas/views";
import {
  api,
  comment,
  createSite,
  dbOf,
  errorOf,
  getReplies,
  getThread,
  getThreadAs,
  json,
  post,
  postAs,
  postOk,
  refusedWithoutWrite,
  report,
  seedComments,
  seedCommenter,
  seedStory,
  sitePath,
  type Home,
  type TestSite,
} from "../support";

export function isolationSuite(homeJournal: Home, homeBand: Home): void {
  let journal: TestSite;
  let band: TestSite;
  let journalRoot: number;
  let journalReply: number;

  beforeAll(async () => {
    journal = await createSite({ id: `journal-${homeJournal.toLowerCase().replace("_", "-")}`, db: homeJournal });
    band = await createSite({ id: `band-${homeBand.toLowerCase().replace("_", "-")}`, db: homeBand });
    // Ids are numbered per database: in two databases the band's first comments would get the
    // journal's ids, and "another site's ids" would name the band's own. A filler comment moves the
    // band's numbering away.
    if (homeJournal !== homeBand) {
      const story = await seedStory(band.id, "filler");
      await seedComments(band.id, [{ id: 10_000, storyId: story, authorId: await seedCommenter(band.id, "Filler"), status: "rejected" }]);
    }
    journalRoot = (await postOk(journal, comment("shared-key", "journal secret", "Reporter"))).comment.id;
    journalReply = (await postOk(journal, comment("shared-key", "journal reply", "Editor", { parentId: journalRoot }))).comment.id;
  });

  describe("the same story key on two sites", () => {
    it("is two stories: the other site sees none of the comments", async () => {
      const bandThread = await json<ThreadResponse>(await getThread(band, { story: "shared-key" }));
      expect(bandThread.site.id).toBe(band.id);
      expect(bandThread.comments).toEqual([]);
      expect(bandThread.story.commentCount).toBe(0);

      const journalThread = await json<ThreadResponse>(await getThread(journal, { story: "shared-key" }));
      expect(journalThread.comments.map((c) => c.body)).toEqual(["journal secret"]);
      expect(journalThread.story.commentCount).toBe(2);

      const rows = async (db: D1Database) =>
        (
          await db
            .prepare("SELECT site_id FROM stories WHERE key = 'shared-key' AND site_id IN (?, ?) ORDER BY site_id")
            .bind(journal.id, band.id)
            .all()
        ).results;
      // Each site's story in its own database only.
      if (homeJournal === homeBand) expect(await rows(env.DB)).toEqual([{ site_id: band.id }, { site_id: journal.id }]);
      else {
        expect(await rows(dbOf(journal.id))).toEqual([{ site_id: journal.id }]);
        expect(await rows(dbOf(band.id))).toEqual([{ site_id: band.id }]);
      }
    });

    it("keeps each site's comments and counts apart once both have some", async () => {
      const bandPost = await postOk(band, comment("shared-key", "band news", "Drummer"));
      expect(bandPost.story.commentCount).toBe(1);

      const bandThread = await json<ThreadResponse>(await getThread(band, { story: "shared-key", sort: "oldest" }));
      expect(bandThread.comments.map((c) => c.id)).toEqual([bandPost.comment.id]);
      const journalThread = await json<ThreadResponse>(await getThread(journal, { story: "shared-key", sort: "oldest" }));
      expect(journalThread.comments.map((c) => c.id)).toEqual([journalRoot]);
      expect(journalThread.comments[0]!.replies.map((r) => r.id)).toEqual([journalReply]);
      expect(journalThread.story.commentCount).toBe(2);

      const authors = await dbOf(band.id)
        .prepare("SELECT a.site_id FROM comments c JOIN commenters a ON a.id = c.author_id WHERE c.id = ?")
        .bind(bandPost.comment.id)
        .first();
      expect(authors).toEqual({ site_id: band.id });
    });
  });

  describe("another site's comment ids", () => {
    it("are unknown to the replies endpoint", async () => {
      const res = await getReplies(band, journalRoot);
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("comment_not_found");
      // ...while the owning site still lists them.
      const own = await json<RepliesResponse>(await getReplies(journal, journalRoot));
      expect(own.replies.map((r) => r.id)).toEqual([journalReply]);
    });

    it("cannot be replied to, whatever the story key", async () => {
      for (const parentId of [journalRoot, journalReply]) {
        for (const story of ["shared-key", "band-only"]) {
          const res = await refusedWithoutWrite(() => post(band, comment(story, "hijack", "Intruder", { parentId })));
          expect(res.status).toBe(404);
          expect((await errorOf(res)).code).toBe("parent_not_found");
        }
      }
      const { reply_count } = (await dbOf(journal.id)
        .prepare("SELECT reply_count FROM comments WHERE id = ?")
        .bind(journalRoot)
        .first<{ reply_count: number }>())!;
      expect(reply_count).toBe(1);
    });
  });

  it("one site's origin cannot write to another site", async () => {
    const res = await refusedWithoutWrite(() => post(band, comment("shared-key", "cross-post"), journal.origin));
    expect(res.status).toBe(403);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  describe("moderation state stays on its site", () => {
    it("another site's comment can be neither reported nor featured there", async () => {
      const res = await refusedWithoutWrite(() => report(band, journalRoot, { reason: "spam" }, { ip: "192.0.2.1" }));
      expect(res.status).toBe(404);
      await dbOf(journal.id).prepare("UPDATE comments SET featured_at = ? WHERE id = ?").bind(Date.now(), journalRoot).run();
      try {
        const bandPicks = await json<FeaturedResponse>(await api(sitePath(band, "/featured"), { origin: band.origin }));
        expect(bandPicks.items).toEqual([]);
        const bandThread = await json<ThreadResponse>(await getThread(band, { story: "shared-key" }));
        expect(bandThread.featured).toEqual([]);
        const journalPicks = await json<FeaturedResponse>(await api(sitePath(journal, "/featured"), { origin: journal.origin }));
        expect(journalPicks.items.map((i) => i.id)).toEqual([journalRoot]);
      } finally {
        await dbOf(journal.id).prepare("UPDATE comments SET featured_at = NULL WHERE id = ?").bind(journalRoot).run();
      }
    });

    it("a commenter token is one site's: refused for posting elsewhere, and shows nothing of its own there", async () => {
      const mine = await postOk(journal, comment("shared-key", "journal reader"));
      const res = await refusedWithoutWrite(() => postAs(band, comment("shared-key", "cross"), { token: mine.commenterToken }));
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("invalid_token");
      const thread = await json<ThreadResponse>(await getThreadAs(band, { story: "shared-key" }, { token: mine.commenterToken }));
      expect(thread.own).toEqual([]);
    });
  });
}
