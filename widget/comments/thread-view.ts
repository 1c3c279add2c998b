// The discussion's body: the editors' picks, the sort, the list of comments (the reader's own held
// ones and the new ones first), a skeleton while the first page loads, the empty state, and errors
// that say what to do.
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { ThreadComment } from "../../worker/schemas/views";
import { icon } from "../icons";
import { blocksOf, byline, editorNote, type Dates } from "../parts";
import { renderBlocks } from "../text/render";
import { renderComment, renderReplies, withForms } from "./comment-view";
import type { CommentsHost } from "./host";

/** The editors' selection: each pick with its note, and a way to its place in the thread. */
export function renderPicks(host: CommentsHost, d: Dates): TemplateResult {
  const t = host.t!;
  const site = host.thread.site?.name ?? "";
  return html`<section class="picks" part="picks" aria-labelledby="palabre-picks">
    <h3 id="palabre-picks">${t.picks}</h3>
    <ul>
      ${host.thread.featured.map(
        (c) => html`<li class="pick" part="pick">
          <h4>${byline(c, t, site, d)}</h4>
          <div class="body" part="body">${renderBlocks(blocksOf(c))}</div>
          ${editorNote(c, t)}
          <a
            class="goto"
            href="#comment-${c.id}"
            @click=${(e: Event) => {
              e.preventDefault();
              withForms(host, (f) => f.jump(c.id, c.rootId))();
            }}
            >${t.seeInThread}</a
          >
        </li>`,
      )}
    </ul>
  </section>`;
}

export function renderSort(host: CommentsHost, change: (e: Event) => void): TemplateResult {
  const t = host.t!;
  const sort = host.thread.sort;
  return html`<div class="sort" part="sort">
    <label for="palabre-sort">${t.sortLabel}</label>
    <select id="palabre-sort" @change=${change}>
      <option value="newest" ?selected=${sort === "newest"}>${t.sortNewest}</option>
      <option value="oldest" ?selected=${sort === "oldest"}>${t.sortOldest}</option>
      <option value="top" ?selected=${sort === "top"}>${t.sortTop}</option>
    </select>
  </div>`;
}

/** Grey shapes where the first comments will be (the status line says "Loading…" in words). */
export const skeleton = (): TemplateResult =>
  html`<div class="skeleton" part="skeleton" aria-hidden="true">
    ${[0, 1, 2].map(
      () =>
        html`<div class="ghost"><span class="avatar"></span><span class="line short"></span><span class="line"></span><span class="line"></span></div>`,
    )}
  </div>`;

export function renderEmpty(host: CommentsHost): TemplateResult {
  const t = host.t!;
  return html`<div class="empty" part="empty">${icon("chat")}<p class="empty-title">${t.empty}</p><p>${t.emptyHint}</p></div>`;
}

export function renderLoadError(host: CommentsHost, retry: () => void): TemplateResult {
  const t = host.t!;
  return html`<div class="error-state" part="error" role="alert">
    ${icon("alert")}
    <div>
      <p class="error-title">${t.loadFailed}</p>
      <p>${host.thread.loadError}</p>
      ${host.site ? html`<button part="button" @click=${retry}>${t.retry}</button>` : nothing}
    </div>
  </div>`;
}

/** The comments: pinned ones (held, or new since the page opened) first, then the page in its sort. */
export function renderList(host: CommentsHost, d: Dates): TemplateResult {
  const t = host.t!;
  const thread = host.thread;
  const dir = thread.sort === "newest" ? -1 : thread.sort === "oldest" ? 1 : 0;
  const known = new Set(thread.comments.map((c) => c.id));
  const held: ThreadComment[] = thread.own
    .filter((c) => c.rootId === null && !known.has(c.id))
    .map((c) => ({ ...c, replies: [], repliesCursor: null }));
  const pinned = thread.comments.filter((c) => thread.pinned.has(c.id)).sort((a, b) => b.id - a.id);
  const rest = thread.comments.filter((c) => !thread.pinned.has(c.id));
  const tops = [...held, ...pinned, ...(dir ? rest.sort((a, b) => dir * (a.id - b.id)) : rest)];
  const moreError = thread.errors.get("more");
  return html`<ul class="thread" part="thread" aria-busy=${thread.phase === "loading" ? "true" : "false"}>
      ${tops.map((c) => renderComment(host, c, d, renderReplies(host, c, d)))}
    </ul>
    ${moreError ? html`<p class="error" part="error" role="alert">${moreError}</p>` : nothing}
    ${
      thread.nextCursor
        ? html`<button class="more" part="button" ?disabled=${thread.busy.has("more")} @click=${withForms(host, (f) => f.loadMore())}>${t.loadMore}</button>`
        : nothing
    }`;
}
