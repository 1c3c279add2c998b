// From a person's drawer: ban or suspend them, or ban them and reject all their pending and
// published comments at once (the confirmation says how many).
import { useId, useState } from "preact/hooks";
import type { RejectReason } from "../worker/schemas/admin-views";
import type { BanDuration } from "./api";
import { Dialog } from "./modal";
import { useI18n } from "./i18n";

type DurationKey = "h1" | "h24" | "d7" | "d30" | "permanent";

const DURATIONS: { key: DurationKey; value: BanDuration }[] = [
  { key: "h1", value: { hours: 1 } },
  { key: "h24", value: { hours: 24 } },
  { key: "d7", value: { hours: 7 * 24 } },
  { key: "d30", value: { hours: 30 * 24 } },
  { key: "permanent", value: "permanent" },
];

const REJECT_REASONS: RejectReason[] = ["spam", "abuse", "off_topic", "charter", "other"];

/** What a ban-and-reject would reject: counted from the person's comments (null while counting). */
export interface Rejectable {
  pending: number;
  published: number;
  /** the count stopped at the most comments the drawer reads: "at least" */
  partial: boolean;
}

export function PersonBanDialog(props: {
  name: string;
  /** set for "ban and reject all": what it would reject, null while counting */
  reject?: { counted: Rejectable | null };
  busy: boolean;
  onConfirm: (duration: BanDuration, reason: string, rejectReason?: RejectReason) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [duration, setDuration] = useState<DurationKey>(props.reject ? "permanent" : "h24");
  const [reason, setReason] = useState("");
  const [rejectReason, setRejectReason] = useState<RejectReason | "">("");
  const [errors, setErrors] = useState<{ reason?: string; rejectReason?: string }>({});
  const id = useId();
  const counted = props.reject?.counted ?? null;
  const total = counted ? counted.pending + counted.published : 0;

  const submit = (e: Event) => {
    e.preventDefault();
    const found = {
      ...(reason.trim() ? {} : { reason: t.banReasonRequired }),
      ...(props.reject && !rejectReason ? { rejectReason: t.chooseReason } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(`${id}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    props.onConfirm(DURATIONS.find((d) => d.key === duration)!.value, reason.trim(), rejectReason || undefined);
  };

  return (
    <Dialog title={props.reject ? t.banRejectTitle(props.name) : t.banTitle(props.name)} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        {props.reject && (
          <p class="notice confirm-count" aria-live="polite">
            {counted ? t.banRejectCount(counted.pending, counted.published, counted.partial) : t.counting}
          </p>
        )}
        <fieldset>
          <legend>{t.durationLegend}</legend>
          {DURATIONS.map((d) => (
            <label class="choice" key={d.key}>
              <input
                type="radio"
                name={`${id}-duration`}
                checked={duration === d.key}
                autoFocus={duration === d.key}
                onChange={() => setDuration(d.key)}
              />{" "}
              {t.durations[d.key]}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for={`${id}-reason`}>{t.banReasonLabel}</label>
          <input
            id={`${id}-reason`}
            type="text"
            value={reason}
            maxLength={500}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
            onInput={(e) => {
              setReason(e.currentTarget.value);
              setErrors((x) => ({ ...x, reason: undefined }));
            }}
          />
          {errors.reason && (
            <p class="field-error" id={`${id}-reason-error`}>
              {errors.reason}
            </p>
          )}
        </div>
        {props.reject && (
          <div class="field">
            <label for={`${id}-rejectReason`}>{t.banRejectReasonLabel}</label>
            <select
              id={`${id}-rejectReason`}
              value={rejectReason}
              aria-invalid={errors.rejectReason ? true : undefined}
              aria-describedby={errors.rejectReason ? `${id}-rejectReason-error` : undefined}
              onChange={(e) => {
                setRejectReason(e.currentTarget.value as RejectReason | "");
                setErrors((x) => ({ ...x, rejectReason: undefined }));
              }}
            >
              <option value="">{t.chooseOne}</option>
              {REJECT_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t.rejectReasons[r]}
                </option>
              ))}
            </select>
            {errors.rejectReason && (
              <p class="field-error" id={`${id}-rejectReason-error`}>
                {errors.rejectReason}
              </p>
            )}
          </div>
        )}
        <div class="dialog-buttons">
          <button type="button" onClick={props.onClose}>
            {t.cancel}
          </button>
          <button type="submit" class="danger" disabled={props.busy || (props.reject !== undefined && !counted)}>
            {props.busy ? t.working : props.reject ? t.banRejectConfirm(total) : t.banConfirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
