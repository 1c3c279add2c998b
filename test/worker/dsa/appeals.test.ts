// Appeals (DSA Art. 20): the author contests the decision on their comment within 6 months, once
// per decision; another moderator decides when the site has more than one; a reversal restores.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { QueueResponse } from "../../../worker/schemas/admin-views";
import type { AppealDecisionResponse, AppealResponse } from "../../../worker/schemas/dsa-views";
import type { ThreadResponse } from "../../../worker/schemas/views";
import { signedIn } from "../admin/support";
import { getAs } from "../sso-support";
import { countRows, errorOf, json, refusedWithoutWrite } from "../support";
import {
  SIX_MONTHS_MS,
  appeal,
  appealsQueue,
  authored,
  decide,
  desk,
  giveEmail,
  mailsTo,
  ownOf,
  reject,
  statementsOf,
  type Desk,
} from "./statements-support";

const WHY = "I only quoted the article; please read it again.";

async function rejectedComment(d: Desk, story: string, body = "A comment to contest") {
  const c = await authored(d.site, story, body);
  await reject(d, [c.id], { ground: "charter" });
  return c;
}

async function appealOk(d: Desk, c: { id: number; token: string }): Promise<AppealResponse> {
  const res = await appeal(d.site, c.id, { body: WHY }, c.token);
  expect(res.status, await res.clone().text()).toBe(201);
  return json<AppealResponse>(res);
}

/** Moves a comment's statements back in time, as if decided `ms` ago. */
async function age(commentId: number, ms: number) {
  const rows = await statementsOf(commentId);
  await env.DB.batch(
    rows.map((r) => {
      const at = r.created_at - ms;
      const until = new Date(at);
      until.setUTCMonth(until.getUTCMonth() + 6);
      return env.DB.prepare("UPDATE statements SET created_at = ?, contest_until = ? WHERE id = ?").bind(at, until.getTime(), r.id);
    }),
  );
}

describe("the author's appeal", () => {
  it("within 6 months: 201 with the appeal and the statement, in the Appeals queue (oldest first) with its comment", async () => {
    const d = await desk({ defaultLocale: "en" });
    const c = await rejectedComment(d, "a1");
    await age(c.id, SIX_MONTHS_MS - 3 * 24 * 3600_000);
    const body = await appealOk(d, c);
    expect(body.appeal).toMatchObject({ status: "open", decidedAt: null, explanation: null });
    expect(body.statement).toMatchObject({ decision: "removed", canAppeal: false, appeal: { id: body.appeal.id, status: "open" } });

    const second = await rejectedComment(d, "a1", "Another one");
    const later = await appealOk(d, second);
    const queue = await json<QueueResponse>(await appealsQueue(d));
    expect(queue.queue).toBe("appeals");
    expect(queue.items.map((i) => [i.comment.id, i.appeal!.id, i.appeal!.body])).toEqual([
      [c.id, body.appeal.id, WHY],
      [second.id, later.appeal.id, WHY],
    ]);
    expect(queue.items[0]!.statement).toMatchObject({ id: body.statement.id, decision: "removed", source: "moderator" });
    expect(queue.items[0]!.comment).toMatchObject({ status: "rejected", body: "A comment to contest" });
    expect(queue.counts.appeals).toBe(2);
    // a page of one continues after the first appeal
    const first = await json<QueueResponse>(
      await (await import("../admin/support")).admin(`/sites/${d.site.id}/queues/appeals?limit=1`, { cookie: d.cookie }),
    );
    expect(first.items).toHaveLength(1);
    const rest = await json<QueueResponse>(
      await (await import("../admin/support")).admin(`/sites/${d.site.id}/queues/appeals?limit=1&cursor=${first.nextCursor}`, {
        cookie: d.cookie,
      }),
    );
    expect(rest.items.map((i) => i.comment.id)).toEqual([second.id]);
  });

  it("after 6 months: 410 appeal_window_closed, nothing written", async () => {
    const d = await desk();
    const c = await rejectedComment(d, "a2");
    await age(c.id, SIX_MONTHS_MS + 24 * 3600_000);
    const res = await refusedWithoutWrite(() => appeal(d.site, c.id, { body: WHY }, c.token));
    expect(res.status).toBe(410);
    expect((await errorOf(res)).code).toBe("appeal_window_closed");
    expect((await env.DB.prepare("SELECT count(*) AS n FROM appeals WHERE comment_id = ?").bind(c.id).first<{ n: number }>())!.n).toBe(0);
  });

  it("twice: 409 appeal_exists; 50 at once: exactly one", async () => {
    const d = await desk();
    const c = await rejectedComment(d, "a3");
    await appealOk(d, c);
    const again = await appeal(d.site, c.id, { body: WHY }, c.token);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("appeal_exists");

    const burst = await rejectedComment(d, "a3", "Contested by a burst");
    const answers = await Promise.all(Array.from({ length: 50 }, () => appeal(d.site, burst.id, { body: WHY }, burst.token)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM appeals WHERE comment_id = ?").bind(burst.id).first<{ n: number }>())!.n).toBe(
      1,
    );
  });

  it("refuses anyone but the author (401 without a token, 403 with another's), a comment with nothing to contest (404), a short text (400)", async () => {
    const d = await desk();
    const c = await rejectedComment(d, "a4");
    const stranger = await authored(d.site, "a4", "A stranger's comment");
    const cases: [string | null, unknown, number, string][] = [
      [null, { body: WHY }, 401, "credentials_required"],
      [stranger.token, { body: WHY }, 403, "not_author"],
      [c.token, { body: "too short" }, 400, "validation_failed"],
      [c.token, {}, 400, "validation_failed"],
    ];
    for (const [token, body, status, code] of cases) {
      const res = await refusedWithoutWrite(() => appeal(d.site, c.id, body, token));
      expect(res.status, code).toBe(status);
      expect((await errorOf(res)).code).toBe(code);
    }
    // a published comment, no decision: nothing to appeal
    const res = await refusedWithoutWrite(() => appeal(d.site, stranger.id, { body: WHY }, stranger.token));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("nothing_to_appeal");
    expect((await env.DB.prepare("SELECT count(*) AS n FROM appeals WHERE site_id = ?").bind(d.site.id).first<{ n: number }>())!.n).toBe(0);
  });
});

describe("the author's thread read", () => {
  it("shows the appeal and its outcome at once: each moves the thread's ETag on", async () => {
    const d = await desk();
    const c = await rejectedComment(d, "e1");
    const read = (etag?: string) => getAs(d.site, "/thread", { story: "e1" }, { token: c.token }, etag ? { "If-None-Match": etag } : {});
    const first = await read();
    const etag = first.headers.get("ETag")!;
    expect((await read(etag)).status).toBe(304);
    const { appeal: a } = await appealOk(d, c);
    const afterAppeal = await read(etag);
    expect(afterAppeal.status).toBe(200);
    expect((await json<ThreadResponse>(afterAppeal)).own[0]!.statement!.appeal).toMatchObject({ id: a.id, status: "open" });
    const etag2 = afterAppeal.headers.get("ETag")!;
    expect((await decide(d, a.id, { outcome: "uphold" })).status).toBe(200);
    const afterDecision = await read(etag2);
    expect(afterDecision.status).toBe(200);
    expect((await json<ThreadResponse>(afterDecision)).own[0]!.statement!.appeal).toMatchObject({ status: "upheld" });
  });
});

describe("the decision on an appeal", () => {
  it("the moderator who decided may not decide the appeal while the site has another (403); the other may", async () => {
    const d = await desk();
    const other = await signedIn({ [d.site.id]: "moderator" });
    const c = await rejectedComment(d, "b1");
    const { appeal: a } = await appealOk(d, c);
    const before = await countRows();
    const res = await decide(d, a.id, { outcome: "uphold" });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("appeal_needs_other_moderator");
    expect(await countRows()).toEqual(before);
    const ok = await decide(d, a.id, { outcome: "uphold", explanation: "The charter applies." }, other.cookie);
    expect(ok.status).toBe(200);
  });

  it("a site with a single staff member: the same moderator decides", async () => {
    const d = await desk();
    const c = await rejectedComment(d, "b2");
    const { appeal: a } = await appealOk(d, c);
    const res = await decide(d, a.id, { outcome: "uphold" });
    expect(res.status).toBe(200);
    expect((await json<AppealDecisionResponse>(res)).appeal).toMatchObject({ id: a.id, status: "upheld" });
  });

  it("reverse: the comment is published again with its counters, a 'restored' statement, audited, the author told (own and mail)", async () => {
    const d = await desk({ defaultLocale: "en" });
    const root = await authored(d.site, "b3", "The thread's root");
    const c = await authored(d.site, "b3", "A reply wrongly removed", undefined, { parentId: root.id });
    await giveEmail(c.authorId, "appellant@example.org");
    await reject(d, [c.id], { ground: "charter" });
    const counts = () =>
      env.DB.prepare(
        `SELECT (SELECT comment_count FROM stories WHERE id = (SELECT story_id FROM comments WHERE id = ?1)) AS story,
                (SELECT reply_count FROM comments WHERE id = ?2) AS replies,
                (SELECT approved_count FROM commenters WHERE id = ?3) AS approved,
                (SELECT rejected_count FROM commenters WHERE id = ?3) AS rejected`,
      )
        .bind(c.id, root.id, c.authorId)
        .first<{ story: number; replies: number; approved: number; rejected: number }>();
    expect(await counts()).toEqual({ story: 1, replies: 0, approved: 0, rejected: 1 });
    const { appeal: a, statement } = await appealOk(d, c);

    const res = await decide(d, a.id, { outcome: "reverse", explanation: "It was a quotation." });
    expect(res.status).toBe(200);
    const body = await json<AppealDecisionResponse>(res);
    expect(body.appeal).toMatchObject({ id: a.id, status: "reversed", explanation: "It was a quotation." });
    expect(body.statement).toMatchObject({ decision: "restored", source: "appeal", contestUntil: null, canAppeal: false });

    expect(await env.DB.prepare("SELECT status, open_reports FROM comments WHERE id = ?").bind(c.id).first()).toEqual({
      status: "published",
      open_reports: 0,
    });
    expect(await counts()).toEqual({ story: 2, replies: 1, approved: 1, rejected: 0 });
    const rows = await statementsOf(c.id);
    expect(rows.map((r) => [r.decision, r.source, r.appeal_id, r.staff_id])).toEqual([
      ["removed", "moderator", null, d.staffId],
      ["restored", "appeal", a.id, d.staffId],
    ]);
    const audit = await env.DB.prepare("SELECT action, target_id, detail FROM audit_log WHERE site_id = ? AND action = 'appeal_decision'")
      .bind(d.site.id)
      .all<{ action: string; target_id: string; detail: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]!.target_id).toBe(String(c.id));
    expect(JSON.parse(audit.results[0]!.detail)).toMatchObject({ appeal: a.id, statement: statement.id, outcome: "reverse" });

    const mails = await mailsTo(d.site.id, "appellant@example.org");
    expect(mails.map((m) => m.topic)).toEqual(["statement", "appeal"]);
    expect(mails[1]!.subject).toContain("your comment is restored");
    expect(mails[1]!.body).toContain("It was a quotation.");
    // published again: no longer in the author's own list, and out of the queue
    expect((await ownOf(d.site, "b3", c.token)).map((x) => x.id)).not.toContain(c.id);
    expect((await json<QueueResponse>(await appealsQueue(d))).items).toEqual([]);
    // decided already: 409
    const again = await decide(d, a.id, { outcome: "uphold" });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("appeal_decided");
  });

  it("uphold: the comment stays removed, no new statement, the author told (own shows the outcome; mail)", async () => {
    const d = await desk({ defaultLocale: "fr" });
    const c = await authored(d.site, "b4", "Un commentaire contesté");
    await giveEmail(c.authorId, "debout@example.org");
    await reject(d, [c.id], { ground: "charter" });
    const { appeal: a } = await appealOk(d, c);
    const res = await decide(d, a.id, { outcome: "uphold", explanation: "La charte s'applique." });
    expect(res.status).toBe(200);
    expect((await json<AppealDecisionResponse>(res)).statement).toBeNull();
    expect(await env.DB.prepare("SELECT status FROM comments WHERE id = ?").bind(c.id).first()).toEqual({ status: "rejected" });
    expect((await statementsOf(c.id)).map((r) => r.decision)).toEqual(["removed"]);
    const mails = await mailsTo(d.site.id, "debout@example.org");
    expect(mails.map((m) => m.topic)).toEqual(["statement", "appeal"]);
    expect(mails[1]!.subject).toContain("la décision est maintenue");
    const own = await ownOf(d.site, "b4", c.token);
    expect(own[0]!.statement!.appeal).toMatchObject({ id: a.id, status: "upheld", explanation: "La charte s'applique." });
  });

  it("50 decisions at once: one is taken, the others 409", async () => {
    const d = await desk();
    const c = await rejectedComment(d, "b5");
    const { appeal: a } = await appealOk(d, c);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => decide(d, a.id, { outcome: i % 2 ? "uphold" : "reverse" })));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(49);
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE site_id = ? AND action = 'appeal_decision'")
      .bind(d.site.id)
      .first<{ n: number }>();
    expect(audit!.n).toBe(1);
  });

  it("an unknown appeal or another site's: 404 appeal_not_found", async () => {
    const d = await desk();
    const elsewhere = await desk();
    const c = await rejectedComment(elsewhere, "b6");
    const { appeal: a } = await appealOk(elsewhere, c);
    for (const id of [a.id, 999_999_999]) {
      const res = await decide(d, id, { outcome: "reverse" });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("appeal_not_found");
    }
    expect((await decide(d, "abc", { outcome: "reverse" })).status).toBe(400);
    expect((await decide(d, a.id, { outcome: "maybe" })).status).toBe(400);
  });
});
