// One comment in a moderation queue: its text in context (story, parent, reasons, reports, author's
// history), how long it waits for an answer, and the buttons for what staff may do with it.
import type { ComponentChildren, Ref } from "preact";
import type { AuthorHistory, QueueItem, QueueName } from "../worker/schemas/admin-views";
import { textOn } from "./colour";
import { CommentText, excerpt } from "./comment-text";
import { AppealDetails, NoticeDetails, ScoreBadge } from "./dsa-item";
import { dsa, isDsaQueue } from "./dsa-types";
import { useI18n } from "./i18n";
import { KeyHint } from "./key-hint";
import { Revisions } from "./revisions";
import { Time } from "./time";

export type ItemAction = "approve" | "reject" | "feature" | "ban" | "reply" | "story" | "dismiss" | "person";

/** What staff may do with an item in a queue (the buttons shown, and the shortcuts that work). */
export function allowed(item: QueueItem, queue?: QueueName): Record<ItemAction, boolean> {
  const { status } = item.comment;
  if (queue && isDsaQueue(queue)) {
    // A notice or an appeal is decided (a: the comment stays or comes back, r: it goes), one at a time.
    const open = queue === "notices" ? Boolean(dsa(item).notice) : dsa(item).appeal?.status === "open";
    return {
      approve: open,
      reject: open,
      feature: false,
      ban: !item.author.staff,
      reply: false,
      story: true,
      dismiss: false,
      person: true,
    };
  }
  return {
    // Approving a published comment with open reports keeps it and closes the reports.
    approve: status === "pending" || status === "rejected" || (status === "published" && item.comment.openReports > 0),
    reject: status === "pending" || status === "published",
    feature: status === "published",
    ban: !item.author.staff,
    reply: status === "published",
    story: true,
    // "No answer needed": only for a comment that waits for one.
    dismiss: status === "published" && item.answer !== null,
    person: true,
  };
}

export function isBanned(author: AuthorHistory): boolean {
  return author.bannedForever || (author.bannedUntil !== null && Date.parse(author.bannedUntil) > Date.now());
}

interface Props {
  item: QueueItem;
  queue: QueueName;
  focused: boolean;
  selected: boolean;
  /** a request on it is under way, or someone else handled it: no actions */
  busy: boolean;
  /** it left the queue because someone else acted */
  gone: boolean;
  /** in a list that mixes sites: show the comment's site */
  showSite: boolean;
  itemRef: Ref<HTMLElement>;
  onFocus: () => void;
  onToggle: () => void;
  onAction: (action: ItemAction) => void;
  /** the inline answer box, when open on this item */
  composer?: ComponentChildren;
}

export function QueueItemView(props: Props) {
  const { item, queue, focused, selected, gone, showSite, itemRef, onFocus, onToggle, onAction, composer } = props;
  const busy = props.busy || gone;
  const { t, short } = useI18n();
  const { comment, story, author, reports, parent } = item;
  const can = allowed(item, queue);
  const decides = isDsaQueue(queue);
  const toAnswer = queue === "to-answer" && item.answer !== null;
  const headingId = `item-${comment.id}-heading`;
  const permalink = story.url ? `${story.url}#comment-${comment.id}` : null;
  const banned = isBanned(author);
  // An erased person's name is blank (GDPR erasure): they are called "Erased person".
  const name = author.name || t.erasedPerson;

  return (
    <article
      ref={itemRef}
      class={`item${focused ? " focused" : ""}${selected ? " selected" : ""}${gone ? " gone" : ""}`}
      // Roving focus: j/k move it; Tab enters the list at the focused item.
      tabIndex={focused ? 0 : -1}
      aria-labelledby={headingId}
      data-comment-id={comment.id}
      onFocusIn={onFocus}
    >
      <div class="item-head">
        {/* Notices and appeals are decided one by one: nothing to select there. */}
        {!decides && (
          <input type="checkbox" class="select" checked={selected} disabled={gone} aria-label={t.selectComment(name)} onChange={onToggle} />
        )}
        <h3 id={headingId}>
          <span class="visually-hidden">{t.commentBy("")}</span>
          <button type="button" class="author-link" title={t.personOpen(name)} onClick={() => onAction("person")}>
            {name}
          </button>
          {author.staff && <span class="badge staff">{t.staffBadge}</span>}
        </h3>
        {showSite && (
          <span class="item-site" style={{ background: item.site.color, color: textOn(item.site.color) }}>
            <span class="visually-hidden">{t.colon(t.siteLabel)} </span>
            {item.site.name}
          </span>
        )}
        <span class={`badge status-${comment.status}`}>{t.statuses[comment.status]}</span>
        {comment.featured && <span class="badge featured">★ {t.featuredBadge}</span>}
        <span class="when">
          <Time iso={comment.createdAt} />
        </span>
      </div>

      {gone && <p class="gone-note">{t.handledElsewhere}</p>}
      {item.answer && (
        <p class="waiting">
          <strong>{t.waitingSince(t.duration((Date.now() - Date.parse(item.answer.waitingSince)) / 1000))}</strong>
          <span class={`why why-${item.answer.why}`}>{t.answerWhy[item.answer.why]}</span>
        </p>
      )}

      <p class="story">
        {t.onStory}{" "}
        {permalink ? (
          <a href={permalink} target="_blank" rel="noopener">
            {story.title ?? story.key}
          </a>
        ) : (
          <span>{story.title ?? story.key ?? t.untitledStory}</span>
        )}
        <span class="comment-id"> · #{comment.id}</span>
        {story.status === "closed" && <span class="badge story-closed">{t.storyClosedBadge}</span>}
        {story.premoderation !== "site" && <span class="badge story-premoderation">{t.storyPremoderationBadges[story.premoderation]}</span>}
        <button type="button" class="link-button with-key" disabled={busy} onClick={() => onAction("story")}>
          <span>{t.storySettings}</span> <KeyHint>s</KeyHint>
        </button>
      </p>

      {parent && (
        <div class="parent">
          <span class="parent-label">{t.inReplyTo(parent.authorName || t.erasedPerson)}</span>{" "}
          <span class="parent-text">{excerpt(parent.body, 200)}</span>
        </div>
      )}

      {queue === "notices" && <NoticeDetails item={item} />}
      {queue === "appeals" && <AppealDetails item={item} />}
      <ScoreBadge item={item} />
      {/* A placeholder (deleted, kept for its replies) has no text: say why, as the person view does. */}
      {comment.deleted ? (
        <p class="muted">{author.name ? t.personDeletedText : t.personErasedText}</p>
      ) : (
        <CommentText body={comment.body} />
      )}
      {item.revision > 0 && <Revisions siteId={item.site.id} commentId={comment.id} count={item.revision} />}

      {comment.featured?.note && (
        <p class="note">
          <strong>{t.editorsNote}</strong> {comment.featured.note}
        </p>
      )}

      {comment.reasons.length > 0 && (
        <div class="reasons">
          <span class="label">{t.colon(t.whyHere)}</span>
          <ul>
            {comment.reasons.map((r, i) => (
              <li key={i} class={`reason reason-${r.code}`}>
                {reasonText(t, r.code, r.detail)}
              </li>
            ))}
          </ul>
        </div>
      )}

      {comment.reportCount > 0 && (
        <details class="reports" open={queue === "reported"}>
          <summary>{t.reportsHeading(comment.openReports, comment.reportCount)}</summary>
          <ul>
            {reports.map((r, i) => (
              <li key={i}>
                <strong>{t.reportReasons[r.reason] ?? r.reason}</strong>
                {r.note ? ` — ${t.quoted(r.note)}` : ""} <Time iso={r.createdAt} />
                {r.revision < item.revision && (
                  <span class="report-version">
                    {" "}
                    {t.reportOnEarlierText(r.revision === 0 ? t.revisionOriginal : t.revisionNumber(r.revision))}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}

      {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of controls laid out as a div; a fieldset would bring its border, padding and legend layout for the same group role */}
      <div class="history" role="group" aria-label={t.authorHistory}>
        <span>{t.historyComments(author.commentCount)}</span>
        <span>{t.historyApproved(author.approvedCount)}</span>
        <span class={author.rejectedCount ? "warn" : undefined}>{t.historyRejected(author.rejectedCount)}</span>
        <span class={author.reportedCount ? "warn" : undefined}>{t.historyReports(author.reportedCount)}</span>
        {banned && (
          <span class="banned">
            {author.bannedForever ? t.bannedForever : t.suspendedUntil(short.format(new Date(author.bannedUntil!)))}
            {author.banReason ? ` — ${t.banReasonShown(author.banReason)}` : ""}
          </span>
        )}
      </div>

      {composer}

      {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of controls laid out as a div; a fieldset would bring its border, padding and legend layout for the same group role */}
      <div class="actions" role="group" aria-label={t.actionsFor(name)}>
        {toAnswer && can.reply && !composer && (
          <button type="button" class="primary" disabled={busy} onClick={() => onAction("reply")}>
            {t.answerButton} <KeyHint>c</KeyHint>
          </button>
        )}
        {toAnswer && can.dismiss && (
          <button type="button" disabled={busy} onClick={() => onAction("dismiss")}>
            {t.dismissButton} <KeyHint>n</KeyHint>
          </button>
        )}
        {can.reject && decides && (
          <button type="button" class="reject" disabled={busy} onClick={() => onAction("reject")}>
            {queue === "notices" ? t.noticeRemove : t.appealUphold} <KeyHint>r</KeyHint>
          </button>
        )}
        {can.approve && decides && (
          <button type="button" class="approve" disabled={busy} onClick={() => onAction("approve")}>
            {queue === "notices" ? t.noticeKeep : t.appealReverse} <KeyHint>a</KeyHint>
          </button>
        )}
        {can.approve && !decides && (
          <button type="button" class="approve" disabled={busy} onClick={() => onAction("approve")}>
            {t.approve} <KeyHint>a</KeyHint>
          </button>
        )}
        {can.reject && !decides && (
          <button type="button" class="reject" disabled={busy} onClick={() => onAction("reject")}>
            {t.reject} <KeyHint>r</KeyHint>
          </button>
        )}
        {can.feature && (
          <button type="button" disabled={busy} onClick={() => onAction("feature")}>
            {comment.featured ? t.editFeature : t.feature} <KeyHint>f</KeyHint>
          </button>
        )}
        {can.ban && (
          <button type="button" disabled={busy} onClick={() => onAction("ban")}>
            {banned ? t.editBan : t.ban} <KeyHint>b</KeyHint>
          </button>
        )}
        {can.reply && !toAnswer && (
          <button type="button" disabled={busy} onClick={() => onAction("reply")}>
            {t.reply} <KeyHint>c</KeyHint>
          </button>
        )}
      </div>
    </article>
  );
}

function reasonText(t: ReturnType<typeof useI18n>["t"], code: string, detail?: string): string {
  const describe = (t.reasons as Record<string, (d?: string) => string>)[code];
  // A moderator's reason is a reject code: show it in words.
  const shown = code === "moderator" && detail ? ((t.rejectReasons as Record<string, string>)[detail] ?? detail) : detail;
  return describe ? describe(shown) : detail ? `${code}: ${detail}` : code;
}
