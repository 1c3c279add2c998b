// The site's word lists matched through spelling tricks: leetspeak (c0nnard, @ss), repeated letters
// (connnnard, cOnNÂÂrd), separators (c.o.n.n.a.r.d, c o n n a r d), accents and case, homoglyphs
// (Cyrillic and Greek look-alikes, full-width and styled letters), invisible characters.
//
// Hand-written rather than the npm package `obscenity` (evaluated: 0.4.6): its separator skipping
// (skipNonAlphabetic) also skips the spaces its word boundaries need, so a listed "con" or "cul" is
// no longer found as a word ("c'est con", "un bon cul" pass) unless boundaries are dropped, and then
// "concombre" would match; its lowercasing is ASCII only (cOnNÂÂrd passes), Greek look-alikes are
// not resolved, and "1" is only ever "i". A site's list is small and short-worded, so a regular
// expression per entry, built from per-letter classes, does the job and keeps whole-word semantics.
//
// Whole words as the exact lists (words.ts): "connards" and "connardise" are other words, which a
// site lists if it wants them; "Scunthorpe", "classe" and "concombre" never match "cunt", "ass"
// and "con". A repeated letter counts as one only where that cannot make another word: vowels may
// repeat freely (cOnNÂÂrd), a single consonant once or three times and more ("bitte" is not "bite",
// "cull" not "cul", but "biiite" is), a doubled one twice or more ("as" is not "ass").
import { foldForMatching } from "../words";
import { HOMOGLYPH_RE, HOMOGLYPHS } from "./homoglyphs";

/** The text as the patterns read it: folded as the exact lists fold it, look-alikes made Latin. */
export function foldEvasions(text: string): string {
  return foldForMatching(text).replace(HOMOGLYPH_RE, (ch) => HOMOGLYPHS[ch] ?? ch);
}

// What may stand for a letter: the letter, and the digits and signs leetspeak uses for it. A real
// letter never stands for another one (an "l" for an "i" would make "cui" the listed "cul"). A star
// may mask a vowel (f*ck, c*nnard).
const LEET: Record<string, string> = {
  a: "4@*",
  b: "8",
  c: "¢",
  e: "3€*",
  g: "9",
  i: "1!|*",
  l: "1|",
  o: "0*",
  s: "5$",
  t: "7+",
  u: "*",
  z: "2",
};
const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);

// Signs that only separate the letters of a word (c.o.n.n.a.r.d, c_o_n, «con»): dropped before
// matching. Kept: letters, digits, the leet signs above, and what separates words (spaces,
// apostrophes, hyphens), so that "l'ass" is still two words and "con-nard" reads "con".
const DROPPED = /[^\p{L}\p{N}\s'’\-@$!|*+€¢]/gu;
const WORD_BREAK = /[\s'’-]+/u;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** One letter of a listed word, repeated n times there, as a pattern. */
function runPattern(letter: string, n: number): string {
  const extra = LEET[letter];
  const x = extra ? `[${escapeRegExp(letter + extra)}]` : escapeRegExp(letter);
  if (!/\p{L}/u.test(letter)) return x.repeat(n);
  // A vowel may repeat freely (cOnNÂÂrd); a consonant alone once, or three times and more, so that
  // "bitte" is not "bite" nor "cull" "cul"; a doubled one twice or more, so that "as" is not "ass".
  if (n > 1) return `${x}{${n},}`;
  return VOWELS.has(letter) ? `${x}+` : `${x}(?:${x}{2,})?`;
}

const PHRASE_GAP = "[^\\p{L}\\p{N}]{1,5}";

/** One listed entry (folded, separators dropped, words joined by one space) as pattern pieces. */
function entryPieces(entry: string): string[] {
  const pieces: string[] = [];
  entry.split(" ").forEach((word, i) => {
    if (i > 0) pieces.push(PHRASE_GAP);
    const runs: { letter: string; n: number }[] = [];
    for (const ch of word) {
      const last = runs[runs.length - 1];
      if (last && last.letter === ch) last.n++;
      else runs.push({ letter: ch, n: 1 });
    }
    for (const { letter, n } of runs) pieces.push(runPattern(letter, n));
  });
  return pieces;
}

/** Text as the patterns read it: folded, look-alikes made Latin, separating signs dropped. */
function prepare(text: string): string {
  return foldEvasions(text).replace(DROPPED, "");
}

// A word's signs at its edges may be leet (a$$, @ss) or punctuation (con!, ¡con): both are tried.
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * Letters spelt one by one (c o n n a r d, c-o-n, c. o. n., t w a t!!): each run of two or more
 * one-letter words, joined, is read as a word of its own; in a run spelt with hyphens or
 * apostrophes, a space still parts two words (f-i-l-s d-e p-u-t-e).
 */
function spelledOut(prepared: string): string[] {
  const parts = prepared.split(/([\s'’-]+)/u);
  const runs: string[] = [];
  let letters: string[] = [];
  let gaps: string[] = [];
  const close = () => {
    if (letters.length > 1) {
      const spaced = gaps.every((g) => /\s/u.test(g));
      runs.push(letters.map((l, i) => (i > 0 && !spaced && /\s/u.test(gaps[i - 1]!) ? " " : "") + l).join(""));
    }
    letters = [];
    gaps = [];
  };
  for (let i = 0; i < parts.length; i += 2) {
    const letter = parts[i]!.replace(EDGES, "");
    if ([...letter].length === 1) {
      if (letters.length > 0) gaps.push(parts[i - 1] ?? "");
      letters.push(letter);
    } else if (parts[i] !== "") {
      close();
    }
  }
  close();
  return runs;
}

interface Entry {
  /** the entry alone, anchored: what a word (or words, for a phrase) must be to be it */
  test: RegExp;
  /** the same with its words run together, for letters spelt one by one (t a g u e u l e) */
  solid: RegExp;
  /** as the site's list spells it */
  entry: string;
}

interface Matcher {
  /** entries by their first letter: a word is tried against those it may begin as */
  byFirst: Map<string, Entry[]>;
  /** the most words of a phrase in the list */
  maxWords: number;
}

// The letters a word's first character may stand for (leet signs, a star for a vowel).
const FIRST: Record<string, string> = {
  "4": "a",
  "@": "a",
  "8": "b",
  "¢": "c",
  "3": "e",
  "€": "e",
  "9": "g",
  "!": "i",
  "1": "il",
  "|": "il",
  "0": "o",
  "5": "s",
  $: "s",
  "7": "t",
  "+": "t",
  "2": "z",
  "*": "aeiou",
};

// Compiled once per list while the isolate lives, like the exact lists (words.ts); bounded.
const cache = new Map<string, Matcher>();
const CACHE_MAX = 64;

function matcherFor(list: readonly string[]): Matcher {
  const key = JSON.stringify(list);
  const hit = cache.get(key);
  if (hit) return hit;
  const byFirst = new Map<string, Entry[]>();
  let maxWords = 1;
  const seen = new Set<string>();
  for (const listed of list) {
    const prepared = prepare(listed).trim().split(WORD_BREAK).filter(Boolean).join(" ");
    if (!prepared || seen.has(prepared)) continue;
    seen.add(prepared);
    maxWords = Math.max(maxWords, prepared.split(" ").length);
    const first = [...prepared][0]!;
    const pieces = entryPieces(prepared);
    const entry: Entry = {
      test: new RegExp(`^${pieces.join("")}$`, "u"),
      solid: new RegExp(`^${pieces.filter((p) => p !== PHRASE_GAP).join("")}$`, "u"),
      entry: listed,
    };
    byFirst.set(first, [...(byFirst.get(first) ?? []), entry]);
  }
  const matcher = { byFirst, maxWords };
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, matcher);
  return matcher;
}

/** The list's entries found in the text through any of the tricks above, each once, as listed. */
export function findEvasions(text: string, list: readonly string[]): string[] {
  if (list.length === 0) return [];
  const m = matcherFor(list);
  if (m.byFirst.size === 0) return [];
  const prepared = prepare(text);
  const words = prepared.split(WORD_BREAK).filter(Boolean);
  // Every word, every run of up to maxWords words (phrases), every word spelt letter by letter.
  const candidates = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= m.maxWords && i + n <= words.length; n++) {
      const phrase = words.slice(i, i + n).join(" ");
      candidates.add(phrase);
      candidates.add(phrase.replace(EDGES, ""));
      // Stars mask a vowel (f*ck) or part letters (f*u*c*k): read both ways.
      if (phrase.includes("*")) candidates.add(phrase.replace(/\*/g, "").replace(EDGES, ""));
    }
  }
  // Letters spelt one by one, and any part of such a run ("a" or "y" may stand before: "what a s l u t").
  const spelt = new Set<string>();
  for (const run of spelledOut(prepared)) {
    const letters = [...run];
    if (letters.length > 40) {
      spelt.add(run);
      continue;
    }
    for (let i = 0; i < letters.length - 1; i++)
      for (let j = i + 2; j <= letters.length; j++) spelt.add(letters.slice(i, j).join("").trim());
  }
  const found = new Set<string>();
  const tryAll = (candidate: string, solid: boolean) => {
    const c = [...candidate][0];
    if (c === undefined) return;
    for (const letter of FIRST[c] ?? c) {
      for (const e of m.byFirst.get(letter) ?? []) if ((solid ? e.solid : e.test).test(candidate)) found.add(e.entry);
    }
  };
  for (const candidate of candidates) tryAll(candidate, false);
  for (const candidate of spelt) {
    tryAll(candidate, false);
    tryAll(candidate.replace(/ /g, ""), true);
  }
  return [...found];
}
