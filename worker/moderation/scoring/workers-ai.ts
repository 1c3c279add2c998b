// Workers AI, Llama Guard 3 (@cf/meta/llama-guard-3-8b) on the `AI` binding: the comment is given
// as a user message; the model answers "safe", or "unsafe" and the hazard categories it found
// (S1…S14 of the MLCommons taxonomy), as text ("unsafe\nS10") or as `{ safe, categories }`. It
// gives no probability: unsafe scores 100, safe 0. Without the binding (local development without
// a Cloudflare account) the provider is unavailable and fails as the site set it.
import { ScorerUnavailable, type ExternalProvider } from "./types";

export const LLAMA_GUARD_MODEL = "@cf/meta/llama-guard-3-8b";

/** Llama Guard 3's hazard categories, as labels. */
export const HAZARDS: Record<string, string> = {
  S1: "violent_crimes",
  S2: "non_violent_crimes",
  S3: "sex_related_crimes",
  S4: "child_sexual_exploitation",
  S5: "defamation",
  S6: "specialized_advice",
  S7: "privacy",
  S8: "intellectual_property",
  S9: "indiscriminate_weapons",
  S10: "hate",
  S11: "suicide_self_harm",
  S12: "sexual_content",
  S13: "elections",
  S14: "code_interpreter_abuse",
};

function verdict(output: unknown): { safe: boolean; categories: string[] } {
  const response = (output as { response?: unknown } | null)?.response;
  if (typeof response === "string") {
    const [first = "", ...rest] = response.trim().split(/\s*\n\s*/);
    const word = first.trim().toLowerCase();
    if (word !== "safe" && word !== "unsafe") throw new ScorerUnavailable("Llama Guard's answer is neither safe nor unsafe");
    return {
      safe: word === "safe",
      categories: rest
        .join(",")
        .split(/[\s,]+/)
        .filter(Boolean),
    };
  }
  if (response && typeof response === "object" && typeof (response as { safe?: unknown }).safe === "boolean") {
    const r = response as { safe: boolean; categories?: unknown };
    return { safe: r.safe, categories: Array.isArray(r.categories) ? r.categories.map(String) : [] };
  }
  throw new ScorerUnavailable("Llama Guard's answer has no verdict");
}

export const workersAi: ExternalProvider = {
  name: "workers-ai",
  enabled: (rules) => rules.scoringWorkersAi,
  failClosed: (rules) => rules.scoringWorkersAiFailClosed,
  async score({ body }, env, signal) {
    if (!env.AI || typeof env.AI.run !== "function") throw new ScorerUnavailable("no AI binding");
    // The binding takes no signal: the race with the timeout's abort is what bounds the wait.
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(new ScorerUnavailable("timeout"));
      signal.addEventListener("abort", () => reject(new ScorerUnavailable("timeout")), { once: true });
    });
    const output = await Promise.race([env.AI.run(LLAMA_GUARD_MODEL, { messages: [{ role: "user", content: body }] }), aborted]);
    const { safe, categories } = verdict(output);
    if (safe) return { provider: "workers-ai", value: 0, labels: [] };
    const labels = categories.map((c) => HAZARDS[c.toUpperCase()] ?? c.toLowerCase());
    return { provider: "workers-ai", value: 100, labels: labels.length ? labels : ["unsafe"] };
  },
};
