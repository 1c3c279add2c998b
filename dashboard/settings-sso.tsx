// The SSO secret on the settings screen, write-only: "set, ends in …a1b2" or "not set"; a new one is
// typed into a password field that is never prefilled, sent with the form, and forgotten once saved.
import { useState } from "preact/hooks";
import type { SiteSettingsResponse } from "../worker/schemas/admin-views";
import { Dialog } from "./modal";
import { useI18n } from "./i18n";

export const SSO_MIN = 32;
export const SSO_MAX = 256;

export function SsoSecretField(props: {
  state: SiteSettingsResponse["ssoSecret"];
  /** null: keep the stored secret; a string: the new one being typed */
  value: string | null;
  error?: string;
  guestPosting: boolean;
  clearing: boolean;
  onValue: (value: string | null) => void;
  onClear: () => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [confirm, setConfirm] = useState(false);
  const id = "setting-ssoSecret";
  const length = props.value ? [...props.value].length : 0;
  const described = [`${id}-help`, props.error && `${id}-error`].filter(Boolean).join(" ");

  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of controls laid out as a div; a fieldset would bring its border, padding and legend layout for the same group role
    <div class={props.error ? "field sso invalid" : "field sso"} role="group" aria-labelledby={`${id}-label`}>
      <p class="label" id={`${id}-label`}>
        {t.ssoSecretLabel}
      </p>
      <p class="sso-state" id={`${id}-state`}>
        {props.state.set ? (
          <>
            <span class="badge status-published">{t.ssoSet}</span> {t.ssoEndsIn(props.state.last4 ?? "")}
          </>
        ) : (
          <span class="badge">{t.ssoNotSet}</span>
        )}
      </p>
      {props.value === null ? (
        <p class="sso-buttons">
          <button type="button" id={`${id}-replace`} onClick={() => props.onValue("")}>
            {props.state.set ? t.ssoReplace : t.ssoSetOne}
          </button>
          {props.state.set && (
            <button type="button" class="danger" disabled={props.clearing} onClick={() => setConfirm(true)}>
              {props.clearing ? t.working : t.ssoClear}
            </button>
          )}
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
            value={props.value}
            maxLength={SSO_MAX}
            aria-describedby={described}
            aria-invalid={props.error ? true : undefined}
            onInput={(e) => props.onValue(e.currentTarget.value)}
          />
          <p class={length > 0 && length < SSO_MIN ? "counter over" : "counter"} aria-live="polite">
            {t.ssoCounter(length, SSO_MIN)}
          </p>
          <p class="sso-buttons">
            <button type="button" onClick={() => props.onValue(null)}>
              {props.state.set ? t.ssoKeep : t.cancel}
            </button>
          </p>
        </div>
      )}
      <p class="help" id={`${id}-help`}>
        {props.value === null ? t.ssoSecretHelp : t.ssoNewHelp(SSO_MIN, SSO_MAX)}
      </p>
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      {confirm && (
        <Dialog title={t.ssoClearTitle} onClose={() => setConfirm(false)}>
          <p>{t.ssoClearText}</p>
          {!props.guestPosting && <p class="notice warn-notice">{t.ssoClearNobody}</p>}
          <div class="dialog-buttons">
            <button type="button" autoFocus onClick={() => setConfirm(false)}>
              {t.cancel}
            </button>
            <button
              type="button"
              class="danger"
              disabled={props.clearing}
              onClick={async () => {
                if (!(await props.onClear())) return;
                setConfirm(false);
                // "Clear" is gone with the secret: focus goes to the button that sets a new one.
                requestAnimationFrame(() => document.getElementById(`${id}-replace`)?.focus());
              }}
            >
              {props.clearing ? t.working : t.ssoClearConfirm}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
