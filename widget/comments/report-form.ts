// Reporting a comment: a reason (required), an optional note, and the outcome in the comment's own
// status region; one report per reader and comment (the API says so when it is a second one).
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { CommentView, ReportReason } from "../../worker/schemas/views";
import { errorMessage } from "../errors";
import { normalizeText } from "../../common/text/rules";
import type { FormsController, ReportDraft } from "./forms";
import * as calls from "../api-calls";

const REASONS: ReportReason[] = ["spam", "abuse", "off-topic", "other"];
const NOTE_MAX = 500;

async function send(f: FormsController, e: Event, c: CommentView): Promise<void> {
  e.preventDefault();
  const { host } = f;
  const r = f.report(c.id)!;
  if (r.sending || !host.client) return;
  if (!r.reason) return f.patch(r, { error: f.t.reportChoose });
  f.patch(r, { sending: true, error: "" });
  const key = `report-${c.id}`;
  try {
    const bot = f.bot.needed("act") ? await f.bot.token(key) : undefined;
    await calls.report(host.client, c.id, r.reason, normalizeText(r.note), bot);
    host.emit("palabre:reported", { id: c.id, reason: r.reason });
    f.patch(r, { reason: null, note: "", sending: false });
    await f.toggleReport(c.id, false);
    f.patch(r, { done: f.t.reportSent });
  } catch (err) {
    f.patch(r, { error: errorMessage(f.t, err) });
  }
  f.bot.used(key);
  f.patch(r, { sending: false });
}

export function renderReport(f: FormsController, c: CommentView, r: ReportDraft): TemplateResult {
  const t = f.t;
  const id = c.id;
  return html`<form
    id="report-form-${id}"
    class="report"
    part="report"
    aria-label=${t.reportLabel(c.author.name)}
    novalidate
    @submit=${(e: Event) => send(f, e, c)}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        void f.toggleReport(id, false);
      }
    }}
  >
    <fieldset aria-describedby=${r.error ? `report-error-${id}` : nothing}>
      <legend>${t.reportReason}</legend>
      ${REASONS.map(
        (reason) => html`<label class="choice"
          ><input type="radio" name="reason-${id}" value=${reason} .checked=${r.reason === reason} @change=${() => f.patch(r, { reason })} />
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
    ${f.bot.slot(`report-${id}`, "act")}
    <div class="row">
      <span class="actions">
        <button type="button" part="button" @click=${() => f.toggleReport(id, false)}>${t.cancel}</button>
        <button type="submit" class="primary" part="button button-primary" ?disabled=${r.sending}>${t.reportSend}</button>
      </span>
    </div>
    ${r.error ? html`<p id="report-error-${id}" class="error" part="error" role="alert">${r.error}</p>` : nothing}
    <p class="notice-link">
      ${t.noticeLead}
      <button type="button" class="tool" part="button notice-button" @click=${() => f.openNotice(c)}>${t.noticeOpen}</button>
    </p>
  </form>`;
}
