// The comment formatter: what it turns into structure, and what it must always leave as plain text.
import { describe, it, expect } from "vitest";
import { MAX_NESTING, formatText, type Block, type Inline } from "../../common/text/format";

const text = (t: string): Inline => ({ type: "text", text: t });
const p = (...children: Inline[]): Block => ({ type: "paragraph", children });
const link = (href: string): Inline => ({ type: "link", href, text: href });
const br: Inline = { type: "break" };

/** Every inline token, however deeply nested. */
function inlines(blocks: Block[]): Inline[] {
  const out: Inline[] = [];
  const walk = (nodes: Inline[]) => {
    for (const n of nodes) {
      out.push(n);
      if (n.type === "strong" || n.type === "em") walk(n.children);
    }
  };
  const visit = (bs: Block[]): void => {
    for (const b of bs) {
      if (b.type === "quote") visit(b.children);
      else walk(b.children);
    }
  };
  visit(blocks);
  return out;
}

/** The visible text, markers that stayed literal included. */
function plainText(blocks: Block[]): string {
  return inlines(blocks)
    .map((n) => (n.type === "text" || n.type === "link" ? n.text : n.type === "break" ? "\n" : ""))
    .join("");
}

const links = (blocks: Block[]) => inlines(blocks).filter((n) => n.type === "link");

function maxDepth(nodes: Inline[]): number {
  let d = 0;
  for (const n of nodes) if (n.type === "strong" || n.type === "em") d = Math.max(d, 1 + maxDepth(n.children));
  return d;
}

describe("formatText: structure", () => {
  it("returns nothing for empty or blank text", () => {
    expect(formatText("")).toEqual([]);
    expect(formatText("  \n\n \t\n")).toEqual([]);
  });

  it("splits paragraphs on blank lines and keeps single line breaks", () => {
    expect(formatText("one\ntwo\n\n\nthree")).toEqual([p(text("one"), br, text("two")), p(text("three"))]);
  });

  it("treats \\r\\n like \\n", () => {
    expect(formatText("a\r\nb\r\n\r\nc")).toEqual([p(text("a"), br, text("b")), p(text("c"))]);
  });

  it("parses **bold** and *italic*", () => {
    expect(formatText("a **bold** and *italic* word")).toEqual([
      p(text("a "), { type: "strong", children: [text("bold")] }, text(" and "), { type: "em", children: [text("italic")] }, text(" word")),
    ]);
  });

  it("nests markers", () => {
    expect(formatText("**bold *and italic* inside**")).toEqual([
      p({
        type: "strong",
        children: [text("bold "), { type: "em", children: [text("and italic")] }, text(" inside")],
      }),
    ]);
    expect(formatText("***both***")).toEqual([p({ type: "em", children: [{ type: "strong", children: [text("both")] }] })]);
  });

  it("groups > lines into one quote block, separate from the answer", () => {
    expect(formatText("> first\n> second\nmy answer")).toEqual([
      { type: "quote", children: [p(text("first"), br, text("second"))] },
      p(text("my answer")),
    ]);
  });

  it("keeps paragraphs inside a quote and does not nest quotes", () => {
    expect(formatText("> a\n>\n> > b")).toEqual([{ type: "quote", children: [p(text("a")), p(text("> b"))] }]);
  });

  it("autolinks http and https URLs", () => {
    expect(formatText("see https://example.com/a?b=1#c and http://x.fr")).toEqual([
      p(text("see "), link("https://example.com/a?b=1#c"), text(" and "), link("http://x.fr")),
    ]);
  });

  it("leaves trailing punctuation out of links", () => {
    expect(formatText("Lu sur https://example.com/page.")).toEqual([p(text("Lu sur "), link("https://example.com/page"), text("."))]);
    expect(formatText("(voir https://example.com/a), puis https://b.fr/x!")).toEqual([
      p(text("(voir "), link("https://example.com/a"), text("), puis "), link("https://b.fr/x"), text("!")),
    ]);
  });

  it("keeps balanced parentheses inside a URL", () => {
    expect(formatText("https://en.wikipedia.org/wiki/Paris_(disambiguation)")).toEqual([
      p(link("https://en.wikipedia.org/wiki/Paris_(disambiguation)")),
    ]);
    expect(formatText("(https://en.wikipedia.org/wiki/Lyon_(ville))")).toEqual([
      p(text("("), link("https://en.wikipedia.org/wiki/Lyon_(ville)"), text(")")),
    ]);
  });

  it("puts a link inside emphasis", () => {
    expect(formatText("**https://example.com**")).toEqual([p({ type: "strong", children: [link("https://example.com")] })]);
  });

  it("keeps French text, accents and emoji intact", () => {
    const source = "Très bien écrit ! L’été à Besançon, « ça déménage » 🎉👍🏽\n*Bravo* à l’équipe — merci.";
    const blocks = formatText(source);
    expect(blocks).toEqual([
      p(
        text("Très bien écrit ! L’été à Besançon, « ça déménage » 🎉👍🏽"),
        br,
        { type: "em", children: [text("Bravo")] },
        text(" à l’équipe — merci."),
      ),
    ]);
  });
});

describe("formatText: hostile and odd input stays text", () => {
  it("keeps HTML as literal text", () => {
    const source = "<script>alert(1)</script><img src=x onerror=alert(1)>";
    const blocks = formatText(source);
    expect(blocks).toEqual([p(text(source))]);
  });

  it("never decodes entities", () => {
    expect(formatText("&lt;b&gt; &amp; &#60;")).toEqual([p(text("&lt;b&gt; &amp; &#60;"))]);
  });

  it("never links javascript:, data: or other schemes", () => {
    for (const source of [
      "javascript:alert(1)",
      "[x](javascript:alert(1))",
      "JaVaScRiPt:alert(document.cookie)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1) ftp://example.com mailto:a@b.fr",
      "https:// nothing here",
    ]) {
      const blocks = formatText(source);
      expect(links(blocks), source).toEqual([]);
      expect(plainText(blocks), source).toBe(source);
    }
  });

  it("links only the http(s) URL inside a markdown-style link, shown as itself", () => {
    const blocks = formatText("[click](https://evil.example/x)");
    expect(links(blocks)).toEqual([link("https://evil.example/x")]);
    expect(plainText(blocks)).toBe("[click](https://evil.example/x)");
  });

  it("does not let quotes or angle brackets into a link", () => {
    const blocks = formatText('https://a.fr/"onmouseover="alert(1) <https://b.fr/>');
    expect(links(blocks).map((l) => (l.type === "link" ? l.href : ""))).toEqual(["https://a.fr/", "https://b.fr/"]);
  });

  it("leaves unclosed markers literal", () => {
    expect(formatText("**bold")).toEqual([p(text("**bold"))]);
    expect(formatText("*italic")).toEqual([p(text("*italic"))]);
    expect(formatText("a ** b * c")).toEqual([p(text("a ** b * c"))]);
    expect(formatText("**a *b**")).toEqual([p({ type: "strong", children: [text("a *b")] })]);
    expect(formatText("2 * 3 = 6, 4*5")).toEqual([p(text("2 * 3 = 6, 4*5"))]);
  });

  it("keeps crossed markers readable without losing text", () => {
    const source = "*a **b* c**";
    expect(plainText(formatText(source)).replace(/\*/g, "")).toBe(source.replace(/\*/g, ""));
  });

  it("handles 5000 asterisks and other long marker runs quickly", () => {
    const cases = [
      "*".repeat(5000),
      "*a".repeat(2500),
      "**a ".repeat(1250),
      `${"*".repeat(2500)}a${"*".repeat(2500)}`,
      `https://x.fr/${")".repeat(5000)}`,
      "> ".repeat(2500),
      "*a *".repeat(1250),
    ];
    const started = Date.now();
    for (const source of cases) {
      const blocks = formatText(source);
      expect(plainText(blocks).length).toBeGreaterThan(0);
    }
    expect(formatText("*".repeat(5000))).toEqual([p(text("*".repeat(5000)))]);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("caps emphasis nesting so renderers never recurse deeply", () => {
    const source = `${"*a **b ".repeat(100)}c${"** d*".repeat(100)}`;
    const blocks = formatText(source);
    const first = blocks[0]!;
    expect(first.type).toBe("paragraph");
    if (first.type === "paragraph") expect(maxDepth(first.children)).toBeLessThanOrEqual(MAX_NESTING);
    expect(plainText(blocks).replace(/\*/g, "")).toBe(source.replace(/\*/g, ""));
  });
});
