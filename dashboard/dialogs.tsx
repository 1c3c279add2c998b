// The queue's dialogs: feature, ban and staff reply (rejecting with a ground: ground-picker.tsx; a
// story's settings and the shortcuts: story-dialogs.tsx; the modal base: modal.tsx).
import { useId, useState } from "preact/hooks";
import type { BanDuration } from "./api";
import type { QueueItem, StaffSiteView } from "../worker/schemas/admin-views";
import { excerpt } from "./comment-text";
import { textOn } from "./colour";
import { useI18n } from "./i18n";
import { Buttons, Dialog, FieldError } from "./modal";

/** The longest editor's note the selection shows. */
export const NOTE_MAX = 280;

export function FeatureDialog(props: {
  item: QueueItem;
  busy: boolean;
  onFeature: (note: string | null) => void;
  onUnfeature: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const featured = props.item.comment.featured;
  const [note, setNote] = useState(featured?.note ?? "");
  const helpId = useId();
  const countId = useId();
  const length = [...note.trim()].length;
  const tooLong = length > NOTE_MAX;
  return (
    <Dialog title={featured ? t.editFeatureTitle : t.featureTitle} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!tooLong) props.onFeature(note.trim() || null);
        }}
      >
        <p class="dialog-context">{t.commentBy(props.item.author.name || t.erasedPerson)}</p>
        <label class="field">
          <span>{t.noteLabel}</span>
          <textarea
            rows={3}
            value={note}
            autoFocus
            aria-describedby={`${helpId} ${countId}`}
            aria-invalid={tooLong}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        <p id={helpId} class="help">
          {t.noteHelp}
        </p>
        <p id={countId} class={tooLong ? "counter over" : "counter"} aria-live="polite">
          {tooLong ? t.noteTooLong(NOTE_MAX) : t.counter(length, NOTE_MAX)}
        </p>
        <Buttons>
          <button type="button" onClick={props.onClose}>
            {t.cancel}
          </button>
          {featured && (
            <button type="button" class="danger" disabled={props.busy} onClick={props.onUnfeature}>
              {t.unfeature}
            </button>
          )}
          <button type="submit" class="primary" disabled={props.busy || tooLong}>
            {props.busy ? t.working : featured ? t.saveNote : t.featureConfirm}
          </button>
        </Buttons>
      </form>
    </Dialog>
  );
}

const DURATIONS: { key: keyof ReturnType<typeof useI18n>["t"]["durations"]; value: BanDuration }[] = [
  { key: "h1", value: { hours: 1 } },
  { key: "h24", value: { hours: 24 } },
  { key: "d7", value: { hours: 7 * 24 } },
  { key: "d30", value: { hours: 30 * 24 } },
  { key: "permanent", value: "permanent" },
];

export function BanDialog(props: {
  item: QueueItem;
  busy: boolean;
  onBan: (duration: BanDuration, reason: string) => void;
  onUnban: () => void;
  onClose: () => void;
}) {
  const { t, short } = useI18n();
  const author = props.item.author;
  const banned = author.bannedForever || (author.bannedUntil !== null && Date.parse(author.bannedUntil) > Date.now());
  const [duration, setDuration] = useState<(typeof DURATIONS)[number]["key"]>("h24");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  return (
    <Dialog title={t.banTitle(author.name || t.erasedPerson)} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return setError(t.banReasonRequired);
          props.onBan(DURATIONS.find((d) => d.key === duration)!.value, reason.trim());
        }}
      >
        <p class="dialog-context">
          <strong>{t.banCurrent}: </strong>
          {author.bannedForever ? t.bannedForever : banned ? t.suspendedUntil(short.format(new Date(author.bannedUntil!))) : t.notBanned}
          {banned && author.banReason ? ` — ${t.banReasonShown(author.banReason)}` : ""}
        </p>
        <fieldset>
          <legend>{t.durationLegend}</legend>
          {DURATIONS.map((d, i) => (
            <label class="choice" key={d.key}>
              <input
                type="radio"
                name="ban-duration"
                checked={duration === d.key}
                autoFocus={i === 1}
                onChange={() => setDuration(d.key)}
              />{" "}
              {t.durations[d.key]}
            </label>
          ))}
        </fieldset>
        <label class="field">
          <span>{t.banReasonLabel}</span>
          <input
            type="text"
            value={reason}
            maxLength={500}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? errorId : undefined}
            onInput={(e) => {
              setReason(e.currentTarget.value);
              setError(null);
            }}
          />
        </label>
        <FieldError id={errorId} text={error} />
        <Buttons>
          <button type="button" onClick={props.onClose}>
            {t.cancel}
          </button>
          {banned && (
            <button type="button" disabled={props.busy} onClick={props.onUnban}>
              {t.unban}
            </button>
          )}
          <button type="submit" class="danger" disabled={props.busy}>
            {props.busy ? t.working : t.banConfirm}
          </button>
        </Buttons>
      </form>
    </Dialog>
  );
}

export function ReplyDialog(props: {
  item: QueueItem;
  site: StaffSiteView;
  staffName: string;
  busy: boolean;
  error: string | null;
  onSend: (body: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState("");
  const [empty, setEmpty] = useState(false);
  const helpId = useId();
  const errorId = useId();
  const error = empty ? t.replyEmpty : props.error;
  return (
    <Dialog title={t.replyTitle} onClose={props.onClose} accent={props.site.color} wide>
      <p class="replying-as" style={{ borderLeftColor: props.site.color }}>
        <span class="swatch" style={{ background: props.site.color }} aria-hidden="true" />
        <strong>{t.replyingAs(props.staffName, props.site.name)}</strong>
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!body.trim()) return setEmpty(true);
          props.onSend(body);
        }}
      >
        <div class="reply-context">
          <p class="dialog-context">{t.replyingTo(props.item.author.name || t.erasedPerson)}</p>
          <blockquote class="excerpt">{excerpt(props.item.comment.body)}</blockquote>
        </div>
        <label class="field">
          <span>{t.replyBodyLabel}</span>
          <textarea
            rows={6}
            value={body}
            autoFocus
            aria-invalid={Boolean(error)}
            aria-describedby={error ? `${helpId} ${errorId}` : helpId}
            onInput={(e) => {
              setBody(e.currentTarget.value);
              setEmpty(false);
            }}
          />
        </label>
        <p id={helpId} class="help">
          {t.replyHelp}
        </p>
        <FieldError id={errorId} text={error} />
        <Buttons>
          <button type="button" onClick={props.onClose}>
            {t.cancel}
          </button>
          <button
            type="submit"
            class="primary site-coloured"
            style={{ background: props.site.color, color: textOn(props.site.color) }}
            disabled={props.busy}
          >
            {props.busy ? t.working : t.replyPublish(props.site.name)}
          </button>
        </Buttons>
      </form>
    </Dialog>
  );
}
