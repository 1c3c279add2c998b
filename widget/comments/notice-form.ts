// The notice of illegal content (DSA Art. 16), open to anyone without an account: the legal ground,
// why the content is illegal, optionally a name and an email (to hear the decision), and the
// statement of good faith; the reference is shown at once in the comment's own status region.
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { CommentView } from "../../worker/schemas/views";
import { LEGAL_GROUNDS, type LegalGround } from "../../common/dsa/grounds";
import { codePointLength, normalizeText } from "../../common/text/rules";
import { ApiFailure } from "../api";
import { errorMessage } from "../errors";
import * as calls from "../api-calls";
import type { DsaController } from "./dsa";

const EXPLANATION_MAX = 5000;

type Field = "ground" | "text" | "name" | "email" | "faith";

export interface NoticeDraft {
  open?: boolean;
  ground?: LegalGround;
  text?: string;
  name?: string;
  email?: string;
  faith?: boolean;
  sending?: boolean;
  error?: string;
  field?: Field;
  /** the reference of the notice received, and whether the decision will be mailed */
  reference?: string;
  mailed?: boolean;
}

/** The first thing wrong with the form, before anything is sent. */
function problem(d: DsaController, n: NoticeDraft): [string, Field] | undefined {
  const { t } = d.f;
  const w = d.w;
  const length = codePointLength(normalizeText(n.text ?? ""));
  const email = n.email?.trim();
  if (!n.ground) return [w.noticePickGround, "ground"];
  if (length < 10) return [w.tooShort, "text"];
  if (length > EXPLANATION_MAX) return [w.tooLong(EXPLANATION_MAX.toLocaleString(t.lang)), "text"];
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return [t.emailInvalid, "email"];
  if (!n.faith) return [w.noticeNoGoodFaith, "faith"];
}

async function send(d: DsaController, e: Event, c: CommentView): Promise<void> {
  e.preventDefault();
  const { f } = d;
  const n = d.notice(c.id);
  const client = f.host.client;
  if (n.sending || !client) return;
  const wrong = problem(d, n);
  const key = `notice-${c.id}`;
  let field = wrong?.[1];
  if (!wrong) {
    f.patch(n, { sending: true, error: "", field: undefined });
    try {
      // Open to anyone: on a site with the check, every notice is checked, signed in or not.
      const bot = f.bot.needed("any") ? await f.bot.token(key) : undefined;
      const name = normalizeText(n.name ?? "");
      const email = n.email?.trim();
      const req = {
        ground: n.ground!,
        explanation: normalizeText(n.text!),
        ...(name ? { name } : {}),
        ...(email ? { email } : {}),
        goodFaith: true as const,
      };
      const { reference } = await calls.notice(client, c.id, req, bot);
      d.notices.set(c.id, { reference, mailed: !!email });
      f.host.requestUpdate();
      return void f.host.focusAfter(`#report-${c.id}`);
    } catch (err) {
      // A field the API names (validation_failed), else the refusal's words.
      const path = err instanceof ApiFailure ? String(err.issues[0]?.path[0]) : "";
      field = path === "explanation" ? "text" : path === "name" || path === "email" ? path : undefined;
      f.patch(n, { error: field === "name" ? f.t.nameInvalid : field === "email" ? f.t.emailInvalid : errorMessage(f.t, err) });
    } finally {
      f.bot.used(key);
    }
  }
  f.patch(n, { sending: false, field, ...(wrong ? { error: wrong[0] } : {}) });
  await f.host.focusAfter(`#notice-${field ?? "text"}-${c.id}`);
}

export function renderNotice(d: DsaController, c: CommentView, n: NoticeDraft): TemplateResult {
  const { f } = d;
  const t = f.t;
  const w = d.w;
  const id = c.id;
  // Each field: its id, whether it is the one at fault, and the error that then describes it.
  const at = (field: Field) => ({
    id: `notice-${field}-${id}`,
    invalid: n.field === field ? "true" : "false",
    error: n.field === field ? `notice-error-${id}` : nothing,
  });
  const input = (field: "name" | "email", label: string) => {
    const a = at(field);
    return html`<label for=${a.id}>${label}</label
      ><input
        id=${a.id}
        type=${field === "email" ? "email" : "text"}
        part="input"
        autocomplete=${field}
        aria-invalid=${a.invalid}
        aria-describedby=${a.error}
        ?readonly=${n.sending}
        .value=${n[field] ?? ""}
        @input=${(e: Event) => (n[field] = (e.target as HTMLInputElement).value)}
      />`;
  };
  // A choice made on the field at fault takes its error away.
  const fix = (field: Field, change: NoticeDraft) =>
    f.patch(n, { ...change, ...(n.field === field ? { error: "", field: undefined } : {}) });
  const ground = at("ground");
  const text = at("text");
  const faith = at("faith");
  return html`<form
    class="notice charter"
    part="notice"
    aria-labelledby="notice-title-${id}"
    novalidate
    @submit=${(e: Event) => send(d, e, c)}
    @keydown=${(e: KeyboardEvent) => e.key === "Escape" && d.closeNotice(id)}
  >
    <p id="notice-title-${id}" class="charter-title">${t.noticeOpen}</p>
    <label for=${ground.id}>${w.noticeGround}</label>
    <select
      id=${ground.id}
      aria-required="true"
      aria-invalid=${ground.invalid}
      aria-describedby=${ground.error}
      ?disabled=${n.sending}
      @change=${(e: Event) => fix("ground", { ground: (e.target as HTMLSelectElement).value as LegalGround })}
    >
      <option value="">${w.noticeGroundPick}</option>
      ${LEGAL_GROUNDS.map((g) => html`<option value=${g} ?selected=${n.ground === g}>${w.grounds[g]}</option>`)}
    </select>
    <label for=${text.id}>${w.noticeExplanation}</label>
    <textarea
      id=${text.id}
      part="textarea"
      aria-required="true"
      aria-invalid=${text.invalid}
      aria-describedby="notice-hint-${id} ${text.error === nothing ? "" : text.error}"
      ?readonly=${n.sending}
      .value=${n.text ?? ""}
      @input=${(e: Event) => (n.text = (e.target as HTMLTextAreaElement).value)}
    ></textarea>
    <p id="notice-hint-${id}" class="counter">${w.between(EXPLANATION_MAX.toLocaleString(t.lang))}</p>
    ${input("name", w.noticeName)} ${input("email", w.noticeEmail)}
    <label class="choice faith"
      ><input
        id=${faith.id}
        type="checkbox"
        aria-required="true"
        aria-invalid=${faith.invalid}
        aria-describedby=${faith.error}
        ?disabled=${n.sending}
        .checked=${!!n.faith}
        @change=${(e: Event) => fix("faith", { faith: (e.target as HTMLInputElement).checked })}
      />${w.noticeGoodFaith}</label
    >
    ${f.bot.slot(`notice-${id}`, "any")}
    <div class="row">
      <span class="actions">
        <button type="button" part="button" @click=${() => d.closeNotice(id)}>${t.cancel}</button>
        <button type="submit" class="primary" part="button button-primary" ?disabled=${n.sending}>${n.sending ? w.sending : w.noticeSend}</button>
      </span>
    </div>
    ${n.error ? html`<p id="notice-error-${id}" class="error" part="error" role="alert">${n.error}</p>` : nothing}
  </form>`;
}

/** The receipt, in a polite region there from the form's opening on (so that it is announced). */
export const renderReceipt = ({ w }: DsaController, n: NoticeDraft): TemplateResult =>
  html`<p class="status" part="notice-receipt" role="status">${
    n.reference ? html`${w.noticeDone[0]}<strong>${n.reference}</strong>${w.noticeDone[1]}${n.mailed ? ` ${w.noticeMail}` : ""}` : ""
  }</p>`;
