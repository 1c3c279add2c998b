// The reader's own comments: changing the text within the site's edit window (moderated again),
// and deleting after a confirmation (a comment with replies stays as a placeholder).
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { CommentView } from "../../worker/schemas/views";
import { errorMessage } from "../errors";
import { counter, textarea } from "./composer";
import { replace } from "./thread-actions";
import { withKey } from "./thread-state";
import type { FormsController } from "./forms";
import { describeRefusal } from "./refusal";
import * as calls from "../api-calls";

async function saveEdit(f: FormsController, e: Event, c: CommentView): Promise<void> {
  e.preventDefault();
  const { host } = f;
  const d = f.draft(`e${c.id}`);
  if (d.sending) return;
  f.patch(d, { sending: true, error: "", charter: null });
  try {
    const { comment, reasons } = await calls.edit(host.client!, c.id, d.text);
    replace(host.thread, c.id, comment);
    if (comment.status === "pending") host.thread.set({ held: withKey(host.thread.held, comment.id, reasons) });
    host.status = comment.status === "pending" ? f.t.pending : f.t.saved;
    f.patch(d, { sending: false });
    await f.openEdit(null, c.id);
  } catch (err) {
    f.patch(d, describeRefusal(f.t, err, host.thread.site));
  }
  f.patch(d, { sending: false });
}

/** The author's own text, in a form to change it. */
export function editForm(f: FormsController, c: CommentView): TemplateResult {
  const t = f.t;
  const key = `e${c.id}`;
  const d = f.draft(key);
  return html`<form
    class="composer"
    part="composer"
    aria-label=${t.editComposerLabel}
    novalidate
    @submit=${(e: Event) => saveEdit(f, e, c)}
    @keydown=${(e: KeyboardEvent) => e.key === "Escape" && f.openEdit(null)}
  >
    <label for="body-${key}">${t.bodyLabel}</label>
    ${textarea(f, key, d)}
    <div class="row">
      ${counter(f, key, d)}
      <span class="actions">
        <button type="button" part="button" @click=${() => f.openEdit(null)}>${t.cancel}</button>
        <button type="submit" class="primary" part="button button-primary" ?disabled=${d.sending}>${t.save}</button>
      </span>
    </div>
    ${d.error ? html`<p id="error-${key}" class="error" part="error" role="alert">${d.error}</p>` : nothing}
  </form>`;
}

async function deleteComment(f: FormsController, c: CommentView): Promise<void> {
  const { host } = f;
  const thread = host.thread;
  thread.setError(`c${c.id}`, undefined);
  try {
    const { comment } = await calls.remove(host.client!, c.id);
    // With replies it stays as a placeholder; without, it goes.
    const kept = comment.status !== "deleted";
    replace(thread, c.id, kept ? comment : null);
    if (c.status === "published" && thread.story) thread.set({ story: { ...thread.story, commentCount: thread.story.commentCount - 1 } });
    host.status = f.t.delDone;
    await f.confirmDelete(null, kept ? `#comment-${c.id}` : "#palabre-heading");
  } catch (err) {
    thread.setError(`c${c.id}`, errorMessage(f.t, err));
  }
}

export function deleteConfirm(f: FormsController, c: CommentView): TemplateResult {
  const t = f.t;
  const id = c.id;
  return html`<div
    class="row confirm"
    role="group"
    aria-labelledby="confirm-${id}"
    @keydown=${(e: KeyboardEvent) => e.key === "Escape" && f.confirmDelete(null)}
  >
    <p id="confirm-${id}">${t.delConfirm}</p>
    <span class="actions">
      <button type="button" part="button" @click=${() => f.confirmDelete(null)}>${t.cancel}</button>
      <button id="delete-yes-${id}" type="button" class="primary danger" part="button button-primary" @click=${() => deleteComment(f, c)}>
        ${t.delYes}
      </button>
    </span>
  </div>`;
}
