// <palabre-comments>: a story's discussion — the editors' picks, the thread, replies, sorting, composers
// to post and reply, the reader's own comments awaiting moderation, and reports.
import { html, nothing, type TemplateResult } from "lit/html.js";
import type {
  CommentView,
  ReasonView,
  ReportReason,
  SiteView,
  StoryView,
  ThreadComment,
  ThreadResponse,
  ThreadSort,
} from "../worker/schemas/views";
import { ApiFailure, createApi, newPostKey, scriptOrigin, type PageInfo, type ReaderApi } from "./api";
import { PalabreElement } from "./element";
import { messagesFor, type Messages } from "./locales/index";
import { blocksOf, byline, dates, editorNote, errorMessage, type Dates } from "./parts";
import { readerStyles } from "./styles";
import { renderBlocks } from "./text/render";
import { BODY_MAX, NAME_MAX, codePointLength, normalizeText } from "../common/text/rules";

/** Deepest indentation of replies; the API caps depth at the same value. */
const MAX_INDENT = 3;
const REPLIES_PAGE = 50;
const NEW = "new";
const REPORT_REASONS: ReportReason[] = ["spam", "abuse", "off-topic", "other"];
const NOTE_MAX = 500;
/** live threads: how often to ask for news while the thread is on screen */
const POLL_MS = 15_000;

type Viewer = ThreadResponse["viewer"];

/** The page's sign-in token from `palabre.login()` (undefined: never called; null: signed out). */
let pageToken: string | null | undefined;
const instances = new Set<PalabreComments>();

const permalinkId = () => +(/^#comment-(\d+)$/.exec(location.hash)?.[1] ?? 0);

interface Draft {
  text: string;
  sending: boolean;
  error: string;
  field: "body" | "name" | null;
  /** the last post broke the site's charter: the words found and the charter to show */
  charter: { words: string[]; text: string } | null;
  /** the idempotency key of this text's post, kept across retries until it is stored */
  key?: string;
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
 * @attr sso-token - the reader's sign-in token from the site (an HS256 JWT); `palabre.login(token)` and
 *   `palabre.logout()` on window set or clear it for every element of the page
 * @attr theme - light (default), dark, or auto (follows prefers-color-scheme)
 *
 * The element waits until it is near the viewport before it fetches anything, unless the URL
 * targets one of its comments (#comment-ID). While it is on screen and the tab is visible, it asks
 * for news every 15 s and offers the new comments with a button, never inserting them under the reader.
 *
 * @fires palabre:login-requested - the reader asked to sign in; cancel it (preventDefault) to open the
 *   site's own dialog, else the browser goes to the site's login URL (bubbles, composed)
 * @fires palabre:reacted - the reader liked or unliked a comment; `detail` is `{ id, reacted, reactions }` (bubbles, composed)
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
 * @csspart like-button - the "Like" toggle (also `button`); `likes` its count
 * @csspart edited - the "edited" mark; `deleted` the placeholder of a deleted comment with replies
 * @csspart new-comments - the button showing comments posted since the thread was loaded
 * @csspart sign-in - the "Sign in to comment" button; `viewer` the "Signed in as" line
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
 * With theme="dark" (or "auto" in a dark system theme) the same properties apply, with dark defaults.
 */
export class PalabreComments extends PalabreElement {
  static override sheets = [readerStyles];
  static override attrs = ["site", "story", "locale", "api", "sso-token"];

  declare site: string | undefined;
  declare story: string | undefined;
  declare locale: string | undefined;
  declare api: string | undefined;
  declare ssoToken: string | undefined;

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
  private viewer: Viewer = null;
  /** live threads: comments newer than `seen` (not the reader's) since the thread was loaded */
  private fresh = 0;
  private seen = 0;
  private inView = false;
  private wanted = true;
  private observer?: IntersectionObserver;
  private editing: number | null = null;
  private confirming: number | null = null;
  private jumped = false;

  /** The reader's sign-in token: palabre.login() / logout() win over the attribute. */
  private get sso(): string | null | undefined {
    return pageToken === undefined ? this.ssoToken : pageToken;
  }

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
    instances.add(this);
    // Relative times ("2 minutes ago") and edit windows move on; news are asked for while visible.
    this.timer = setInterval(() => {
      this.requestUpdate();
      void this.poll();
    }, POLL_MS);
    // No request until the discussion is near the viewport (a long article, a list of stories).
    this.observer = new IntersectionObserver(
      (entries) => {
        this.inView = entries.some((e) => e.isIntersecting);
        this.requestUpdate();
      },
      { rootMargin: "600px" },
    );
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    instances.delete(this);
    clearInterval(this.timer);
    this.observer?.disconnect();
  }

  protected override willUpdate(changed: Set<string>): void {
    if (changed.size) this.wanted = true;
    // A permalink to a comment loads at once: the page scrolls to it.
    if (this.wanted && (this.inView || permalinkId())) {
      this.wanted = false;
      void this.loadFirst();
    }
  }

  /** Asks whether comments were posted since the thread was loaded (a cheap, conditional request). */
  private async poll(): Promise<void> {
    if (!this.client || this.phase !== "ready" || !this.inView || document.visibilityState !== "visible") return;
    const generation = this.generation;
    try {
      const news = await this.client.news(this.storyKey, this.seen);
      if (generation !== this.generation || news.newCount === this.fresh) return;
      this.fresh = news.newCount;
      // Announced politely; shown only when the reader asks.
      if (this.fresh) this.status = this.t.newComments(this.fresh);
      this.requestUpdate();
    } catch {
      /* a missed poll is retried at the next tick */
    }
  }

  /** Shows the new comments: the newest first, from the top, where the reader's focus goes. */
  private async showFresh(): Promise<void> {
    const after = this.seen;
    this.sort = "newest";
    await this.loadFirst();
    await this.updateComplete;
    const first = this.comments.find((c) => c.id > after) ?? this.comments[0];
    this.focus_(first ? `#comment-${first.id}` : "#palabre-heading");
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
    this.client = this.site ? createApi(this.api || scriptOrigin, this.site, () => this.sso) : null;
    this.editing = this.confirming = null;
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
      this.viewer = res.viewer;
      this.fresh = 0;
      this.seen = Math.max(0, ...res.comments.flatMap((c) => [c.id, ...c.replies.map((r) => r.id)]));
      this.errors.clear();
      this.phase = "ready";
      this.status = "";
      this.name ||= readName(res.site.id) || (res.viewer?.name ?? "");
    } catch (err) {
      if (generation !== this.generation) return;
      this.phase = "error";
      this.loadError = this.messageOf(err);
      this.status = "";
    }
    this.requestUpdate();
    // A permalink (#comment-12) cannot reach into the shadow root by itself; the API says which page holds it.
    const id = permalinkId();
    if (!id || this.phase !== "ready" || generation !== this.generation) return;
    if (this.jumped) return; // once per page load: a sort change or new comments do not scroll back
    this.jumped = true;
    let rootId: number | null | undefined = this.featured.find((c) => c.id === id)?.rootId;
    if (rootId === undefined && !this.renderRoot.querySelector(`#comment-${id}`)) {
      try {
        const where = await this.client!.context(id, this.sort);
        rootId = where.rootId === id ? null : where.rootId;
      } catch (err) {
        // Gone (404): the page stays at the top. Otherwise look for it page after page.
        if ((err as ApiFailure).status !== 404) rootId = null;
      }
    }
    await this.jump(id, rootId);
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
    this.sort = (e.target as HTMLSelectElement).value as ThreadSort;
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
        author: { name: this.viewer?.kind === "sso" ? this.viewer.name : this.name },
        ...(confirm ? { confirm } : {}),
      }, (d.key ??= newPostKey()));
      posted = true;
      d.key = undefined;
      this.name = normalizeText(this.name);
      if (this.siteView) saveName(this.siteView.id, this.name);
      d.text = "";
      this.storyView = story;
      this.mine.add(comment.id);
      const status = comment.status;
      if (status === "published") this.insert(comment), (this.seen = Math.max(this.seen, comment.id));
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

  // ---- the reader's own comments, reactions ----

  /** Puts a comment's new version wherever it is shown (a top-level comment keeps its replies). */
  private replace(id: number, next: CommentView | null): void {
    const swap = <T extends CommentView>(list: T[]): T[] =>
      list.flatMap((c) => (c.id !== id ? [c] : next ? [{ ...c, ...next, replies: (c as any).replies, repliesCursor: (c as any).repliesCursor }] : []));
    this.comments = swap(this.comments);
    for (const c of this.comments) c.replies = swap(c.replies);
    this.own = swap(this.own);
  }

  private async sign(c: CommentView): Promise<void> {
    const prev = { reacted: c.reacted, reactions: c.reactions };
    // Optimistic: the button answers at once; the server's count then wins.
    Object.assign(c, { reacted: !prev.reacted, reactions: prev.reactions + (prev.reacted ? -1 : 1) });
    this.errors.delete(`c${c.id}`);
    this.requestUpdate();
    try {
      const { reacted, reactions } = await this.client!.react(c.id, !prev.reacted);
      Object.assign(c, { reacted, reactions });
      this.dispatchEvent(new CustomEvent("palabre:reacted", { detail: { id: c.id, reacted, reactions }, bubbles: true, composed: true }));
    } catch (err) {
      Object.assign(c, prev);
      this.errors.set(`c${c.id}`, this.messageOf(err));
    }
    this.requestUpdate();
  }

  private async openEdit(c: CommentView | null, id = c?.id ?? this.editing!): Promise<void> {
    this.editing = c && id;
    if (c) Object.assign(this.draft(`e${id}`), { text: c.body, error: "" });
    this.requestUpdate();
    await this.updateComplete;
    this.focus_(c ? `#body-e${id}` : `#edit-${id}`);
  }

  private async saveEdit(e: Event, c: CommentView): Promise<void> {
    e.preventDefault();
    const d = this.draft(`e${c.id}`);
    if (d.sending) return;
    Object.assign(d, { sending: true, error: "", charter: null });
    this.requestUpdate();
    try {
      const { comment, reasons } = await this.client!.edit(c.id, d.text);
      this.replace(c.id, comment);
      if (comment.status === "pending") this.held.set(comment.id, reasons);
      this.status = comment.status === "pending" ? this.t.pending : this.t.saved;
      d.sending = false;
      await this.openEdit(null, c.id);
    } catch (err) {
      Object.assign(d, this.describeRefusal(err));
    }
    d.sending = false;
    this.requestUpdate();
  }

  private async confirmDelete(id: number | null, target = `#delete-${this.confirming}`): Promise<void> {
    this.confirming = id;
    this.requestUpdate();
    await this.updateComplete;
    this.focus_(id ? `#delete-yes-${id}` : target);
  }

  private async deleteComment(c: CommentView): Promise<void> {
    this.errors.delete(`c${c.id}`);
    try {
      const { comment } = await this.client!.remove(c.id);
      // With replies it stays as a placeholder; without, it goes.
      const kept = comment.status !== "deleted";
      this.replace(c.id, kept ? comment : null);
      if (c.status === "published" && this.storyView) this.storyView = { ...this.storyView, commentCount: this.storyView.commentCount - 1 };
      this.status = this.t.delDone;
      await this.confirmDelete(null, kept ? `#comment-${c.id}` : "#palabre-heading");
    } catch (err) {
      this.errors.set(`c${c.id}`, this.messageOf(err));
      this.requestUpdate();
    }
  }

  /** Guest posting is off and nobody is signed in: the site's sign-in comes first. */
  private get mustSignIn(): boolean {
    return !!this.siteView && !this.siteView.auth.guests && this.viewer?.kind !== "sso";
  }

  private requestLogin(): void {
    const go = this.dispatchEvent(new CustomEvent("palabre:login-requested", { bubbles: true, composed: true, cancelable: true }));
    const url = this.siteView?.auth.loginUrl;
    if (go && url) location.assign(url);
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
      <h2 id="palabre-heading" part="heading" tabindex="-1">${t.heading(story?.commentCount)}</h2>
      ${this.viewer?.kind === "sso" ? html`<p class="note" part="viewer">${t.signedInAs(this.viewer.name)}</p>` : nothing}
      ${!story
        ? nothing
        : story.status === "closed"
          ? html`<p class="note">${t.closed}</p>`
          : this.mustSignIn
            ? html`<button class="primary" part="button sign-in" @click=${this.requestLogin}>${t.signIn}</button>`
            : this.renderComposer(null)}
      <p class="status" part="status" role="status">${this.status}</p>
      ${showThread && this.featured.length ? this.renderPicks(d) : nothing}
      ${story && story.commentCount > 1 ? this.renderSort() : nothing}
      ${this.fresh
        ? html`<button part="button new-comments" @click=${this.showFresh}>${t.newComments(this.fresh)}</button>`
        : nothing}
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
        <option value="top" ?selected=${this.sort === "top"}>${t.sortTop}</option>
      </select>
    </div>`;
  }

  private renderThread(d: Dates): TemplateResult {
    const t = this.t;
    const dir = this.sort === "newest" ? -1 : this.sort === "oldest" ? 1 : 0;
    const known = new Set(this.comments.map((c) => c.id));
    // The reader's own held comments lead the thread (replies go under their parent).
    const held = this.own.filter((c) => c.rootId === null && !known.has(c.id)).map((c) => ({ ...c, replies: [], repliesCursor: null }));
    const tops = [...held, ...(dir ? [...this.comments].sort((a, b) => dir * (a.id - b.id)) : this.comments)];
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
    const id = c.id;
    if (c.deleted) {
      // A placeholder keeps the replies in their place.
      return html`<li id="comment-${id}" class="comment" part="comment" tabindex="-1">
        <p class="note" part="deleted">${t.deleted}</p>
        ${after}
      </li>`;
    }
    const open = this.openReply === id;
    const pending = c.status === "pending";
    const canReply = this.storyView?.status !== "closed" && !pending;
    const report = this.reports.get(id);
    const mine = c.own || this.mine.has(id);
    const canReport = !pending && !mine;
    const left = mine ? (this.siteView?.editWindowSeconds ?? 0) * 1000 - (d.now - Date.parse(c.createdAt)) : 0;
    const editing = this.editing === id;
    const error = this.errors.get(`c${id}`);
    const marks = html`${pending
      ? html`<span class="badge pending" part="pending">${t.awaiting}</span>`
      : c.featured
        ? html`<span class="badge pick-mark" part="pick-mark">${t.pickMark}</span>`
        : nothing}${c.editedAt
      ? html`<span class="permalink" part="edited" title=${d.full.format(new Date(c.editedAt))}>${t.edited}</span>`
      : nothing}`;
    // Suspect words keep the neutral message: the words a site watches are not told.
    const reason = pending && (this.held.get(id) ?? []).map((r) => t.heldReasons[r.code]).find(Boolean);
    return html`<li
      id="comment-${id}"
      class="comment ${pending ? "held" : ""} ${this.flash === id ? "flash" : ""}"
      part="comment"
      tabindex="-1"
    >
      <h3 part="comment-heading">${byline(c, t, this.siteName, d, `#comment-${id}`, marks)}</h3>
      ${c.replyTo ? html`<p class="reply-to" part="reply-to">${t.inReplyTo(c.replyTo.authorName)}</p>` : nothing}
      ${editing ? this.renderEdit(c) : html`<div class="body" part="body">${renderBlocks(blocksOf(c))}</div>`}
      ${pending ? html`<p class="note held-note">${reason || t.held}</p>` : editorNote(c, t)}
      <div class="tools">
        ${pending
          ? nothing
          : html`<button
                class="link"
                part="button like-button"
                aria-pressed=${c.reacted ? "true" : "false"}
                aria-describedby="likes-${id}"
                @click=${() => this.sign(c)}
              >
                ${t.like}</button
              ><span id="likes-${id}" class="permalink" part="likes" title=${t.likes(c.reactions)}
                >${c.reactions || ""}</span
              >`}
        ${canReply
          ? html`<button
              id="reply-${id}"
              class="link"
              part="button reply-button"
              aria-label=${t.replyTo(c.author.name)}
              aria-expanded=${open ? "true" : "false"}
              @click=${() => (this.mustSignIn ? this.requestLogin() : this.openReplyTo(id))}
            >
              ${t.reply}
            </button>`
          : nothing}
        ${left > 0 && !editing
          ? html`<button id="edit-${id}" class="link" part="button edit-button" aria-describedby="left-${id}" @click=${() => this.openEdit(c)}>
                ${t.edit}</button
              ><span id="left-${id}" class="permalink"
                >${t.editLeft(new Intl.NumberFormat(t.lang, { style: "unit", unit: "minute", unitDisplay: "long" }).format(Math.ceil(left / 60000)))}</span
              >`
          : nothing}
        ${mine && this.confirming !== id
          ? html`<button id="delete-${id}" class="link quiet" part="button delete-button" @click=${() => this.confirmDelete(id)}>${t.del}</button>`
          : nothing}
        ${canReport
          ? html`<button
              id="report-${id}"
              class="link quiet"
              part="button report-button"
              aria-label=${t.reportLabel(c.author.name)}
              aria-expanded=${this.openReport === id ? "true" : "false"}
              @click=${() => this.toggleReport(id, this.openReport !== id)}
            >
              ${t.report}
            </button>`
          : nothing}
      </div>
      ${this.confirming === id
        ? html`<div
            class="row"
            role="group"
            aria-labelledby="confirm-${id}"
            @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.confirmDelete(null)}
          >
            <p id="confirm-${id}">${t.delConfirm}</p>
            <span class="actions">
              <button type="button" part="button" @click=${() => this.confirmDelete(null)}>${t.cancel}</button>
              <button id="delete-yes-${id}" type="button" class="primary" part="button button-primary" @click=${() => this.deleteComment(c)}>
                ${t.delYes}
              </button>
            </span>
          </div>`
        : nothing}
      ${error ? html`<p class="error" part="error" role="alert">${error}</p>` : nothing}
      ${report ? html`<p class="status" role="status">${report.done}</p>` : nothing}
      ${this.openReport === id && report ? this.renderReport(c, report) : nothing}
      ${open ? this.renderComposer(c) : nothing} ${after}
    </li>`;
  }

  /** Characters left over the site's limit (negative: room left). */
  private over(d: Draft): number {
    return codePointLength(normalizeText(d.text)) - this.limits.bodyMax;
  }

  private textarea(key: string, d: Draft): TemplateResult {
    return html`<textarea
      id="body-${key}"
      part="textarea"
      rows="4"
      aria-required="true"
      aria-invalid=${d.field === "body" || this.over(d) > 0 ? "true" : "false"}
      aria-describedby=${d.field === "body" ? `count-${key} error-${key}` : `count-${key}`}
      ?readonly=${d.sending}
      .value=${d.text}
      @input=${(e: InputEvent) => {
        d.text = (e.target as HTMLTextAreaElement).value;
        // Another text is another post: a retry of the old one no longer applies.
        d.key = undefined;
        this.requestUpdate();
      }}
    ></textarea>`;
  }

  private counter(key: string, d: Draft): TemplateResult {
    const t = this.t;
    const over = this.over(d);
    const fmt = (n: number) => n.toLocaleString(t.lang);
    return html`<p id="count-${key}" class="counter ${over > 0 ? "over" : ""}" part="counter">
      ${t.counter(fmt(over + this.limits.bodyMax), fmt(this.limits.bodyMax))}${over > 0 ? ` — ${t.tooLong(over)}` : ""}
    </p>`;
  }

  /** The author's own text, in a form to change it (the edit is moderated again). */
  private renderEdit(c: CommentView): TemplateResult {
    const t = this.t;
    const key = `e${c.id}`;
    const d = this.draft(key);
    return html`<form
      class="composer"
      part="composer"
      aria-label=${t.editComposerLabel}
      novalidate
      @submit=${(e: Event) => this.saveEdit(e, c)}
      @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.openEdit(null)}
    >
      <label for="body-${key}">${t.bodyLabel}</label>
      ${this.textarea(key, d)}
      <div class="row">
        ${this.counter(key, d)}
        <span class="actions">
          <button type="button" part="button" @click=${() => this.openEdit(null)}>${t.cancel}</button>
          <button type="submit" class="primary" part="button button-primary" ?disabled=${d.sending}>${t.save}</button>
        </span>
      </div>
      ${d.error ? html`<p id="error-${key}" class="error" part="error" role="alert">${d.error}</p>` : nothing}
    </form>`;
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
              .checked=${r.reason === reason}
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
        .value=${r.note}
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
      ${this.viewer?.kind === "sso"
        ? nothing
        : html`<label for="name-${key}">${t.nameLabel}</label>
            <input
              id="name-${key}"
              part="input"
              autocomplete="nickname"
              aria-required="true"
              aria-invalid=${d.field === "name" ? "true" : "false"}
              aria-describedby=${d.field === "name" ? `error-${key}` : nothing}
              ?readonly=${d.sending}
              .value=${this.name}
              @input=${(e: InputEvent) => {
                this.name = (e.target as HTMLInputElement).value;
                this.requestUpdate();
              }}
            />`}
      <label for="body-${key}">${parent ? t.replyBodyLabel : t.bodyLabel}</label>
      ${this.textarea(key, d)}
      <div class="row">
        ${this.counter(key, d)}
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

PalabreComments.define("palabre-comments");

/** The site's sign-in, for every discussion of the page: `palabre.login(token)`, `palabre.logout()`. */
function signIn(token: string | null): void {
  pageToken = token;
  for (const el of instances) el.requestUpdate("sso-token");
}
const api = (window.palabre ??= {} as Window["palabre"]);
api.login = signIn;
api.logout = () => signIn(null);

declare global {
  interface Window {
    palabre: { login(token: string): void; logout(): void };
  }
  interface HTMLElementTagNameMap {
    "palabre-comments": PalabreComments;
  }
}
