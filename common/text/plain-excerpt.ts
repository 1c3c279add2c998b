// A comment as one line of plain text, cut between words: for places that show no formatting
// (the audit log and its CSV export). The cut is excerpt.ts's, so every excerpt reads alike.
import { excerpt } from "./excerpt";
import { formatText, type Block, type Inline } from "./format";

function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === "text" || n.type === "link" ? n.text : n.type === "break" ? " " : inlineText(n.children))).join("");
}

function blocksText(list: Block[]): string {
  return list.map((b) => (b.type === "quote" ? blocksText(b.children) : inlineText(b.children))).join(" ");
}

/** About `max` characters of `source` as plain text (markers gone, quotes and breaks flattened), "…" at a cut. */
export function plainExcerpt(source: string, max: number): string {
  return blocksText(excerpt(formatText(source), max))
    .replace(/\s+/g, " ")
    .trim();
}
