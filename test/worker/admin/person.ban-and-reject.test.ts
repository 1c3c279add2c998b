// Ban and reject all: the ban and the rejection of every pending and published comment of the
// person, with the counters and the audit rows, in one atomic write.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { BanAndRejectResponse, PersonResponse } from "../../../worker/schemas/admin-views";
import { createSite, errorOf, json, postAs, type TestSite } from "../support";
import { deleteComment } from "../sso-support";
import { admin, auditSince, lastAuditId, postAsPerson, refusedUnchanged, signedIn, snapshot, type TestStaff } from "./support";

let site: TestSite;
let cookie: string;
let staff: TestStaff;

const p = (rest: string) => `/sites/${site.id}${rest}`;
const banAndReject = (id: number, body: unknown) => admin(p(`/commenters/${id}/ban-and-reject`), { cookie, body });

beforeAll(async () => {
  site = await createSite({ settings: { suspectWords: ["louche"], floodMaxPerAuthor: 0, floodMaxPerIp: 0 } });
  ({ staff, cookie } = await signedIn({ [site.id]: "moderator" }));
});

async function statusOf(ids: number[]): Promise<Map<number, string>> {
  const { results } = await env.DB.prepare("SELECT id, status FROM comments WHERE id IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify(ids))
    .all<{ id: number; status: string }>();
  return new Map(results.map((r) => [r.id, r.status]));
}

/** Every counter of the site compared with what its rows say. */
async function countersAgreeWithRows(): Promise<void> {
  const stories = await env.DB.prepare(
    `SELECT key, comment_count AS kept,
            (SELECT count(*) FROM comments c WHERE c.story_id = s.id AND c.status = 'published' AND c.deleted_at IS NULL) AS counted
     FROM stories s WHERE site_id = ?`,
  )
    .bind(site.id)
    .all<{ key: string; kept: number; counted: number }>();
  for (const s of stories.results) expect(s.kept, `story ${s.key}`).toBe(s.counted);
  const threads = await env.DB.prepare(
    `SELECT id, reply_count AS kept,
            (SELECT count(*) FROM comments r WHERE r.root_id = c.id AND r.status = 'published' AND r.deleted_at IS NULL) AS counted
     FROM comments c WHERE site_id = ? AND root_id IS NULL`,
  )
    .bind(site.id)
    .all<{ id: number; kept: number; counted: number }>();
  for (const t of threads.results) expect(t.kept, `thread ${t.id}`).toBe(t.counted);
  const authors = await env.DB.prepare(
    `SELECT id, approved_count AS approved, rejected_count AS rejected,
            (SELECT count(*) FROM comments c WHERE c.author_id = a.id AND c.status = 'published') AS published,
            (SELECT count(*) FROM comments c WHERE c.author_id = a.id AND c.status = 'rejected') AS refused
     FROM commenters a WHERE site_id = ? AND staff_id IS NULL`,
  )
    .bind(site.id)
    .all<{ id: number; approved: number; rejected: number; published: number; refused: number }>();
  for (const a of authors.results) expect([a.approved, a.rejected], `author ${a.id}`).toEqual([a.published, a.refused]);
}

describe("ban and reject", () => {
  it("bans and rejects every pending and published comment on two stories; counters follow", async () => {
    const other = await postAsPerson(site, "Ana", [{ story: "one", body: "Bonjour" }]);
    const troll = await postAsPerson(site, "Troll", [
      { story: "one", body: "Premier" },
      { story: "one", body: "Une réponse", parentId: other.ids[0] },
      { story: "two", body: "Quelque chose de louche" },
      { story: "two", body: "Encore" },
      { story: "two", body: "À supprimer" },
    ]);
    const [first, reply, held, again, removed] = troll.ids as [number, number, number, number, number];
    await admin(p("/moderation"), { cookie, body: { action: "reject", ids: [again] } });
    await deleteComment(site, removed, { token: troll.token });
    const before = await lastAuditId();

    const res = await banAndReject(troll.commenterId, { duration: "permanent", reason: "Spam répété", rejectReason: "spam" });
    expect(res.status).toBe(200);
    const body = await json<BanAndRejectResponse>(res);
    expect(body.rejected).toEqual([first, reply, held]);
    expect(body.author).toMatchObject({
      id: troll.commenterId,
      bannedForever: true,
      banReason: "Spam répété",
      approvedCount: 0,
      rejectedCount: 4,
    });

    const statuses = await statusOf(troll.ids);
    expect([first, reply, held, again, removed].map((id) => statuses.get(id))).toEqual([
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "deleted",
    ]);
    await countersAgreeWithRows();
    const story = (key: string) =>
      env.DB.prepare("SELECT comment_count AS n FROM stories WHERE site_id = ? AND key = ?").bind(site.id, key).first<{ n: number }>();
    expect((await story("one"))!.n).toBe(1);
    expect((await story("two"))!.n).toBe(0);

    const audit = await auditSince(site.id, before);
    expect(audit.map((a) => [a.action, a.target_type, a.target_id])).toEqual([
      ["ban", "commenter", String(troll.commenterId)],
      ["reject", "comment", String(first)],
      ["reject", "comment", String(reply)],
      ["reject", "comment", String(held)],
    ]);
    expect(audit.every((a) => a.staff_id === staff.id)).toBe(true);
    expect(audit[0]!.detail).toMatchObject({ duration: "permanent", reason: "Spam répété" });
    expect(audit[1]!.detail).toEqual({ from: "published", reason: "spam", withBan: true });
    expect(audit[3]!.detail).toEqual({ from: "pending", reason: "spam", withBan: true });

    // The rejection is recorded on each comment as a moderator's, and the person may post no more.
    const view = await json<PersonResponse>(await admin(p(`/commenters/${troll.commenterId}`), { cookie }));
    expect(view.comments.find((c) => c.comment.id === first)!.comment.reasons).toEqual([{ code: "moderator", detail: "spam" }]);
    const refused = await postAs(site, { story: "one", body: "Je reviens", author: { name: "Troll" } }, { token: troll.token });
    expect(refused.status).toBe(403);
  });

  it("suspends for some hours, rejecting with 'other' when no reason is given", async () => {
    const person = await postAsPerson(site, "Vif", [{ story: "three", body: "Un mot" }]);
    const body = await json<BanAndRejectResponse>(
      await banAndReject(person.commenterId, { duration: { hours: 24 }, reason: "Calmez-vous" }),
    );
    expect(body.rejected).toEqual(person.ids);
    expect(body.author.bannedUntil).not.toBeNull();
    const rows = await auditSince(site.id, (await lastAuditId()) - 1);
    expect(rows.map((r) => r.detail)).toEqual([{ from: "published", reason: "other", withBan: true }]);
  });

  it("bans a person with nothing left to reject: rejected is empty", async () => {
    const person = await postAsPerson(site, "Calme", [{ story: "three", body: "Rien" }]);
    await admin(p("/moderation"), { cookie, body: { action: "reject", ids: person.ids } });
    const body = await json<BanAndRejectResponse>(await banAndReject(person.commenterId, { duration: "permanent", reason: "x" }));
    expect(body.rejected).toEqual([]);
    expect(body.author.bannedForever).toBe(true);
  });

  it("rejects exactly the comments open when it writes, while the person keeps posting", async () => {
    const person = await postAsPerson(site, "Rafale", [{ story: "burst", body: "Départ" }]);
    const send = (i: number) =>
      postAs(site, { story: i % 2 ? "burst" : "burst-2", body: `Message ${i}`, author: { name: "Rafale" } }, { token: person.token });
    const before = Array.from({ length: 25 }, (_, i) => send(i));
    const ban = banAndReject(person.commenterId, { duration: "permanent", reason: "Rafale" });
    const after = Array.from({ length: 25 }, (_, i) => send(25 + i));
    const [responses, banned] = await Promise.all([Promise.all([...before, ...after]), ban]);
    const { rejected } = await json<BanAndRejectResponse>(banned);

    const stored = await env.DB.prepare("SELECT id, status FROM comments WHERE author_id = ? ORDER BY id")
      .bind(person.commenterId)
      .all<{ id: number; status: string }>();
    const last = Math.max(...rejected);
    // Every comment stored before the write was rejected by it, and none stored after.
    expect(rejected).toEqual(stored.results.filter((r) => r.id <= last).map((r) => r.id));
    expect(stored.results.filter((r) => r.id <= last).every((r) => r.status === "rejected")).toBe(true);
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    // Posts either got in (and were counted) or were refused by the ban. (A post whose checks ran
    // before the ban may still be stored after it: the post path checks bans before its write.)
    for (const r of responses) expect([201, 403]).toContain(r.status);
    await countersAgreeWithRows();
  });
});

describe("refusals", () => {
  it("refuses a staff member's commenter (409 commenter_is_staff), as the plain ban does", async () => {
    const reader = await postAsPerson(site, "Lectrice", [{ story: "staff", body: "Une question ?" }]);
    await admin(p("/replies"), { cookie, body: { parentId: reader.ids[0], body: "Réponse" } });
    const row = await env.DB.prepare("SELECT id FROM commenters WHERE site_id = ? AND staff_id = ?")
      .bind(site.id, staff.id)
      .first<{ id: number }>();
    for (const path of ["ban-and-reject", "ban"]) {
      const res = await refusedUnchanged(() =>
        admin(p(`/commenters/${row!.id}/${path}`), { cookie, body: { duration: "permanent", reason: "x" } }),
      );
      expect(res.status).toBe(409);
      expect((await errorOf(res)).code).toBe("commenter_is_staff");
    }
  });

  it("refuses an unknown commenter (404) and bad input (400 naming the field)", async () => {
    const unknown = await refusedUnchanged(() => banAndReject(987_654, { duration: "permanent", reason: "x" }));
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("commenter_not_found");
    const person = await postAsPerson(site, "Input", [{ story: "input", body: "Texte" }]);
    const cases: [unknown, string][] = [
      [{ reason: "x" }, "duration"],
      [{ duration: "permanent" }, "reason"],
      [{ duration: "permanent", reason: "x", rejectReason: "rude" }, "rejectReason"],
    ];
    for (const [body, field] of cases) {
      const res = await refusedUnchanged(() => banAndReject(person.commenterId, body));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).issues?.[0]?.path[0]).toBe(field);
    }
  });

  it("changes nothing when any statement of the batch fails", async () => {
    const person = await postAsPerson(site, "Atomique", [
      { story: "atomic-1", body: "Un" },
      { story: "atomic-2", body: "Deux" },
    ]);
    // A failure late in the batch (the recount of one of the stories), as a real fault would be.
    await env.DB.prepare(
      `CREATE TRIGGER fail_recount BEFORE UPDATE OF comment_count ON stories WHEN NEW.key = 'atomic-2'
       BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`,
    ).run();
    try {
      const before = await snapshot();
      const covered = () =>
        env.DB.prepare("SELECT count(*) AS n FROM reader_bans WHERE commenter_id = ?").bind(person.commenterId).first("n");
      const coveredBefore = await covered();
      const res = await banAndReject(person.commenterId, { duration: "permanent", reason: "x" });
      // A D1 fault is answered 503 with Retry-After (issue 10 point 8), and nothing is half-written.
      expect(res.status).toBe(503);
      expect(await snapshot()).toBe(before);
      expect(await covered()).toBe(coveredBefore);
    } finally {
      await env.DB.prepare("DROP TRIGGER fail_recount").run();
    }
    const res = await banAndReject(person.commenterId, { duration: "permanent", reason: "x" });
    expect((await json<BanAndRejectResponse>(res)).rejected).toEqual(person.ids);
  });
});
