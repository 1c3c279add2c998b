// A person's initials and colour, for avatars without a picture: one person keeps one colour
// across threads and visits.

/** Up to two initials, from the first letters of the first and last words ("Claire M." → "CM"). */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s._-]+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  const first = (w: string | undefined) => (w ? ([...w].find((ch) => /[\p{L}\p{N}]/u.test(ch)) ?? "") : "");
  const letters = first(words[0]) + (words.length > 1 ? first(words[words.length - 1]) : "");
  return letters.toLocaleUpperCase() || "?";
}

/**
 * A hue from the name (FNV-1a), on a dark enough tone that white initials read at 4.5:1 or more:
 * the lightness is fixed, the saturation kept moderate.
 */
export function hueOf(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name.trim().toLocaleLowerCase()) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 360;
}
