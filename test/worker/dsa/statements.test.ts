// Statements of reasons (DSA Art. 17): one for every decision that removes, holds or restricts a
// comment, recorded with the decision; readable by the author's token only; mailed when an
// address is known.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { contestUntil } from "../../../common/dsa/grounds";
import type { ThreadResponse } from "../../../worker/schemas/views";
import { admin, sitePath as adminSitePath } from "../admin/support";
import { editComment } from "../sso-support";
import { api, comment, countRows, errorOf, getThread, json, report, sitePath, type TestSite } from "../support";
import { authored, desk, freshIp, giveEmail, mailsTo, moderate, ownOf, reject, statementsOf } from "./statements-support";

const CLAUSES = ["Pas d'attaques personnelles.", "Restez dans le sujet de l'article."];

describe("a moderator's rejection", () => {
  it("records the ground chosen (a clause, worded as it is now), the moderator's text, no automation, 6 months to contest", async () => {
    const d = await desk({ defaultLocale: "fr", charterClauses: CLAUSES });
    const c = await authored(d.site, "s1", "Un avis tranché");
    const before = Date.now();
    await reject(d, [c.id], { reason: "off_topic", ground: "clause:2", explanation: "Le sujet est la réforme, pas le match." });
    const [s, ...more] = await statementsOf(c.id);
    expect(more).toEqual([]);
    expect(s).toMatchObject({
      site_id: d.site.id,
      decision: "removed",
      source: "moderator",
      automated_detection: 0,
      automated_decision: 0,
      ground_kind: "terms",
      ground: "clause:2",
      ground_label: "La charte du site, article 2\u00a0: Restez dans le sujet de l'article.",
      explanation: "Le sujet est la réforme, pas le match.",
      staff_id: d.staffId,
      appeal_id: null,
    });
    expect(s!.facts).toBe("La modération a relu votre commentaire et l'a retiré (motif indiqué\u00a0: hors sujet).");
    expect(s!.created_at).toBeGreaterThanOrEqual(before);
    expect(s!.contest_until).toBe(contestUntil(s!.created_at));
    // The clause's text may change later: the statement keeps the words of the decision.
    await env.DB.prepare("UPDATE sites SET settings = json_set(settings, '$.charterClauses', json('[\"a\",\"b\"]')) WHERE id = ?")
      .bind(d.site.id)
      .run();
    expect((await statementsOf(c.id))[0]!.ground_label).toContain("Restez dans le sujet");
  });

  it("names a legal ground in the site's words; without a ground it is the charter; a bulk rejection records one per comment it removes", async () => {
    const d = await desk({ defaultLocale: "en" });
    const a = await authored(d.site, "s2", "first comment here");
    const b = await authored(d.site, "s2", "second comment here");
    await reject(d, [a.id], { ground: "defamation" });
    expect(await statementsOf(a.id)).toMatchObject([
      {
        ground_kind: "illegal",
        ground: "defamation",
        ground_label: "Defamation",
        explanation: null,
        facts: "A moderator reviewed your comment and removed it.",
      },
    ]);
    // a is rejected already: re-rejecting it (with b) removes only b
    await reject(d, [a.id, b.id]);
    expect(await statementsOf(a.id)).toHaveLength(1);
    expect(await statementsOf(b.id)).toMatchObject([{ ground_kind: "terms", ground: "charter", ground_label: "The site's charter" }]);
  });

  it("says the text was detected by automated means when the comment was held by a rule", async () => {
    const d = await desk({ suspectWords: ["arnaque"] });
    const c = await authored(d.site, "s3", "C'est une arnaque complète");
    await reject(d, [c.id], { ground: "charter" });
    const rows = await statementsOf(c.id);
    expect(rows.map((r) => [r.decision, r.source, r.automated_detection, r.automated_decision])).toEqual([
      ["held", "rule", 1, 1],
      ["removed", "moderator", 1, 0],
    ]);
  });

  it("refuses a clause the site does not have, a ground that is none, and a ground with an approval: 400, nothing written", async () => {
    const d = await desk({ charterClauses: CLAUSES });
    const c = await authored(d.site, "s4", "a comment to judge");
    const before = await countRows();
    for (const body of [
      { action: "reject", ids: [c.id], ground: "clause:3" },
      { action: "reject", ids: [c.id], ground: "rudeness" },
      { action: "reject", ids: [c.id], explanation: "x".repeat(1001) },
      { action: "approve", ids: [c.id], ground: "charter" },
    ]) {
      const res = await moderate(d, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).code).toBe("validation_failed");
    }
    expect(await countRows()).toEqual(before);
    expect(await statementsOf(c.id)).toEqual([]);
  });

  it("mails the author when an address is known (their sign-in email), in the site's language", async () => {
    const d = await desk({ defaultLocale: "fr", charterClauses: CLAUSES });
    const c = await authored(d.site, "s5", "Un commentaire à retirer");
    await giveEmail(c.authorId, "auteur-s5@example.org");
    const silent = await authored(d.site, "s5", "Un autre sans adresse");
    await reject(d, [c.id, silent.id], { ground: "clause:1", explanation: "Attaque personnelle." });
    const mails = await mailsTo(d.site.id, "auteur-s5@example.org");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.topic).toBe("statement");
    expect(mails[0]!.subject).toContain("retiré");
    expect(mails[0]!.body).toContain("Un commentaire à retirer");
    expect(mails[0]!.body).toContain("Pas d'attaques personnelles.");
    expect(mails[0]!.body).toContain("Attaque personnelle.");
    expect(mails[0]!.body).toContain("contester");
    const all = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE site_id = ? AND topic = 'statement'")
      .bind(d.site.id)
      .first<{ n: number }>();
    expect(all!.n).toBe(1);
  });
});

describe("a ban that rejects the author's comments", () => {
  it("records a removal for each comment it rejects (detection read from each), and mails the author", async () => {
    const d = await desk({ defaultLocale: "en", suspectWords: ["scam"] });
    const plain = await authored(d.site, "ban1", "A plain comment");
    const held = await authored(d.site, "ban1", "What a scam", plain.token);
    await giveEmail(plain.authorId, "banned-author@example.org");
    const res = await admin(adminSitePath(d.site.id, `/commenters/${plain.authorId}/ban-and-reject`), {
      cookie: d.cookie,
      body: { duration: { hours: 24 }, reason: "Repeated abuse", rejectReason: "abuse" },
    });
    expect(res.status).toBe(200);
    expect(await statementsOf(plain.id)).toMatchObject([
      { decision: "removed", source: "moderator", automated_detection: 0, automated_decision: 0, ground: "charter", staff_id: d.staffId },
    ]);
    expect((await statementsOf(held.id)).map((r) => [r.decision, r.source, r.automated_detection])).toEqual([
      ["held", "rule", 1],
      ["removed", "moderator", 1],
    ]);
    expect((await mailsTo(d.site.id, "banned-author@example.org")).map((m) => m.topic)).toEqual(["statement", "statement"]);
  });
});

describe("automated rules at post time (source 'rule')", () => {
  it("a hold by watched words: held, detected and decided by automated means, the words never named", async () => {
    const d = await desk({ suspectWords: ["escroc"], defaultLocale: "en" });
    const c = await authored(d.site, "r1", "Ce ministre est un escroc");
    expect(c.res.comment.status).toBe("pending");
    const [s] = await statementsOf(c.id);
    expect(s).toMatchObject({
      decision: "held",
      source: "rule",
      automated_detection: 1,
      automated_decision: 1,
      ground: "charter",
      staff_id: null,
    });
    expect(s!.facts).not.toContain("escroc");
    expect(s!.contest_until).toBe(contestUntil(s!.created_at));
  });

  it("a rejection by banned words sent anyway: removed", async () => {
    const d = await desk({ bannedWords: ["connard"] });
    const c = await authored(d.site, "r2", "Quel connard", undefined, { confirm: true });
    expect(c.res.comment.status).toBe("rejected");
    expect(await statementsOf(c.id)).toMatchObject([
      { decision: "removed", source: "rule", automated_detection: 1, automated_decision: 1 },
    ]);
  });

  it("premoderation: held by an automated decision on content nothing detected; with an Idempotency-Key too, and a retry adds none", async () => {
    const d = await desk({ premoderation: true });
    const c = await authored(d.site, "r3", "Premier avis modéré");
    expect(await statementsOf(c.id)).toMatchObject([{ decision: "held", source: "rule", automated_detection: 0, automated_decision: 1 }]);
    const keyed = (key: string) => fetchKeyed(d.site, key, comment("r3", "Avec une clé d'idempotence", "Clé"));
    const key = `key-r3-${crypto.randomUUID()}`;
    const first = await keyed(key);
    const again = await keyed(key);
    expect(again).toBe(first);
    expect(await statementsOf(first)).toMatchObject([{ decision: "held", source: "rule", comment_id: first }]);
  });

  it("a published comment records nothing", async () => {
    const d = await desk();
    const c = await authored(d.site, "r4", "Rien à redire");
    expect(await statementsOf(c.id)).toEqual([]);
  });
});

async function fetchKeyed(site: TestSite, key: string, body: object): Promise<number> {
  const res = await api(sitePath(site, "/comments"), {
    method: "POST",
    origin: site.origin,
    headers: { "Content-Type": "application/json", "Idempotency-Key": key, "CF-Connecting-IP": "203.0.113.78" },
    body: JSON.stringify(body),
  });
  expect([200, 201]).toContain(res.status);
  return (await json<{ comment: { id: number } }>(res)).comment.id;
}

describe("the report threshold (source 'reports')", () => {
  it("hides the comment as 'restricted' in the report's batch, once, and mails the author", async () => {
    const d = await desk({ reportThreshold: 2, defaultLocale: "en" });
    const c = await authored(d.site, "t1", "A contested opinion");
    await giveEmail(c.authorId, "reported-author@example.org");
    expect((await report(d.site, c.id, { reason: "abuse" }, { ip: "192.0.2.10" })).status).toBe(201);
    expect(await statementsOf(c.id)).toEqual([]);
    expect((await report(d.site, c.id, { reason: "abuse" }, { ip: "192.0.2.11" })).status).toBe(201);
    const rows = await statementsOf(c.id);
    expect(rows).toMatchObject([
      { decision: "restricted", source: "reports", automated_detection: 0, automated_decision: 1, ground: "charter", staff_id: null },
    ]);
    expect(rows[0]!.facts).toBe("Readers reported your comment enough times for it to be hidden until a moderator reviews it.");
    const mails = await mailsTo(d.site.id, "reported-author@example.org");
    expect(mails.map((m) => m.subject)).toEqual([`Your comment on Site ${d.site.id} was hidden pending review`]);
  });
});

describe("the edit of a featured comment (source 'rule')", () => {
  it("holds it with its own facts; an edit of a comment not featured records nothing", async () => {
    const d = await desk({ defaultLocale: "en", editWindowMinutes: 60 });
    const c = await authored(d.site, "f1", "Featured words");
    const featured = await admin(adminSitePath(d.site.id, `/comments/${c.id}/feature`), { cookie: d.cookie, body: { note: "Bien vu" } });
    expect(featured.status).toBe(200);
    const plain = await authored(d.site, "f1", "Plain words");
    expect((await editComment(d.site, plain.id, { body: "Plain words, edited" }, { token: plain.token, ip: freshIp() })).status).toBe(200);
    expect(await statementsOf(plain.id)).toEqual([]);

    const res = await editComment(d.site, c.id, { body: "Featured words, rewritten" }, { token: c.token, ip: freshIp() });
    expect(res.status).toBe(200);
    const rows = await statementsOf(c.id);
    expect(rows).toMatchObject([{ decision: "held", source: "rule", automated_detection: 0, automated_decision: 1, ground: "charter" }]);
    expect(rows[0]!.facts).toContain("after the editors featured it");
  });
});

describe("the author reads them in their thread's `own`", () => {
  it("with their token only: held and removed comments, each with its latest statement; not with another token, not without one, not in the public thread", async () => {
    const d = await desk({ defaultLocale: "en", suspectWords: ["watched"] });
    const removed = await authored(d.site, "o1", "Soon removed");
    const held = await authored(d.site, "o1", "A watched word", removed.token);
    const other = await authored(d.site, "o1", "Someone else's");
    await reject(d, [removed.id], { ground: "harassment", explanation: "Targets a person." });

    const own = await ownOf(d.site, "o1", removed.token);
    expect(own.map((c) => [c.id, c.status])).toEqual([
      [removed.id, "rejected"],
      [held.id, "pending"],
    ]);
    expect(own[0]!.statement).toMatchObject({
      decision: "removed",
      source: "moderator",
      groundKind: "illegal",
      ground: "harassment",
      groundLabel: "Harassment or threats",
      explanation: "Targets a person.",
      automatedDetection: false,
      automatedDecision: false,
      canAppeal: true,
      appeal: null,
    });
    expect(own[0]!.statement!.contestUntil).toBe(new Date(contestUntil(Date.parse(own[0]!.statement!.decidedAt))).toISOString());
    expect(own[1]!.statement).toMatchObject({ decision: "held", source: "rule", automatedDetection: true, automatedDecision: true });

    expect(await ownOf(d.site, "o1", other.token)).toEqual([]);
    expect(await ownOf(d.site, "o1", null)).toEqual([]);
    const thread = await json<ThreadResponse>(await getThread(d.site, { story: "o1" }));
    const publicIds = thread.comments.map((c) => c.id);
    expect(publicIds).toEqual([other.id]);
    expect(JSON.stringify(thread)).not.toContain('"statement"');
  });
});
