// The external scoring providers (issue 11 point 5), each against its local stub through
// POST /api/v1/{site}/comments: flagged, clean, timeout, 500 (or a broken answer), failing open
// (published, noted "<provider>:unavailable" in the stored labels) and failing closed (held, with a
// reason saying the scorer was unavailable). Never the internet.
import { describe, expect, it } from "vitest";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { BASE, comment, sitePath } from "../support";
import {
  AKISMET_TEST_KEY,
  OPENAI_TEST_KEY,
  aiStub,
  postScored,
  received,
  scoreOf,
  scoringEnv,
  scoringSite,
  stubUrl,
  uniqueKey,
  withBindings,
} from "./support";

/** Hold at 80, no nudge: a provider's verdict decides alone. */
const HOLD_ONLY = { scoreNudgeThreshold: 0, scoreHoldThreshold: 80 };

async function posted(res: Response): Promise<PostCommentResponse> {
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${await res.text()}`);
  return res.json<PostCommentResponse>();
}

// A "slow" stub answers (flagged, or spam) 1.5 s after the 400 ms timeout: a comment published and
// labelled "…:unavailable" shows the timeout cut the call. No wall-clock bound: on a busy machine a
// post takes longer than the timeout without anything being wrong.

describe("OpenAI moderation", () => {
  const openai = (mode: string, key = uniqueKey(), apiKey = OPENAI_TEST_KEY) =>
    scoringEnv({ OPENAI_API_KEY: apiKey, OPENAI_MODERATION_URL: stubUrl(`/openai/${mode}/${key}`) });

  it("flagged: held, with its categories and highest score stored; the request as OpenAI documents it", async () => {
    const site = await scoringSite({ scoringOpenai: true, ...HOLD_ONLY });
    const key = uniqueKey();
    const body = await posted(await postScored(site, comment("oa", "Tu es une honte, dégage."), openai("flagged", key)));
    expect(body.comment.status).toBe("pending");
    expect(body.reasons[0]).toMatchObject({ code: "scoring", detail: "score 93 (openai): harassment, hate" });
    expect(await scoreOf(body.comment.id)).toEqual({ value: 93, labels: ["harassment", "hate"], provider: "openai" });
    const [call] = await received(key);
    expect(call!.headers.authorization).toBe(`Bearer ${OPENAI_TEST_KEY}`);
    expect(JSON.parse(call!.body)).toEqual({ model: "omni-moderation-latest", input: "Tu es une honte, dégage." });
  });

  it("flagged, with the site's default thresholds: the author is nudged first (93 ≥ 90), then held", async () => {
    const site = await scoringSite({ scoringOpenai: true });
    const nudged = await postScored(site, comment("oa-nudge", "Tu es une honte, dégage."), openai("flagged"));
    expect(nudged.status).toBe(422);
    expect((await nudged.json<{ error: { code: string; details: unknown } }>()).error).toMatchObject({
      code: "charter_violation",
      details: { words: [], charter: "" },
    });
    const sent = await posted(
      await postScored(site, comment("oa-nudge", "Tu es une honte, dégage.", "Ana", { confirm: true }), openai("flagged")),
    );
    expect(sent.comment.status).toBe("pending");
  });

  it("clean: published, scored 0", async () => {
    const site = await scoringSite({ scoringOpenai: true, ...HOLD_ONLY });
    const body = await posted(await postScored(site, comment("oa-clean", "Merci pour cet article."), openai("clean")));
    expect(body.comment.status).toBe("published");
    expect(await scoreOf(body.comment.id)).toMatchObject({ value: 0, labels: [] });
  });

  it("timeout, failing open: published within the timeout, noted as unscored by OpenAI", async () => {
    const site = await scoringSite({ scoringOpenai: true, ...HOLD_ONLY });
    const res = await postScored(site, comment("oa-slow", "Un avis."), openai("slow"));
    const body = await posted(res);
    expect(body.comment.status).toBe("published");
    expect(await scoreOf(body.comment.id)).toEqual({ value: 0, labels: ["openai:unavailable"], provider: "builtin" });
  });

  it("timeout, failing closed: held, the reason saying the scorer was unavailable", async () => {
    const site = await scoringSite({ scoringOpenai: true, scoringOpenaiFailClosed: true, ...HOLD_ONLY });
    const res = await postScored(site, comment("oa-slow-closed", "Un avis."), openai("slow"));
    const body = await posted(res);
    expect(body.comment.status).toBe("pending");
    expect(body.reasons).toEqual([expect.objectContaining({ code: "scoring", detail: "unavailable: openai" })]);
  });

  it("500, failing open then closed", async () => {
    const open = await scoringSite({ scoringOpenai: true, ...HOLD_ONLY });
    const a = await posted(await postScored(open, comment("oa-500", "Un avis."), openai("fail")));
    expect(a.comment.status).toBe("published");
    expect((await scoreOf(a.comment.id))!.labels).toEqual(["openai:unavailable"]);
    const closed = await scoringSite({ scoringOpenai: true, scoringOpenaiFailClosed: true, ...HOLD_ONLY });
    const b = await posted(await postScored(closed, comment("oa-500", "Un avis."), openai("fail")));
    expect(b.comment.status).toBe("pending");
    expect(b.reasons[0]!.detail).toBe("unavailable: openai");
  });

  it("an answer without results, a refused key, or no key at all: unavailable", async () => {
    const site = await scoringSite({ scoringOpenai: true, scoringOpenaiFailClosed: true, ...HOLD_ONLY });
    for (const bindings of [openai("garbage"), openai("flagged", uniqueKey(), "sk-wrong"), openai("flagged", uniqueKey(), "")]) {
      const body = await posted(await postScored(site, comment(`oa-broken-${uniqueKey()}`, "Un avis."), bindings));
      expect(body.comment.status).toBe("pending");
      expect(body.reasons[0]!.detail).toBe("unavailable: openai");
    }
  });

  it("a post the rules refuse anyway (the charter's words, a flood) costs no call", async () => {
    const site = await scoringSite({ scoringOpenai: true, ...HOLD_ONLY, bannedWords: ["connard"], floodMaxPerIp: 1 });
    const key = uniqueKey();
    const words = await postScored(site, comment("oa-refused", "Quel connard."), openai("clean", key));
    expect(words.status).toBe(422);
    expect(await received(key)).toEqual([]);
    // a flood from one network: the first post is scored, the refused ones are not
    const bindings = openai("clean", key);
    const from = (n: number) =>
      withBindings(
        bindings,
        new Request(new URL(sitePath(site, "/comments"), BASE), {
          method: "POST",
          headers: { Origin: site.origin, "Content-Type": "application/json", "CF-Connecting-IP": "203.0.113.250" },
          body: JSON.stringify(comment("oa-flood", `Avis numéro ${n}.`, `Lecteur ${n}`)),
        }),
      );
    expect((await from(1)).status).toBe(201);
    for (let n = 2; n <= 4; n++) expect((await from(n)).status).toBe(429);
    expect(await received(key)).toHaveLength(1);
  });

  it("off (the default): never asked, even with a key", async () => {
    const site = await scoringSite(HOLD_ONLY);
    const key = uniqueKey();
    const body = await posted(await postScored(site, comment("oa-off", "Un avis."), openai("flagged", key)));
    expect(body.comment.status).toBe("published");
    expect(await received(key)).toEqual([]);
  });
});

describe("Akismet", () => {
  const akismet = (mode: string, key = uniqueKey(), apiKey = AKISMET_TEST_KEY) =>
    scoringEnv({ AKISMET_API_KEY: apiKey, AKISMET_URL: stubUrl(`/akismet/${mode}/${key}`) });

  it("spam: held, labelled spam; the form carries the key, the site, the poster's IP and name", async () => {
    const site = await scoringSite({ scoringAkismet: true, ...HOLD_ONLY });
    const key = uniqueKey();
    const res = await postScored(site, comment("ak", "Gagnez 1000 € par jour depuis chez vous", "Promo"), akismet("spam", key));
    const body = await posted(res);
    expect(body.comment.status).toBe("pending");
    expect(await scoreOf(body.comment.id)).toEqual({ value: 90, labels: ["spam"], provider: "akismet" });
    const [call] = await received(key);
    expect(call!.path).toBe(`/akismet/spam/${key}/1.1/comment-check`);
    expect(call!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(call!.body);
    expect(form.get("api_key")).toBe(AKISMET_TEST_KEY);
    expect(form.get("blog")).toBe(site.origin);
    expect(form.get("user_ip")).toMatch(/^198\.51\.\d+\.\d+$/);
    expect(form.get("comment_type")).toBe("comment");
    expect(form.get("comment_author")).toBe("Promo");
    expect(form.get("comment_content")).toBe("Gagnez 1000 € par jour depuis chez vous");
  });

  it("spam Akismet says to discard: scored 100", async () => {
    const site = await scoringSite({ scoringAkismet: true, ...HOLD_ONLY });
    const body = await posted(await postScored(site, comment("ak-discard", "Cheap pills"), akismet("discard")));
    expect(body.comment.status).toBe("pending");
    expect(await scoreOf(body.comment.id)).toEqual({ value: 100, labels: ["spam", "spam:discard"], provider: "akismet" });
  });

  it("ham: published, scored 0", async () => {
    const site = await scoringSite({ scoringAkismet: true, ...HOLD_ONLY });
    const body = await posted(await postScored(site, comment("ak-ham", "Merci pour cet article."), akismet("ham")));
    expect(body.comment.status).toBe("published");
    expect(await scoreOf(body.comment.id)).toMatchObject({ value: 0, labels: [] });
  });

  it("timeout: failing open publishes (noted), failing closed holds, both within the timeout", async () => {
    const open = await scoringSite({ scoringAkismet: true, ...HOLD_ONLY });
    const res = await postScored(open, comment("ak-slow", "Un avis."), akismet("slow"));
    const a = await posted(res);
    expect(a.comment.status).toBe("published");
    expect((await scoreOf(a.comment.id))!.labels).toEqual(["akismet:unavailable"]);
    const closed = await scoringSite({ scoringAkismet: true, scoringAkismetFailClosed: true, ...HOLD_ONLY });
    const b = await posted(await postScored(closed, comment("ak-slow", "Un avis."), akismet("slow")));
    expect(b.comment.status).toBe("pending");
    expect(b.reasons[0]!.detail).toBe("unavailable: akismet");
  });

  it("500 and 'invalid' (a bad key): failing open publishes, failing closed holds", async () => {
    const open = await scoringSite({ scoringAkismet: true, ...HOLD_ONLY });
    const closed = await scoringSite({ scoringAkismet: true, scoringAkismetFailClosed: true, ...HOLD_ONLY });
    for (const mode of ["fail", "invalid"]) {
      const a = await posted(await postScored(open, comment(`ak-${mode}`, "Un avis."), akismet(mode)));
      expect(a.comment.status).toBe("published");
      expect((await scoreOf(a.comment.id))!.labels).toEqual(["akismet:unavailable"]);
      const b = await posted(await postScored(closed, comment(`ak-${mode}`, "Un avis."), akismet(mode)));
      expect(b.comment.status).toBe("pending");
    }
    const noKey = await posted(await postScored(closed, comment("ak-nokey", "Un avis."), akismet("spam", uniqueKey(), "")));
    expect(noKey.reasons[0]!.detail).toBe("unavailable: akismet");
  });
});

describe("Workers AI (Llama Guard 3)", () => {
  const ai = (extra: object = {}) => scoringEnv({ AI: aiStub(), ...extra });

  it("unsafe: held, its hazard categories named", async () => {
    const site = await scoringSite({ scoringWorkersAi: true, ...HOLD_ONLY });
    const body = await posted(await postScored(site, comment("ai", "Ces gens-là [[unsafe]]"), ai()));
    expect(body.comment.status).toBe("pending");
    expect(body.reasons[0]).toMatchObject({ code: "scoring", detail: "score 100 (workers-ai): hate" });
    expect(await scoreOf(body.comment.id)).toEqual({ value: 100, labels: ["hate"], provider: "workers-ai" });
    const many = await posted(await postScored(site, comment("ai", "[[unsafe-many]]"), ai()));
    expect(await scoreOf(many.comment.id)).toMatchObject({ labels: ["violent_crimes", "hate"] });
    const object = await posted(await postScored(site, comment("ai", "[[object]]"), ai()));
    expect(await scoreOf(object.comment.id)).toMatchObject({ value: 100, labels: ["sexual_content"] });
  });

  it("safe: published, scored 0", async () => {
    const site = await scoringSite({ scoringWorkersAi: true, ...HOLD_ONLY });
    const body = await posted(await postScored(site, comment("ai-safe", "Un avis nuancé."), ai()));
    expect(body.comment.status).toBe("published");
    expect(await scoreOf(body.comment.id)).toMatchObject({ value: 0, labels: [] });
  });

  it("timeout: failing open publishes (noted), failing closed holds, within the timeout", async () => {
    const open = await scoringSite({ scoringWorkersAi: true, ...HOLD_ONLY });
    const res = await postScored(open, comment("ai-slow", "[[slow]]"), ai());
    const a = await posted(res);
    expect(a.comment.status).toBe("published");
    expect((await scoreOf(a.comment.id))!.labels).toEqual(["workers-ai:unavailable"]);
    const closed = await scoringSite({ scoringWorkersAi: true, scoringWorkersAiFailClosed: true, ...HOLD_ONLY });
    const b = await posted(await postScored(closed, comment("ai-slow", "[[slow]]"), ai()));
    expect(b.comment.status).toBe("pending");
    expect(b.reasons[0]!.detail).toBe("unavailable: workers-ai");
  });

  it("an error from the model, or an answer that is neither safe nor unsafe: unavailable", async () => {
    const open = await scoringSite({ scoringWorkersAi: true, ...HOLD_ONLY });
    const closed = await scoringSite({ scoringWorkersAi: true, scoringWorkersAiFailClosed: true, ...HOLD_ONLY });
    for (const marker of ["[[error]]", "[[garbage]]"]) {
      const a = await posted(await postScored(open, comment("ai-err", marker), ai()));
      expect(a.comment.status).toBe("published");
      expect((await scoreOf(a.comment.id))!.labels).toEqual(["workers-ai:unavailable"]);
      const b = await posted(await postScored(closed, comment("ai-err", marker), ai()));
      expect(b.comment.status).toBe("pending");
    }
  });

  it("no AI binding (local development without an account): fails as the site set it", async () => {
    const open = await scoringSite({ scoringWorkersAi: true, ...HOLD_ONLY });
    const a = await posted(await postScored(open, comment("ai-none", "Un avis."), scoringEnv()));
    expect(a.comment.status).toBe("published");
    expect((await scoreOf(a.comment.id))!.labels).toEqual(["workers-ai:unavailable"]);
    const closed = await scoringSite({ scoringWorkersAi: true, scoringWorkersAiFailClosed: true, ...HOLD_ONLY });
    const b = await posted(await postScored(closed, comment("ai-none", "Un avis."), scoringEnv()));
    expect(b.comment.status).toBe("pending");
    expect(b.reasons[0]!.detail).toBe("unavailable: workers-ai");
  });
});

describe("several providers at once", () => {
  it("are asked together: the highest score decides, every label is kept, one slow provider costs one timeout", async () => {
    const site = await scoringSite({
      scoringWorkersAi: true,
      scoringOpenai: true,
      scoringAkismet: true,
      bannedWords: ["connard"],
      ...HOLD_ONLY,
    });
    const bindings = scoringEnv({
      AI: aiStub(),
      OPENAI_API_KEY: OPENAI_TEST_KEY,
      OPENAI_MODERATION_URL: stubUrl(`/openai/slow/${uniqueKey()}`),
      AKISMET_API_KEY: AKISMET_TEST_KEY,
      AKISMET_URL: stubUrl(`/akismet/spam/${uniqueKey()}`),
    });
    const res = await postScored(site, comment("all", "C0NNARD [[unsafe]]"), bindings);
    const body = await posted(res);
    expect(body.comment.status).toBe("pending");
    const score = await scoreOf(body.comment.id);
    expect(score!.value).toBe(100);
    expect(["builtin", "workers-ai"]).toContain(score!.provider);
    expect(score!.labels.sort()).toEqual(["banned_word", "hate", "openai:unavailable", "spam"]);
  });
});
