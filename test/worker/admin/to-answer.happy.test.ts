// The To answer queue through the real APIs: which reader comments await a staff answer, why,
// oldest first, and how they leave it (a staff answer, "No answer needed").
import { beforeAll, describe, expect, it } from "vitest";
import type { ModerationResponse } from "../../../worker/schemas/admin-views";
import { json, type TestSite } from "../support";
import { editComment } from "../sso-support";
import { answerFacts, crossSiteToAnswer, deskSite, dismiss, say, staffReply, toAnswerQueue } from "./desk-support";
import { admin, auditSince, lastAuditId, signedIn, type TestStaff } from "./support";

let site: TestSite;
let cookie: string;
let staff: TestStaff;

const idsOf = (items: { comment: { id: number } }[]) => items.map((i) => i.comment.id);

beforeAll(async () => {
  site = await deskSite({ name: "Le Quotidien", settings: { color: "#aa3300" } });
  ({ staff, cookie } = await signedIn({ [site.id]: "moderator" }));
});

describe("what awaits an answer", () => {
  it("a question mark in the reader's own text puts the comment in the queue, as a question", async () => {
    const saved = await say(site, "rules-1", "Quand le métro rouvrira-t-il ?");
    const q = await toAnswerQueue(site.id, cookie);
    const item = q.items.find((i) => i.comment.id === saved.comment.id)!;
    expect(item).toBeDefined();
    expect(item.answer).toEqual({ waitingSince: saved.comment.createdAt, why: "question" });
    expect(item.site).toEqual({ id: site.id, name: "Le Quotidien", color: "#aa3300" });
    expect(item.revision).toBe(0);
    expect(item.story.key).toBe("rules-1");
    expect(await answerFacts(saved.comment.id)).toEqual({ answer_status: "waiting", answered_at: null });
  });

  it("a question mark only inside a quote asks nothing", async () => {
    const saved = await say(site, "rules-2", "> Pourquoi pas ?\n\nJe suis d'accord avec cela.");
    expect(idsOf((await toAnswerQueue(site.id, cookie)).items)).not.toContain(saved.comment.id);
    expect((await answerFacts(saved.comment.id)).answer_status).toBeNull();
  });

  it("a question mark only inside a link asks nothing", async () => {
    const saved = await say(site, "rules-3", "La source : https://x.example/a?b=1 à lire.");
    expect(idsOf((await toAnswerQueue(site.id, cookie)).items)).not.toContain(saved.comment.id);
    expect((await answerFacts(saved.comment.id)).answer_status).toBeNull();
  });

  it("a reply to a staff comment awaits an answer even without a question, as reply_to_staff", async () => {
    const top = await say(site, "rules-4", "L'article oublie la ligne 4.");
    const staffId = await staffReply(site.id, cookie, top.comment.id, "Nous vérifions.");
    const back = await say(site, "rules-4", "Merci beaucoup.", { parentId: staffId });
    const item = (await toAnswerQueue(site.id, cookie)).items.find((i) => i.comment.id === back.comment.id)!;
    expect(item.answer).toEqual({ waitingSince: back.comment.createdAt, why: "reply_to_staff" });
    expect(item.parent).toMatchObject({ id: staffId, authorName: staff.name, body: "Nous vérifions." });
    // the comment that asked nothing stays out of the queue, answered or not
    expect(idsOf((await toAnswerQueue(site.id, cookie)).items)).not.toContain(top.comment.id);
  });

  it("a held question waits outside the queue until it is approved", async () => {
    const strict = await deskSite({ settings: { premoderation: true } });
    const c = (await signedIn({ [strict.id]: "moderator" })).cookie;
    const saved = await say(strict, "held-1", "Est-ce vrai ?");
    expect(saved.comment.status).toBe("pending");
    let q = await toAnswerQueue(strict.id, c);
    expect(q.items).toEqual([]);
    expect(q.counts).toEqual({ pending: 1, reported: 0, toAnswer: 0, appeals: 0, notices: 0 });
    const res = await admin(`/sites/${strict.id}/moderation`, { cookie: c, body: { action: "approve", ids: [saved.comment.id] } });
    expect(res.status).toBe(200);
    q = await toAnswerQueue(strict.id, c);
    expect(idsOf(q.items)).toEqual([saved.comment.id]);
    expect(q.counts).toEqual({ pending: 0, reported: 0, toAnswer: 1, appeals: 0, notices: 0 });
  });

  it("an edit that adds a question puts the comment in the queue, with its new revision", async () => {
    const saved = await say(site, "edit-1", "Bonne analyse.");
    expect(idsOf((await toAnswerQueue(site.id, cookie)).items)).not.toContain(saved.comment.id);
    const res = await editComment(site, saved.comment.id, { body: "Bonne analyse, mais quelle source ?" }, { token: saved.commenterToken });
    expect(res.status).toBe(200);
    const item = (await toAnswerQueue(site.id, cookie)).items.find((i) => i.comment.id === saved.comment.id)!;
    expect(item.revision).toBe(1);
    expect(item.answer).toEqual({ waitingSince: saved.comment.createdAt, why: "question" });
  });
});

describe("leaving the queue", () => {
  it("a staff reply answers the comment: it leaves the queue and keeps when it was first answered", async () => {
    const saved = await say(site, "answer-1", "Y aura-t-il une suite ?");
    const before = Date.now();
    await staffReply(site.id, cookie, saved.comment.id);
    expect(idsOf((await toAnswerQueue(site.id, cookie)).items)).not.toContain(saved.comment.id);
    const facts = await answerFacts(saved.comment.id);
    expect(facts.answer_status).toBe("answered");
    expect(facts.answered_at).toBeGreaterThanOrEqual(before);
    // a second answer does not move the first answer time
    await staffReply(site.id, cookie, saved.comment.id, "Et une précision.");
    expect(await answerFacts(saved.comment.id)).toEqual(facts);
  });

  it("a staff reply to a sibling does not answer the others", async () => {
    const top = await say(site, "sibling-1", "Un article sur le budget ?");
    const first = await say(site, "sibling-1", "Et les transports ?", { parentId: top.comment.id });
    const second = await say(site, "sibling-1", "Et les écoles ?", { parentId: top.comment.id });
    await staffReply(site.id, cookie, second.comment.id);
    const ids = idsOf((await toAnswerQueue(site.id, cookie)).items);
    expect(ids).toContain(top.comment.id);
    expect(ids).toContain(first.comment.id);
    expect(ids).not.toContain(second.comment.id);
    expect((await answerFacts(first.comment.id)).answer_status).toBe("waiting");
  });

  it("'No answer needed' dismisses waiting comments, audited one row each, and leaves the others alone", async () => {
    const a = await say(site, "dismiss-1", "C'est une blague ?");
    const b = await say(site, "dismiss-1", "Vraiment ?");
    const plain = await say(site, "dismiss-1", "Rien à demander.");
    const auditFrom = await lastAuditId();
    const res = await dismiss(site.id, cookie, [b.comment.id, a.comment.id, plain.comment.id, a.comment.id]);
    expect(res.status).toBe(200);
    expect(await json<ModerationResponse>(res)).toEqual({ updated: [a.comment.id, b.comment.id] });
    const ids = idsOf((await toAnswerQueue(site.id, cookie)).items);
    expect(ids).not.toContain(a.comment.id);
    expect(ids).not.toContain(b.comment.id);
    expect((await answerFacts(a.comment.id)).answer_status).toBe("dismissed");
    expect((await answerFacts(plain.comment.id)).answer_status).toBeNull();
    const audit = await auditSince(site.id, auditFrom);
    expect(audit.map((r) => [r.staff_id, r.action, r.target_type, r.target_id])).toEqual([
      [staff.id, "dismiss_answer", "comment", String(a.comment.id)],
      [staff.id, "dismiss_answer", "comment", String(b.comment.id)],
    ]);
    // again: nothing left to dismiss, nothing written
    const again = await dismiss(site.id, cookie, [a.comment.id]);
    expect(await json<ModerationResponse>(again)).toEqual({ updated: [] });
    expect(await auditSince(site.id, auditFrom)).toHaveLength(2);
  });
});

describe("order and pages", () => {
  it("lists the oldest first and pages by cursor without repeats, counting every waiting comment", async () => {
    const own = await deskSite();
    const c = (await signedIn({ [own.id]: "moderator" })).cookie;
    const asked: number[] = [];
    for (let i = 0; i < 5; i++) asked.push((await say(own, "order-1", `Question ${i} ?`)).comment.id);
    const first = await toAnswerQueue(own.id, c, "?limit=2");
    expect(idsOf(first.items)).toEqual(asked.slice(0, 2));
    expect(first.counts.toAnswer).toBe(5);
    const second = await toAnswerQueue(own.id, c, `?limit=2&cursor=${first.nextCursor}`);
    expect(idsOf(second.items)).toEqual(asked.slice(2, 4));
    const third = await toAnswerQueue(own.id, c, `?limit=2&cursor=${second.nextCursor}`);
    expect(idsOf(third.items)).toEqual(asked.slice(4));
    expect(third.nextCursor).toBeNull();
  });

  it("other queues carry the item's site and revision but no answer", async () => {
    const saved = await say(site, "other-1", "Où est la suite ?");
    const res = await admin(`/sites/${site.id}/queues/recent`, { cookie });
    const item = (await json<{ items: { comment: { id: number }; answer: unknown; site: unknown; revision: number }[] }>(res)).items.find(
      (i) => i.comment.id === saved.comment.id,
    )!;
    expect(item.answer).toBeNull();
    expect(item.site).toEqual({ id: site.id, name: "Le Quotidien", color: "#aa3300" });
    expect(item.revision).toBe(0);
  });
});

describe("across the member's sites", () => {
  it("lists every site's waiting comments together, oldest first, each with its site, page by page", async () => {
    const one = await deskSite({ name: "Alpha", settings: { color: "#112233" } });
    const two = await deskSite({ name: "Beta" });
    const c = (await signedIn({ [one.id]: "moderator", [two.id]: "admin" })).cookie;
    const a1 = await say(one, "x-1", "Première ?");
    const b1 = await say(two, "x-1", "Deuxième ?");
    const a2 = await say(one, "x-1", "Troisième ?");
    const b2 = await say(two, "x-1", "Quatrième ?");
    const first = await crossSiteToAnswer(c, "?limit=3");
    expect(first.queue).toBe("to-answer");
    expect(idsOf(first.items)).toEqual([a1.comment.id, b1.comment.id, a2.comment.id]);
    expect(first.items.map((i) => i.site)).toEqual([
      { id: one.id, name: "Alpha", color: "#112233" },
      { id: two.id, name: "Beta", color: "#3b5bdb" },
      { id: one.id, name: "Alpha", color: "#112233" },
    ]);
    expect(first.items[1]!.answer).toEqual({ waitingSince: b1.comment.createdAt, why: "question" });
    const next = await crossSiteToAnswer(c, `?limit=3&cursor=${first.nextCursor}`);
    expect(idsOf(next.items)).toEqual([b2.comment.id]);
    expect(next.nextCursor).toBeNull();
  });

  it("is empty for a member whose sites have nothing waiting", async () => {
    const quiet = await deskSite();
    const c = (await signedIn({ [quiet.id]: "moderator" })).cookie;
    await say(quiet, "q-1", "Rien à demander.");
    expect(await crossSiteToAnswer(c)).toEqual({ queue: "to-answer", items: [], nextCursor: null });
  });
});
