// The Digital Services Act's part of the discussion, a chunk of its own loaded on first use (an own
// comment with a statement of reasons, or "Report illegal content"): the statement on the author's
// removed or held comment with its appeal (Art. 17, 20), and the notice of illegal content (Art. 16).
import { nothing, type TemplateResult } from "lit/html.js";
import type { CommentView } from "../../worker/schemas/views";
import { sheet } from "../element";
import dsaCss from "../styles/dsa.css";
import type { DsaMessages } from "../locales/messages";
import { enDsa } from "../locales/en-dsa";
import { frDsa } from "../locales/fr-dsa";
import type { FormsController } from "./forms";
import { renderNotice, renderReceipt, type NoticeDraft } from "./notice-form";
import { renderStatement, type AppealDraft } from "./statement-view";

const dsaSheet = sheet(dsaCss);

export class DsaController {
  private appeals = new Map<number, AppealDraft>();
  readonly notices = new Map<number, NoticeDraft>();

  constructor(readonly f: FormsController) {
    const root = f.host.renderRoot;
    if (!root.adoptedStyleSheets.includes(dsaSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, dsaSheet];
  }

  /** this chunk's strings, in the element's language */
  get w(): DsaMessages {
    return this.f.t.lang === "fr" ? frDsa : enDsa;
  }

  appeal(id: number): AppealDraft {
    let a = this.appeals.get(id);
    if (!a) this.appeals.set(id, (a = {}));
    return a;
  }

  notice(id: number): NoticeDraft {
    let n = this.notices.get(id);
    if (!n) this.notices.set(id, (n = {}));
    return n;
  }

  /** A new identity or discussion: nothing typed for another reader stays. */
  reset(): void {
    this.appeals.clear();
    this.notices.clear();
  }

  /** The statement of reasons on one of the author's own comments. */
  statement(c: CommentView): TemplateResult {
    return renderStatement(this, c);
  }

  /** Under a comment: the notice's receipt region (once a notice was opened there) and its form. */
  under(c: CommentView): unknown {
    const n = this.notices.get(c.id);
    return n ? [renderReceipt(this, n), n.open ? renderNotice(this, c, n) : nothing] : nothing;
  }

  async openNotice(id: number): Promise<void> {
    this.f.patch(this.notice(id), { open: true, reference: "" });
    await this.f.host.focusAfter(`#notice-ground-${id}`);
  }

  async closeNotice(id: number): Promise<void> {
    this.f.patch(this.notice(id), { open: false, error: "", field: undefined });
    await this.f.host.focusAfter(`#report-${id}`);
  }
}

export const createDsa = (f: FormsController): DsaController => new DsaController(f);
