// The site's two thresholds end to end through POST /api/v1/{site}/comments (issue 11 point 5):
// at or above the nudge the author is asked to reconsider (422 charter_violation, nothing
// written; confirm goes on), at or above the hold the comment waits for a moderator, with a
// statement of reasons (source 'scoring', automated detection and decision); 0 turns either off.
// The score and labels show in the pending queue; an edit is scored again.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { QueueResponse } from "../../../worker/schemas/admin-views";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { BASE, comment, errorOf, json, refusedWithoutWrite, sitePath } from "../support";
import { admin, signedIn } from "../admin/support";
import { postScored, scoreOf, scoringEnv, scoringSite, statusOf, withBindings } from "./support";

// The built-in scorer's shouting signal: 60 for all capitals.
const SHOUTED = "C'EST UNE HONTE ABSOLUE CE GOUVERNEMENT";

async function posted(res: Response): Promise<PostCommentResponse> {
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${await res.text()}`);
  return res.json<PostCommentResponse>();
}

describe("thresholds", () => {
  it("nudge: at or above it the author is asked to reconsider, nothing written; confirmed, it is published (hold off)", async () => {
    const site = await scoringSite({ scoreNudgeThreshold: 50, scoreHoldThreshold: 0, charter: "Restons courtois." });
    const res = await refusedWithoutWrite(() => postScored(site, comment("nudge", SHOUTED)));
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({ code: "charter_violation", details: { words: [], charter: "Restons courtois." } });
    const body = await posted(await postScored(site, comment("nudge", SHOUTED, "Ana", { confirm: true })));
    expect(body.comment.status).toBe("published");
    expect(await scoreOf(body.comment.id)).toEqual({ value: 60, labels: ["shouting"], provider: "builtin" });
  });

  it("below the nudge nothing is asked", async () => {
    const site = await scoringSite({ scoreNudgeThreshold: 61, scoreHoldThreshold: 0 });
    expect((await posted(await postScored(site, comment("below", SHOUTED)))).comment.status).toBe("published");
  });

  it("hold: at or above it the comment waits for a moderator, the author told why in their language", async () => {
    const site = await scoringSite({ scoreNudgeThreshold: 0, scoreHoldThreshold: 60 });
    const req = new Request(new URL(sitePath(site, "/comments"), BASE), {
      method: "POST",
      headers: { Origin: site.origin, "Content-Type": "application/json", "Accept-Language": "fr", "CF-Connecting-IP": "203.0.113.9" },
      body: JSON.stringify(comment("hold", SHOUTED)),
    });
    const body = await posted(await withBindings(scoringEnv(), req));
    expect(body.comment.status).toBe("pending");
    expect(body.reasons).toEqual([
      {
        code: "scoring",
        detail: "score 60 (builtin): shouting",
        message: "Votre commentaire sera publié après relecture par la modération.",
      },
    ]);
    expect(await statusOf(body.comment.id)).toEqual({
      status: "pending",
      reasons: [{ code: "scoring", detail: "score 60 (builtin): shouting" }],
    });
  });

  it("both thresholds: nudged first, held once confirmed", async () => {
    const site = await scoringSite({ scoreNudgeThreshold: 40, scoreHoldThreshold: 50 });
    expect((await postScored(site, comment("both", SHOUTED))).status).toBe(422);
    expect((await posted(await postScored(site, comment("both", SHOUTED, "Ana", { confirm: true })))).comment.status).toBe("pending");
  });

  it("0 turns both off: scored and stored, nothing decided", async () => {
    const site = await scoringSite({ scoreNudgeThreshold: 0, scoreHoldThreshold: 0, bannedWords: ["connard"] });
    const body = await posted(await postScored(site, comment("off", "QUEL C0NNARD CE TYPE, VRAIMENT")));
    expect(body.comment.status).toBe("published");
    expect(await scoreOf(body.comment.id)).toEqual({ value: 100, labels: ["banned_word", "shouting"], provider: "builtin" });
  });

  it("the defaults (hold 80, nudge 90) leave shouting, repetition and links alone", async () => {
    const site = await scoringSite({ maxLinks: 10 });
    const cases: [string, number, string[]][] = [
      [SHOUTED, 60, ["shouting"]],
      ["Non non non non non non non non non non !!!!!!!!!!!!", 55, ["repetition"]],
      ["Voir https://a.example https://b.example https://c.example https://d.example", 70, ["link_spam"]],
    ];
    for (const [text, value, labels] of cases) {
      const body = await posted(await postScored(site, comment("defaults", text)));
      expect(body.comment.status).toBe("published");
      expect(await scoreOf(body.comment.id)).toEqual({ value, labels, provider: "builtin" });
    }
  });

  it("a hold by scoring records its statement of reasons: held, source scoring, automated detection and decision", async () => {
    const site = await scoringSite({ scoreNudgeThreshold: 0, scoreHoldThreshold: 60 });
    const body = await posted(await postScored(site, comment("statement", SHOUTED)));
    const rows = await env.DB.prepare("SELECT * FROM statements WHERE comment_id = ?").bind(body.comment.id).all<Record<string, unknown>>();
    expect(rows.results).toHaveLength(1);
    expect(rows.results[0]).toMatchObject({
      decision: "held",
      source: "scoring",
      automated_detection: 1,
      automated_decision: 1,
      ground_kind: "terms",
      ground: "charter",
    });
    // a published comment owes none
    const clean = await posted(await postScored(site, comment("statement", "Un avis posé.")));
    expect(
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM statements WHERE comment_id = ?").bind(clean.comment.id).first<{ n: number }>())!.n,
    ).toBe(0);
  });
});

describe("the pending queue", () => {
  it("shows each comment's score, labels and provider; null for a comment never scored", async () => {
    const site = await scoringSite({ scoreNudgeThreshold: 0, scoreHoldThreshold: 50, bannedWords: ["connard"], suspectWords: ["arnaque"] });
    const shouted = await posted(await postScored(site, comment("queue", SHOUTED)));
    const evaded = await posted(await postScored(site, comment("queue", "Encore une 4rnaque, quel c.o.n.n.a.r.d")));
    // written before scoring existed: no score row
    await env.DB.prepare("DELETE FROM comment_scores WHERE comment_id = ?").bind(shouted.comment.id).run();
    const { cookie } = await signedIn({ [site.id]: "moderator" });
    const res = await admin(`/sites/${site.id}/queues/pending`, { cookie });
    expect(res.status).toBe(200);
    const items = (await json<QueueResponse>(res)).items;
    const byId = new Map(items.map((i) => [i.comment.id, i]));
    expect(byId.get(evaded.comment.id)!.score).toEqual({ value: 100, labels: ["banned_word", "suspect_word"], provider: "builtin" });
    expect(byId.get(evaded.comment.id)!.comment.reasons).toEqual([
      { code: "scoring", detail: "score 100 (builtin): banned_word, suspect_word [connard, arnaque]" },
    ]);
    expect(byId.get(shouted.comment.id)!.score).toBeNull();
  });
});

describe("edits", () => {
  it("an edit is scored again: a banned word got around is nudged, and the new score replaces the old", async () => {
    const site = await scoringSite({ bannedWords: ["connard"], editWindowMinutes: 15 });
    const res = await postScored(site, comment("edit", "Un avis posé."));
    const first = await posted(res);
    expect(await scoreOf(first.comment.id)).toMatchObject({ value: 0 });
    const edit = (body: object) =>
      withBindings(
        scoringEnv(),
        new Request(new URL(sitePath(site, `/comments/${first.comment.id}`), BASE), {
          method: "PATCH",
          headers: { Origin: site.origin, "Content-Type": "application/json", Authorization: `Bearer ${first.commenterToken}` },
          body: JSON.stringify(body),
        }),
      );
    const nudged = await edit({ body: "Un avis posé, c0nnard." });
    expect(nudged.status).toBe(422);
    expect((await errorOf(nudged)).details).toMatchObject({ words: ["connard"] });
    const confirmed = await edit({ body: "Un avis posé, c0nnard.", confirm: true });
    expect(confirmed.status).toBe(200);
    expect((await confirmed.json<{ comment: { status: string } }>()).comment.status).toBe("pending");
    expect(await scoreOf(first.comment.id)).toEqual({ value: 100, labels: ["banned_word"], provider: "builtin" });
  });
});
