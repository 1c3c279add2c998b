// What a scoring provider answers, and what the pipeline is told of all of them.
import type { SiteSettings } from "../../schemas/site-settings";

export type ProviderName = "builtin" | "workers-ai" | "openai" | "akismet";

/** One provider's verdict on a comment. */
export interface ProviderScore {
  provider: ProviderName;
  /** 0 (nothing found) to 100 */
  value: number;
  /** what it found: its categories or signals, lower case */
  labels: string[];
  /** words of the site's lists it found (the built-in scorer only), as the lists spell them */
  words?: string[];
}

/** What a provider is given: the comment and who wrote it, as far as the post knows. */
export interface ScoringInput {
  body: string;
  rules: SiteSettings;
  site: { id: string; allowedOrigins: readonly string[] };
  /** the poster's IP (Akismet requires it); UNKNOWN_IP or absent when not known */
  ip?: string;
  /** the name the comment is signed with */
  author?: string;
  /** the story's page, when known */
  permalink?: string | null;
}

/** The Worker's bindings a provider may read (secrets and the AI binding); all optional. */
export interface ScoringEnv {
  AI?: { run(model: string, inputs: unknown): Promise<unknown> };
  OPENAI_API_KEY?: string;
  OPENAI_MODERATION_URL?: string;
  AKISMET_API_KEY?: string;
  AKISMET_URL?: string;
  /** each provider's timeout in milliseconds (default 3000) */
  SCORING_TIMEOUT_MS?: string;
}

/** A provider that could not answer (timeout, error, no key or binding). */
export class ScorerUnavailable extends Error {}

/** An external provider: called with a signal that aborts at the timeout. */
export interface ExternalProvider {
  name: Exclude<ProviderName, "builtin">;
  enabled(rules: SiteSettings): boolean;
  failClosed(rules: SiteSettings): boolean;
  /** false: this comment is not for it (not asked, not counted as unavailable) */
  applies?(input: ScoringInput): boolean;
  score(input: ScoringInput, env: ScoringEnv, signal: AbortSignal): Promise<ProviderScore>;
}

/** All the providers' answers on one comment, as the pipeline's scoring phase reads them. */
export interface ScoringOutcome {
  /** the highest score and the provider that gave it, with every provider's labels; null: none answered */
  score: { value: number; labels: string[]; provider: ProviderName | "none" } | null;
  /** words of the site's lists found through spelling tricks (for the author's nudge and the reason) */
  words: string[];
  /** providers that could not answer, and whether each fails closed (holds) or open (publishes) */
  unavailable: { provider: ProviderName; failClosed: boolean }[];
}
