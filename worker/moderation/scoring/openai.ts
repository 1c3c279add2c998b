// OpenAI's moderation endpoint (POST /v1/moderations, Bearer key): `results[0].flagged`, its
// `categories` (true for each one found) and `category_scores` (0 to 1). The score is the highest
// category score (0–100); the labels, the categories it flagged. OPENAI_MODERATION_URL points it
// elsewhere (the tests' local stub; a proxy).
import { ScorerUnavailable, type ExternalProvider } from "./types";

export const OPENAI_MODERATION_URL = "https://api.openai.com/v1/moderations";
export const OPENAI_MODERATION_MODEL = "omni-moderation-latest";

interface ModerationResponse {
  results?: { flagged?: boolean; categories?: Record<string, boolean>; category_scores?: Record<string, number> }[];
}

export const openai: ExternalProvider = {
  name: "openai",
  enabled: (rules) => rules.scoringOpenai,
  failClosed: (rules) => rules.scoringOpenaiFailClosed,
  async score({ body }, env, signal) {
    if (!env.OPENAI_API_KEY) throw new ScorerUnavailable("OPENAI_API_KEY is not set");
    const res = await fetch(env.OPENAI_MODERATION_URL || OPENAI_MODERATION_URL, {
      method: "POST",
      headers: { Authorization: `Bearer ${env.OPENAI_API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: OPENAI_MODERATION_MODEL, input: body }),
      signal,
    });
    if (!res.ok) throw new ScorerUnavailable(`OpenAI answered ${res.status}`);
    const result = ((await res.json()) as ModerationResponse).results?.[0];
    if (!result || typeof result.flagged !== "boolean") throw new ScorerUnavailable("OpenAI's answer has no result");
    const scores = Object.values(result.category_scores ?? {}).filter((v) => typeof v === "number" && Number.isFinite(v));
    let value = Math.round(Math.min(1, Math.max(0, ...scores, 0)) * 100);
    // Flagged means OpenAI's own threshold was crossed, whatever its scores say.
    if (result.flagged) value = Math.max(value, 50);
    const labels = Object.entries(result.categories ?? {})
      .filter(([, on]) => on === true)
      .map(([name]) => name.toLowerCase());
    return { provider: "openai", value, labels };
  },
};
