// <palabre-featured>: a site's latest editors' picks across stories, for a home page, each linking to its story.
import { html, nothing, type TemplateResult } from "lit/html.js";
import { PalabreElement } from "./element";
import type { FeaturedItem, SiteView } from "../worker/schemas/views";
import { ApiFailure, createApi, scriptOrigin } from "./api";
import { messagesFor, type Messages } from "./locales/index";
import { blocksOf, byline, dates, editorNote, errorMessage } from "./parts";
import { readerStyles } from "./styles";
import { excerpt } from "../common/text/excerpt";
import { renderBlocks } from "./text/render";

/** Characters of each comment shown; the rest is on the story's page. */
const EXCERPT = 280;

/**
 * The editors' selection of a whole site ("La sélection de la rédaction"): the latest featured
 * comments across stories, each with an excerpt, its author, the editor's note and a link to the
 * comment on its story's page.
 *
 * @attr site - the site's id (required)
 * @attr limit - how many comments, 1 to 50 (default: 10)
 * @attr locale - fr or en; default: from `<html lang>`
 * @attr api - the API origin; default: the origin embed.js was loaded from
 * @attr theme - light (default), dark, or auto (follows prefers-color-scheme)
 *
 * @csspart section - the labelled landmark around everything
 * @csspart heading - the h2 "Editors' picks"
 * @csspart list - the list of picks; `pick` each item
 * @csspart story - the h3 with the link to the story; `story-link` the link
 * @csspart body - the excerpt of the comment
 * @csspart author - the author's name; `staff-badge` the site's badge for staff
 * @csspart editor-note - the editor's note
 * @csspart status - the loading message
 * @csspart error - the error message; `button` the Retry button
 *
 * @cssprop --palabre-font - font family (default: inherited)
 * @cssprop --palabre-heading-font - font family of the h2 (default: inherited)
 * @cssprop --palabre-font-size - base font size (default: 1rem)
 * @cssprop --palabre-color-text - text colour (default: inherited)
 * @cssprop --palabre-color-background - background (default: transparent)
 * @cssprop --palabre-color-muted - secondary text (times)
 * @cssprop --palabre-color-border - lines between picks
 * @cssprop --palabre-color-accent - links, the staff badge, focus ring
 * @cssprop --palabre-color-on-accent - text on the accent colour
 * @cssprop --palabre-color-error - error messages
 * @cssprop --palabre-color-highlight - background of the selection
 * @cssprop --palabre-radius - corner radius
 * @cssprop --palabre-space - base spacing
 */
export class PalabreFeatured extends PalabreElement {
  static override sheets = [readerStyles];
  static override attrs = ["site", "limit", "locale", "api"];

  declare site: string | undefined;
  declare limit: string | undefined;
  declare locale: string | undefined;
  declare api: string | undefined;

  private phase: "loading" | "ready" | "error" = "loading";
  private error = "";
  private items: FeaturedItem[] = [];
  private siteView: SiteView | null = null;
  private generation = 0;

  private get t(): Messages {
    return messagesFor(this.locale);
  }

  protected override willUpdate(changed: Set<string>): void {
    if (!this.hasUpdated || changed.has("site") || changed.has("limit") || changed.has("api")) void this.load();
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    const t = this.t;
    this.phase = "loading";
    this.requestUpdate();
    try {
      if (!this.site) throw new ApiFailure("missing_site", t.missingSite);
      const n = Math.round(Number(this.limit));
      const res = await createApi(this.api || scriptOrigin, this.site).featured(n > 0 ? Math.min(n, 50) : undefined);
      if (generation !== this.generation) return;
      this.items = res.items;
      this.siteView = res.site;
      this.phase = "ready";
    } catch (err) {
      if (generation !== this.generation) return;
      // Without a site the ApiFailure carries the translated message itself.
      this.error = errorMessage(t, err);
      this.phase = "error";
    }
    this.requestUpdate();
  }

  override render(): TemplateResult {
    const t = this.t;
    const d = dates(t.lang);
    const site = this.siteView?.name ?? "";
    return html`<section part="section" aria-labelledby="palabre-picks" aria-busy=${this.phase === "loading" ? "true" : "false"} lang=${t.lang}>
      <h2 id="palabre-picks" part="heading">${t.picks}</h2>
      <p class="status" part="status" role="status">${this.phase === "loading" ? t.picksLoading : ""}</p>
      ${this.phase === "error"
        ? html`<div class="error" part="error" role="alert">
            <p>${this.error}</p>
            ${this.site ? html`<button part="button" @click=${this.load}>${t.retry}</button>` : nothing}
          </div>`
        : this.phase === "ready" && !this.items.length
          ? html`<p class="empty">${t.picksEmpty}</p>`
          : html`<ul part="list">
              ${this.items.map((c) => {
                const url = c.story.url && /^https?:\/\//i.test(c.story.url) ? `${c.story.url.split("#")[0]}#comment-${c.id}` : null;
                const title = c.story.title || t.storyFallback;
                return html`<li class="pick" part="pick">
                  <h3 part="story">${url ? html`<a part="story-link" href=${url}>${title}</a>` : title}</h3>
                  <div class="body" part="body">${renderBlocks(excerpt(blocksOf(c), EXCERPT))}</div>
                  <p class="byline">${byline(c, t, site, d)}</p>
                  ${editorNote(c, t)}
                </li>`;
              })}
            </ul>`}
    </section>`;
  }
}

PalabreFeatured.define("palabre-featured");

declare global {
  interface HTMLElementTagNameMap {
    "palabre-featured": PalabreFeatured;
  }
}
