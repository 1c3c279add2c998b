// Whole-word matching of a site's word lists (banned, suspect), blind to case and accents.
//
// "Whole word" means the listed word (or phrase) is not part of a longer word: a letter or digit
// right before or after it makes it another word. So "connard" matches "CONNÂRD", "Connard!",
// "(connard)" and "connard-là", but not "connards" nor "déconnard": a site that wants plurals
// lists them. A phrase matches across any white space ("gros   con" for "gros con").

// Letters that Unicode does not decompose into a base letter and a mark.
const LIGATURES: Record<string, string> = { œ: "oe", æ: "ae", ß: "ss", ø: "o", ł: "l", đ: "d", ı: "i" };

/**
 * Text as the lists are compared to it: lowercased, compatibility-decomposed (full-width and
 * styled letters become plain ones), without accents, and without invisible format characters
 * (zero-width spaces, soft hyphens) that would otherwise hide a word.
 */
export function foldForMatching(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\p{M}\p{Cf}]/gu, "")
    .replace(/[œæßøłđı]/g, (ch) => LIGATURES[ch] ?? ch);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Lists are site settings, read on every post: one compiled matcher per list is kept while the
// isolate lives (bounded, so that editing the lists does not grow it for ever).
const cache = new Map<string, { regex: RegExp | null; byFolded: Map<string, string> }>();
const CACHE_MAX = 64;

function matcherFor(list: string[]) {
  const key = JSON.stringify(list);
  const hit = cache.get(key);
  if (hit) return hit;
  const byFolded = new Map<string, string>();
  for (const entry of list) {
    const folded = foldForMatching(entry).trim().split(/\s+/u).join(" ");
    if (folded && !byFolded.has(folded)) byFolded.set(folded, entry);
  }
  // Longest first, so that of two entries where one starts the other the longer is tried first.
  const alternatives = [...byFolded.keys()].sort((a, b) => b.length - a.length).map((w) => w.split(" ").map(escapeRegExp).join("\\s+"));
  const regex = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "gu") : null;
  const matcher = { regex, byFolded };
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, matcher);
  return matcher;
}

/** The list's entries found in the text, as the list spells them, each once, in order of appearance. */
export function findListedWords(text: string, list: string[]): string[] {
  const { regex, byFolded } = matcherFor(list);
  if (!regex) return [];
  const found = new Set<string>();
  for (const match of foldForMatching(text).matchAll(regex)) {
    const entry = byFolded.get(match[0].split(/\s+/u).join(" "));
    if (entry !== undefined) found.add(entry);
  }
  return [...found];
}
