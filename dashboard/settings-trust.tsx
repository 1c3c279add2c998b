// The Trust and safety part of a site's settings: the charter's clauses (the grounds moderators
// cite), the automatic scoring (its two thresholds, each check on or off and what happens when it
// does not answer), and the bot check (Cloudflare Turnstile: on or off, the public site key, and the
// secret key, write-only like the SSO secret).
import type { JSX } from "preact";
import type { SiteSettings } from "../worker/schemas/site-settings";
import { useI18n } from "./i18n";
import { Field, Toggle } from "./settings-fields";
import { CLAUSES_MAX, lines, PROVIDERS, SCORE_NUMBERS, type BoolKey, type Form, type NumberKey, type SecretState } from "./settings-form";

interface Props {
  form: Form;
  /** the Turnstile secret as stored (set, last 4) */
  secret: SecretState;
  errors: Record<string, string>;
  storedNote: (key: keyof SiteSettings) => string | undefined;
  numberField: (key: NumberKey, label: string, help?: string) => JSX.Element;
  update: (change: Partial<Form>) => void;
}

export function TrustSections({ form, secret, errors, storedNote, numberField, update }: Props) {
  const { t } = useI18n();
  const flag = (key: BoolKey, label: string, help?: string) => (
    <Toggle
      id={key}
      label={label}
      help={help}
      checked={form.flags[key]}
      error={errors[key]}
      stored={storedNote(key as keyof SiteSettings)}
      onChange={(v) => update({ flags: { ...form.flags, [key]: v } })}
    />
  );
  const clauses = lines(form.charterClauses).length;
  const keysMissing =
    form.flags.turnstile && (!form.text.turnstileSiteKey.trim() || (!secret.set && !form.turnstileSecret) || form.removeTurnstileSecret);
  return (
    <div class="trust-sections">
      <fieldset class="panel" id="trust-settings">
        <legend>{t.trustSection}</legend>
        <p class="help">{t.trustSectionHelp}</p>
        <Field
          id="charterClauses"
          label={t.charterClausesLabel}
          help={t.charterClausesHelp}
          error={errors.charterClauses}
          stored={storedNote("charterClauses")}
        >
          {(props) => (
            <>
              <textarea
                {...props}
                rows={6}
                value={form.charterClauses}
                onInput={(e) => update({ charterClauses: e.currentTarget.value })}
              />
              <p class={clauses > CLAUSES_MAX ? "counter over" : "counter"} aria-live="polite">
                {t.charterClausesCount(clauses, CLAUSES_MAX)}
              </p>
            </>
          )}
        </Field>
      </fieldset>

      <fieldset class="panel" id="scoring-settings">
        <legend>{t.scoringSection}</legend>
        <p class="help">{t.scoringSectionHelp}</p>
        <div class="thresholds">
          {SCORE_NUMBERS.map((key) => {
            const [label, help] = t.scoreNumbers[key] ?? [key, ""];
            return numberField(key, label, help || undefined);
          })}
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of controls laid out as a div; a fieldset would bring its border, padding and legend layout for the same group role */}
        <div class="providers" role="group" aria-label={t.providersLegend}>
          {PROVIDERS.map((p) => {
            const [name, help] = t.providerNames[p.on] ?? [p.on, ""];
            return (
              <div class="provider" key={p.on}>
                {flag(p.on, name, help)}
                {p.failClosed && form.flags[p.on] && flag(p.failClosed, t.failClosedLabel, t.failClosedHelp)}
              </div>
            );
          })}
        </div>
      </fieldset>

      <fieldset class="panel turnstile-keys" id="turnstile-settings">
        <legend>{t.turnstileSection}</legend>
        <p class="help">{t.turnstileSectionHelp}</p>
        {flag("turnstile", t.turnstileLabel)}
        {keysMissing && <p class="notice warn-notice">{t.turnstileNoKeys}</p>}
        <Field
          id="turnstileSiteKey"
          label={t.turnstileSiteKeyLabel}
          help={t.turnstileSiteKeyHelp}
          error={errors.turnstileSiteKey}
          stored={storedNote("turnstileSiteKey")}
        >
          {(props) => (
            <input
              {...props}
              type="text"
              spellcheck={false}
              autoComplete="off"
              value={form.text.turnstileSiteKey}
              onInput={(e) => update({ text: { ...form.text, turnstileSiteKey: e.currentTarget.value } })}
            />
          )}
        </Field>
        <SecretField
          state={secret}
          value={form.turnstileSecret}
          remove={form.removeTurnstileSecret}
          error={errors.turnstileSecret}
          onChange={(value, remove) => update({ turnstileSecret: value, removeTurnstileSecret: remove })}
        />
      </fieldset>
    </div>
  );
}

/** The Turnstile secret: "set, ends in …a1b2" or "not set"; a new one typed into a field never prefilled. */
function SecretField(props: {
  state: SecretState;
  value: string | null;
  remove: boolean;
  error?: string;
  onChange: (value: string | null, remove: boolean) => void;
}) {
  const { t } = useI18n();
  const id = "setting-turnstileSecret";
  const described = [`${id}-help`, props.error && `${id}-error`].filter(Boolean).join(" ");
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of controls laid out as a div; a fieldset would bring its border, padding and legend layout for the same group role
    <div class={props.error ? "field webhook-secret invalid" : "field webhook-secret"} role="group" aria-labelledby={`${id}-label`}>
      <p class="label" id={`${id}-label`}>
        {t.turnstileSecretLabel}
      </p>
      <p class="sso-state">
        {props.state.set ? (
          <>
            <span class="badge status-published">{t.ssoSet}</span> {t.ssoEndsIn(props.state.last4 ?? "")}
          </>
        ) : (
          <span class="badge">{t.ssoNotSet}</span>
        )}
      </p>
      {props.value === null && !props.remove ? (
        <p class="sso-buttons">
          <button type="button" id={`${id}-replace`} onClick={() => props.onChange("", false)}>
            {props.state.set ? t.ssoReplace : t.ssoSetOne}
          </button>
          {props.state.set && (
            <button type="button" class="danger" onClick={() => props.onChange(null, true)}>
              {t.webhookSecretRemove}
            </button>
          )}
        </p>
      ) : props.remove ? (
        <p class="sso-buttons">
          <span class="field-warning">{t.webhookSecretRemoving}</span>{" "}
          <button type="button" autoFocus onClick={() => props.onChange(null, false)}>
            {t.ssoKeep}
          </button>
        </p>
      ) : (
        <div class="sso-new">
          <label for={id}>{props.state.set ? t.ssoNewLabel : t.ssoFirstLabel}</label>
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            spellcheck={false}
            autoFocus
            value={props.value ?? ""}
            maxLength={200}
            aria-describedby={described}
            aria-invalid={props.error ? true : undefined}
            onInput={(e) => props.onChange(e.currentTarget.value, false)}
          />
          <p class="sso-buttons">
            <button type="button" onClick={() => props.onChange(null, false)}>
              {props.state.set ? t.ssoKeep : t.cancel}
            </button>
          </p>
        </div>
      )}
      <p class="help" id={`${id}-help`}>
        {props.value === null ? t.turnstileSecretHelp : t.turnstileSecretNewHelp}
      </p>
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
