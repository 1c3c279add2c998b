// Excerpts for <palabre-featured>: cut between words, structure and links kept whole, "…" where cut.
import { describe, it, expect } from "vitest";
import { formatText } from "../../common/text/format";
import { excerpt } from "../../common/text/excerpt";

/** The visible text of blocks, paragraphs separated by "|". */
function textOf(blocks: ReturnType<typeof formatText>): string {
  const inline = (nodes: any[]): string =>
    nodes.map((n) => (n.type === "break" ? "/" : "children" in n ? inline(n.children) : n.text)).join("");
  return blocks.map((b) => (b.type === "quote" ? `>${textOf(b.children)}` : inline(b.children))).join("|");
}

describe("excerpt", () => {
  it("keeps a short text as it is, without an ellipsis", () => {
    const blocks = formatText("Court et **net**.\n\nDeux paragraphes.");
    expect(excerpt(blocks, 100)).toEqual(blocks);
  });

  it("cuts a long text at a space and marks the cut", () => {
    const out = textOf(excerpt(formatText("Le train de nuit est une réponse au climat, pas une nostalgie."), 30));
    expect(out).toBe("Le train de nuit est une…");
  });

  it("keeps emphasis around the kept part", () => {
    const out = excerpt(formatText("**Le train de nuit est une réponse** au climat"), 20);
    expect(out).toEqual([
      {
        type: "paragraph",
        children: [
          { type: "strong", children: [{ type: "text", text: "Le train de nuit est" }] },
          { type: "text", text: "…" },
        ],
      },
    ]);
  });

  it("leaves out a link that does not fit, rather than cutting its address", () => {
    const out = excerpt(formatText("Voir https://example.com/un/tres/long/chemin pour le détail"), 20);
    expect(out).toEqual([
      {
        type: "paragraph",
        children: [
          { type: "text", text: "Voir " },
          { type: "text", text: "…" },
        ],
      },
    ]);
  });

  it("drops whole paragraphs past the limit and puts the ellipsis in the last kept one", () => {
    const out = textOf(excerpt(formatText("> Une citation\n\nUn avis.\n\nTroisième paragraphe."), 24));
    expect(out).toBe(">Une citation|Un avis.…");
    // A word is not cut in the middle when something comes before it …
    expect(textOf(excerpt(formatText("Un avis. Anticonstitutionnellement"), 15))).toBe("Un avis.…");
    // … unless it is all there is.
    expect(textOf(excerpt(formatText("Anticonstitutionnellement"), 6))).toBe("Antico…");
  });

  it("never splits a character made of two UTF-16 units", () => {
    const out = textOf(excerpt(formatText("🚆🚆🚆🚆🚆🚆"), 3));
    expect(out).toBe("🚆🚆🚆…");
  });
});
