// Scoring a comment before the pipeline runs: the providers the site turned on, the external ones
// at once and each within its timeout, combined into one outcome the pipeline's scoring phase
// reads (worker/moderation/score.ts). The pipeline itself stays synchronous.
import { env } from "cloudflare:workers";
import { akismet } from "./akismet";
import { scoreBuiltin } from "./builtin";
import { openai } from "./openai";
import { workersAi } from "./workers-ai";
import type { ExternalProvider, ProviderScore, ScoringEnv, ScoringInput, ScoringOutcome } from "./types";

export const EXTERNAL_PROVIDERS: readonly ExternalProvider[] = [workersAi, openai, akismet];

export const DEFAULT_TIMEOUT_MS = 3000;

function timeoutMs(e: ScoringEnv): number {
  const n = Number(e.SCORING_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 30_000) : DEFAULT_TIMEOUT_MS;
}

async function ask(provider: ExternalProvider, input: ScoringInput, e: ScoringEnv, ms: number): Promise<ProviderScore | null> {
  try {
    const result = await provider.score(input, e, AbortSignal.timeout(ms));
    return { ...result, value: Math.min(100, Math.max(0, Math.round(result.value))) };
  } catch (err) {
    // No answer is an answer of its own: the outcome lists it, and the site's fail-open or
    // fail-closed setting decides. Logged for the operator (never the comment's text).
    console.warn(`scoring: ${provider.name} unavailable: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/**
 * Scores a comment with the site's providers; `external: false` asks the built-in scorer only.
 * `bindings` defaults to the Worker's own env.
 */
export async function scoreComment(
  input: ScoringInput,
  options: { external?: boolean } = {},
  bindings: ScoringEnv = env as unknown as ScoringEnv,
): Promise<ScoringOutcome> {
  const { rules } = input;
  const external = options.external === false ? [] : EXTERNAL_PROVIDERS.filter((p) => p.enabled(rules) && (p.applies?.(input) ?? true));
  const ms = timeoutMs(bindings);
  const answers = await Promise.all(external.map((p) => ask(p, input, bindings, ms)));
  const builtin = rules.scoringBuiltin ? scoreBuiltin(input) : null;
  const scores: ProviderScore[] = [...(builtin ? [builtin] : []), ...answers.filter((a): a is ProviderScore => a !== null)];
  const unavailable = external.filter((_, i) => answers[i] === null).map((p) => ({ provider: p.name, failClosed: p.failClosed(rules) }));
  if (scores.length === 0 && unavailable.length === 0) return { score: null, words: [], unavailable };
  const top = scores.reduce<ProviderScore | null>((best, s) => (best === null || s.value > best.value ? s : best), null);
  const labels = new Set<string>();
  for (const s of scores) for (const label of s.labels) labels.add(label);
  for (const u of unavailable) labels.add(`${u.provider}:unavailable`);
  return {
    score: { value: top?.value ?? 0, labels: [...labels], provider: top?.provider ?? "none" },
    words: builtin?.words ?? [],
    unavailable,
  };
}
