// The forms that write: a new comment or a reply (name unless signed in, text, counter, Publish),
// the charter nudge after a refusal, and the post itself, sent with an idempotency key so that a
// retry after a lost answer is stored once.
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { CommentView } from "../../worker/schemas/views";
import * as calls from "../api-calls";
import { readerStore } from "../storage";
import { BODY_MAX, codePointLength, normalizeText } from "../../common/text/rules";
import { NEW, type Draft, type FormsController } from "./forms";
import { describeRefusal } from "./refusal";
import { errorMessage } from "../errors";
import { posted } from "./thread-actions";

// "Notify me of replies": ticked per form; a guest's address is one for all forms, like the name.
type NotifyDraft = Draft & { notify?: boolean };
let email = "";
const mailOk = () => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());

const bodyMax = (f: FormsController) => f.host.thread.site?.limits.bodyMax ?? BODY_MAX;

/** Characters over the site's limit (negative: room left). */
const over = (f: FormsController, d: Draft) => codePointLength(normalizeText(d.text)) - bodyMax(f);

export function textarea(f: FormsController, key: string, d: Draft): TemplateResult {
  return html`<textarea
    id="body-${key}"
    part="textarea"
    rows="4"
    aria-required="true"
    aria-invalid=${d.field === "body" || over(f, d) > 0 ? "true" : "false"}
    aria-describedby=${d.field === "body" ? `count-${key} error-${key}` : `count-${key}`}
    ?readonly=${d.sending}
    .value=${d.text}
    @input=${(e: InputEvent) =>
      // Another text is another post: a retry of the old one no longer applies.
      f.patch(d, { text: (e.target as HTMLTextAreaElement).value, key: undefined })}
  ></textarea>`;
}

export function counter(f: FormsController, key: string, d: Draft): TemplateResult {
  const t = f.t;
  const n = over(f, d);
  const fmt = (x: number) => x.toLocaleString(t.lang);
  return html`<p id="count-${key}" class="counter ${n > 0 ? "over" : ""}" part="counter">
    ${t.counter(fmt(n + bodyMax(f)), fmt(bodyMax(f)))}${n > 0 ? ` — ${t.tooLong(n)}` : ""}
  </p>`;
}

async function submit(f: FormsController, e: Event, parent: CommentView | null, confirm = false): Promise<void> {
  e.preventDefault();
  const { host } = f;
  const key = parent ? String(parent.id) : NEW;
  const d = f.draft(key);
  if (d.sending || !host.client) return;
  const t = f.t;
  const thread = host.thread;
  const notify = (d as NotifyDraft).notify && thread.site?.replyNotifications;
  const guestMail = notify && thread.viewer?.kind !== "sso";
  if (guestMail && !mailOk()) return f.patch(d, { error: t.emailInvalid, field: null, charter: null });
  f.patch(d, { sending: true, error: "", field: null, charter: null });
  host.status = "";
  let stored = false;
  const check = `post-${key}`;
  try {
    const bot = f.bot.needed("post") ? await f.bot.token(check) : undefined;
    const viewer = thread.viewer;
    const { comment, story, reasons } = await calls.post(
      host.client,
      {
        story: host.storyKey,
        ...host.pageInfo,
        ...(parent ? { parentId: parent.id } : {}),
        body: d.text,
        author: { name: viewer?.kind === "sso" ? viewer.name : host.name },
        ...(confirm ? { confirm } : {}),
      },
      (d.key ??= calls.newPostKey()),
      bot,
    );
    stored = true;
    host.name = normalizeText(host.name);
    if (thread.site) readerStore.saveName(thread.site.id, host.name);
    f.patch(d, { text: "", key: undefined });
    posted(thread, comment, reasons, story);
    const status = comment.status;
    host.status = status === "published" ? t.published : status === "pending" ? t.pending : t.rejectedAnyway;
    if (parent) f.set({ replying: null });
    // After the comment is stored: a refused subscription never loses it.
    if (notify && status !== "rejected") {
      try {
        const s = await calls.subscribe(host.client, comment.id, guestMail ? email.trim() : undefined);
        if (s.subscription.status === "pending") host.status += ` ${t.notifyCheck}`;
      } catch (err) {
        host.status += ` ${errorMessage(t, err)}`;
      }
    }
    if (status !== "rejected") host.emit("palabre:posted", comment);
  } catch (err) {
    f.patch(d, describeRefusal(t, err, thread.site));
  }
  // A token serves once: the next try (after a refusal too) gets a new one.
  f.bot.used(check);
  f.patch(d, { sending: false });
  await host.updateComplete;
  // The disabled button lost focus: give it back to the reply's button or to the text.
  if (stored && parent) await host.focusAfter(`#reply-${parent.id}`);
  else if (!document.activeElement || document.activeElement === document.body) await host.focusAfter(`#body-${key}`);
}

export function renderComposer(f: FormsController, parent: CommentView | null): TemplateResult {
  const { host } = f;
  const t = f.t;
  const key = parent ? String(parent.id) : NEW;
  const d: NotifyDraft = f.draft(key);
  const charter = d.charter;
  return html`<form
    class="composer"
    part="composer"
    aria-label=${parent ? t.replyComposerLabel(parent.author.name) : t.composerLabel}
    novalidate
    @submit=${(e: Event) => submit(f, e, parent)}
    @keydown=${(e: KeyboardEvent) => {
      if (parent && e.key === "Escape") {
        e.preventDefault();
        void f.closeReply(parent.id);
      }
    }}
  >
    ${
      host.thread.viewer?.kind === "sso"
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
            .value=${host.name}
            @input=${(e: InputEvent) => (host.name = (e.target as HTMLInputElement).value)}
          />`
    }
    <label for="body-${key}">${parent ? t.replyBodyLabel : t.bodyLabel}</label>
    ${textarea(f, key, d)}
    ${
      host.thread.site?.replyNotifications
        ? html`<label class="choice"
            ><input type="checkbox" .checked=${!!d.notify} @change=${(e: Event) => f.patch(d, { notify: (e.target as HTMLInputElement).checked })} />
            ${t.notifyMe}</label
          >${
            d.notify && host.thread.viewer?.kind !== "sso"
              ? html`<label for="email-${key}">${t.emailLabel}</label
                ><input
                  id="email-${key}"
                  type="email"
                  part="input"
                  autocomplete="email"
                  aria-invalid=${d.error === t.emailInvalid ? "true" : "false"}
                  ?readonly=${d.sending}
                  .value=${email}
                  @input=${(e: InputEvent) => (email = (e.target as HTMLInputElement).value)}
                />`
              : nothing
          }`
        : nothing
    }
    ${f.bot.slot(`post-${key}`, "post")}
    <div class="row">
      ${counter(f, key, d)}
      <span class="actions">
        ${parent ? html`<button type="button" part="button" @click=${() => f.closeReply(parent.id)}>${t.cancel}</button>` : nothing}
        <button type="submit" class="primary" part="button button-primary" ?disabled=${d.sending}>${d.sending ? t.publishing : t.publish}</button>
      </span>
    </div>
    ${
      d.error
        ? // No white space between the tags: the alert's text is exactly the messages.
          html`<div id="error-${key}" class="error" part="error" role="alert"><p>${d.error}</p>${
            charter?.words.length ? html`<p>${t.charterWords(charter.words)}</p>` : nothing
          }</div>`
        : nothing
    }
    ${
      charter
        ? html`${
            charter.text
              ? html`<div class="charter" part="charter">
                <p class="charter-title">${t.charterTitle(host.thread.site?.name ?? "")}</p>
                <p class="charter-text">${charter.text}</p>
              </div>`
              : nothing
          }
          <p class="note">${t.charterRewrite}</p>
          <button type="button" part="button send-anyway" ?disabled=${d.sending} @click=${(e: Event) => submit(f, e, parent, true)}>
            ${t.sendAnyway}
          </button>`
        : nothing
    }
  </form>`;
}
