// The lazy part of the discussion (its own chunk, loaded on the first focus on the composer, a
// click on Reply, Edit, Delete or Report, or when the browser is idle after the thread is shown):
// which form is open, the drafts, and where focus goes when one opens or closes.
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { CommentView, ReportReason, ThreadComment } from "../../worker/schemas/views";
import { sheet } from "../element";
import formsCss from "../styles/forms.css";
import { renderComposer } from "./composer";
import type { CommentsHost } from "./host";
import type { AllMessages } from "../locales/index";
import { deleteConfirm, editForm } from "./own-actions";
import { renderReport } from "./report-form";
import { NewsController } from "./news";
import { show } from "./news-poll";
import { jump, openPermalink } from "./permalink";
import { loadMore, loadReplies, react } from "./thread-actions";
import { BotCheck } from "./bot-check";
import type { DsaController } from "./dsa";
import type { MyData } from "./my-data";
import { renderViewer } from "./viewer";

const formsSheet = sheet(formsCss);

export interface Draft {
  text: string;
  sending: boolean;
  error: string;
  field: "body" | "name" | null;
  /** the last post broke the site's charter: the words found and the charter to show */
  charter: { words: string[]; text: string } | null;
  /** the idempotency key of this text's post, kept across retries until it is stored */
  key?: string;
}

export interface ReportDraft {
  reason: ReportReason | null;
  note: string;
  sending: boolean;
  error: string;
  /** the confirmation, in the comment's own status region */
  done: string;
}

/** The draft key of the new-comment form; replies use the parent's id, edits "e" + id. */
export const NEW = "new";

export class FormsController {
  /** every string of the element's language (the forms' own chunk included) */
  t: AllMessages;
  composerOpen = false;
  replying: number | null = null;
  reporting: number | null = null;
  editing: number | null = null;
  confirming: number | null = null;
  /** a like waiting for the bot check, under its comment */
  checking: number | null = null;
  /** the bot check (Turnstile) of the sites that turn it on */
  readonly bot = new BotCheck(this);
  /** the DSA chunk (statements, appeals, notices), once loaded */
  dsa: DsaController | undefined;
  /** the reader's own data panel (my-data chunk), once opened */
  myData: MyData | undefined;
  private dsaLoading: Promise<DsaController> | undefined;
  private drafts = new Map<string, Draft>();
  private reports = new Map<number, ReportDraft>();
  /** the clock, the polls and what the "new comments" button offers */
  readonly news: NewsController;

  constructor(
    readonly host: CommentsHost,
    t: AllMessages,
  ) {
    this.t = t;
    this.news = new NewsController(host, host.inView);
    const root = host.renderRoot;
    if (!root.adoptedStyleSheets.includes(formsSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, formsSheet];
  }

  /** Applies a change to the forms' state and renders it. */
  set(patch: Partial<Pick<FormsController, "composerOpen" | "replying" | "reporting" | "editing" | "confirming" | "checking">>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  draft(key: string): Draft {
    let d = this.drafts.get(key);
    if (!d) this.drafts.set(key, (d = { text: "", sending: false, error: "", field: null, charter: null }));
    return d;
  }

  /** Changes a draft (or a report draft) and renders it. */
  patch<T extends object>(target: T, change: Partial<T>): void {
    Object.assign(target, change);
    this.host.requestUpdate();
  }

  report(id: number): ReportDraft | undefined {
    return this.reports.get(id);
  }

  /** A reload keeps drafts of the same discussion (a sort change); another one starts clean. */
  reset(another: boolean): void {
    this.news.reset();
    if (another) {
      this.drafts.clear();
      this.reports.clear();
      this.dsa?.reset();
      this.set({ replying: null, reporting: null });
    }
    this.set({ editing: null, confirming: null });
  }

  async openComposer(): Promise<void> {
    if (!this.composerOpen) this.set({ composerOpen: true });
    await this.host.focusAfter(`#body-${NEW}`);
  }

  async openReply(id: number): Promise<void> {
    if (this.host.mustSignIn) return this.host.requestLogin();
    this.set({ replying: id });
    await this.host.focusAfter(`#body-${id}`);
  }

  async closeReply(id: number): Promise<void> {
    this.set({ replying: null });
    await this.host.focusAfter(`#reply-${id}`);
  }

  async toggleReport(id: number, open: boolean): Promise<void> {
    const r = this.reports.get(id);
    if (r) r.done = "";
    else this.reports.set(id, { reason: null, note: "", sending: false, error: "", done: "" });
    this.set({ reporting: open ? id : null });
    await this.host.focusAfter(open ? `#report-form-${id} input` : `#report-${id}`);
  }

  async openEdit(c: CommentView | null, id = c?.id ?? this.editing!): Promise<void> {
    if (c) Object.assign(this.draft(`e${id}`), { text: c.body, error: "" });
    this.set({ editing: c && id });
    await this.host.focusAfter(c ? `#body-e${id}` : `#edit-${id}`);
  }

  async confirmDelete(id: number | null, target = `#delete-${this.confirming}`): Promise<void> {
    this.set({ confirming: id });
    await this.host.focusAfter(id ? `#delete-yes-${id}` : target);
  }

  /** Loads the DSA chunk (the first own comment with a statement, or "Report illegal content"). */
  loadDsa(): Promise<DsaController> {
    // A failed load (offline a moment) is asked for again at the next need.
    return (this.dsaLoading ??= this.host
      .loadDsa()
      .then((m) => (this.host.requestUpdate(), (this.dsa = m.createDsa(this))))
      .finally(() => this.dsa || (this.dsaLoading = undefined)));
  }

  /**
   * What the author is told of their own comment that a decision removed or held (its statement of
   * reasons); undefined when there is nothing to say beyond the held note.
   */
  statement(c: CommentView): unknown {
    if (!c.statement && c.status !== "rejected") return;
    if (!this.dsa) this.loadDsa().catch(() => {});
    return this.dsa?.statement(c) ?? nothing;
  }

  /** From the report form: the notice of illegal content, in its place. */
  async openNotice(c: CommentView): Promise<void> {
    this.set({ reporting: null });
    await (await this.loadDsa()).openNotice(c.id);
  }

  // What the thread's buttons do, once this chunk is here.
  like = async (c: CommentView): Promise<void> => {
    if (this.checking === c.id) return;
    const key = `like-${c.id}`;
    // A like (not taking one back) by a reader the site does not know yet waits for the bot check.
    let bot: string | undefined;
    if (!c.reacted && this.bot.needed("act")) {
      this.set({ checking: c.id });
      bot = await this.bot.token(key);
      this.set({ checking: null });
    }
    await react(this.host.thread, c, bot);
    this.bot.used(key);
  };
  loadMore = () => loadMore(this.host.thread);
  loadReplies = (root: ThreadComment) => loadReplies(this.host.thread, root);
  jump = (id: number, rootId?: number | null) => jump(this.host, id, rootId);
  openPermalink = () => openPermalink(this.host);
  showNews = () => show(this.host, this.news);

  /** The reader's name (signed in) and "My data", with its panel when open. */
  viewer(): unknown {
    return renderViewer(this);
  }

  /** The new-comment form, or a reply's. */
  composer(parent: CommentView | null): TemplateResult {
    return renderComposer(this, parent);
  }

  editForm(c: CommentView): TemplateResult {
    return editForm(this, c);
  }

  /** What opens under a comment: the delete confirmation, the report's outcome and form, the reply form. */
  under(c: CommentView): unknown {
    const r = this.reports.get(c.id);
    return [
      this.confirming === c.id ? deleteConfirm(this, c) : nothing,
      r ? renderReportDone(r.done) : nothing,
      this.reporting === c.id && r ? renderReport(this, c, r) : nothing,
      this.dsa?.under(c),
      this.checking === c.id ? html`<p class="status">${this.t.botChecking}</p>${this.bot.slot(`like-${c.id}`, "act")}` : nothing,
      this.replying === c.id ? renderComposer(this, c) : nothing,
    ];
  }
}

// Rendered from the first report on: a live region must be there before its text changes.
const renderReportDone = (done: string) => html`<p class="status" role="status">${done}</p>`;

export type Forms = FormsController;

export const createForms = (host: CommentsHost, t: AllMessages): Forms => new FormsController(host, t);
