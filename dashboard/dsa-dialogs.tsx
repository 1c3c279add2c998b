// Deciding a legal notice (remove the comment with a ground, or keep it) and an appeal (restore the
// comment, or keep the decision), each with the words its reader is sent. A refusal (another
// moderator must answer, already decided) stays in the dialog, in words.
import { useId, useState } from "preact/hooks";
import type { QueueItem } from "../worker/schemas/admin-views";
import { excerpt } from "./comment-text";
import { dsa } from "./dsa-types";
import { EXPLANATION_MAX, ExplanationField, GroundForm, submitOnEnter, useClauses, type RejectChoice } from "./ground-picker";
import { groundLabel } from "./grounds";
import { useI18n } from "./i18n";
import { Buttons, Dialog, FieldError } from "./modal";

export type DecisionOutcome = "remove" | "keep" | "uphold" | "reverse";

interface Props {
  item: QueueItem;
  outcome: DecisionOutcome;
  busy: boolean;
  error: string | null;
  onDecide: (choice: RejectChoice) => void;
  onClose: () => void;
}

function Context({ item }: { item: QueueItem }) {
  const { t } = useI18n();
  const notice = dsa(item).notice;
  return (
    <p class="dialog-context">
      {t.commentBy(item.author.name || t.erasedPerson)} — {t.quoted(excerpt(item.comment.body, 140))}
      {notice && (
        <>
          <br />
          {t.colon(t.noticeGround)} <strong>{groundLabel(t, notice.ground)}</strong> · {t.noticeReference(notice.reference)}
        </>
      )}
    </p>
  );
}

export function DecisionDialog(props: Props) {
  const { t } = useI18n();
  if (props.outcome === "remove") return <RemoveDialog {...props} />;
  const title = { keep: t.noticeKeepTitle, uphold: t.appealUpholdTitle, reverse: t.appealReverseTitle }[props.outcome];
  return (
    <Dialog title={title} onClose={props.onClose}>
      <ExplainForm {...props} />
    </Dialog>
  );
}

/** Removing after a notice: the grounds as when rejecting, the notice's own ground chosen. */
function RemoveDialog(props: Props) {
  const { t } = useI18n();
  const { clauses } = useClauses(props.item.site.id);
  const notice = dsa(props.item).notice;
  return (
    <Dialog title={t.noticeRemoveTitle} onClose={props.onClose}>
      {clauses === null ? (
        <p class="muted">{t.loading}</p>
      ) : (
        <GroundForm
          site={props.item.site.id}
          clauses={clauses}
          initial={notice?.ground ?? null}
          note={t.noticeRemoveHelp}
          explanationLabel={t.explanationAuthorLabel}
          explanationHelp={t.explanationAuthorHelp}
          confirm={props.busy ? t.working : t.noticeRemove}
          busy={props.busy}
          error={props.error}
          onConfirm={props.onDecide}
          onClose={props.onClose}
        >
          <Context item={props.item} />
        </GroundForm>
      )}
    </Dialog>
  );
}

/** Keep (a notice) or uphold / reverse (an appeal): the explanation, then the decision. */
function ExplainForm(props: Props) {
  const { t } = useI18n();
  const [explanation, setExplanation] = useState("");
  const errorId = useId();
  const over = [...explanation.trim()].length > EXPLANATION_MAX;
  const texts = {
    keep: [t.noticeKeepHelp, t.noticeKeepLabel, t.noticeKeepExplanationHelp, t.noticeKeep],
    uphold: [t.appealUpholdHelp, t.appealExplanationLabel, t.appealExplanationHelp, t.appealUphold],
    reverse: [t.appealReverseHelp, t.appealExplanationLabel, t.appealExplanationHelp, t.appealReverse],
    remove: ["", "", "", ""],
  }[props.outcome];
  const [help, label, fieldHelp, confirm] = texts as [string, string, string, string];
  return (
    <form
      method="dialog"
      onKeyDown={submitOnEnter}
      onSubmit={(e) => {
        e.preventDefault();
        if (!over && !props.busy) props.onDecide({ ground: "", explanation: explanation.trim() || null });
      }}
    >
      <Context item={props.item} />
      <p class="help">{help}</p>
      <ExplanationField label={label} help={`${fieldHelp} ${t.ctrlEnterHint}`} value={explanation} onValue={setExplanation} autoFocus />
      <FieldError id={errorId} text={props.error} />
      <Buttons>
        <button type="button" onClick={props.onClose}>
          {t.cancel}
        </button>
        <button type="submit" class={props.outcome === "uphold" ? "danger" : "approve"} aria-disabled={props.busy || over}>
          {props.busy ? t.working : confirm}
        </button>
      </Buttons>
    </form>
  );
}
