// The comment formatter: source text → tokens (paragraphs, line breaks, **bold**, *italic*, > quotes,
// http(s) autolinks). Pure and linear-ish; renderers turn tokens into templates, never into HTML strings.

export type Inline =
  | { type: "text"; text: string }
  | { type: "break" }
  | { type: "link"; href: string; text: string }
  | { type: "strong" | "em"; children: Inline[] };

export type Block = { type: "paragraph"; children: Inline[] } | { type: "quote"; children: Block[] };

/** Deepest emphasis nesting; further markers stay literal, so renderers never recurse deeply. */
export const MAX_NESTING = 4;

const QUOTE_LINE = /^ {0,3}> ?/;
// The scheme is checked here and again by URL parsing; anything that is not http(s) stays text.
const URL_CANDIDATE = /https?:\/\/[^\s<>"«»]+/gi;
const TRAILING_PUNCTUATION = ".,:;!?'\"*_";
const PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** Parses a comment's source text into blocks. Unmatched markers stay literal text. */
export function formatText(source: string): Block[] {
  const blocks: Block[] = [];
  let kind: "quote" | "paragraph" | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (lines.length) {
      blocks.push(kind === "quote" ? { type: "quote", children: paragraphs(lines) } : paragraph(lines));
    }
    lines = [];
    kind = null;
  };
  for (const line of source.replace(/\r\n?/g, "\n").split("\n")) {
    const quote = QUOTE_LINE.exec(line);
    const lineKind = quote ? "quote" : line.trim() ? "paragraph" : null;
    if (lineKind !== kind) flush();
    kind = lineKind;
    if (lineKind) lines.push(quote ? line.slice(quote[0].length) : line);
  }
  flush();
  return blocks;
}

/** Quote content: paragraphs separated by blank lines (quotes do not nest). */
function paragraphs(lines: string[]): Block[] {
  const out: Block[] = [];
  let group: string[] = [];
  for (const line of [...lines, ""]) {
    if (line.trim()) group.push(line);
    else if (group.length) {
      out.push(paragraph(group));
      group = [];
    }
  }
  return out;
}

function paragraph(lines: string[]): Block {
  return { type: "paragraph", children: parseInline(lines.map((l) => l.trim()).join("\n")) };
}

interface Frame {
  marker: string;
  children: Inline[];
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

/** Inline tokens of one paragraph: emphasis by a bounded stack of open markers, links as atoms. */
export function parseInline(text: string): Inline[] {
  const stack: Frame[] = [{ marker: "", children: [] }];
  const top = () => stack[stack.length - 1]!;
  const pushText = (s: string) => {
    if (!s) return;
    const siblings = top().children;
    const last = siblings[siblings.length - 1];
    if (last?.type === "text") last.text += s;
    else siblings.push({ type: "text", text: s });
  };
  // An open marker that never closes goes back to being text, its content kept in place.
  const dissolveTop = () => {
    const frame = stack.pop()!;
    pushText(frame.marker);
    for (const child of frame.children) {
      if (child.type === "text") pushText(child.text);
      else top().children.push(child);
    }
  };
  const nearest = (fits: (markerLength: number) => boolean) => {
    for (let k = stack.length - 1; k > 0; k--) if (fits(stack[k]!.marker.length)) return k;
    return 0;
  };
  const delimiterRun = (from: number, to: number) => {
    let left = to - from;
    if (left > 3) return pushText("*".repeat(left));
    if (!isSpace(text[from - 1])) {
      // Close the nearest open marker of the same length, else the nearest that fits; markers
      // opened in between stay literal.
      while (left > 0) {
        const k = nearest((m) => m === left) || nearest((m) => m < left);
        if (!k) break;
        const frame = stack[k]!;
        while (stack.length - 1 > k) dissolveTop();
        stack.pop();
        top().children.push({ type: frame.marker.length === 2 ? "strong" : "em", children: frame.children });
        left -= frame.marker.length;
      }
    }
    if (left > 0 && !isSpace(text[to]) && stack.length + (left === 3 ? 1 : 0) <= MAX_NESTING) {
      if (left === 3) stack.push({ marker: "*", children: [] });
      stack.push({ marker: left === 1 ? "*" : "**", children: [] });
      left = 0;
    }
    pushText("*".repeat(left));
  };
  const plain = (from: number, to: number) => {
    let start = from;
    for (let i = from; i < to; ) {
      const c = text[i];
      if (c === "\n" || c === "*") {
        pushText(text.slice(start, i));
        let j = i + 1;
        if (c === "\n") top().children.push({ type: "break" });
        else {
          while (j < to && text[j] === "*") j++;
          delimiterRun(i, j);
        }
        i = start = j;
      } else i++;
    }
    pushText(text.slice(start, to));
  };

  let pos = 0;
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const url = linkTarget(match[0]);
    if (!url) continue;
    plain(pos, match.index);
    top().children.push({ type: "link", href: url, text: url });
    pos = match.index + url.length;
  }
  plain(pos, text.length);
  while (stack.length > 1) dissolveTop();
  return stack[0]!.children;
}

/** The URL at the start of a candidate, without trailing punctuation or an unbalanced closing bracket. */
function linkTarget(candidate: string): string | null {
  const balance: Record<string, number> = { "(": 0, "[": 0, "{": 0 };
  for (const c of candidate) {
    if (c in balance) balance[c]!++;
    else if (c in PAIRS) balance[PAIRS[c]!]!--;
  }
  let end = candidate.length;
  while (end > 0) {
    const c = candidate[end - 1]!;
    const opener = PAIRS[c];
    if (TRAILING_PUNCTUATION.includes(c)) end--;
    else if (opener && balance[opener]! < 0) {
      balance[opener]!++;
      end--;
    } else break;
  }
  const url = candidate.slice(0, end);
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname ? url : null;
  } catch {
    return null;
  }
}
