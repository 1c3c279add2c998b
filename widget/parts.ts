// Pieces both reader elements render: a comment's byline (author, staff badge, selection mark, time) and its text.
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { CommentView } from "../worker/schemas/views";
import type { Messages } from "./locales/index";
import { formatText, type Block } from "../common/text/format";
import { relativeTime } from "../common/time";

export interface Dates {
  now: number;
  /** the full date of a time's tooltip; undefined until `fullDates` built it (after the first comments) */
  full?: Intl.DateTimeFormat;
  /** "12 minutes" (the time left to edit) */
  minutes: () => Intl.NumberFormat;
}

// The first Intl date or number formatter of a page costs a mid-range phone about 100 ms (ICU's
// data): none is built before the first comments are on screen. Relative times use the locale's
// own words; the tooltips' full dates come once the browser is idle (fullDates).
const full = new Map<string, Intl.DateTimeFormat>();
const minutes = new Map<string, Intl.NumberFormat>();

/** Builds the language's full-date format (call when idle; the next render shows the tooltips). */
export function fullDates(lang: string): void {
  if (!full.has(lang)) full.set(lang, new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "short" }));
}

export function dates(lang: string, now = Date.now()): Dates {
  return {
    now,
    full: full.get(lang),
    minutes: () => {
      let f = minutes.get(lang);
      if (!f) minutes.set(lang, (f = new Intl.NumberFormat(lang, { style: "unit", unit: "minute", unitDisplay: "long" })));
      return f;
    },
  };
}

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
  const time = html`<time datetime=${c.createdAt} title=${d.full ? d.full.format(new Date(c.createdAt)) : nothing}
    >${relativeTime(c.createdAt, d.now, t.ago)}</time
  >`;
  return html`<span class="author" part="author">${c.author.name}</span>
    ${c.author.staff ? html`<span class="badge staff" part="staff-badge">${t.staff(site)}</span>` : nothing} ${extra}
    ${href ? html`<a class="permalink" part="permalink" href=${href}>${time}</a>` : html`<span class="permalink">${time}</span>`}`;
}

/** The editor's note of a featured comment, when there is one. */
export const editorNote = (c: CommentView, t: Messages) =>
  c.featured?.note ? html`<p class="editor-note" part="editor-note"><strong>${t.editorNote}</strong> ${c.featured.note}</p>` : nothing;
