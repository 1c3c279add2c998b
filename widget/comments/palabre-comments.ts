// <palabre-comments>: a story's discussion. This module holds the element's properties, lifecycle
// and layout; the thread's data, the news, permalinks, the comment view and the (lazy) forms each
// have their own module beside it.
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { ThreadSort } from "../../worker/schemas/views";
import { createApi, scriptOrigin, type PageInfo, type ReaderApi } from "../api";
import { avatar } from "../avatar";
import { icon } from "../icons";
import { PalabreElement, type PropertyValues } from "../element";
import { LocaleController } from "../locale-controller";
import { langOf, loadAllMessages, loadMessages, type Messages } from "../locales/index";
import { idle } from "../idle";
import { dates, fullDates } from "../parts";
import { SsoController } from "../sso";
import { readerStyles } from "../styles";
import type { Forms } from "./forms";
import type { CommentsHost } from "./host";
import { InViewController } from "./in-view";
import { ThreadController } from "./thread-state";
import { renderEmpty, renderList, renderLoadError, renderPicks, renderSort, skeleton } from "./thread-view";

const canonicalUrl = (): string | null => document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href || null;

const permalinkId = (): number => +(/^#comment-(\d+)$/.exec(location.hash)?.[1] ?? 0);
const ATTRIBUTES = ["site", "story", "locale", "api", "ssoToken"];
let formsChunk: Promise<typeof import("./forms")> | undefined;

/**
 * The discussion under a story: the comments with their replies, and forms to post and reply.
 * Documented in the README (attributes, events, parts, custom properties): keep both in step.
 *
 * @attr site - the site's id (required)
 * @attr story - the story's key; default: the canonical URL, else the page URL without query and hash
 * @attr locale - fr or en; default: from `<html lang>`
 * @attr api - the API origin; default: the origin embed.js was loaded from
 * @attr sso-token - the reader's sign-in token from the site (an HS256 JWT); `palabre.login(token)` and
 *   `palabre.logout()` on window set or clear it for every element of the page
 * @attr theme - light (default), dark, or auto (follows prefers-color-scheme)
 *
 * @fires palabre:login-requested - the reader asked to sign in (cancelable; bubbles, composed)
 * @fires palabre:reacted - `{ id, reacted, reactions }` (bubbles, composed)
 * @fires palabre:posted - the comment, published or held (`detail.status`) (bubbles, composed)
 * @fires palabre:reported - `{ id, reason }` (bubbles, composed)
 */
export class PalabreComments extends PalabreElement implements CommentsHost {
  static override sheets = [readerStyles];
  static override properties = {
    site: {},
    story: {},
    locale: {},
    api: {},
    ssoToken: {},
    t: { state: true },
    status: { state: true },
    name: { state: true },
    now: { state: true },
    forms: { state: true },
    flash: { state: true },
  };

  declare site: string | undefined;
  declare story: string | undefined;
  declare locale: string | undefined;
  declare api: string | undefined;
  declare ssoToken: string | undefined;
  declare t: Messages | undefined;
  declare status: string;
  declare name: string;
  declare now: number;
  declare forms: Forms | undefined;
  declare flash: number | null;

  readonly thread = new ThreadController(this);
  readonly inView = new InViewController(this);
  private readonly sso = new SsoController(this);
  private readonly strings = new LocaleController(this);
  client: ReaderApi | null = null;
  /** the discussion to (re)load: set when an attribute or the sign-in changes */
  private wanted = true;
  private source = "";
  private jumped = false;

  constructor() {
    super();
    this.status = "";
    this.name = "";
    this.now = Date.now();
    this.flash = null;
  }

  get storyKey(): string {
    return this.story || canonicalUrl() || location.href.split(/[?#]/)[0]!;
  }

  /** Sent with each request so the story is created with its page on first use. */
  get pageInfo(): PageInfo {
    const url = canonicalUrl() || location.href.split("#")[0]!;
    const title = document.title.trim();
    return {
      ...(/^https?:/.test(url) && url.length <= 2048 ? { url } : {}),
      ...(title ? { title } : {}),
    };
  }

  protected override willUpdate(changed: PropertyValues): void {
    if ([...changed.keys()].some((k) => ATTRIBUTES.includes(k))) this.wanted = true;
    // The thread is asked for first, without waiting for the language's chunk: both travel
    // together. A permalink to a comment loads at once: the page scrolls to it.
    if (this.wanted && (this.inView.visible || permalinkId())) {
      this.wanted = false;
      void this.load();
    }
    this.t = this.strings.current();
    // Another language: the open forms follow.
    if (this.forms && this.t && this.forms.t.lang !== this.t.lang) void this.loadForms();
  }

  async load(): Promise<void> {
    const loading = this.t?.loading ?? "";
    // A new identity (signed in or out) is another reader: their own comments and drafts go.
    const source = `${this.api || scriptOrigin}|${this.site}|${this.storyKey}|${this.sso.token() ?? ""}`;
    this.client = this.site ? createApi(this.api || scriptOrigin, this.site, () => this.sso.token()) : null;
    this.forms?.reset(source !== this.source);
    this.source = source;
    this.status = loading;
    await this.thread.load(source);
    if (this.status === loading) this.status = "";
    if (this.thread.phase !== "ready") return;
    // Nothing else is asked for before the comments are on screen (the language's chunk may
    // arrive after the thread).
    await this.messages();
    await this.updateComplete;
    // A permalink (#comment-12) cannot reach into the shadow root by itself: the forms' chunk finds
    // it (once per page load: a sort change or new comments do not scroll back).
    if (permalinkId() && !this.jumped) {
      this.jumped = true;
      await (await this.loadForms()).openPermalink();
    } else idle(() => void this.loadForms().catch(() => {}));
    idle(() => {
      fullDates(this.t?.lang ?? "en");
      this.now = Date.now();
    });
  }

  /** The thread's strings, once their chunk is here. */
  messages(): Promise<Messages> {
    return loadMessages(langOf(this.locale));
  }

  loadForms(): Promise<Forms> {
    formsChunk ??= import("./forms");
    // A failed chunk (offline a moment) is asked for again at the next click.
    formsChunk.catch(() => (formsChunk = undefined));
    return Promise.all([formsChunk, loadAllMessages(langOf(this.locale))]).then(([m, t]) => {
      if (this.forms) this.forms.t = t;
      return (this.forms ??= m.createForms(this, t));
    });
  }

  /** The reader's own data (export, erasure): loaded by the forms when "My data" is opened. */
  loadMyData(): Promise<typeof import("./my-data")> {
    return import("./my-data");
  }

  /** The DSA chunk (statements of reasons, appeals, notices): loaded by the forms on first need. */
  loadDsa(): Promise<typeof import("./dsa")> {
    return import("./dsa");
  }

  async focusAfter(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  emit(name: string, detail?: unknown): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
  }

  private changeSort(e: Event): void {
    this.thread.set({ sort: (e.target as HTMLSelectElement).value as ThreadSort });
    void this.load();
  }

  /** Guest posting is off and nobody is signed in: the site's sign-in comes first. */
  get mustSignIn(): boolean {
    const { site, viewer } = this.thread;
    return !!site && !site.auth.guests && viewer?.kind !== "sso";
  }

  requestLogin(): void {
    const url = this.thread.site?.auth.loginUrl;
    if (this.emit("palabre:login-requested") && url) location.assign(url);
  }

  /** Until the forms chunk is here, a field-like button: focusing it loads the composer. */
  private composerSlot(): TemplateResult | typeof nothing {
    const t = this.t!;
    const { story, viewer } = this.thread;
    if (!story) return nothing;
    if (story.status === "closed") return html`<p class="note">${t.closed}</p>`;
    if (this.mustSignIn) return html`<button class="primary" part="button sign-in" @click=${this.requestLogin}>${t.signIn}</button>`;
    if (this.forms?.composerOpen) return this.forms.composer(null);
    const open = () => void this.loadForms().then((f) => f.openComposer());
    return html`<div class="join" part="join">
      ${
        viewer?.name || this.name
          ? avatar(viewer?.name || this.name, viewer?.avatar)
          : html`<span class="avatar anon" aria-hidden="true">${icon("person")}</span>`
      }
      <button id="palabre-join" class="join-field" part="button join-button" aria-haspopup="true" @focus=${open} @click=${open}>
        ${t.joinDiscussion}
      </button>
    </div>`;
  }

  override render(): TemplateResult {
    const t = this.t;
    // Before the locale's chunk is here, the skeleton keeps the space.
    if (!t) return html`<section part="section">${skeleton()}</section>`;
    const { phase, story, viewer, featured, comments, own } = this.thread;
    // Once a thread has been shown, reloading it (a new sort) keeps it on screen, marked busy.
    const showThread = phase === "ready" || (phase === "loading" && story);
    const d = dates(t.lang, this.now);
    const forms = this.forms;
    const fresh = forms?.news.count;
    return html`<section part="section" aria-labelledby="palabre-heading" lang=${t.lang}>
      <h2 id="palabre-heading" part="heading" tabindex="-1">${t.heading(story?.commentCount)}</h2>
      ${forms ? forms.viewer() : viewer?.kind === "sso" ? html`<p class="note" part="viewer">${t.signedInAs(viewer.name)}</p>` : nothing}
      ${this.composerSlot()}
      <p class="status" part="status" role="status">${this.status}</p>
      ${showThread && featured.length ? renderPicks(this, d) : nothing}
      ${story && story.commentCount > 1 ? renderSort(this, (e) => this.changeSort(e)) : nothing}
      ${forms && fresh ? html`<button class="news" part="button new-comments" @click=${forms.showNews}>${forms.t.newComments(fresh)}</button>` : nothing}
      ${
        phase === "error"
          ? renderLoadError(this, () => void this.load())
          : !showThread
            ? skeleton()
            : comments.length + own.length === 0
              ? renderEmpty(this)
              : renderList(this, d)
      }
    </section>`;
  }
}

PalabreComments.define("palabre-comments");

declare global {
  interface HTMLElementTagNameMap {
    "palabre-comments": PalabreComments;
  }
}
