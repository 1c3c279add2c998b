// Whether a comment asks something: a question mark in the author's own words, not in a quoted
// passage nor inside a link (a URL's "?query" asks nothing). Shared by the worker (the To answer
// queue) and anything that wants to say the same thing on screen.
import { formatText, type Block, type Inline } from "./format";

// "?" and the full-width "？" that CJK input methods type.
const QUESTION_MARK = /[?？]/;

function inlineAsks(nodes: Inline[]): boolean {
  return nodes.some((n) => {
    if (n.type === "text") return QUESTION_MARK.test(n.text);
    if (n.type === "strong" || n.type === "em") return inlineAsks(n.children);
    return false;
  });
}

/** Quotes are someone else's words: only the author's own paragraphs count. */
export function asksQuestion(body: string): boolean {
  return formatText(body).some((b: Block) => b.type === "paragraph" && inlineAsks(b.children));
}
