// <palabre-comments>: a story's discussion — the editors' picks, the thread, replies, sorting, composers
// to post and reply, the reader's own comments awaiting moderation, and reports.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import type {
  CommentView,
  ReasonView,
  ReportReason,
  SiteView,
  StoryView,
  ThreadComment,
  ThreadSort,
} from "../worker/schemas/views";
import { ApiFailure, createApi, scriptOrigin, type PageInfo, type ReaderApi } from "./api";
import { messagesFor, type Messages } from "./locales/index";
import { blocksOf, byline, dates, editorNote, errorMessage, type Dates } from "./parts";
import { readerStyles } from "./styles";
import { renderBlocks } from "./text/render";
import { BODY_MAX, NAME_MAX, codePointLength, normalizeText } from "./text/rules";

/** Deepest indentation of replies; the API caps depth at the same value. */
const MAX_INDENT = 3;
const REPLIES_PAGE = 50;
const NEW = "new";
const REPORT_REASONS: ReportReason[] = ["spam", "abuse", "off-topic", "other"];
const NOTE_MAX = 500;

interface Draft {
  text: string;
  sending: boolean;
  error: string;
  field: "body" | "name" | null;
  /** the last post broke the site's charter: the words found and the charter to show */
  charter: { words: string[]; text: string } | null;
}

interface ReportDraft {
  reason: ReportReason | null;
  note: string;
  sending: boolean;
  error: string;
  /** the confirmation, in the comment's own status region */
  done: string;
}

type Phase = "loading" | "ready" | "error";

/**
 * The discussion under a story: the comments with their replies, and forms to post and reply.
 *
 * @attr site - the site's id (required)
 * @attr story - the story's key; default: the canonical URL, else the page URL without query and hash
 * @attr locale - fr or en; default: from `<html lang>`
 * @attr api - the API origin; default: the origin embed.js was loaded from
 *
 * @fires palabre:posted - a comment or reply was published or held for moderation (`detail.status`); `detail` is the comment (bubbles, composed)
 * @fires palabre:reported - the reader reported a comment; `detail` is `{ id, reason }` (bubbles, composed)
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
 * @csspart picks - the editors' selection above the thread; `pick` each of its comments
 * @csspart pick-mark - the "Editors' pick" mark of a featured comment in the thread
 * @csspart editor-note - the editor's note of a featured comment
 * @csspart staff-badge - the site's badge beside a staff member's name
 * @csspart pending - the "Awaiting moderation" mark on the reader's own held comments
 * @csspart charter - the site's charter, shown when a comment breaks it
 * @csspart report - the report form
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
 * @cssprop --palabre-color-highlight - background of a comment reached from the selection, and of the badges
 * @cssprop --palabre-radius - corner radius
 * @cssprop --palabre-space - base spacing
 */
export class PalabreComments extends LitElement {
  static override styles = readerStyles;
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
  private featured: CommentView[] = [];
  /** the reader's own comments awaiting moderation, and why (known for those posted from this page) */
  private own: CommentView[] = [];
  private held = new Map<number, ReasonView[]>();
  /** comments this reader sent from this page: no report button on them */
  private mine = new Set<number>();
  private reports = new Map<number, ReportDraft>();
  private openReport: number | null = null;
  private flash: number | null = null;
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
    if (!d) this.drafts.set(key, (d = { text: "", sending: false, error: "", field: null, charter: null }));
    return d;
  }

  private messageOf(err: unknown): string {
    return errorMessage(this.t, err);
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
      this.featured = [];
      this.own = [];
      this.drafts.clear();
      this.reports.clear();
      this.openReply = this.openReport = null;
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
      this.featured = res.featured ?? [];
      this.own = res.own ?? [];
      for (const c of this.own) this.mine.add(c.id);
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
    // A permalink (#comment-12) cannot reach into the shadow root by itself.
    const id = /^#comment-(\d+)$/.exec(location.hash)?.[1];
    if (id && this.phase === "ready") void this.jump(+id, this.featured.find((c) => c.id === +id)?.rootId);
  }

  /**
   * Scrolls to a comment of the thread and highlights it. With `rootId` known (a featured comment),
   * loads the pages or replies it is on first; says so when it is not in the thread.
   */
  private async jump(id: number, rootId?: number | null): Promise<void> {
    const find = async () => {
      await this.updateComplete;
      return this.renderRoot.querySelector<HTMLElement>(`#comment-${id}`);
    };
    let target = await find();
    while (!target && rootId !== undefined && !this.errors.size) {
      const root = rootId === null ? undefined : this.comments.find((c) => c.id === rootId);
      if (root?.repliesCursor) await this.loadReplies(root);
      else if (!root && this.nextCursor) await this.loadMore();
      else break;
      target = await find();
    }
    if (!target) {
      // A permalink to a comment further down the thread stays quiet; a pick that cannot be found says so.
      if (rootId !== undefined) this.status = this.t.notInThread;
      return this.requestUpdate();
    }
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
    this.flash = id;
    this.requestUpdate();
    setTimeout(() => {
      if (this.flash === id) (this.flash = null), this.requestUpdate();
    }, 2500);
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

  private async submit(e: Event, parent: CommentView | null, confirm = false): Promise<void> {
    e.preventDefault();
    const key = parent ? String(parent.id) : NEW;
    const d = this.draft(key);
    if (d.sending || !this.client) return;
    const t = this.t;
    d.sending = true;
    d.error = "";
    d.field = null;
    d.charter = null;
    this.status = "";
    this.requestUpdate();
    let posted = false;
    try {
      const { comment, story, reasons } = await this.client.post({
        story: this.storyKey,
        ...this.pageInfo,
        ...(parent ? { parentId: parent.id } : {}),
        body: d.text,
        author: { name: this.name },
        ...(confirm ? { confirm } : {}),
      });
      posted = true;
      this.name = normalizeText(this.name);
      if (this.siteView) saveName(this.siteView.id, this.name);
      d.text = "";
      this.storyView = story;
      this.mine.add(comment.id);
      const status = comment.status;
      if (status === "published") this.insert(comment);
      // Held: shown at once to its author, in place, marked as awaiting moderation.
      if (status === "pending") (this.own = [...this.own, comment]), this.held.set(comment.id, reasons ?? []);
      this.status = status === "published" ? t.published : status === "pending" ? t.pending : t.rejectedAnyway;
      if (parent) this.openReply = null;
      if (status !== "rejected") {
        this.dispatchEvent(new CustomEvent("palabre:posted", { detail: comment, bubbles: true, composed: true }));
      }
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
  private describeRefusal(err: unknown): Pick<Draft, "error" | "field" | "charter"> {
    const t = this.t;
    const none = { field: null, charter: null };
    if (!(err instanceof ApiFailure)) return { error: this.messageOf(err), ...none };
    const { code, details } = err;
    if (code === "charter_violation") {
      const charter = { words: details.words ?? [], text: details.charter || this.siteView?.charter || "" };
      return { error: t.charterBroken, field: "body", charter };
    }
    if (code === "author_banned") {
      const until = details.until
        ? new Intl.DateTimeFormat(t.lang, { dateStyle: "long", timeStyle: "short" }).format(new Date(details.until))
        : null;
      return { error: [t.banned(until), details.reason && t.banReason(details.reason)].filter(Boolean).join(" "), ...none };
    }
    if (code === "flood" && details.retryAfter) {
      const n = Math.ceil(details.retryAfter / (details.retryAfter > 90 ? 60 : 1));
      const unit = details.retryAfter > 90 ? "minute" : "second";
      const wait = new Intl.NumberFormat(t.lang, { style: "unit", unit, unitDisplay: "long" }).format(n);
      return { error: t.flood(wait), ...none };
    }
    const issue = code === "validation_failed" ? err.issues[0] : undefined;
    const path = issue?.path.join(".");
    const field = path === "body" ? "body" : path?.startsWith("author") ? "name" : null;
    if (!issue || !field) return { error: this.messageOf(err), ...none };
    const limits = this.limits;
    const max = (n: number) => n.toLocaleString(t.lang);
    const empty = issue.code === "empty" || issue.code === "invalid_type";
    const long = issue.code === "too_long";
    const error =
      field === "body"
        ? empty ? t.bodyEmpty : long ? t.bodyTooLong(max(limits.bodyMax)) : t.bodyInvalid
        : empty ? t.nameEmpty : long ? t.nameTooLong(max(limits.nameMax)) : t.nameInvalid;
    return { error, field, charter: null };
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

  // ---- reports ----

  private async toggleReport(id: number, open: boolean): Promise<void> {
    this.openReport = open ? id : null;
    const r = this.reports.get(id);
    if (r) r.done = "";
    else this.reports.set(id, { reason: null, note: "", sending: false, error: "", done: "" });
    this.requestUpdate();
    await this.updateComplete;
    this.focus_(open ? `#report-form-${id} input` : `#report-${id}`);
  }

  private async sendReport(e: Event, c: CommentView): Promise<void> {
    e.preventDefault();
    const r = this.reports.get(c.id)!;
    if (r.sending || !this.client) return;
    r.error = "";
    if (!r.reason) {
      r.error = this.t.reportChoose;
      return this.requestUpdate();
    }
    r.sending = true;
    this.requestUpdate();
    try {
      await this.client.report(c.id, r.reason, normalizeText(r.note));
      this.dispatchEvent(
        new CustomEvent("palabre:reported", { detail: { id: c.id, reason: r.reason }, bubbles: true, composed: true }),
      );
      r.reason = null;
      r.note = "";
      r.sending = false;
      await this.toggleReport(c.id, false);
      r.done = this.t.reportSent;
    } catch (err) {
      r.error = this.messageOf(err);
    } finally {
      r.sending = false;
      this.requestUpdate();
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
    const d = dates(t.lang);
    return html`<section part="section" aria-labelledby="palabre-heading" lang=${t.lang}>
      <h2 id="palabre-heading" part="heading">${t.heading(story?.commentCount)}</h2>
      ${!story ? nothing : story.status === "closed" ? html`<p class="note">${t.closed}</p>` : this.renderComposer(null)}
      <p class="status" part="status" role="status">${this.status}</p>
      ${showThread && this.featured.length ? this.renderPicks(d) : nothing}
      ${story && story.commentCount > 1 ? this.renderSort() : nothing}
      ${this.phase === "error"
        ? html`<div class="error" part="error" role="alert">
            <p>${this.loadError}</p>
            ${this.site ? html`<button part="button" @click=${this.loadFirst}>${t.retry}</button>` : nothing}
          </div>`
        : !showThread
          ? nothing
          : this.comments.length + this.own.length === 0
            ? html`<p class="empty">${t.empty}</p>`
            : this.renderThread(d)}
    </section>`;
  }

  /** The editors' selection: each pick with its note, and a way to its place in the thread. */
  private renderPicks(d: Dates): TemplateResult {
    const t = this.t;
    return html`<section class="picks" part="picks" aria-labelledby="palabre-picks">
      <h3 id="palabre-picks">${t.picks}</h3>
      <ul>
        ${this.featured.map(
          (c) => html`<li class="pick" part="pick">
            <h4>${byline(c, t, this.siteName, d)}</h4>
            <div class="body" part="body">${renderBlocks(blocksOf(c))}</div>
            ${editorNote(c, t)}
            <a
              class="goto"
              href="#comment-${c.id}"
              @click=${(e: Event) => {
                e.preventDefault();
                void this.jump(c.id, c.rootId);
              }}
              >${t.seeInThread}</a
            >
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private get siteName(): string {
    return this.siteView?.name ?? "";
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

  private renderThread(d: Dates): TemplateResult {
    const t = this.t;
    const dir = this.sort === "newest" ? -1 : 1;
    const known = new Set(this.comments.map((c) => c.id));
    // The reader's own held comments lead the thread (replies go under their parent).
    const held = this.own.filter((c) => c.rootId === null && !known.has(c.id)).map((c) => ({ ...c, replies: [], repliesCursor: null }));
    const tops = [...held, ...[...this.comments].sort((a, b) => dir * (a.id - b.id))];
    const moreError = this.errors.get("more");
    return html`<ul class="thread" part="thread" aria-busy=${this.phase === "loading" ? "true" : "false"}>
        ${tops.map((c) => this.renderComment(c, d, this.renderReplies(c, d)))}
      </ul>
      ${moreError ? html`<p class="error" part="error" role="alert">${moreError}</p>` : nothing}
      ${this.nextCursor
        ? html`<button class="more" part="button" ?disabled=${this.busy.has("more")} @click=${this.loadMore}>
            ${t.loadMore}
          </button>`
        : nothing}`;
  }

  /** A thread's replies arrive flat, oldest first; they are nested here by parentId. */
  private renderReplies(root: ThreadComment, d: Dates): TemplateResult {
    const t = this.t;
    const children = new Map<number, CommentView[]>();
    const level = new Map<number, number>([[root.id, 0]]);
    const known = new Set(root.replies.map((r) => r.id));
    const all = [...root.replies, ...this.own.filter((o) => o.rootId === root.id && !known.has(o.id))];
    for (const r of all.sort((a, b) => a.id - b.id)) {
      let parent = r.parentId !== null && level.has(r.parentId) ? r.parentId : root.id;
      // Never indent deeper than the API does, even if it is given deeper data.
      while (level.get(parent)! >= MAX_INDENT) parent = all.find((x) => x.id === parent)?.parentId ?? root.id;
      level.set(r.id, level.get(parent)! + 1);
      children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const list = (parentId: number): TemplateResult | typeof nothing => {
      const kids = children.get(parentId);
      return kids
        ? html`<ul class="replies" part="replies">
            ${kids.map((k) => this.renderComment(k, d, list(k.id)))}
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

  private renderComment(c: CommentView, d: Dates, after: unknown): TemplateResult {
    const t = this.t;
    const open = this.openReply === c.id;
    const pending = c.status === "pending";
    const canReply = this.storyView?.status !== "closed" && !pending;
    const report = this.reports.get(c.id);
    const canReport = !pending && !this.mine.has(c.id);
    const marks = pending
      ? html`<span class="badge pending" part="pending">${t.awaiting}</span>`
      : c.featured
        ? html`<span class="badge pick-mark" part="pick-mark">${t.pickMark}</span>`
        : nothing;
    // Suspect words keep the neutral message: the words a site watches are not told.
    const reason = pending && (this.held.get(c.id) ?? []).map((r) => t.heldReasons[r.code]).find(Boolean);
    return html`<li
      id="comment-${c.id}"
      class="comment ${pending ? "held" : ""} ${this.flash === c.id ? "flash" : ""}"
      part="comment"
      tabindex="-1"
    >
      <h3 part="comment-heading">${byline(c, t, this.siteName, d, `#comment-${c.id}`, marks)}</h3>
      ${c.replyTo ? html`<p class="reply-to" part="reply-to">${t.inReplyTo(c.replyTo.authorName)}</p>` : nothing}
      <div class="body" part="body">${renderBlocks(blocksOf(c))}</div>
      ${pending ? html`<p class="note held-note">${reason || t.held}</p>` : editorNote(c, t)}
      ${canReply || canReport
        ? html`<div class="tools">
            ${canReply
              ? html`<button
                  id="reply-${c.id}"
                  class="link"
                  part="button reply-button"
                  aria-label=${t.replyTo(c.author.name)}
                  aria-expanded=${open ? "true" : "false"}
                  @click=${() => this.openReplyTo(c.id)}
                >
                  ${t.reply}
                </button>`
              : nothing}
            ${canReport
              ? html`<button
                  id="report-${c.id}"
                  class="link quiet"
                  part="button report-button"
                  aria-label=${t.reportLabel(c.author.name)}
                  aria-expanded=${this.openReport === c.id ? "true" : "false"}
                  @click=${() => this.toggleReport(c.id, this.openReport !== c.id)}
                >
                  ${t.report}
                </button>`
              : nothing}
          </div>`
        : nothing}
      ${report ? html`<p class="status" role="status">${report.done}</p>` : nothing}
      ${this.openReport === c.id && report ? this.renderReport(c, report) : nothing}
      ${open ? this.renderComposer(c) : nothing} ${after}
    </li>`;
  }

  private renderReport(c: CommentView, r: ReportDraft): TemplateResult {
    const t = this.t;
    const id = c.id;
    return html`<form
      id="report-form-${id}"
      class="report"
      part="report"
      aria-label=${t.reportLabel(c.author.name)}
      novalidate
      @submit=${(e: Event) => this.sendReport(e, c)}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === "Escape") {
          e.preventDefault();
          void this.toggleReport(id, false);
        }
      }}
    >
      <fieldset aria-describedby=${r.error ? `report-error-${id}` : nothing}>
        <legend>${t.reportReason}</legend>
        ${REPORT_REASONS.map(
          (reason) => html`<label class="choice"
            ><input
              type="radio"
              name="reason-${id}"
              value=${reason}
              .checked=${live(r.reason === reason)}
              @change=${() => {
                r.reason = reason;
                this.requestUpdate();
              }}
            />
            ${t.reportReasons[reason]}</label
          >`,
        )}
      </fieldset>
      <label for="note-${id}">${t.reportNote}</label>
      <textarea
        id="note-${id}"
        rows="2"
        maxlength=${NOTE_MAX}
        ?readonly=${r.sending}
        .value=${live(r.note)}
        @input=${(e: InputEvent) => (r.note = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <div class="row">
        <span class="actions">
          <button type="button" part="button" @click=${() => this.toggleReport(id, false)}>${t.cancel}</button>
          <button type="submit" class="primary" part="button button-primary" ?disabled=${r.sending}>${t.reportSend}</button>
        </span>
      </div>
      ${r.error ? html`<p id="report-error-${id}" class="error" part="error" role="alert">${r.error}</p>` : nothing}
    </form>`;
  }

  private renderComposer(parent: CommentView | null): TemplateResult {
    const t = this.t;
    const key = parent ? String(parent.id) : NEW;
    const d = this.draft(key);
    const max = this.limits.bodyMax;
    const used = codePointLength(normalizeText(d.text));
    const over = used - max;
    const fmt = (n: number) => n.toLocaleString(t.lang);
    const charter = d.charter;
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
      ${d.error
        ? // No white space between the tags: the alert's text is exactly the messages.
          html`<div id="error-${key}" class="error" part="error" role="alert"><p>${d.error}</p>${charter?.words.length
              ? html`<p>${t.charterWords(charter.words)}</p>`
              : nothing}</div>`
        : nothing}
      ${charter
        ? html`${charter.text
              ? html`<div class="charter" part="charter">
                  <p class="charter-title">${t.charterTitle(this.siteName)}</p>
                  <p class="charter-text">${charter.text}</p>
                </div>`
              : nothing}
            <p class="note">${t.charterRewrite}</p>
            <button type="button" part="button send-anyway" ?disabled=${d.sending} @click=${(e: Event) => this.submit(e, parent, true)}>
              ${t.sendAnyway}
            </button>`
        : nothing}
    </form>`;
  }
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
