// Phase 7: links. More than maxLinks, or any at all where the site pre-moderates links: held.
import { holdFor, type Phase } from "./types";

// What a reader could follow: http(s) URLs (the widget turns those into links) and "www." addresses
// (which readers copy into their browser), whatever their case.
const LINK = /\bhttps?:\/\/[^\s<>"«»]+|(?<![\p{L}\p{N}.@/-])www\.[\p{L}\p{N}-]+\.[\p{L}\p{N}.-]+/giu;

export function countLinks(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(LINK)) n++;
  return n;
}

export const links: Phase = ({ body, rules }) => {
  const n = countLinks(body);
  if (n === 0) return null;
  if (rules.premoderateLinks || n > rules.maxLinks) return holdFor({ code: "links", detail: String(n) });
  return null;
};
