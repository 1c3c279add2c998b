// A site's settings, for its admins: every setting the site has, each with its validation message;
// a value stored out of range is shown as stored, with a warning, never quietly as the default.
import { useEffect, useState } from "preact/hooks";
import type { SiteSettingsResponse, StaffSiteView } from "../worker/schemas/admin-views";
import { api, ApiFailure } from "./api";
import { describeFailure, useI18n } from "./i18n";
import { AlertMailToggle, AlertsSection } from "./settings-alerts";
import { SettingsData } from "./settings-data";
import { RulesSections } from "./settings-rules";
import { Field, NumberField, Toggle } from "./settings-fields";
import {
  issueMessage,
  lines,
  RANGES,
  secretErrors,
  secretState,
  storedNotes,
  toForm,
  toSettings,
  webhookSecretState,
  type Form,
  type NumberKey,
} from "./settings-form";
import { IdentitySection } from "./settings-identity";
import { SSO_MAX, SSO_MIN, SsoSecretField } from "./settings-sso";
import { TrustSections } from "./settings-trust";
import { noteClauses } from "./site-clauses";

interface Props {
  site: StaffSiteView;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
  onSiteChanged: (site: { id: string; name: string; color: string }) => void;
}

export function SettingsScreen({ site, announce, onFailure, onSiteChanged }: Props) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale);
  const [loaded, setLoaded] = useState<SiteSettingsResponse | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "error" | "forbidden">("loading");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [clearing, setClearing] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (site.role !== "admin") return setStatus("forbidden");
    let current = true;
    setStatus("loading");
    setErrors({});
    setSummary(null);
    api.settings(site.id).then(
      (res) => {
        if (!current) return;
        setLoaded(res);
        setForm(toForm(res));
        setStatus("ready");
      },
      (err) => {
        if (!current) return;
        if (err instanceof ApiFailure && err.status === 403) return setStatus("forbidden");
        setLoadError(describeFailure(t, err));
        setStatus("error");
        onFailure(err);
      },
    );
    return () => {
      current = false;
    };
  }, [site.id, site.role, reload]);

  const heading = (
    <div class="screen-head">
      <h1>{t.settingsHeading(site.name)}</h1>
    </div>
  );
  if (status === "forbidden") {
    return (
      <>
        {heading}
        <p class="panel notice">{t.settingsForbidden}</p>
        {/* Every staff member chooses their own alert mails, admin or not. */}
        <div class="panel">
          <AlertMailToggle site={site} announce={announce} />
        </div>
      </>
    );
  }
  if (status === "loading" || !form || !loaded) {
    return (
      <>
        {heading}
        {status === "error" ? (
          <div class="error-box" role="alert">
            <p>{loadError}</p>
            <button type="button" onClick={() => setReload((n) => n + 1)}>
              {t.retry}
            </button>
          </div>
        ) : (
          <p class="muted">{t.loading}</p>
        )}
      </>
    );
  }

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });
  const setIn = <K extends "text" | "flags" | "numbers">(group: K, key: keyof Form[K], value: Form[K][keyof Form[K]]) =>
    setForm({ ...form, [group]: { ...form[group], [key]: value } });

  const storedNote = storedNotes(t, loaded);

  const showErrors = (found: Record<string, string>) => {
    setErrors(found);
    setSummary(t.fixFields(Object.keys(found).length));
    // Take the person to the first field to fix, in the order the form shows them.
    requestAnimationFrame(() => (document.querySelector('form.settings [aria-invalid="true"]') as HTMLElement | null)?.focus());
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    setErrors({});
    setSummary(null);
    const secret = form.ssoSecret;
    const found = secretErrors(t, form, [SSO_MIN, SSO_MAX]);
    if (Object.keys(found).length) return showErrors(found);
    const settings = toSettings(form);
    setSaving(true);
    try {
      const res = await api.saveSettings(site.id, { name: form.name.trim(), allowedOrigins: lines(form.allowedOrigins), settings });
      setLoaded(res);
      // The new secret is dropped from memory with the old form.
      setForm(toForm(res));
      onSiteChanged({ id: res.site.id, name: res.site.name, color: res.settings.color });
      // The reject dialog offers the clauses as saved.
      noteClauses(res.site.id, (res.settings as Partial<typeof res.settings>).charterClauses);
      announce(secret !== null ? t.savedWithSecret : form.turnstileSecret ? t.savedWithTurnstile : t.saved);
    } catch (err) {
      if (err instanceof ApiFailure && err.issues.length) {
        const found: Record<string, string> = {};
        for (const issue of err.issues) {
          const key = String(issue.path[0] === "settings" ? issue.path[1] : issue.path[0]);
          found[key] ??= issueMessage(t, number, key, issue, [SSO_MIN, SSO_MAX]);
        }
        showErrors(found);
      } else {
        setSummary(describeFailure(t, err));
        onFailure(err);
      }
    } finally {
      setSaving(false);
    }
  };

  const clearSecret = async (): Promise<boolean> => {
    setClearing(true);
    try {
      const res = await api.saveSettings(site.id, {
        name: loaded.site.name,
        allowedOrigins: loaded.site.allowedOrigins,
        settings: { ssoSecret: "" },
      });
      // Only the secret's state changes: what is being edited in the form stays.
      setLoaded({ ...loaded, ssoSecret: res.ssoSecret });
      announce(t.ssoCleared);
      return true;
    } catch (err) {
      onFailure(err);
      return false;
    } finally {
      setClearing(false);
    }
  };

  const numberField = (key: NumberKey, label: string, help?: string) => (
    <NumberField
      key={key}
      id={key}
      label={label}
      help={help}
      range={RANGES[key]}
      format={number}
      rangeHelp={t.rangeHelp}
      error={errors[key]}
      stored={storedNote(key)}
      value={form.numbers[key]}
      onValue={(v) => setIn("numbers", key, v)}
    />
  );

  const nobodyCanPost = !form.flags.guestPosting && !loaded.ssoSecret.set && form.ssoSecret === null;

  return (
    <>
      {heading}
      {loaded.invalid.length > 0 && (
        <p class="panel notice warn-notice" role="status">
          {t.storedInvalidSummary(loaded.invalid.length)}
        </p>
      )}
      <form class="settings" onSubmit={save} noValidate>
        {summary && (
          <p class="error-box" role="alert">
            {summary}
          </p>
        )}
        <IdentitySection form={form} errors={errors} storedNote={storedNote} update={(change) => setForm({ ...form, ...change })} />

        <fieldset class="panel">
          <legend>{t.readersSection}</legend>
          <Toggle
            id="guestPosting"
            label={t.guestPostingLabel}
            help={t.guestPostingHelp}
            checked={form.flags.guestPosting}
            error={errors.guestPosting}
            stored={storedNote("guestPosting")}
            onChange={(v) => setIn("flags", "guestPosting", v)}
          />
          {nobodyCanPost && <p class="notice warn-notice">{t.nobodyCanPost}</p>}
          <SsoSecretField
            state={loaded.ssoSecret}
            value={form.ssoSecret}
            error={errors.ssoSecret}
            guestPosting={form.flags.guestPosting}
            clearing={clearing}
            onValue={(v) => {
              set("ssoSecret", v);
              if (errors.ssoSecret) setErrors({ ...errors, ssoSecret: "" });
            }}
            onClear={clearSecret}
          />
          <Field id="loginUrl" label={t.loginUrlLabel} help={t.loginUrlHelp} error={errors.loginUrl} stored={storedNote("loginUrl")}>
            {(props) => (
              <input
                {...props}
                type="url"
                inputMode="url"
                spellcheck={false}
                placeholder="https://www.example.com/login"
                value={form.text.loginUrl}
                onInput={(e) => setIn("text", "loginUrl", e.currentTarget.value)}
              />
            )}
          </Field>
          {numberField("editWindowMinutes", t.editWindowLabel, t.editWindowHelp)}
        </fieldset>

        <RulesSections
          form={form}
          errors={errors}
          storedNote={storedNote}
          numberField={numberField}
          update={(change) => setForm({ ...form, ...change })}
        />
        <TrustSections
          form={form}
          secret={secretState(loaded, "turnstileSecret")}
          errors={errors}
          storedNote={storedNote}
          numberField={numberField}
          update={(change) => setForm({ ...form, ...change })}
        />

        <AlertsSection
          site={site}
          form={form}
          secret={webhookSecretState(loaded)}
          errors={errors}
          storedNote={storedNote}
          numberField={numberField}
          update={(change) => setForm({ ...form, ...change })}
          announce={announce}
        />

        <p class="form-actions">
          {/* aria-disabled while saving: a disabled button would drop the focus to the page. */}
          <button type="submit" class="primary" aria-disabled={saving}>
            {saving ? t.saving : t.save}
          </button>
        </p>
      </form>
      {/* Outside the form: downloads, not settings, and not held back by unsaved edits. */}
      <SettingsData site={site} />
    </>
  );
}
