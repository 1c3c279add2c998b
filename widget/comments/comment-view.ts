// One comment as the reader sees it: avatar, byline and marks, the text, its actions (like, reply,
// edit, delete, report) as icon buttons with visible labels, and its replies nested below. The
// forms the actions open come from the lazy forms chunk; until it is here, a click loads it.
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { CommentView, ThreadComment } from "../../worker/schemas/views";
import { avatar } from "../avatar";
import { icon } from "../icons";
import { blocksOf, byline, editorNote, type Dates } from "../parts";
import { renderBlocks } from "../text/render";
import type { Forms } from "./forms";
import type { CommentsHost } from "./host";
import { nestReplies } from "./nesting";

/** Runs a forms action once the chunk is here (the first click loads it). */
export const withForms = (host: CommentsHost, action: (f: Forms) => unknown) => () => void host.loadForms().then(action);

function marks(host: CommentsHost, c: CommentView, d: Dates): TemplateResult {
  const t = host.t!;
  const forms = host.forms;
  return html`${
    c.status !== "published"
      ? html`<span class="badge pending" part="pending">${c.status === "pending" ? t.awaiting : t.notPublished}</span>`
      : c.featured
        ? html`<span class="badge pick-mark" part="pick-mark">${t.pickMark}</span>`
        : nothing
  }${
    forms && host.thread.pinned.has(c.id) && c.status === "published" && !host.thread.mine.has(c.id)
      ? html`<span class="badge new" part="new-mark">${forms.t.newMark}</span>`
      : nothing
  }${
    c.editedAt
      ? html`<span class="permalink" part="edited" title=${d.full ? d.full.format(new Date(c.editedAt)) : nothing}>${t.edited}</span>`
      : nothing
  }`;
}

function tools(host: CommentsHost, c: CommentView, d: Dates): TemplateResult {
  const t = host.t!;
  const { thread, forms } = host;
  const id = c.id;
  // Held or not published (the author's own, in `own`): no like, reply or report.
  const pending = c.status !== "published";
  const mine = c.own || thread.mine.has(id);
  const left = mine && c.status !== "rejected" ? (thread.site?.editWindowSeconds ?? 0) * 1000 - (d.now - Date.parse(c.createdAt)) : 0;
  return html`<div class="tools">
    ${
      pending
        ? nothing
        : html`<button
          class="tool"
          part="button like-button"
          aria-pressed=${c.reacted ? "true" : "false"}
          aria-describedby="likes-${id}"
          @click=${withForms(host, (f) => f.like(c))}
        >
          ${icon("like")}<span>${t.like}</span><span id="likes-${id}" class="count" part="likes" title=${t.likes(c.reactions)}
            >${c.reactions || ""}</span
          >
        </button>`
    }
    ${
      thread.story?.status !== "closed" && !pending
        ? html`<button
          id="reply-${id}"
          class="tool"
          part="button reply-button"
          aria-label=${t.replyTo(c.author.name)}
          aria-expanded=${forms?.replying === id ? "true" : "false"}
          @click=${withForms(host, (f) => f.openReply(id))}
        >
          ${icon("reply")}<span>${t.reply}</span>
        </button>`
        : nothing
    }
    ${
      left > 0 && forms?.editing !== id
        ? html`<button id="edit-${id}" class="tool" part="button edit-button" aria-describedby="left-${id}" @click=${withForms(host, (f) => f.openEdit(c))}>
            ${icon("edit")}<span>${t.edit}</span></button
          ><span id="left-${id}" class="left">${t.editLeft(d.minutes().format(Math.ceil(left / 60000)))}</span>`
        : nothing
    }
    ${
      mine && forms?.confirming !== id
        ? html`<button id="delete-${id}" class="tool quiet" part="button delete-button" @click=${withForms(host, (f) => f.confirmDelete(id))}>
          ${icon("delete")}<span>${t.del}</span>
        </button>`
        : nothing
    }
    ${
      !pending && !mine
        ? html`<button
          id="report-${id}"
          class="tool quiet"
          part="button report-button"
          aria-label=${t.reportLabel(c.author.name)}
          aria-expanded=${forms?.reporting === id ? "true" : "false"}
          @click=${withForms(host, (f) => f.toggleReport(id, f.reporting !== id))}
        >
          ${icon("report")}<span>${t.report}</span>
        </button>`
        : nothing
    }
  </div>`;
}

export function renderComment(host: CommentsHost, c: CommentView, d: Dates, after: unknown): TemplateResult {
  const t = host.t!;
  const id = c.id;
  const reply = c.rootId !== null;
  if (c.deleted) {
    // A placeholder keeps the replies in their place.
    return html`<li id="comment-${id}" class="comment deleted" part="comment" tabindex="-1">
      <span class="avatar ${reply ? "small" : ""} gone" aria-hidden="true"></span>
      <p class="note" part="deleted">${t.deleted}</p>
      ${after}
    </li>`;
  }
  const { thread, forms } = host;
  const pending = c.status !== "published";
  const error = thread.errors.get(`c${id}`);
  // Suspect words keep the neutral message: the words a site watches are not told. (Reasons are
  // known for comments posted from this page, hence with the forms' strings here.)
  const reason = pending && forms && (thread.held.get(id) ?? []).map((r) => forms.t.heldReasons[r.code]).find(Boolean);
  return html`<li
    id="comment-${id}"
    class="comment ${pending ? "held" : ""} ${host.flash === id ? "flash" : ""}"
    part="comment"
    tabindex="-1"
  >
    ${avatar(c.author.name, c.author.avatar, reply)}
    <h3 part="comment-heading">${byline(c, t, thread.site?.name ?? "", d, `#comment-${id}`, marks(host, c, d))}</h3>
    ${c.replyTo ? html`<p class="reply-to" part="reply-to">${t.inReplyTo(c.replyTo.authorName)}</p>` : nothing}
    ${forms?.editing === id ? forms.editForm(c) : html`<div class="body" part="body">${renderBlocks(blocksOf(c))}</div>`}
    ${
      pending
        ? // A decision's statement of reasons (the DSA chunk), else why it waits.
          (forms?.statement(c) ?? (c.status === "pending" ? html`<p class="note held-note">${reason || t.held}</p>` : nothing))
        : editorNote(c, t)
    }
    ${tools(host, c, d)} ${forms ? forms.under(c) : nothing}
    ${error ? html`<p class="error" part="error" role="alert">${error}</p>` : nothing} ${after}
  </li>`;
}

/** A thread's replies, nested, and the button for the rest ("Voir les 12 réponses"). */
export function renderReplies(host: CommentsHost, root: ThreadComment, d: Dates): TemplateResult {
  const t = host.t!;
  const children = nestReplies(root.id, root.replies, host.thread.own);
  const list = (parentId: number): TemplateResult | typeof nothing => {
    const kids = children.get(parentId);
    return kids
      ? html`<ul class="replies" part="replies">
          ${kids.map((k) => renderComment(host, k, d, list(k.id)))}
        </ul>`
      : nothing;
  };
  const key = `replies-${root.id}`;
  const remaining = Math.max(1, root.replyCount - root.replies.length);
  const error = host.thread.errors.get(key);
  return html`${list(root.id)}
  ${error ? html`<p class="error" part="error" role="alert">${error}</p>` : nothing}
  ${
    root.repliesCursor
      ? html`<button class="tool more-replies" part="button" ?disabled=${host.thread.busy.has(key)} @click=${withForms(host, (f) => f.loadReplies(root))}>
        ${icon("down")}<span>${t.moreReplies(remaining)}</span>
      </button>`
      : nothing
  }`;
}
