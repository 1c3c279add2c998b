// A person's comments in their drawer: status, story, time, and the earlier texts of an edited one.
import type { PersonComment } from "../worker/schemas/admin-views";
import { CommentText } from "./comment-text";
import { Revisions } from "./revisions";
import { useI18n } from "./i18n";
import { Time } from "./time";

/** `erased`: the author was erased, so their deleted comments went with their data, not by their hand. */
export function PersonComments(props: { siteId: string; comments: PersonComment[]; erased?: boolean }) {
  const { t } = useI18n();
  if (!props.comments.length) return <p class="empty">{t.personNoComments}</p>;
  return (
    <ol class="person-comments">
      {props.comments.map((c) => (
        <PersonCommentItem key={c.comment.id} siteId={props.siteId} item={c} erased={props.erased ?? false} />
      ))}
    </ol>
  );
}

function PersonCommentItem({ siteId, item, erased }: { siteId: string; item: PersonComment; erased: boolean }) {
  const { t } = useI18n();
  const { comment, story, revision } = item;
  const storyName = story.title ?? story.key;
  const link = story.url ? `${story.url}#comment-${comment.id}` : null;
  const reasons = comment.status === "published" ? [] : comment.reasons;
  return (
    <li class={`person-comment status-${comment.status}`}>
      <div class="pc-head">
        <span class={`badge status-${comment.status}`}>{t.statuses[comment.status]}</span>
        {comment.featured && <span class="badge featured">{t.featuredBadge}</span>}
        {comment.openReports > 0 && <span class="badge reported">{t.personOpenReports(comment.openReports)}</span>}
        <span class="when">
          <Time iso={comment.createdAt} />
        </span>
      </div>
      <p class="story">
        {t.onStory}{" "}
        {link ? (
          <a href={link} target="_blank" rel="noopener">
            {storyName}
          </a>
        ) : (
          storyName
        )}
      </p>
      {comment.deleted ? <p class="muted">{erased ? t.personErasedText : t.personDeletedText}</p> : <CommentText body={comment.body} />}
      {reasons.length > 0 && (
        <p class="pc-reasons">
          <span class="muted">{t.colon(t.whyHere)}</span>{" "}
          {reasons
            .map((r) => {
              // A moderator's reason carries a reject reason's code: say it in words.
              const detail =
                r.code === "moderator" && r.detail ? ((t.rejectReasons as Record<string, string>)[r.detail] ?? r.detail) : r.detail;
              return (t.reasons as Record<string, (d?: string) => string>)[r.code]?.(detail) ?? r.code;
            })
            .join(" · ")}
        </p>
      )}
      {revision > 0 && <Revisions siteId={siteId} commentId={comment.id} count={revision} />}
    </li>
  );
}
