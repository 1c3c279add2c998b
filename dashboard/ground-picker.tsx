// Choosing the ground of a decision, fast with the keyboard: one radio group (the site's rules, then
// the law) that the arrows walk through, the chosen ground focused on opening, Enter to confirm; and
// the optional explanation the author (or a notifier) reads. The reject dialog is built on it.
import type { ComponentChildren } from "preact";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import { groundOptions, lastGround, rememberGround, type GroundOption } from "./grounds";
import { cachedClauses, clausesOf } from "./site-clauses";
import { describeFailure, useI18n } from "./i18n";
import { Buttons, Dialog, FieldError } from "./modal";

/** The longest explanation the API takes (staff text, worker/schemas/admin.ts). */
export const EXPLANATION_MAX = 1000;

/** Enter on a radio confirms (browsers do not submit a form from a radio); Ctrl/⌘+Enter anywhere does. */
export function submitOnEnter(e: KeyboardEvent): void {
  if (e.key !== "Enter" || e.isComposing) return;
  const target = e.target as HTMLElement;
  const radio = target instanceof HTMLInputElement && (target.type === "radio" || target.type === "checkbox");
  if (!radio && !e.ctrlKey && !e.metaKey) return;
  e.preventDefault();
  (e.currentTarget as HTMLFormElement).requestSubmit();
}

export function GroundRadios(props: { options: GroundOption[]; value: string; onValue: (code: string) => void; name: string }) {
  const { t } = useI18n();
  const list = useRef<HTMLDivElement>(null);
  // The chosen ground takes the focus when the list appears, also after the dialog opened (the
  // clauses may arrive a moment later, and autofocus only acts as a dialog opens).
  useLayoutEffect(() => {
    const checked = list.current?.querySelector<HTMLInputElement>("input:checked");
    checked?.focus();
    checked?.scrollIntoView({ block: "nearest" });
  }, []);
  const group = (kind: GroundOption["kind"], legend: string) => (
    <fieldset class={`grounds grounds-${kind}`}>
      <legend>{legend}</legend>
      {props.options
        .filter((o) => o.kind === kind)
        .map((o) => (
          <label class="choice ground" key={o.code}>
            <input
              type="radio"
              name={props.name}
              value={o.code}
              checked={props.value === o.code}
              autoFocus={props.value === o.code}
              onChange={() => props.onValue(o.code)}
            />
            <span>{o.label}</span>
          </label>
        ))}
    </fieldset>
  );
  return (
    <div class="ground-list" ref={list}>
      {group("terms", t.groundLegendTerms)}
      {group("illegal", t.groundLegendLaw)}
    </div>
  );
}

export function ExplanationField(props: { label: string; help: string; value: string; onValue: (v: string) => void; autoFocus?: boolean }) {
  const { t } = useI18n();
  const helpId = useId();
  const countId = useId();
  const length = [...props.value.trim()].length;
  const over = length > EXPLANATION_MAX;
  return (
    <>
      <label class="field explanation">
        <span>{props.label}</span>
        <textarea
          rows={2}
          value={props.value}
          autoFocus={props.autoFocus}
          aria-describedby={`${helpId} ${countId}`}
          aria-invalid={over || undefined}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      </label>
      <p id={helpId} class="help">
        {props.help}
      </p>
      <p id={countId} class={over ? "counter over" : "counter"} aria-live="polite">
        {over ? t.noteTooLong(EXPLANATION_MAX) : length > 0 ? t.counter(length, EXPLANATION_MAX) : ""}
      </p>
    </>
  );
}

/** The site's clauses for the dialog: at once when known, else after one request (null meanwhile). */
export function useClauses(site: string | null): { clauses: string[] | null; error: string | null } {
  const { t } = useI18n();
  const [clauses, setClauses] = useState<string[] | null>(() => (site ? (cachedClauses(site) ?? null) : []));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!site || clauses) return;
    let current = true;
    clausesOf(site).then(
      (c) => current && setClauses(c),
      (err) => {
        if (!current) return;
        // The charter and the law remain: the moderator is not stopped for want of the clauses.
        setError(describeFailure(t, err));
        setClauses([]);
      },
    );
    return () => {
      current = false;
    };
  }, [site]);
  return { clauses, error };
}

export interface RejectChoice {
  ground: string;
  explanation: string | null;
}

/**
 * Reject one comment or a selection, with its ground. `site` null: the selection spans several
 * sites, whose clauses differ, so only the charter as a whole and the legal grounds are offered.
 */
export function RejectDialog(props: {
  count: number;
  site: string | null;
  /** which comment, when there is one: its author and first words */
  context?: string;
  busy: boolean;
  onConfirm: (choice: RejectChoice) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { clauses, error } = useClauses(props.site);
  return (
    <Dialog title={t.rejectTitle(props.count)} onClose={props.onClose}>
      {clauses === null ? (
        <p class="muted">{t.loading}</p>
      ) : (
        <GroundForm
          site={props.site}
          clauses={clauses}
          initial={null}
          note={props.site === null ? t.groundsMixedSites : error}
          explanationLabel={t.explanationAuthorLabel}
          explanationHelp={t.explanationAuthorHelp}
          confirm={props.busy ? t.working : t.rejectConfirm}
          busy={props.busy}
          onConfirm={props.onConfirm}
          onClose={props.onClose}
        >
          {props.context && <p class="dialog-context">{props.context}</p>}
        </GroundForm>
      )}
    </Dialog>
  );
}

/** The grounds, the explanation and the buttons; `initial` null: the ground last used on the site. */
export function GroundForm(props: {
  site: string | null;
  clauses: string[];
  initial: string | null;
  note?: string | null;
  explanationLabel: string;
  explanationHelp: string;
  confirm: string;
  busy: boolean;
  error?: string | null;
  children?: ComponentChildren;
  onConfirm: (choice: RejectChoice) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const options = groundOptions(t, props.site === null ? null : props.clauses);
  const [ground, setGround] = useState(() =>
    props.initial && options.some((o) => o.code === props.initial) ? props.initial : lastGround(props.site, options),
  );
  const [explanation, setExplanation] = useState("");
  const errorId = useId();
  const over = [...explanation.trim()].length > EXPLANATION_MAX;
  return (
    <form
      method="dialog"
      class="ground-form"
      onKeyDown={submitOnEnter}
      onSubmit={(e) => {
        e.preventDefault();
        if (over || props.busy) return;
        if (props.initial === null) rememberGround(props.site, ground);
        props.onConfirm({ ground, explanation: explanation.trim() || null });
      }}
    >
      {props.children}
      {props.note && <p class="help ground-note">{props.note}</p>}
      <GroundRadios options={options} value={ground} onValue={setGround} name="ground" />
      <p class="help keys-hint">{t.groundKeysHint}</p>
      <ExplanationField label={props.explanationLabel} help={props.explanationHelp} value={explanation} onValue={setExplanation} />
      <FieldError id={errorId} text={props.error ?? null} />
      <Buttons>
        <button type="button" onClick={props.onClose}>
          {t.cancel}
        </button>
        <button type="submit" class="danger" aria-disabled={props.busy || over}>
          {props.confirm}
        </button>
      </Buttons>
    </form>
  );
}
