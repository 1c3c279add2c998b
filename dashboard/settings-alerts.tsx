// The Alerts section of a site's settings: the five rules (0 turns one off), the webhook (address,
// write-only secret, notify on resolution), readers' reply notifications, and the signed-in staff
// member's own "mail me this site's alerts" (their choice, saved at once, not with the form).
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { AlertMailResponse } from "../worker/schemas/alert-views";
import type { StaffSiteView } from "../worker/schemas/admin-views";
import { api } from "./api";
import { describeFailure, useI18n } from "./i18n";
import { Field, Toggle } from "./settings-fields";
import { ALERT_NUMBERS, WEBHOOK_SECRET_MAX, WEBHOOK_SECRET_MIN, type Form, type NumberKey, type SecretState } from "./settings-form";

/** The staff member's opt-in to this site's alert mails, saved as soon as it is ticked. */
export function AlertMailToggle({ site, announce }: { site: StaffSiteView; announce: (text: string) => void }) {
  const { t } = useI18n();
  const [state, setState] = useState<AlertMailResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let current = true;
    setState(null);
    api.alertMail(site.id).then(
      (res) => current && setState(res),
      (err) => current && setError(describeFailure(t, err)),
    );
    return () => {
      current = false;
    };
  }, [site.id]);

  if (!state) return error ? <p class="field-error alert-mail">{error}</p> : null;
  return (
    <div class="alert-mail">
      <Toggle
        id="alertMail"
        label={t.alertMailLabel}
        help={t.alertMailHelp(state.email)}
        checked={state.enabled}
        error={error ?? undefined}
        onChange={async (enabled) => {
          if (saving) return;
          setSaving(true);
          setError(null);
          try {
            const res = await api.saveAlertMail(site.id, enabled);
            setState(res);
            announce(res.enabled ? t.alertMailOn : t.alertMailOff);
          } catch (err) {
            // The box goes back to what is stored.
            setState({ ...state });
            setError(describeFailure(t, err));
          } finally {
            setSaving(false);
          }
        }}
      />
    </div>
  );
}

function WebhookSecretField(props: {
  state: SecretState;
  value: string | null;
  remove: boolean;
  error?: string;
  onChange: (value: string | null, remove: boolean) => void;
}) {
  const { t } = useI18n();
  const id = "setting-webhookSecret";
  const length = props.value ? [...props.value].length : 0;
  const described = [`${id}-help`, props.error && `${id}-error`].filter(Boolean).join(" ");
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of controls laid out as a div; a fieldset would bring its border, padding and legend layout for the same group role
    <div class={props.error ? "field webhook-secret invalid" : "field webhook-secret"} role="group" aria-labelledby={`${id}-label`}>
      <p class="label" id={`${id}-label`}>
        {t.webhookSecretLabel}
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
          </button>{" "}
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
            maxLength={WEBHOOK_SECRET_MAX}
            aria-describedby={described}
            aria-invalid={props.error ? true : undefined}
            onInput={(e) => props.onChange(e.currentTarget.value, false)}
          />
          <p class={length > 0 && length < WEBHOOK_SECRET_MIN ? "counter over" : "counter"} aria-live="polite">
            {t.ssoCounter(length, WEBHOOK_SECRET_MIN)}
          </p>
          <p class="sso-buttons">
            <button type="button" onClick={() => props.onChange(null, false)}>
              {props.state.set ? t.ssoKeep : t.cancel}
            </button>
          </p>
        </div>
      )}
      <p class="help" id={`${id}-help`}>
        {props.value === null ? t.webhookSecretHelp : t.webhookSecretNewHelp(WEBHOOK_SECRET_MIN, WEBHOOK_SECRET_MAX)}
      </p>
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

interface SectionProps {
  site: StaffSiteView;
  form: Form;
  secret: SecretState;
  errors: Record<string, string>;
  storedNote: (key: "webhookUrl" | "webhookOnResolve" | "replyNotifications") => string | undefined;
  numberField: (key: NumberKey, label: string, help?: string) => JSX.Element;
  update: (change: Partial<Form>) => void;
  announce: (text: string) => void;
}

export function AlertsSection({ site, form, secret, errors, storedNote, numberField, update, announce }: SectionProps) {
  const { t } = useI18n();
  const flag = (key: "webhookOnResolve" | "replyNotifications", label: string, help?: string) => (
    <Toggle
      id={key}
      label={label}
      help={help}
      checked={form.flags[key]}
      error={errors[key]}
      stored={storedNote(key)}
      onChange={(v) => update({ flags: { ...form.flags, [key]: v } })}
    />
  );
  return (
    <fieldset class="panel" id="alerts-settings">
      <legend>{t.alertsSection}</legend>
      <p class="help">{t.alertsSectionHelp}</p>
      <AlertMailToggle site={site} announce={announce} />
      <div class="thresholds">
        {ALERT_NUMBERS.map((key) => {
          const [label, help] = t.alertNumbers[key] ?? [key, ""];
          return numberField(key, label, help || undefined);
        })}
      </div>
      <Field id="webhookUrl" label={t.webhookUrlLabel} help={t.webhookUrlHelp} error={errors.webhookUrl} stored={storedNote("webhookUrl")}>
        {(props) => (
          <input
            {...props}
            type="url"
            inputMode="url"
            spellcheck={false}
            placeholder="https://hooks.slack.com/services/…"
            value={form.text.webhookUrl}
            onInput={(e) => update({ text: { ...form.text, webhookUrl: e.currentTarget.value } })}
          />
        )}
      </Field>
      <WebhookSecretField
        state={secret}
        value={form.webhookSecret}
        remove={form.removeWebhookSecret}
        error={errors.webhookSecret}
        onChange={(value, remove) => update({ webhookSecret: value, removeWebhookSecret: remove })}
      />
      {flag("webhookOnResolve", t.webhookOnResolveLabel)}
      {flag("replyNotifications", t.replyNotificationsLabel, t.replyNotificationsHelp)}
    </fieldset>
  );
}
