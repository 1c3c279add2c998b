// The lazy part of <palabre-featured>: loading the site's picks and showing them.
import { html, nothing, type TemplateResult } from "lit/html.js";
import { ApiFailure, createApi, scriptOrigin } from "../api";
import * as calls from "../api-calls";
import { excerpt } from "../../common/text/excerpt";
import { langOf, loadMessages, type Messages } from "../locales/index";
import { blocksOf, byline, dates, editorNote, fullDates } from "../parts";
import { describeError } from "../errors";
import { renderBlocks } from "../text/render";
import type { PalabreFeatured } from "./palabre-featured";

/** Characters of each comment shown; the rest is on the story's page. */
const EXCERPT = 280;

const generations = new WeakMap<PalabreFeatured, number>();

export async function load(el: PalabreFeatured): Promise<void> {
  const generation = (generations.get(el) ?? 0) + 1;
  generations.set(el, generation);
  el.phase = "loading";
  try {
    const t = await loadMessages(langOf(el.locale));
    if (!el.site) throw new ApiFailure("missing_site", t.missingSite);
    const n = Math.round(Number(el.limit));
    const res = await calls.featured(createApi(el.api || scriptOrigin, el.site), n > 0 ? Math.min(n, 50) : undefined);
    if (generation !== generations.get(el)) return;
    el.items = res.items;
    el.siteView = res.site;
    el.phase = "ready";
  } catch (err) {
    if (generation !== generations.get(el)) return;
    // Without a site the failure carries the translated message itself.
    const missing = err instanceof ApiFailure && err.code === "missing_site";
    el.error = missing ? err.message : await describeError(await loadMessages(langOf(el.locale)), err);
    el.phase = "error";
  }
}

export function render(el: PalabreFeatured, t: Messages): TemplateResult {
  fullDates(t.lang);
  const d = dates(t.lang);
  const site = el.siteView?.name ?? "";
  return html`<section part="section" aria-labelledby="palabre-picks" aria-busy=${el.phase === "loading" ? "true" : "false"} lang=${t.lang}>
    <h2 id="palabre-picks" part="heading">${t.picks}</h2>
    <p class="status" part="status" role="status">${el.phase === "loading" ? t.picksLoading : ""}</p>
    ${
      el.phase === "error"
        ? html`<div class="error" part="error" role="alert">
          <p>${el.error}</p>
          ${el.site ? html`<button part="button" @click=${() => load(el)}>${t.retry}</button>` : nothing}
        </div>`
        : el.phase === "ready" && !el.items.length
          ? html`<p class="empty">${t.picksEmpty}</p>`
          : html`<ul part="list">
            ${el.items.map((c) => {
              const url = c.story.url && /^https?:\/\//i.test(c.story.url) ? `${c.story.url.split("#")[0]}#comment-${c.id}` : null;
              const title = c.story.title || t.storyFallback;
              return html`<li class="pick" part="pick">
                <h3 part="story">${url ? html`<a part="story-link" href=${url}>${title}</a>` : title}</h3>
                <div class="body" part="body">${renderBlocks(excerpt(blocksOf(c), EXCERPT))}</div>
                <p class="byline">${byline(c, t, site, d)}</p>
                ${editorNote(c, t)}
              </li>`;
            })}
          </ul>`
    }
  </section>`;
}
