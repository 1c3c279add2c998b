// The statement of reasons on the author's own removed or held comment (DSA Art. 17): what was
// decided and when, the ground, the moderator's words, the facts, whether automated means took part,
// and how to contest it; then the appeal (Art. 20): its form, and its state once sent.
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { CommentView } from "../../worker/schemas/views";
import { isLegalGround } from "../../common/dsa/grounds";
import { codePointLength, normalizeText } from "../../common/text/rules";
import { errorMessage } from "../errors";
import * as calls from "../api-calls";
import type { DsaController } from "./dsa";

const APPEAL_MAX = 2000;

export interface AppealDraft {
  open?: boolean;
  text?: string;
  sending?: boolean;
  error?: string;
  /** what the polite region under the statement says (the appeal was sent) */
  done?: string;
}

const longDates: Record<string, Intl.DateTimeFormat> = {};
/** "3 décembre 2026" / "December 3, 2026" */
// French writes the first of the month "1er" (1er juin), which Intl does not.
const day = (lang: string, iso: string) =>
  (longDates[lang] ??= new Intl.DateTimeFormat(lang, { dateStyle: "long" }))
    .format(new Date(iso))
    .replace(/^1 (?=\D)/, lang === "fr" ? "1er " : "1 ");

async function send(d: DsaController, e: Event, c: CommentView): Promise<void> {
  e.preventDefault();
  const { f } = d;
  const w = d.w;
  const a = d.appeal(c.id);
  const client = f.host.client;
  if (a.sending || !client) return;
  const text = normalizeText(a.text ?? "");
  const n = codePointLength(text);
  if (n < 10 || n > APPEAL_MAX) {
    f.patch(a, { error: n < 10 ? w.tooShort : w.tooLong(APPEAL_MAX.toLocaleString(f.t.lang)) });
    return f.host.focusAfter(`#appeal-${c.id}`);
  }
  f.patch(a, { sending: true, error: "", done: "" });
  try {
    const { statement } = await calls.appeal(client, c.id, text);
    const thread = f.host.thread;
    thread.set({ own: thread.own.map((o) => (o.id === c.id ? { ...o, statement } : o)) });
    f.patch(a, { open: false, text: "", sending: false, done: w.appealSent });
    // The form is gone: focus goes to the statement, which now says the appeal is under review.
    await f.host.focusAfter(`#statement-${c.id}`);
  } catch (err) {
    f.patch(a, { sending: false, error: errorMessage(f.t, err) });
    await f.host.focusAfter(`#appeal-${c.id}`);
  }
}

function appealForm(d: DsaController, c: CommentView, a: AppealDraft): TemplateResult {
  const { f } = d;
  const t = f.t;
  const w = d.w;
  const id = c.id;
  const close = () => {
    f.patch(a, { open: false, error: "" });
    void f.host.focusAfter(`#contest-${id}`);
  };
  return html`<form
    part="appeal"
    aria-labelledby="appeal-label-${id}"
    novalidate
    @submit=${(e: Event) => send(d, e, c)}
    @keydown=${(e: KeyboardEvent) => e.key === "Escape" && close()}
  >
    <label id="appeal-label-${id}" for="appeal-${id}">${w.appealLabel}</label>
    <textarea
      id="appeal-${id}"
      part="textarea"
      aria-required="true"
      aria-invalid=${a.error ? "true" : "false"}
      aria-describedby="appeal-hint-${id}${a.error ? ` appeal-error-${id}` : ""}"
      ?readonly=${a.sending}
      .value=${a.text ?? ""}
      @input=${(e: Event) => (a.text = (e.target as HTMLTextAreaElement).value)}
    ></textarea>
    <div class="row">
      <p id="appeal-hint-${id}" class="counter">${w.between(APPEAL_MAX.toLocaleString(t.lang))}</p>
      <span class="actions">
        <button type="button" part="button" @click=${close}>${t.cancel}</button>
        <button type="submit" class="primary" part="button button-primary" ?disabled=${a.sending}>${a.sending ? w.sending : w.appealSend}</button>
      </span>
    </div>
    ${a.error ? html`<p id="appeal-error-${id}" class="error" part="error" role="alert">${a.error}</p>` : nothing}
  </form>`;
}

/** The statement on one of the author's comments (rejected without one: sent anyway against the charter). */
export function renderStatement(d: DsaController, c: CommentView): TemplateResult {
  const { f } = d;
  const w = d.w;
  const date = (iso: string) => day(f.t.lang, iso);
  const s = c.statement;
  if (!s) return html`<p class="note held-note">${f.t.rejectedAnyway}</p>`;
  const id = c.id;
  const a = d.appeal(id);
  const appeal = s.appeal;
  // A legal ground in the reader's words; a terms ground (the charter, a clause) as the site worded it.
  const ground = s.groundKind === "illegal" ? w.illegal(isLegalGround(s.ground) ? w.grounds[s.ground] : s.groundLabel) : s.groundLabel;
  return html`<section class="statement" part="statement" aria-labelledby="statement-${id}">
    <p id="statement-${id}" class="statement-title" tabindex="-1">
      <strong>${w.decided[s.decision](date(s.decidedAt))}</strong> <span aria-hidden="true">·</span> ${w.ground} ${ground}
    </p>
    ${s.explanation ? html`<p class="quote" part="statement-explanation">${s.explanation}</p>` : nothing}
    <p class="facts"><b>${w.facts}</b> ${s.facts} ${w.automation(s.automatedDetection, s.automatedDecision)}</p>
    ${
      appeal
        ? html`<p class="appeal-state" part="appeal-state">
            ${
              appeal.status === "open"
                ? w.appealOpen(date(appeal.createdAt))
                : (appeal.status === "upheld" ? w.appealUpheld : w.appealReversed)(date(appeal.decidedAt ?? appeal.createdAt))
            }
          </p>
          ${appeal.explanation ? html`<p class="quote"><b>${w.appealAnswer}</b> ${appeal.explanation}</p>` : nothing}`
        : a.open
          ? appealForm(d, c, a)
          : s.canAppeal
            ? html`<p>
              <button
                id="contest-${id}"
                type="button"
                class="tool link"
                part="button contest-button"
                @click=${() => {
                  f.patch(a, { open: true, done: "" });
                  void f.host.focusAfter(`#appeal-${id}`);
                }}
              >
                ${w.contest}</button
              ><span class="facts">${w.contestUntil(date(s.contestUntil!))}</span>
            </p>`
            : s.contestUntil && s.decision !== "restored"
              ? html`<p class="facts">${w.contestOver}</p>`
              : nothing
    }
    <p class="status" role="status">${a.done}</p>
  </section>`;
}
