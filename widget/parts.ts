// Pieces both reader elements render: a comment's byline (author, staff badge, selection mark, time) and its text.
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { CommentView } from "../worker/schemas/views";
import type { Messages } from "./locales/index";
import { formatText, type Block } from "../common/text/format";
import { relativeTime } from "../common/time";

export interface Dates {
  now: number;
  rtf: Intl.RelativeTimeFormat;
  full: Intl.DateTimeFormat;
}

export const dates = (lang: string, now = Date.now()): Dates => ({
  now,
  rtf: new Intl.RelativeTimeFormat(lang, { numeric: "auto" }),
  full: new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "short" }),
});

const formatted = new WeakMap<CommentView, Block[]>();

/** The comment's text as blocks, parsed once per comment object. */
export function blocksOf(c: CommentView): Block[] {
  let blocks = formatted.get(c);
  if (!blocks) formatted.set(c, (blocks = formatText(c.body)));
  return blocks;
}

/**
 * Author, badges and time; the time links to the comment when `href` is given.
 * `extra` adds marks after the author (the selection, awaiting moderation).
 */
export function byline(c: CommentView, t: Messages, site: string, d: Dates, href?: string, extra: unknown = nothing): TemplateResult {
  const time = html`<time datetime=${c.createdAt} title=${d.full.format(new Date(c.createdAt))}
    >${relativeTime(c.createdAt, d.now, d.rtf)}</time
  >`;
  return html`<span class="author" part="author">${c.author.name}</span>
    ${c.author.staff ? html`<span class="badge staff" part="staff-badge">${t.staff(site)}</span>` : nothing} ${extra}
    ${href ? html`<a class="permalink" part="permalink" href=${href}>${time}</a>` : html`<span class="permalink">${time}</span>`}`;
}

/** The editor's note of a featured comment, when there is one. */
export const editorNote = (c: CommentView, t: Messages) =>
  c.featured?.note
    ? html`<p class="editor-note" part="editor-note"><strong>${t.editorNote}</strong> ${c.featured.note}</p>`
    : nothing;
