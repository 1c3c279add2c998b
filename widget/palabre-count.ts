// <palabre-count>: "12 commentaires" for a story; every count of a page is fetched in one request.
import { html, type TemplateResult } from "lit/html.js";
import { createApi, scriptOrigin } from "./api";
import * as calls from "./api-calls";
import { PalabreElement, type PropertyValues } from "./element";
import { LocaleController } from "./locale-controller";

/** The API's limit of story keys per request. */
const MAX_KEYS = 100;

/** Stories asked for in this microtask, per API origin and site: one GET /counts each (split by 100). */
const queued = new Map<string, Map<string, PalabreCount[]>>();

function ask(el: PalabreCount, base: string, site: string, story: string): void {
  const key = `${base} ${site}`;
  let stories = queued.get(key);
  if (!stories) {
    queued.set(key, (stories = new Map()));
    queueMicrotask(() => {
      queued.delete(key);
      const keys = [...stories!.keys()];
      for (let i = 0; i < keys.length; i += MAX_KEYS) {
        const part = keys.slice(i, i + MAX_KEYS);
        calls.counts(createApi(base, site), part).then(
          ({ counts }) => {
            for (const s of part) for (const e of stories!.get(s)!) e.show(counts[s] ?? 0);
          },
          () => {
            for (const s of part) for (const e of stories!.get(s)!) e.show(null);
          },
        );
      }
    });
  }
  stories.set(story, [...(stories.get(story) ?? []), el]);
}

/**
 * How many comments a story has, as inline text ("12 commentaires" / "12 comments"), for lists of
 * stories; wrap it in the site's own link. Counts of many elements are fetched together.
 *
 * @attr site - the site's id (required)
 * @attr story - the story's key; default: the canonical URL, else the page URL without query and hash
 * @attr locale - fr or en; default: from `<html lang>`
 * @attr api - the API origin; default: the origin embed.js was loaded from
 */
export class PalabreCount extends PalabreElement {
  static override properties = { site: {}, story: {}, locale: {}, api: {}, count: { state: true } };

  declare site: string | undefined;
  declare story: string | undefined;
  declare locale: string | undefined;
  declare api: string | undefined;

  /** null: unknown (not loaded, or the request failed): nothing is shown */
  declare count: number | null;
  private strings = new LocaleController(this);

  constructor() {
    super();
    this.count = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const story = this.story || document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href || location.href.split(/[?#]/)[0]!;
    if (this.site && (changed.has("site") || changed.has("story") || changed.has("api")))
      ask(this, this.api || scriptOrigin, this.site, story);
  }

  /** Called with the batch's answer. */
  show(count: number | null): void {
    this.count = count;
  }

  override render(): TemplateResult {
    const t = this.strings.current();
    return html`${this.count === null || !t ? "" : t.commentCount(this.count)}`;
  }
}

PalabreCount.define("palabre-count");

declare global {
  interface HTMLElementTagNameMap {
    "palabre-count": PalabreCount;
  }
}
