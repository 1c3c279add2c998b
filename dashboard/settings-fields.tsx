// The settings form's parts: a labelled field with its help, its error and the warning for a value
// stored out of range, all tied to the control for assistive technology; a checkbox the same way.
import type { ComponentChildren } from "preact";

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}

interface Common {
  id: string;
  label: string;
  help?: string;
  error?: string;
  /** the value is stored out of range: what the screen says about it */
  stored?: string;
}

const describedBy = (id: string, p: Common) =>
  [p.stored && `${id}-stored`, p.help && `${id}-help`, p.error && `${id}-error`].filter(Boolean).join(" ") || undefined;

function Notes({ id, p }: { id: string; p: Common }) {
  return (
    <>
      {p.stored && (
        <p class="field-warning" id={`${id}-stored`}>
          {p.stored}
        </p>
      )}
      {p.help && (
        <p class="help" id={`${id}-help`}>
          {p.help}
        </p>
      )}
      {p.error && (
        <p class="field-error" id={`${id}-error`}>
          {p.error}
        </p>
      )}
    </>
  );
}

const fieldClass = (base: string, p: Common) => `${base}${p.error ? " invalid" : p.stored ? " stored-invalid" : ""}`;

export function Field(props: Common & { children: (control: ControlProps) => ComponentChildren }) {
  const id = `setting-${props.id}`;
  return (
    <div class={fieldClass("field", props)}>
      <label for={id}>{props.label}</label>
      {props.children({ id, "aria-describedby": describedBy(id, props), "aria-invalid": props.error ? true : undefined })}
      <Notes id={id} p={props} />
    </div>
  );
}

export function Toggle(props: Common & { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = `setting-${props.id}`;
  return (
    <div class={fieldClass("field toggle", props)}>
      <label class="choice">
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          aria-describedby={describedBy(id, props)}
          aria-invalid={props.error ? true : undefined}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />{" "}
        {props.label}
      </label>
      <Notes id={id} p={props} />
    </div>
  );
}

/** A whole number within its range, the range said in the help. */
export function NumberField(
  props: Common & {
    range: readonly [number, number];
    format: Intl.NumberFormat;
    rangeHelp: (min: string, max: string) => string;
    value: string;
    onValue: (value: string) => void;
  },
) {
  const [min, max] = props.range;
  const help = [props.help, props.rangeHelp(props.format.format(min), props.format.format(max))].filter(Boolean).join(" ");
  return (
    <Field id={props.id} label={props.label} help={help} error={props.error} stored={props.stored}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={props.value}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
