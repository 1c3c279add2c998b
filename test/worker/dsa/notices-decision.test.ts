// Notices of illegal content, staff side (DSA Art. 16, 17; issue 11 point 2): a notice lands in the
// Legal notices queue with its age; deciding it removes the comment with a statement of reasons
// (source 'notice') or keeps it, decides every open notice on the comment with it, tells each
// notifier who gave an address and the author, and is audited. Another site sees and decides nothing.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { NoticeDecisionResponse, NoticeQueueResponse, NoticeResponse, TransparencyReport } from "../../../worker/schemas/dsa-notices";
import { comment, createSite, errorOf, json, postOk, type TestSite } from "../support";
import { admin, auditSince, authorCounts, lastAuditId, refusedUnchanged, signedIn, storyCount } from "../admin/support";
import { mailsOf, noticeByReference, notify, statementsOf, validNotice } from "./notices-support";

let site: TestSite;
let other: TestSite;
let cookie: string;
let staffId: number;
let otherCookie: string;

beforeAll(async () => {
  site = await createSite({
    name: "Le Journal",
    origins: ["https://journal.example"],
    settings: { defaultLocale: "fr", floodMaxPerAuthor: 0, floodMaxPerIp: 0, charterClauses: ["Pas d'attaques personnelles."] },
  });
  other = await createSite({ settings: { floodMaxPerIp: 0 } });
  const me = await signedIn({ [site.id]: "moderator" });
  cookie = me.cookie;
  staffId = me.staff.id;
  otherCookie = (await signedIn({ [other.id]: "admin" })).cookie;
});

async function target(text: string) {
  const saved = await postOk(site, comment("https://journal.example/article-2", text, "Gérard"));
  const row = await env.DB.prepare("SELECT author_id, story_id FROM comments WHERE id = ?")
    .bind(saved.comment.id)
    .first<{ author_id: number; story_id: number }>();
  return { id: saved.comment.id, authorId: row!.author_id, storyId: row!.story_id };
}

async function noticeOn(id: number, body: object = validNotice, ip = "198.51.100.50"): Promise<{ reference: string; id: number }> {
  const res = await notify(site, id, body, ip);
  expect(res.status).toBe(201);
  const { reference } = await json<NoticeResponse>(res);
  return { reference, id: (await noticeByReference(reference))!.id };
}

const queue = (siteId: string, c: string, query = "") => admin(`/sites/${siteId}/queues/notices${query}`, { cookie: c });
const decide = (siteId: string, id: number | string, body: unknown, c = cookie) =>
  admin(`/sites/${siteId}/notices/${id}/decision`, { cookie: c, body });
const status = async (id: number) =>
  (await env.DB.prepare("SELECT status FROM comments WHERE id = ?").bind(id).first<{ status: string }>())!.status;

describe("the Legal notices queue", () => {
  it("lists open notices oldest first, each with the comment as the other queues show it, the notice and its age", async () => {
    const a = await target("Premier commentaire visé");
    const b = await target("Second commentaire visé");
    const n1 = await noticeOn(a.id, { ...validNotice, name: "Jeanne", email: "jeanne@example.org" });
    const n2 = await noticeOn(b.id, { ...validNotice, ground: "hate_speech" });
    const n3 = await noticeOn(a.id, { ...validNotice, ground: "harassment" });
    // n1 was received an hour and a half ago.
    await env.DB.prepare("UPDATE notices SET created_at = ? WHERE id = ?")
      .bind(Date.now() - 5400_000, n1.id)
      .run();

    const res = await queue(site.id, cookie);
    expect(res.status).toBe(200);
    const q = await json<NoticeQueueResponse>(res);
    expect(q.queue).toBe("notices");
    const mine = q.items.filter((i) => [n1.id, n2.id, n3.id].includes(i.notice.id));
    expect(mine.map((i) => i.notice.id)).toEqual([n1.id, n2.id, n3.id]);
    expect(mine.map((i) => i.comment.id)).toEqual([a.id, b.id, a.id]);
    const first = mine[0]!;
    expect(first.notice).toMatchObject({
      reference: n1.reference,
      ground: "defamation",
      explanation: validNotice.explanation,
      name: "Jeanne",
      email: "jeanne@example.org",
    });
    expect(first.notice.ageSeconds).toBeGreaterThanOrEqual(5400);
    expect(first.notice.ageSeconds).toBeLessThan(5460);
    expect(mine[1]!.notice.ageSeconds).toBeLessThan(60);
    // the comment as in the other queues: its story, author history, reports, site
    expect(first.comment).toMatchObject({ id: a.id, body: "Premier commentaire visé", status: "published" });
    expect(first.author.name).toBe("Gérard");
    expect(first.story.key).toBe("https://journal.example/article-2");
    expect(first.site.id).toBe(site.id);
    expect(first.reports).toEqual([]);
    // the tabs' counts, the open notices included
    const open = await env.DB.prepare("SELECT count(*) AS n FROM notices WHERE site_id = ? AND status = 'open'")
      .bind(site.id)
      .first<{ n: number }>();
    expect(q.counts).toEqual({ pending: 0, reported: 0, toAnswer: 0, appeals: 0, notices: open!.n });
    expect(open!.n).toBe(3);
    // the other queues carry the same count
    const pending = await json<NoticeQueueResponse>(await admin(`/sites/${site.id}/queues/pending`, { cookie }));
    expect(pending.counts.notices).toBe(3);
  });

  it("pages by cursor, oldest first, without repeats", async () => {
    const c = await target("Pour la pagination");
    for (let i = 0; i < 3; i++) await noticeOn(c.id, validNotice, `198.51.100.${60 + i}`);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const q: NoticeQueueResponse = await json<NoticeQueueResponse>(
        await queue(site.id, cookie, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`),
      );
      expect(q.items.length).toBeLessThanOrEqual(2);
      seen.push(...q.items.map((i) => i.notice.id));
      cursor = q.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(new Set(seen).size).toBe(seen.length);
    const open = await env.DB.prepare("SELECT id FROM notices WHERE site_id = ? AND status = 'open' ORDER BY id")
      .bind(site.id)
      .all<{ id: number }>();
    expect(seen).toEqual(open.results.map((r) => r.id));
    // another queue's cursor is refused
    const bad = await queue(site.id, cookie, `?cursor=${btoa("pending:1").replace(/=+$/, "")}`);
    expect(bad.status).toBe(400);
  });

  it("another site's staff never see them, and cannot read this site's queue", async () => {
    const theirs = await json<NoticeQueueResponse>(await queue(other.id, otherCookie));
    expect(theirs.items.every((i) => i.site.id === other.id)).toBe(true);
    expect((await queue(site.id, otherCookie)).status).toBe(403);
    expect((await queue(site.id, "")).status).toBe(401);
  });
});

describe("deciding: remove", () => {
  it("rejects the comment, recounts, records a 'notice' statement, decides every open notice on it, tells notifiers and author, audits", async () => {
    const t = await target("Ce maire détourne l'argent public, tout le monde le sait.");
    await env.DB.prepare("UPDATE commenters SET email = 'gerard@example.org' WHERE id = ?").bind(t.authorId).run();
    const n1 = await noticeOn(t.id, { ...validNotice, email: "jeanne@example.org" }, "198.51.100.70");
    const n2 = await noticeOn(t.id, { ...validNotice, ground: "harassment", email: "paul@example.org" }, "198.51.100.71");
    const n3 = await noticeOn(t.id, { ...validNotice, ground: "privacy" }, "198.51.100.72");
    const storyBefore = await storyCount(t.storyId);
    const mailsBefore = (await mailsOf(site.id)).length;
    const auditBefore = await lastAuditId();

    const res = await decide(site.id, n1.id, { outcome: "remove", explanation: "Accusation sans fondement visant une personne nommée." });
    expect(res.status).toBe(200);
    const body = await json<NoticeDecisionResponse>(res);
    expect(body.notice).toMatchObject({ id: n1.id, reference: n1.reference, status: "decided", outcome: "removed" });
    expect(body.notice.decidedWith).toEqual([n1.reference, n2.reference, n3.reference]);
    expect(body.statement).toMatchObject({
      decision: "removed",
      source: "notice",
      automatedDetection: false,
      automatedDecision: false,
      groundKind: "illegal",
      ground: "defamation",
      groundLabel: "Diffamation",
      explanation: "Accusation sans fondement visant une personne nommée.",
      canAppeal: true,
      appeal: null,
    });
    expect(body.statement!.facts).toContain(n1.reference);

    expect(await status(t.id)).toBe("rejected");
    expect(await storyCount(t.storyId)).toBe(storyBefore - 1);
    expect((await authorCounts(t.authorId)).rejected).toBe(1);
    const statements = await statementsOf(t.id);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({
      source: "notice",
      notice_id: n1.id,
      staff_id: staffId,
      decision: "removed",
      ground: "defamation",
    });

    for (const n of [n1, n2, n3]) {
      expect(await noticeByReference(n.reference)).toMatchObject({ status: "decided", outcome: "removed", decided_by: staffId });
    }

    const mails = (await mailsOf(site.id)).slice(mailsBefore);
    const notifierMails = mails.filter((m) => m.topic === "notice");
    expect(notifierMails.map((m) => m.recipient).sort()).toEqual(["jeanne@example.org", "paul@example.org"]);
    const jeanne = notifierMails.find((m) => m.recipient === "jeanne@example.org")!;
    expect(jeanne.subject).toBe(`Décision sur votre signalement ${n1.reference} (Le Journal)`);
    expect(jeanne.body).toContain("le commentaire a été retiré");
    expect(jeanne.body).toContain("Diffamation");
    expect(jeanne.body).toContain("Accusation sans fondement");
    expect(notifierMails.find((m) => m.recipient === "paul@example.org")!.body).toContain(n2.reference);
    // the author's statement of reasons
    expect(mails.filter((m) => m.recipient === "gerard@example.org")).toHaveLength(1);

    const audit = await auditSince(site.id, auditBefore);
    expect(audit).toEqual([
      {
        staff_id: staffId,
        action: "notice_decision",
        target_type: "comment",
        target_id: String(t.id),
        detail: {
          notice: n1.reference,
          outcome: "removed",
          ground: "defamation",
          notices: [n1.reference, n2.reference, n3.reference],
          statement: statements[0]!.id,
        },
      },
    ]);
    // the audit log's filter finds it, with the comment it was about
    const log = await json<{ entries: { action: string; target: { type: string; id: string }; comment?: { excerpt: string } | null }[] }>(
      await admin(`/sites/${site.id}/audit?action=notice_decision`, { cookie }),
    );
    expect(log.entries[0]).toMatchObject({ action: "notice_decision", target: { type: "comment", id: String(t.id) } });
    expect(log.entries[0]!.comment?.excerpt).toContain("Ce maire détourne");
    // out of the queue
    const q = await json<NoticeQueueResponse>(await queue(site.id, cookie, "?limit=100"));
    expect(q.items.some((i) => i.comment.id === t.id)).toBe(false);
  });

  it("on another ground: a clause of the charter, worded as it is now", async () => {
    const t = await target("Espèce d'abruti.");
    const n = await noticeOn(t.id, { ...validNotice, ground: "harassment" }, "198.51.100.73");
    const body = await json<NoticeDecisionResponse>(await decide(site.id, n.id, { outcome: "remove", ground: "clause:1" }));
    expect(body.statement).toMatchObject({ groundKind: "terms", ground: "clause:1", source: "notice", explanation: null });
    expect(body.statement!.groundLabel).toContain("Pas d'attaques personnelles.");
  });

  it("a held comment (pending) is removed too", async () => {
    const t = await target("Retenu pour relecture");
    const n = await noticeOn(t.id, validNotice, "198.51.100.74");
    await env.DB.prepare("UPDATE comments SET status = 'pending' WHERE id = ?").bind(t.id).run();
    const body = await json<NoticeDecisionResponse>(await decide(site.id, n.id, { outcome: "remove" }));
    expect(body.statement?.decision).toBe("removed");
    expect(await status(t.id)).toBe("rejected");
  });

  it("a comment already gone (deleted by its author): the notices are decided, no statement, nothing else changes", async () => {
    const t = await target("Bientôt supprimé");
    const n = await noticeOn(t.id, validNotice, "198.51.100.75");
    await env.DB.prepare("UPDATE comments SET status = 'deleted', deleted_at = ? WHERE id = ?").bind(Date.now(), t.id).run();
    const body = await json<NoticeDecisionResponse>(await decide(site.id, n.id, { outcome: "remove" }));
    expect(body.notice.outcome).toBe("removed");
    expect(body.statement).toBeNull();
    expect(await status(t.id)).toBe("deleted");
    expect(await statementsOf(t.id)).toHaveLength(0);
  });
});

describe("deciding: keep", () => {
  it("leaves the comment as it is, records no statement, tells the notifier", async () => {
    const t = await target("Une critique vive mais licite de la politique municipale.");
    const n = await noticeOn(t.id, { ...validNotice, email: "marie@example.org" }, "198.51.100.76");
    const mailsBefore = (await mailsOf(site.id)).length;
    const res = await decide(site.id, n.id, { outcome: "keep", explanation: "Une critique politique, pas une diffamation." });
    expect(res.status).toBe(200);
    const body = await json<NoticeDecisionResponse>(res);
    expect(body.notice).toMatchObject({ status: "decided", outcome: "kept", decidedWith: [n.reference] });
    expect(body.statement).toBeNull();
    expect(await status(t.id)).toBe("published");
    expect(await statementsOf(t.id)).toHaveLength(0);
    const mails = (await mailsOf(site.id)).slice(mailsBefore);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipient).toBe("marie@example.org");
    expect(mails[0]!.body).toContain("le commentaire reste en ligne");
    expect(mails[0]!.body).toContain("Une critique politique, pas une diffamation.");
  });
});

describe("refusals", () => {
  it("already decided: 409 notice_decided, nothing changes (also for the notices decided with another)", async () => {
    const t = await target("Deux signalements");
    const a = await noticeOn(t.id, validNotice, "198.51.100.80");
    const b = await noticeOn(t.id, validNotice, "198.51.100.81");
    expect((await decide(site.id, a.id, { outcome: "keep" })).status).toBe(200);
    for (const id of [a.id, b.id]) {
      const res = await refusedUnchanged(() => decide(site.id, id, { outcome: "remove" }));
      expect(res.status).toBe(409);
      expect((await errorOf(res)).code).toBe("notice_decided");
    }
    expect(await status(t.id)).toBe("published");
  });

  it("two moderators deciding at once: one decision, the other 409", async () => {
    const t = await target("Décidé deux fois ?");
    const n = await noticeOn(t.id, validNotice, "198.51.100.82");
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => decide(site.id, n.id, { outcome: "remove" })),
      ...Array.from({ length: 5 }, () => decide(site.id, n.id, { outcome: "keep" })),
    ]);
    expect(answers.map((r) => r.status).filter((s) => s === 200)).toHaveLength(1);
    expect(answers.map((r) => r.status).filter((s) => s === 409)).toHaveLength(9);
    const decisions = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'notice_decision' AND target_id = ?")
      .bind(String(t.id))
      .first<{ n: number }>();
    expect(decisions!.n).toBe(1);
    expect((await statementsOf(t.id)).length).toBeLessThanOrEqual(1);
  });

  it("another site's notice is 404 notice_not_found, from this site's path and from theirs", async () => {
    const t = await target("Visé depuis ailleurs ?");
    const n = await noticeOn(t.id, validNotice, "198.51.100.83");
    const theirs = await refusedUnchanged(() => decide(other.id, n.id, { outcome: "remove" }, otherCookie));
    expect(theirs.status).toBe(404);
    expect((await errorOf(theirs)).code).toBe("notice_not_found");
    expect((await refusedUnchanged(() => decide(site.id, n.id, { outcome: "remove" }, otherCookie))).status).toBe(403);
    expect((await refusedUnchanged(() => decide(site.id, 999_999_999, { outcome: "remove" }))).status).toBe(404);
    expect((await noticeByReference(n.reference))!.status).toBe("open");
    expect(await status(t.id)).toBe("published");
  });

  it("bad bodies and ids: 400, nothing changes", async () => {
    const t = await target("Mauvaises demandes");
    const n = await noticeOn(t.id, validNotice, "198.51.100.84");
    for (const body of [
      {},
      { outcome: "delete" },
      { outcome: "remove", ground: "spam" },
      { outcome: "remove", ground: "clause:2" },
      { outcome: "remove", explanation: "x".repeat(1001) },
    ]) {
      const res = await refusedUnchanged(() => decide(site.id, n.id, body));
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect((await errorOf(res)).code).toBe("validation_failed");
    }
    expect((await refusedUnchanged(() => decide(site.id, "1e3", { outcome: "keep" }))).status).toBe(400);
    expect((await noticeByReference(n.reference))!.status).toBe("open");
  });
});

describe("in the transparency export", () => {
  it("decided notices count by the ground of their removal (law or terms), kept ones and open ones, with their statements", async () => {
    const fresh = await createSite({ origins: ["https://fresh.example"], settings: { floodMaxPerIp: 0, floodMaxPerAuthor: 0 } });
    const staff = await signedIn({ [fresh.id]: "moderator" });
    const post = async (text: string) => (await postOk(fresh, comment("https://fresh.example/a", text, "Léa"))).comment.id;
    const send = async (id: number, ground: string, ip: string) => {
      const { reference } = await json<NoticeResponse>(await notify(fresh, id, { ...validNotice, ground }, ip));
      return (await noticeByReference(reference))!.id;
    };
    const [a, b, c, d] = [await post("Un"), await post("Deux"), await post("Trois"), await post("Quatre")];
    const na = await send(a, "hate_speech", "192.0.2.1");
    await send(a, "hate_speech", "192.0.2.2"); // decided with na
    const nb = await send(b, "hate_speech", "192.0.2.3");
    const nc = await send(c, "privacy", "192.0.2.4");
    await send(d, "privacy", "192.0.2.5"); // left open
    const decideFresh = (id: number, body: object) => decide(fresh.id, id, body, staff.cookie);
    expect((await decideFresh(na, { outcome: "remove" })).status).toBe(200);
    expect((await decideFresh(nb, { outcome: "remove", ground: "charter" })).status).toBe(200);
    expect((await decideFresh(nc, { outcome: "keep" })).status).toBe(200);

    // from yesterday, so that a run across midnight (UTC) still covers them all
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const res = await admin(`/sites/${fresh.id}/transparency?from=${day(Date.now() - 86_400_000)}&to=${day(Date.now())}`, {
      cookie: staff.cookie,
    });
    const r = await json<TransparencyReport>(res);
    expect(r.notices).toMatchObject({
      received: 5,
      removed: 3,
      removedIllegal: 2,
      removedTerms: 1,
      kept: 1,
      open: 1,
      decidedAutomatically: 0,
    });
    expect(r.notices.byGround.find((g) => g.ground === "hate_speech")).toMatchObject({
      received: 3,
      removed: 3,
      removedIllegal: 2,
      removedTerms: 1,
    });
    expect(r.notices.byGround.find((g) => g.ground === "privacy")).toMatchObject({ received: 2, kept: 1, open: 1 });
    expect(r.decisions.bySource.notice).toBe(2);
    expect(
      r.decisions.byGround.filter((g) => g.ground === "hate_speech" || g.ground === "charter").map((g) => [g.ground, g.removed]),
    ).toEqual([
      ["hate_speech", 1],
      ["charter", 1],
    ]);
    expect(r.notices.medianHandlingSeconds).not.toBeNull();
  });
});
