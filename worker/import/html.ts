// A source comment's HTML → Palabre's text (common/text/format.ts): paragraphs (blank lines), line
// breaks, links (bare http(s) URLs, which the formatter links), **bold**, *italic* and > quotes are
// kept; every other tag is dropped with its text kept, script and style with their content;
// entities are decoded. Never produces HTML: the result is source text, escaped where shown.
import { BODY_MAX, normalizeText } from "../../common/text/rules";

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<|[^<]+/g;
const DROP_WITH_CONTENT = new Set([
  "script",
  "style",
  "template",
  "iframe",
  "object",
  "noscript",
  "svg",
  "math",
  "head",
  "title",
  "textarea",
  "select",
]);
const BLOCK = new Set([
  "p",
  "div",
  "ul",
  "ol",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "pre",
  "table",
  "tr",
  "section",
  "article",
  "figure",
  "hr",
  "dl",
  "dt",
  "dd",
]);
const STRONG = new Set(["b", "strong"]);
const EM = new Set(["i", "em", "cite"]);

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  shy: "",
  copy: "©",
  reg: "®",
  trade: "™",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  laquo: "«",
  raquo: "»",
  lsaquo: "‹",
  rsaquo: "›",
  bull: "•",
  middot: "·",
  deg: "°",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  sect: "§",
  para: "¶",
  times: "×",
  divide: "÷",
  plusmn: "±",
  iexcl: "¡",
  iquest: "¿",
  ordf: "ª",
  ordm: "º",
  sup1: "¹",
  sup2: "²",
  sup3: "³",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
  micro: "µ",
  thinsp: "\u2009",
  ensp: "\u2002",
  emsp: "\u2003",
  zwj: "\u200d",
  zwnj: "\u200c",
  larr: "←",
  rarr: "→",
  uarr: "↑",
  darr: "↓",
  hearts: "♥",
  oelig: "œ",
  OElig: "Œ",
  szlig: "ß",
  aelig: "æ",
  AElig: "Æ",
  ccedil: "ç",
  Ccedil: "Ç",
  ntilde: "ñ",
  Ntilde: "Ñ",
  yuml: "ÿ",
  Yuml: "Ÿ",
  eth: "ð",
  ETH: "Ð",
  thorn: "þ",
  THORN: "Þ",
  oslash: "ø",
  Oslash: "Ø",
  aring: "å",
  Aring: "Å",
};
const ACCENTS: Record<string, string> = { acute: "\u0301", grave: "\u0300", circ: "\u0302", uml: "\u0308", tilde: "\u0303" };

/** Decodes HTML character references (named, decimal, hex); unknown ones stay as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
      return String.fromCodePoint(code);
    }
    const named = NAMED[ref];
    if (named !== undefined) return named;
    // Latin letters with an accent: &eacute; &Agrave; &ocirc; &uuml; &atilde;…
    const accented = /^([a-zA-Z])(acute|grave|circ|uml|tilde)$/.exec(ref);
    if (accented) return (accented[1]! + ACCENTS[accented[2]!]!).normalize("NFC");
    return whole;
  });
}

function attribute(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? "") : null;
}

function httpUrl(href: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim());
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

// C0 controls except tab and newline, DEL and C1: the rules of common/text/rules.ts refuse them.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Converts one comment. `newlines: "keep"` for sources whose line breaks are meant (WordPress
 * stores text with wpautop's conventions), "collapse" for real HTML (Disqus). The result is NFC,
 * trimmed, at most BODY_MAX code points (a longer one is cut at a paragraph when it can be).
 */
export function htmlToText(html: string, opts: { newlines: "keep" | "collapse" }): { text: string; cut: boolean } {
  let out = "";
  let dropDepth = 0;
  let dropTag = "";
  let link: { href: string; start: number } | null = null;
  let quote = 0;
  const marks: { marker: string; at: number }[] = [];
  const lineStart = () => (quote > 0 ? "> " : "");
  const paragraph = () => {
    out = out.replace(/[ \t]+$/, "");
    if (out && !out.endsWith("\n\n")) out += out.endsWith("\n") ? "\n" : "\n\n";
  };
  for (const m of html.matchAll(TOKEN)) {
    const [whole, closing, rawName, attrs] = m;
    if (dropDepth > 0) {
      if (rawName?.toLowerCase() === dropTag) dropDepth += closing ? -1 : 1;
      continue;
    }
    if (!rawName) {
      if (whole.startsWith("<!")) continue; // comments, CDATA markers: nothing a reader wrote
      let text = decodeEntities(whole);
      text = opts.newlines === "collapse" ? text.replace(/\s+/g, " ") : text.replace(/\r\n?/g, "\n");
      if (quote > 0) text = text.replace(/\n/g, "\n> ");
      if ((out === "" || out.endsWith("\n")) && quote > 0 && !out.endsWith("> ")) out += lineStart();
      out += out === "" || out.endsWith("\n") || out.endsWith("> ") ? text.replace(/^ +/, "") : text;
      continue;
    }
    const name = rawName.toLowerCase();
    if (DROP_WITH_CONTENT.has(name)) {
      if (!closing && !/\/\s*$/.test(attrs ?? "")) {
        dropDepth = 1;
        dropTag = name;
      }
      continue;
    }
    if (name === "br") out = `${out.replace(/[ \t]+$/, "")}\n`;
    else if (BLOCK.has(name)) paragraph();
    else if (name === "blockquote") {
      paragraph();
      quote = Math.max(0, quote + (closing ? -1 : 1));
    } else if (STRONG.has(name) || EM.has(name)) {
      const marker = STRONG.has(name) ? "**" : "*";
      if (!closing) {
        out += marker;
        marks.push({ marker, at: out.length });
      } else {
        const open = marks.findLastIndex((m) => m.marker === marker);
        if (open < 0) continue;
        const { at } = marks.splice(open)[0]!;
        // The formatter wants the markers against the words: spaces go outside, empty ones go.
        const inside = out.slice(at);
        const before = out.slice(0, at - marker.length);
        const word = inside.trim();
        out = word ? `${before}${inside.match(/^\s*/)![0]}${marker}${word}${marker}${inside.match(/\s*$/)![0]}` : before + inside;
      }
    } else if (name === "a") {
      if (!closing) {
        const href = httpUrl(attribute(attrs ?? "", "href"));
        link = href ? { href, start: out.length } : null;
      } else if (link) {
        const label = out.slice(link.start).trim();
        // A bare URL is what the formatter links: the label is kept when it says something else.
        if (!label || label === link.href || httpUrl(label) === link.href) out = out.slice(0, link.start) + link.href;
        else out += ` (${link.href})`;
        link = null;
      }
    }
  }
  // A marker never closed would show as a star.
  for (const m of marks.reverse()) out = out.slice(0, m.at - m.marker.length) + out.slice(m.at);
  if (opts.newlines === "collapse") out = out.replace(/ {2,}/g, " ");
  let text = normalizeText(out.replace(CONTROLS, ""));
  text = text
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^> *$/gm, ">");
  const chars = [...text];
  if (chars.length <= BODY_MAX) return { text, cut: false };
  let cutText = chars.slice(0, BODY_MAX - 1).join("");
  const lastParagraph = cutText.lastIndexOf("\n\n");
  if (lastParagraph > BODY_MAX / 2) cutText = cutText.slice(0, lastParagraph);
  return { text: `${cutText.trimEnd()}…`, cut: true };
}
