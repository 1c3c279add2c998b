// The built-in scorer, on by default and needing no service: the site's own word lists read through
// spelling tricks (evasions.ts), and three signals of a comment written to be seen rather than read:
// shouting, repetition, link spam. Each signal has its own score; the comment gets the highest.
//
// The scores are set against the default thresholds (hold 80, nudge 90): a banned word got around
// is nudged then held (100), a watched word held (85); the signals alone stay below the hold (at
// most 60 to 70) until a site lowers its thresholds, because capitals and links are also how
// honest readers write in anger or cite their sources.
import { countLinks } from "../links";
import { findEvasions } from "./evasions";
import type { ProviderScore, ScoringInput } from "./types";

export const BANNED_WORD_SCORE = 100;
export const SUSPECT_WORD_SCORE = 85;

/** Capitals: from 12 letters, 70% or more of them upper case → 30 to 60. */
export function shouting(body: string): number {
  let letters = 0;
  let upper = 0;
  for (const ch of body) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) upper++;
  }
  if (letters < 12) return 0;
  const ratio = upper / letters;
  return ratio < 0.7 ? 0 : Math.round(30 + ((ratio - 0.7) / 0.3) * 30);
}

/**
 * Repetition: a character typed 10 times and more in a row ("!!!!!!!!!!", "nooooooooooon"), or,
 * from 8 words, the same few words over and over (fewer than 40% distinct) → 40 to 60.
 */
export function repetition(body: string): number {
  let score = /(\S)\1{9,}/u.test(body) ? 40 : 0;
  const words = body.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length >= 8) {
    const distinct = new Set(words).size / words.length;
    if (distinct < 0.4) score = Math.max(score, Math.round(40 + ((0.4 - distinct) / 0.4) * 20));
  }
  return score;
}

/** Links: two → 30, three → 50, four and more → 70; one link with almost no words around it → 40. */
export function linkSpam(body: string): number {
  const n = countLinks(body);
  if (n === 0) return 0;
  if (n === 1) {
    const words = body.replace(/\bhttps?:\/\/\S+|\bwww\.\S+/giu, " ").match(/[\p{L}\p{N}]+/gu) ?? [];
    return words.length < 4 ? 40 : 0;
  }
  return n === 2 ? 30 : n === 3 ? 50 : 70;
}

export function scoreBuiltin(input: ScoringInput): ProviderScore {
  const { body, rules } = input;
  const banned = findEvasions(body, rules.bannedWords);
  const suspect = findEvasions(body, rules.suspectWords).filter((w) => !banned.includes(w));
  const signals: [string, number][] = [
    ["banned_word", banned.length ? BANNED_WORD_SCORE : 0],
    ["suspect_word", suspect.length ? SUSPECT_WORD_SCORE : 0],
    ["shouting", shouting(body)],
    ["repetition", repetition(body)],
    ["link_spam", linkSpam(body)],
  ];
  const found = signals.filter(([, v]) => v > 0);
  return {
    provider: "builtin",
    value: Math.max(0, ...found.map(([, v]) => v)),
    labels: found.map(([label]) => label),
    words: [...banned, ...suspect],
  };
}
