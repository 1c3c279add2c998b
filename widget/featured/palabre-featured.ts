// <palabre-featured>: a site's latest editors' picks across stories, for a home page, each linking
// to its story. Loading and the view are in featured-view.ts; both travel in the chunk of the
// other pages' elements (page-elements.ts).
import { html, type TemplateResult } from "lit/html.js";
import type { FeaturedItem, SiteView } from "../../worker/schemas/views";
import { PalabreElement, type PropertyValues } from "../element";
import { LocaleController } from "../locale-controller";
import { readerStyles } from "../styles";
import { load, render } from "./featured-view";

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
  static override properties = {
    site: {},
    limit: {},
    locale: {},
    api: {},
    phase: { state: true },
    error: { state: true },
    items: { state: true },
    siteView: { state: true },
  };

  declare site: string | undefined;
  declare limit: string | undefined;
  declare locale: string | undefined;
  declare api: string | undefined;
  declare phase: "loading" | "ready" | "error";
  /** why the last load failed, in the reader's language */
  declare error: string;
  declare items: FeaturedItem[];
  declare siteView: SiteView | null;
  readonly strings = new LocaleController(this);

  constructor() {
    super();
    this.phase = "loading";
    this.error = "";
    this.items = [];
    this.siteView = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!this.hasUpdated || changed.has("site") || changed.has("limit") || changed.has("api")) void load(this);
  }

  override render(): TemplateResult {
    const t = this.strings.current();
    return t ? render(this, t) : html``;
  }
}

PalabreFeatured.define("palabre-featured");

declare global {
  interface HTMLElementTagNameMap {
    "palabre-featured": PalabreFeatured;
  }
}
