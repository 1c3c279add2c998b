// Formatter tokens → Lit templates. User text only ever reaches the page as text parts of templates.
import { html, type TemplateResult } from "lit/html.js";
import type { Block, Inline } from "../../common/text/format";

export function renderBlocks(blocks: Block[]): TemplateResult[] {
  return blocks.map((b) =>
    b.type === "quote" ? html`<blockquote part="quote">${renderBlocks(b.children)}</blockquote>` : html`<p>${renderInline(b.children)}</p>`,
  );
}

function renderInline(nodes: Inline[]): (string | TemplateResult)[] {
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every Inline type; TypeScript checks that each returns
  return nodes.map((n) => {
    switch (n.type) {
      case "text":
        return n.text;
      case "break":
        return html`<br />`;
      case "link":
        return html`<a part="link" href=${n.href} rel="nofollow ugc noopener" target="_blank">${n.text}</a>`;
      case "strong":
        return html`<strong>${renderInline(n.children)}</strong>`;
      case "em":
        return html`<em>${renderInline(n.children)}</em>`;
    }
  });
}
