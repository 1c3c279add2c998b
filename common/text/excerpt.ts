// Excerpts of formatted text: the first characters of a comment, cut between words, its structure kept.
import type { Block, Inline } from "./format";

/** The first `max` characters (about) of `blocks`; a link is kept whole or left out; "…" marks a cut. */
export function excerpt(blocks: Block[], max: number): Block[] {
  let left = max;
  let cut = false;
  const inline = (nodes: Inline[]): Inline[] => {
    const out: Inline[] = [];
    for (const n of nodes) {
      if (left <= 0 || cut) {
        cut = true;
        break;
      }
      if (n.type === "break") {
        left--;
        out.push(n);
      } else if ("children" in n) {
        const children = inline(n.children);
        if (children.length) out.push({ ...n, children });
      } else if (n.text.length <= left) {
        left -= n.text.length;
        out.push(n);
      } else {
        cut = true;
        if (n.type === "text") {
          const text = clip(n.text, left, left === max);
          if (text) out.push({ type: "text", text });
        }
      }
    }
    return out;
  };
  const blocksOf = (list: Block[]): Block[] => {
    const out: Block[] = [];
    for (const b of list) {
      if (left <= 0 || cut) {
        cut = true;
        break;
      }
      const kept: Block =
        b.type === "quote" ? { type: "quote", children: blocksOf(b.children) } : { type: "paragraph", children: inline(b.children) };
      if (kept.children.length) out.push(kept);
    }
    return out;
  };
  const out = blocksOf(blocks);
  if (cut) {
    let last = out.at(-1);
    while (last?.type === "quote") last = last.children.at(-1);
    if (last) last.children = [...last.children, { type: "text", text: "…" }];
  }
  return out;
}

/**
 * At most `n` code points of `text`, cut at its last space; a word is only cut in the middle when
 * nothing comes before it (a single long word).
 */
function clip(text: string, n: number, alone: boolean): string {
  const chars = [...text];
  // One more character: a space just after the limit is a clean cut.
  const head = chars.slice(0, n + 1).join("");
  const space = head.lastIndexOf(" ");
  return (space > 0 ? head.slice(0, space) : alone ? chars.slice(0, n).join("") : "").trimEnd();
}
