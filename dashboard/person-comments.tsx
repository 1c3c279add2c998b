// A person's comments in their drawer: status, story, time, and the earlier texts of an edited one.
import { useState } from "preact/hooks";
import type { PersonComment, RevisionsResponse } from "../worker/schemas/admin-views";
import { api } from "./api";
import { CommentText } from "./comment-text";
import { describeFailure, useI18n } from "./i18n";
import { Time } from "./time";

export function PersonComments(props: { siteId: string; comments: PersonComment[] }) {
  const { t } = useI18n();
  if (!props.comments.length) return <p class="empty">{t.personNoComments}</p>;
  return (
    <ol class="person-comments">
      {props.comments.map((c) => (
        <PersonCommentItem key={c.comment.id} siteId={props.siteId} item={c} />
      ))}
    </ol>
  );
}

function PersonCommentItem({ siteId, item }: { siteId: string; item: PersonComment }) {
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
      {comment.deleted ? <p class="muted">{t.personDeletedText}</p> : <CommentText body={comment.body} />}
      {reasons.length > 0 && (
        <p class="pc-reasons">
          <span class="muted">{t.colon(t.whyHere)}</span>{" "}
          {reasons
            .map((r) => {
              // A moderator's reason carries a reject reason's code: say it in words.
              const detail = r.code === "moderator" && r.detail ? ((t.rejectReasons as Record<string, string>)[r.detail] ?? r.detail) : r.detail;
              return (t.reasons as Record<string, (d?: string) => string>)[r.code]?.(detail) ?? r.code;
            })
            .join(" · ")}
        </p>
      )}
      {revision > 0 && <Revisions siteId={siteId} commentId={comment.id} count={revision} />}
    </li>
  );
}

/** "Edited (2 revisions)": on request, the texts the comment had before, oldest first. */
function Revisions({ siteId, commentId, count }: { siteId: string; commentId: number; count: number }) {
  const { t, short } = useI18n();
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<RevisionsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const panelId = `revisions-${commentId}`;

  const toggle = async () => {
    const next = !open;
    setOpen(next);
    if (!next || data) return;
    setLoading(true);
    setError(null);
    try {
      setData(await api.revisions(siteId, commentId));
    } catch (err) {
      setError(describeFailure(t, err));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div class="revisions">
      <button type="button" class="link-button" aria-expanded={open} aria-controls={panelId} onClick={toggle}>
        {t.editedRevisions(count)} — {open ? t.hideRevisions : t.showRevisions}
      </button>
      {open && (
        <div id={panelId} aria-live="polite">
          {loading && <p class="muted">{t.loading}</p>}
          {error && (
            <p class="field-error" role="alert">
              {error}
            </p>
          )}
          {data && (
            <ol class="revision-list">
              {data.revisions.map((r) => (
                <li key={r.revision}>
                  <p class="revision-head">
                    <strong>{r.revision === 0 ? t.revisionOriginal : t.revisionNumber(r.revision)}</strong>{" "}
                    <span class="muted">{t.revisionSpan(short.format(new Date(r.writtenAt)), short.format(new Date(r.replacedAt)))}</span>
                  </p>
                  <CommentText body={r.body} />
                </li>
              ))}
              <li class="current">
                <p class="revision-head">
                  <strong>{t.revisionCurrent}</strong>{" "}
                  <span class="muted">{t.revisionSince(short.format(new Date(data.current.writtenAt)))}</span>
                </p>
                <CommentText body={data.current.body} />
              </li>
            </ol>
          )}
        </div>
      )}
    </div>
  );
}
