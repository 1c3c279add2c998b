// Formatter tokens (common/text/format.ts) → Preact elements: user text only ever reaches the page as text nodes.
import type { ComponentChildren } from "preact";
import { formatText, type Block, type Inline } from "../common/text/format";

export function CommentText({ body }: { body: string }) {
  return <div class="comment-text">{blocks(formatText(body))}</div>;
}

function blocks(list: Block[]): ComponentChildren[] {
  return list.map((b, i) =>
    b.type === "quote" ? <blockquote key={i}>{blocks(b.children)}</blockquote> : <p key={i}>{inline(b.children)}</p>,
  );
}

function inline(nodes: Inline[]): ComponentChildren[] {
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every Inline type; TypeScript checks that each returns
  return nodes.map((n, i) => {
    switch (n.type) {
      case "text":
        return n.text;
      case "break":
        return <br key={i} />;
      case "link":
        return (
          <a key={i} href={n.href} rel="nofollow ugc noopener" target="_blank">
            {n.text}
          </a>
        );
      case "strong":
        return <strong key={i}>{inline(n.children)}</strong>;
      case "em":
        return <em key={i}>{inline(n.children)}</em>;
    }
  });
}

/** A comment as one line of plain text (markers gone, quotes and breaks flattened), cut to `max`. */
export function excerpt(body: string, max = 240): string {
  const text = (nodes: Inline[]): string =>
    nodes.map((n) => (n.type === "text" || n.type === "link" ? n.text : n.type === "break" ? " " : text(n.children))).join("");
  const flatten = (list: Block[]): string => list.map((b) => (b.type === "quote" ? flatten(b.children) : text(b.children))).join(" ");
  const flat = flatten(formatText(body)).replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
