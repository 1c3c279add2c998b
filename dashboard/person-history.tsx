// A person's moderation history (who did what, why, when) and the moderators' notes on them.
import { useId, useState } from "preact/hooks";
import type { AuditEntry, CommenterNote } from "../worker/schemas/admin-views";
import { api, ApiFailure } from "./api";
import { actionLabel, AuditDetail } from "./audit-detail";
import { describeFailure, useI18n } from "./i18n";
import { Time } from "./time";

export function PersonHistory({ history }: { history: AuditEntry[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!history.length) return <p class="empty">{t.personNoHistory}</p>;
  return (
    <ol class="person-history">
      {history.map((e) => (
        <li key={e.id}>
          <p class="ph-head">
            <strong>{e.staff?.name ?? t.auditSystem}</strong>
            <span class="ph-action">{actionLabel(t, e)}</span>
            <span class="when">
              <Time iso={e.at} />
            </span>
          </p>
          {e.comment && (
            <p class="ph-target">
              <q class="audit-excerpt">{e.comment.excerpt || t.auditNoText}</q>{" "}
              <span class="muted">
                {t.auditOnStory} {e.comment.story.title ?? e.comment.story.key}
              </span>
            </p>
          )}
          <AuditDetail detail={e.detail} i18n={i18n} quiet />
        </li>
      ))}
    </ol>
  );
}

/** The longest note a moderator may write (the API says the same). */
const NOTE_MAX = 2000;

export function PersonNotes(props: {
  siteId: string;
  commenterId: number;
  notes: CommenterNote[];
  onAdded: () => void;
  onFailure: (err: unknown) => void;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const add = async (e: Event) => {
    e.preventDefault();
    const text = body.trim();
    if (busy) return;
    if (!text) return setError(t.noteEmpty);
    setBusy(true);
    setError(null);
    try {
      await api.addNote(props.siteId, props.commenterId, text);
      setBody("");
      props.onAdded();
    } catch (err) {
      setError(describeFailure(t, err));
      if (!(err instanceof ApiFailure && err.status === 400)) props.onFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form class="note-form" onSubmit={add}>
        <label for={`${id}-body`}>{t.addNoteLabel}</label>
        <textarea
          id={`${id}-body`}
          rows={3}
          value={body}
          maxLength={NOTE_MAX}
          aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
          aria-invalid={error ? true : undefined}
          onInput={(e) => {
            setBody(e.currentTarget.value);
            setError(null);
          }}
        />
        <p class="help" id={`${id}-help`}>
          {t.addNoteHelp}
        </p>
        {error && (
          <p class="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
        <p class="form-actions">
          <button type="submit" class="primary" aria-disabled={busy}>
            {busy ? t.working : t.addNote}
          </button>
        </p>
      </form>
      {props.notes.length === 0 ? (
        <p class="empty">{t.personNoNotes}</p>
      ) : (
        <ol class="person-notes">
          {props.notes.map((n) => (
            <li key={n.id}>
              <p class="note-body">{n.body}</p>
              <p class="note-by">
                {n.staff.name} · <Time iso={n.at} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
