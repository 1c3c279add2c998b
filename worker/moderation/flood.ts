// Phase 3: at most floodMaxPerAuthor comments per author, and floodMaxPerIp per IP, in the window.
import type { Phase, WindowCount } from "./types";

/**
 * Seconds until one more comment fits: the n-th newest comment in the window must leave it.
 * null when it fits now. A maximum of 0 turns the rule off (refusing every comment is not a limit).
 */
export function floodWait(window: WindowCount | null, max: number, windowSeconds: number, now: number): number | null {
  if (!window || max <= 0 || window.count < max) return null;
  const freeAt = (window.nthAt ?? now) + windowSeconds * 1000;
  return Math.max(1, Math.ceil((freeAt - now) / 1000));
}

export const flood: Phase = ({ byAuthor, byIp, rules, now }) => {
  const waits = [
    floodWait(byAuthor, rules.floodMaxPerAuthor, rules.floodWindowSeconds, now),
    floodWait(byIp, rules.floodMaxPerIp, rules.floodWindowSeconds, now),
  ].filter((w): w is number => w !== null);
  if (waits.length === 0) return null;
  const retryAfter = Math.max(...waits);
  return {
    outcome: "refuse",
    status: 429,
    code: "flood",
    message: `Too many comments in a short time. Please wait ${retryAfter} seconds before posting again.`,
    details: { retryAfter },
  };
};
