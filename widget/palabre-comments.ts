// <palabre-comments>: a story's discussion — thread, replies, sorting, and composers to post and reply.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import type { CommentView, SiteView, StoryView, ThreadComment, ThreadSort } from "../worker/schemas/views";
import { ApiFailure, createApi, type PageInfo, type ReaderApi } from "./api";
import { messagesFor, type Messages } from "./locales/index";
import { commentsStyles } from "./styles";
import { formatText, type Block } from "./text/format";
import { renderBlocks } from "./text/render";
import { BODY_MAX, NAME_MAX, codePointLength, normalizeText } from "./text/rules";
import { relativeTime } from "./time";

/** Deepest indentation of replies; the API caps depth at the same value. */
const MAX_INDENT = 3;
const REPLIES_PAGE = 50;
const NEW = "new";

interface Draft {
  text: string;
  sending: boolean;
  error: string;
  field: "body" | "name" | null;
}

type Phase = "loading" | "ready" | "error";

// The script's own origin: the API lives beside embed.js unless the `api` attribute says otherwise.
const scriptOrigin = (() => {
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return "";
  }
})();

/**
 * The discussion under a story: the comments with their replies, and forms to post and reply.
 *
 * @attr site - the site's id (required)
 * @attr story - the story's key; default: the canonical URL, else the page URL without query and hash
 * @attr locale - fr or en; default: from `<html lang>`
 * @attr api - the API origin; default: the origin embed.js was loaded from
 *
 * @fires palabre:posted - a comment or reply was published; `detail` is the comment (bubbles, composed)
 *
 * @csspart section - the labelled landmark around everything
 * @csspart heading - the h2 "Comments (n)"
 * @csspart composer - each form (new comment, reply)
 * @csspart input - the name field
 * @csspart textarea - the comment field
 * @csspart counter - the character counter
 * @csspart button - every button; the publish button also has `button-primary`
 * @csspart sort - the sort control's row
 * @csspart status - the polite status message ("Comment published.")
 * @csspart error - error messages
 * @csspart thread - the list of top-level comments
 * @csspart comment - each comment's list item
 * @csspart comment-heading - the h3 with author, time and permalink
 * @csspart author - the author's name
 * @csspart permalink - the link around the time
 * @csspart body - the formatted text
 * @csspart quote - a quote in a comment
 * @csspart link - a link in a comment
 * @csspart replies - a list of replies
 *
 * @cssprop --palabre-font - font family (default: inherited)
 * @cssprop --palabre-heading-font - font family of the h2 (default: inherited)
 * @cssprop --palabre-font-size - base font size (default: 1rem)
 * @cssprop --palabre-color-text - text colour (default: inherited)
 * @cssprop --palabre-color-background - background (default: transparent)
 * @cssprop --palabre-color-muted - secondary text (times, counters)
 * @cssprop --palabre-color-border - borders and thread lines
 * @cssprop --palabre-color-surface - background of fields and buttons
 * @cssprop --palabre-color-accent - primary button, links, focus ring
 * @cssprop --palabre-color-on-accent - text on the accent colour
 * @cssprop --palabre-color-error - error messages
 * @cssprop --palabre-radius - corner radius
 * @cssprop --palabre-space - base spacing
 */
export class PalabreComments extends LitElement {
  static override styles = commentsStyles;
  static override properties = {
    site: {},
    story: {},
    locale: {},
    api: {},
  };

  declare site: string | undefined;
  declare story: string | undefined;
  declare locale: string | undefined;
  declare api: string | undefined;

  private client: ReaderApi | null = null;
  private phase: Phase = "loading";
  private loadError = "";
  private siteView: SiteView | null = null;
  private storyView: StoryView | null = null;
  private sort: ThreadSort = "newest";
  private comments: ThreadComment[] = [];
  private nextCursor: string | null = null;
  /** keys of requests under way ("more", "replies-ID") and their errors */
  private busy = new Set<string>();
  private errors = new Map<string, string>();
  private drafts = new Map<string, Draft>();
  private openReply: number | null = null;
  private name = "";
  private status = "";
  private generation = 0;
  private source = "";
  private timer: ReturnType<typeof setInterval> | undefined;
  private formatted = new WeakMap<CommentView, Block[]>();

  private get t(): Messages {
    return messagesFor(this.locale);
  }

  private get storyKey(): string {
    return this.story || canonicalUrl() || location.href.split(/[?#]/)[0]!;
  }

  /** Sent with each request so the story is created with its page on first use. */
  private get pageInfo(): PageInfo {
    const url = canonicalUrl() || location.href.split("#")[0]!;
    const title = document.title.trim();
    return {
      ...(/^https?:/.test(url) && url.length <= 2048 ? { url } : {}),
      ...(title ? { title } : {}),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Relative times ("2 minutes ago") move on while the page stays open.
    this.timer = setInterval(() => this.requestUpdate(), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has("site") || changed.has("story") || changed.has("api")) void this.loadFirst();
  }

  private draft(key: string): Draft {
    let d = this.drafts.get(key);
    if (!d) this.drafts.set(key, (d = { text: "", sending: false, error: "", field: null }));
    return d;
  }

  private messageOf(err: unknown): string {
    const t = this.t;
    if (!(err instanceof ApiFailure)) return t.errors.unknown;
    return (Object.hasOwn(t.errors, err.code) && t.errors[err.code]) || err.message || t.errors.unknown;
  }

  // ---- loading ----

  private async loadFirst(): Promise<void> {
    const generation = ++this.generation;
    const t = this.t;
    const source = `${this.api || scriptOrigin}|${this.site}|${this.storyKey}`;
    if (source !== this.source) {
      // Another discussion: nothing of the previous one may linger (a sort change keeps it on screen).
      this.source = source;
      this.storyView = null;
      this.comments = [];
      this.drafts.clear();
      this.openReply = null;
    }
    this.client = this.site ? createApi(this.api || scriptOrigin, this.site) : null;
    this.phase = "loading";
    this.status = t.loading;
    this.requestUpdate();
    if (!this.client) {
      this.phase = "error";
      this.loadError = t.missingSite;
      this.status = "";
      return this.requestUpdate();
    }
    try {
      const res = await this.client.thread({ story: this.storyKey, sort: this.sort, ...this.pageInfo });
      if (generation !== this.generation) return;
      this.siteView = res.site;
      this.storyView = res.story;
      this.comments = res.comments;
      this.nextCursor = res.nextCursor;
      this.errors.clear();
      this.phase = "ready";
      this.status = "";
      this.name ||= readName(res.site.id);
    } catch (err) {
      if (generation !== this.generation) return;
      this.phase = "error";
      this.loadError = this.messageOf(err);
      this.status = "";
    }
    this.requestUpdate();
    await this.updateComplete;
    // A permalink (#comment-12) cannot reach into the shadow root by itself.
    const target = /^#comment-\d+$/.test(location.hash) && this.renderRoot.querySelector(location.hash);
    if (target) target.scrollIntoView();
  }

  private async loadMore(): Promise<void> {
    if (!this.client || !this.nextCursor || this.busy.has("more")) return;
    const generation = this.generation;
    this.busy.add("more");
    this.errors.delete("more");
    this.requestUpdate();
    try {
      const res = await this.client.thread({ story: this.storyKey, sort: this.sort, cursor: this.nextCursor });
      if (generation !== this.generation) return;
      const known = new Set(this.comments.map((c) => c.id));
      const added = res.comments.filter((c) => !known.has(c.id));
      this.comments = [...this.comments, ...added];
      this.nextCursor = res.nextCursor;
      this.storyView = res.story;
      this.status = this.t.commentsLoaded(added.length);
    } catch (err) {
      this.errors.set("more", this.messageOf(err));
    } finally {
      this.busy.delete("more");
      this.requestUpdate();
    }
  }

  private async loadReplies(root: ThreadComment): Promise<void> {
    const key = `replies-${root.id}`;
    if (!this.client || !root.repliesCursor || this.busy.has(key)) return;
    this.busy.add(key);
    this.errors.delete(key);
    this.requestUpdate();
    try {
      const res = await this.client.replies(root.id, root.repliesCursor, REPLIES_PAGE);
      const known = new Set(root.replies.map((r) => r.id));
      const added = res.replies.filter((r) => !known.has(r.id));
      root.replies = [...root.replies, ...added];
      root.repliesCursor = res.nextCursor;
      this.status = this.t.repliesLoaded(added.length);
    } catch (err) {
      this.errors.set(key, this.messageOf(err));
    } finally {
      this.busy.delete(key);
      this.requestUpdate();
    }
  }

  private changeSort(e: Event): void {
    this.sort = (e.target as HTMLSelectElement).value === "oldest" ? "oldest" : "newest";
    void this.loadFirst();
  }

  // ---- posting ----

  private async openReplyTo(id: number): Promise<void> {
    this.openReply = id;
    this.requestUpdate();
    await this.updateComplete;
    this.focus_(`#body-${id}`);
  }

  private async closeReply(id: number): Promise<void> {
    this.openReply = null;
    this.requestUpdate();
    await this.updateComplete;
    this.focus_(`#reply-${id}`);
  }

  private focus_(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async submit(e: Event, parent: CommentView | null): Promise<void> {
    e.preventDefault();
    const key = parent ? String(parent.id) : NEW;
    const d = this.draft(key);
    if (d.sending || !this.client) return;
    const t = this.t;
    d.sending = true;
    d.error = "";
    d.field = null;
    this.status = "";
    this.requestUpdate();
    let posted = false;
    try {
      const { comment, story } = await this.client.post({
        story: this.storyKey,
        ...this.pageInfo,
        ...(parent ? { parentId: parent.id } : {}),
        body: d.text,
        author: { name: this.name },
      });
      posted = true;
      this.name = normalizeText(this.name);
      if (this.siteView) saveName(this.siteView.id, this.name);
      d.text = "";
      this.storyView = story;
      if (comment.status === "published") this.insert(comment);
      this.status = comment.status === "published" ? t.published : t.pending;
      if (parent) this.openReply = null;
      this.dispatchEvent(new CustomEvent("palabre:posted", { detail: comment, bubbles: true, composed: true }));
    } catch (err) {
      Object.assign(d, this.describeRefusal(err));
    } finally {
      d.sending = false;
      this.requestUpdate();
    }
    await this.updateComplete;
    // The disabled button lost focus: give it back to the reply's button or to the text.
    if (posted && parent) this.focus_(`#reply-${parent.id}`);
    else if (!document.activeElement || document.activeElement === document.body) this.focus_(`#body-${key}`);
  }

  /** A translated message for a refused post, and which field it is about. */
  private describeRefusal(err: unknown): Pick<Draft, "error" | "field"> {
    const t = this.t;
    const issue = err instanceof ApiFailure && err.code === "validation_failed" ? err.issues[0] : undefined;
    const path = issue?.path.join(".");
    const field = path === "body" ? "body" : path?.startsWith("author") ? "name" : null;
    if (!issue || !field) return { error: this.messageOf(err), field: null };
    const limits = this.limits;
    const max = (n: number) => n.toLocaleString(t.lang);
    const empty = issue.code === "empty" || issue.code === "invalid_type";
    const long = issue.code === "too_long";
    const error =
      field === "body"
        ? empty ? t.bodyEmpty : long ? t.bodyTooLong(max(limits.bodyMax)) : t.bodyInvalid
        : empty ? t.nameEmpty : long ? t.nameTooLong(max(limits.nameMax)) : t.nameInvalid;
    return { error, field };
  }

  /** Shows a just-published comment where it belongs, at once. */
  private insert(comment: CommentView): void {
    const rootId = comment.rootId;
    if (rootId === null) {
      this.comments = [{ ...comment, replies: [], repliesCursor: null }, ...this.comments];
      return;
    }
    const root = this.comments.find((c) => c.id === rootId);
    if (root && !root.replies.some((r) => r.id === comment.id)) {
      root.replies = [...root.replies, comment];
      root.replyCount++;
    }
  }

  private get limits(): SiteView["limits"] {
    return this.siteView?.limits ?? { bodyMax: BODY_MAX, nameMax: NAME_MAX };
  }

  // ---- rendering ----

  override render(): TemplateResult {
    const t = this.t;
    const story = this.storyView;
    // Once a thread has been shown, reloading it (a new sort) keeps it on screen, marked busy.
    const showThread = this.phase === "ready" || (this.phase === "loading" && story);
    return html`<section part="section" aria-labelledby="palabre-heading" lang=${t.lang}>
      <h2 id="palabre-heading" part="heading">${t.heading(story?.commentCount)}</h2>
      ${!story ? nothing : story.status === "closed" ? html`<p class="note">${t.closed}</p>` : this.renderComposer(null)}
      ${story && story.commentCount > 1 ? this.renderSort() : nothing}
      <p class="status" part="status" role="status">${this.status}</p>
      ${this.phase === "error"
        ? html`<div class="error" part="error" role="alert">
            <p>${this.loadError}</p>
            ${this.site ? html`<button part="button" @click=${this.loadFirst}>${t.retry}</button>` : nothing}
          </div>`
        : !showThread
          ? nothing
          : this.comments.length === 0
            ? html`<p class="empty">${t.empty}</p>`
            : this.renderThread()}
    </section>`;
  }

  private renderSort(): TemplateResult {
    const t = this.t;
    return html`<div class="sort" part="sort">
      <label for="palabre-sort">${t.sortLabel}</label>
      <select id="palabre-sort" @change=${this.changeSort}>
        <option value="newest" ?selected=${this.sort === "newest"}>${t.sortNewest}</option>
        <option value="oldest" ?selected=${this.sort === "oldest"}>${t.sortOldest}</option>
      </select>
    </div>`;
  }

  private renderThread(): TemplateResult {
    const t = this.t;
    const dir = this.sort === "newest" ? -1 : 1;
    const tops = [...this.comments].sort((a, b) => dir * (a.id - b.id));
    const now = Date.now();
    const rtf = new Intl.RelativeTimeFormat(t.lang, { numeric: "auto" });
    const full = new Intl.DateTimeFormat(t.lang, { dateStyle: "full", timeStyle: "short" });
    const ctx = { now, rtf, full };
    const moreError = this.errors.get("more");
    return html`<ul class="thread" part="thread" aria-busy=${this.phase === "loading" ? "true" : "false"}>
        ${tops.map((c) => this.renderComment(c, ctx, this.renderReplies(c, ctx)))}
      </ul>
      ${moreError ? html`<p class="error" part="error" role="alert">${moreError}</p>` : nothing}
      ${this.nextCursor
        ? html`<button class="more" part="button" ?disabled=${this.busy.has("more")} @click=${this.loadMore}>
            ${t.loadMore}
          </button>`
        : nothing}`;
  }

  /** A thread's replies arrive flat, oldest first; they are nested here by parentId. */
  private renderReplies(root: ThreadComment, ctx: RenderContext): TemplateResult {
    const t = this.t;
    const children = new Map<number, CommentView[]>();
    const level = new Map<number, number>([[root.id, 0]]);
    for (const r of [...root.replies].sort((a, b) => a.id - b.id)) {
      let parent = r.parentId !== null && level.has(r.parentId) ? r.parentId : root.id;
      // Never indent deeper than the API does, even if it is given deeper data.
      while (level.get(parent)! >= MAX_INDENT) parent = root.replies.find((x) => x.id === parent)?.parentId ?? root.id;
      level.set(r.id, level.get(parent)! + 1);
      children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const list = (parentId: number): TemplateResult | typeof nothing => {
      const kids = children.get(parentId);
      return kids
        ? html`<ul class="replies" part="replies">
            ${kids.map((k) => this.renderComment(k, ctx, list(k.id)))}
          </ul>`
        : nothing;
    };
    const key = `replies-${root.id}`;
    const remaining = Math.max(1, root.replyCount - root.replies.length);
    const error = this.errors.get(key);
    return html`${list(root.id)}
    ${error ? html`<p class="error" part="error" role="alert">${error}</p>` : nothing}
    ${root.repliesCursor
      ? html`<button class="link more" part="button" ?disabled=${this.busy.has(key)} @click=${() => this.loadReplies(root)}>
          ${t.moreReplies(remaining)}
        </button>`
      : nothing}`;
  }

  private renderComment(c: CommentView, ctx: RenderContext, after: unknown): TemplateResult {
    const t = this.t;
    let blocks = this.formatted.get(c);
    if (!blocks) this.formatted.set(c, (blocks = formatText(c.body)));
    const open = this.openReply === c.id;
    const closed = this.storyView?.status === "closed";
    return html`<li id="comment-${c.id}" class="comment" part="comment">
      <h3 part="comment-heading">
        <span class="author" part="author">${c.author.name}</span>
        <a class="permalink" part="permalink" href="#comment-${c.id}"
          ><time datetime=${c.createdAt} title=${ctx.full.format(new Date(c.createdAt))}
            >${relativeTime(c.createdAt, ctx.now, ctx.rtf)}</time
          ></a
        >
      </h3>
      ${c.replyTo ? html`<p class="reply-to" part="reply-to">${t.inReplyTo(c.replyTo.authorName)}</p>` : nothing}
      <div class="body" part="body">${renderBlocks(blocks)}</div>
      ${closed
        ? nothing
        : html`<button
            id="reply-${c.id}"
            class="link"
            part="button reply-button"
            aria-label=${t.replyTo(c.author.name)}
            aria-expanded=${open ? "true" : "false"}
            @click=${() => this.openReplyTo(c.id)}
          >
            ${t.reply}
          </button>`}
      ${open ? this.renderComposer(c) : nothing} ${after}
    </li>`;
  }

  private renderComposer(parent: CommentView | null): TemplateResult {
    const t = this.t;
    const key = parent ? String(parent.id) : NEW;
    const d = this.draft(key);
    const max = this.limits.bodyMax;
    const used = codePointLength(normalizeText(d.text));
    const over = used - max;
    const fmt = (n: number) => n.toLocaleString(t.lang);
    return html`<form
      class="composer"
      part="composer"
      aria-label=${parent ? t.replyComposerLabel(parent.author.name) : t.composerLabel}
      novalidate
      @submit=${(e: Event) => this.submit(e, parent)}
      @keydown=${(e: KeyboardEvent) => {
        if (parent && e.key === "Escape") {
          e.preventDefault();
          void this.closeReply(parent.id);
        }
      }}
    >
      <label for="name-${key}">${t.nameLabel}</label>
      <input
        id="name-${key}"
        part="input"
        autocomplete="nickname"
        aria-required="true"
        aria-invalid=${d.field === "name" ? "true" : "false"}
        aria-describedby=${d.field === "name" ? `error-${key}` : nothing}
        ?readonly=${d.sending}
        .value=${live(this.name)}
        @input=${(e: InputEvent) => {
          this.name = (e.target as HTMLInputElement).value;
          this.requestUpdate();
        }}
      />
      <label for="body-${key}">${parent ? t.replyBodyLabel : t.bodyLabel}</label>
      <textarea
        id="body-${key}"
        part="textarea"
        rows="4"
        aria-required="true"
        aria-invalid=${d.field === "body" || over > 0 ? "true" : "false"}
        aria-describedby=${d.field === "body" ? `count-${key} error-${key}` : `count-${key}`}
        ?readonly=${d.sending}
        .value=${live(d.text)}
        @input=${(e: InputEvent) => {
          d.text = (e.target as HTMLTextAreaElement).value;
          this.requestUpdate();
        }}
      ></textarea>
      <div class="row">
        <p id="count-${key}" class="counter ${over > 0 ? "over" : ""}" part="counter">
          ${t.counter(fmt(used), fmt(max))}${over > 0 ? ` — ${t.tooLong(over)}` : ""}
        </p>
        <span class="actions">
          ${parent
            ? html`<button type="button" part="button" @click=${() => this.closeReply(parent.id)}>${t.cancel}</button>`
            : nothing}
          <button type="submit" class="primary" part="button button-primary" ?disabled=${d.sending}>
            ${d.sending ? t.publishing : t.publish}
          </button>
        </span>
      </div>
      ${d.error ? html`<p id="error-${key}" class="error" part="error" role="alert">${d.error}</p>` : nothing}
    </form>`;
  }
}

interface RenderContext {
  now: number;
  rtf: Intl.RelativeTimeFormat;
  full: Intl.DateTimeFormat;
}

function canonicalUrl(): string | null {
  return document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href || null;
}

// The reader's name is remembered per site; storage may be unavailable (privacy modes, sandboxes).
const nameKey = (site: string) => `palabre:name:${site}`;

function readName(site: string): string {
  try {
    return localStorage.getItem(nameKey(site)) ?? "";
  } catch {
    return "";
  }
}

function saveName(site: string, name: string): void {
  try {
    localStorage.setItem(nameKey(site), name);
  } catch {
    /* not remembered: the reader types it again next time */
  }
}

if (!customElements.get("palabre-comments")) customElements.define("palabre-comments", PalabreComments);

declare global {
  interface HTMLElementTagNameMap {
    "palabre-comments": PalabreComments;
  }
}
