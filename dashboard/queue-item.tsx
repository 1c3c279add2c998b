// One comment in a moderation queue: its text in context (story, parent, reasons, reports, author's
// history) and the buttons for what staff may do with it.
import type { Ref } from "preact";
import type { AuthorHistory, QueueItem, QueueName } from "../worker/schemas/admin-views";
import { CommentText, excerpt } from "./comment-text";
import { useI18n } from "./i18n";
import { Time } from "./time";

export type ItemAction = "approve" | "reject" | "feature" | "ban" | "reply" | "story";

/** What staff may do with an item in a queue (the buttons shown, and the shortcuts that work). */
export function allowed(item: QueueItem): Record<ItemAction, boolean> {
  const { status } = item.comment;
  return {
    // Approving a published comment with open reports keeps it and closes the reports.
    approve: status === "pending" || status === "rejected" || (status === "published" && item.comment.openReports > 0),
    reject: status === "pending" || status === "published",
    feature: status === "published",
    ban: !item.author.staff,
    reply: status === "published",
    story: true,
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
  busy: boolean;
  itemRef: Ref<HTMLElement>;
  onFocus: () => void;
  onToggle: () => void;
  onAction: (action: ItemAction) => void;
}

export function QueueItemView({ item, queue, focused, selected, busy, itemRef, onFocus, onToggle, onAction }: Props) {
  const { t, short } = useI18n();
  const { comment, story, author, reports, parent } = item;
  const can = allowed(item);
  const headingId = `item-${comment.id}-heading`;
  const permalink = story.url ? `${story.url}#comment-${comment.id}` : null;
  const banned = isBanned(author);

  return (
    <article
      ref={itemRef}
      class={`item${focused ? " focused" : ""}${selected ? " selected" : ""}`}
      // Roving focus: j/k move it; Tab enters the list at the focused item.
      tabIndex={focused ? 0 : -1}
      aria-labelledby={headingId}
      data-comment-id={comment.id}
      onFocusIn={onFocus}
    >
      <div class="item-head">
        <input
          type="checkbox"
          class="select"
          checked={selected}
          aria-label={t.selectComment(author.name)}
          onChange={onToggle}
        />
        <h3 id={headingId}>
          <span class="visually-hidden">{t.commentBy("")}</span>
          {author.name}
          {author.staff && <span class="badge staff">{t.staffBadge}</span>}
        </h3>
        <span class={`badge status-${comment.status}`}>{t.statuses[comment.status]}</span>
        {comment.featured && <span class="badge featured">★ {t.featuredBadge}</span>}
        <span class="when">
          <Time iso={comment.createdAt} />
        </span>
      </div>

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
        {story.premoderation !== "site" && (
          <span class="badge story-premoderation">{t.storyPremoderationBadges[story.premoderation]}</span>
        )}
        <button type="button" class="link-button with-key" disabled={busy} onClick={() => onAction("story")}>
          <span>{t.storySettings}</span> <kbd aria-hidden="true">s</kbd>
        </button>
      </p>

      {parent && (
        <div class="parent">
          <span class="parent-label">{t.inReplyTo(parent.authorName)}</span>{" "}
          <span class="parent-text">{excerpt(parent.body, 200)}</span>
        </div>
      )}

      <CommentText body={comment.body} />

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
              </li>
            ))}
          </ul>
        </details>
      )}

      <div class="history" aria-label={t.authorHistory}>
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

      <div class="actions" role="group" aria-label={t.actionsFor(author.name)}>
        {can.approve && (
          <button type="button" class="approve" disabled={busy} onClick={() => onAction("approve")}>
            {t.approve} <kbd aria-hidden="true">a</kbd>
          </button>
        )}
        {can.reject && (
          <button type="button" class="reject" disabled={busy} onClick={() => onAction("reject")}>
            {t.reject} <kbd aria-hidden="true">r</kbd>
          </button>
        )}
        {can.feature && (
          <button type="button" disabled={busy} onClick={() => onAction("feature")}>
            {comment.featured ? t.editFeature : t.feature} <kbd aria-hidden="true">f</kbd>
          </button>
        )}
        {can.ban && (
          <button type="button" disabled={busy} onClick={() => onAction("ban")}>
            {banned ? t.editBan : t.ban} <kbd aria-hidden="true">b</kbd>
          </button>
        )}
        {can.reply && (
          <button type="button" disabled={busy} onClick={() => onAction("reply")}>
            {t.reply}
          </button>
        )}
      </div>
    </article>
  );
}

function reasonText(t: ReturnType<typeof useI18n>["t"], code: string, detail?: string): string {
  const describe = (t.reasons as Record<string, (d?: string) => string>)[code];
  // A moderator's reason is a reject code: show it in words.
  const shown = code === "moderator" && detail ? (t.rejectReasons as Record<string, string>)[detail] ?? detail : detail;
  return describe ? describe(shown) : detail ? `${code}: ${detail}` : code;
}
