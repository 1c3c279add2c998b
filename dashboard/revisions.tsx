// The earlier texts of an edited comment, for staff: a toggle that loads them on first use. A
// report points at the version its reporter saw, so moderators can read that very text.
import { useState } from "preact/hooks";
import type { RevisionsResponse } from "../worker/schemas/admin-views";
import { api } from "./api";
import { CommentText } from "./comment-text";
import { describeFailure, useI18n } from "./i18n";

/** "Edited (2 revisions)": on request, the texts the comment had before, oldest first. */
export function Revisions({ siteId, commentId, count }: { siteId: string; commentId: number; count: number }) {
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
