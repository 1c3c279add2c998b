// A site's settings, for its admins: identity, origins, charter, word lists and rule thresholds;
// saving shows the API's validation issues beside the fields they concern.
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { SiteSettingsResponse, StaffSiteView } from "../worker/schemas/admin-views";
import type { SiteSettings } from "../worker/schemas/site-settings";
import { api, ApiFailure } from "./api";
import { describeFailure, useI18n } from "./i18n";

const THRESHOLDS = [
  "maxLinks",
  "newCommenterHold",
  "reportThreshold",
  "floodMaxPerAuthor",
  "floodMaxPerIp",
  "floodWindowSeconds",
  "duplicateWindowSeconds",
  "closeAfterDays",
] as const satisfies readonly (keyof SiteSettings)[];

type Threshold = (typeof THRESHOLDS)[number];

interface Form {
  name: string;
  color: string;
  defaultLocale: SiteSettings["defaultLocale"];
  allowedOrigins: string;
  charter: string;
  bannedWords: string;
  suspectWords: string;
  premoderation: boolean;
  premoderateLinks: boolean;
  thresholds: Record<Threshold, string>;
}

function toForm(res: SiteSettingsResponse): Form {
  const s = res.settings;
  return {
    name: res.site.name,
    color: s.color,
    defaultLocale: s.defaultLocale,
    allowedOrigins: res.site.allowedOrigins.join("\n"),
    charter: s.charter,
    bannedWords: s.bannedWords.join("\n"),
    suspectWords: s.suspectWords.join("\n"),
    premoderation: s.premoderation,
    premoderateLinks: s.premoderateLinks,
    thresholds: Object.fromEntries(THRESHOLDS.map((k) => [k, String(s[k])])) as Record<Threshold, string>,
  };
}

/** One per line or separated by commas; blanks and repeats dropped. */
const list = (text: string) => [...new Set(text.split(/[\n,]/).map((w) => w.trim()).filter(Boolean))];
const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

interface Props {
  site: StaffSiteView;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
  onSiteChanged: (site: { id: string; name: string; color: string }) => void;
}

export function SettingsScreen({ site, announce, onFailure, onSiteChanged }: Props) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<SiteSettingsResponse | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "error" | "forbidden">("loading");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
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

  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setErrors({});
    setSummary(null);
    const settings: SiteSettings = {
      ...loaded.settings,
      color: form.color,
      defaultLocale: form.defaultLocale,
      charter: form.charter,
      bannedWords: list(form.bannedWords),
      suspectWords: list(form.suspectWords),
      premoderation: form.premoderation,
      premoderateLinks: form.premoderateLinks,
    };
    for (const key of THRESHOLDS) {
      const raw = form.thresholds[key].trim();
      // Sent as typed: the API says what is wrong with an empty or out-of-range value.
      (settings as Record<string, unknown>)[key] = raw === "" ? null : Number(raw);
    }
    try {
      const res = await api.saveSettings(site.id, {
        name: form.name.trim(),
        allowedOrigins: lines(form.allowedOrigins),
        settings,
      });
      setLoaded(res);
      setForm(toForm(res));
      onSiteChanged({ id: res.site.id, name: res.site.name, color: res.settings.color });
      announce(t.saved);
    } catch (err) {
      if (err instanceof ApiFailure && err.issues.length) {
        const found: Record<string, string> = {};
        for (const issue of err.issues) {
          const key = String(issue.path[0] === "settings" ? issue.path[1] : issue.path[0]);
          found[key] ??=
            key === "allowedOrigins" && issue.code === "custom"
              ? typeof issue.path[1] === "number"
                ? t.originInvalid(issue.path[1] + 1)
                : t.originTwice
              : (t.issueMessages[issue.code] ?? issue.message);
        }
        setErrors(found);
        setSummary(t.fixFields(Object.keys(found).length));
        // Take the person to the first field to fix.
        const first = document.getElementById(`setting-${Object.keys(found)[0]}`);
        first?.focus();
      } else {
        setSummary(describeFailure(t, err));
        onFailure(err);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {heading}
      <form class="settings" onSubmit={save} noValidate>
        {summary && (
          <p class="error-box" role="alert">
            {summary}
          </p>
        )}
        <fieldset class="panel">
          <legend>{t.identitySection}</legend>
          <Field id="name" label={t.nameLabel} error={errors.name}>
            {(props) => <input {...props} type="text" value={form.name} maxLength={100} onInput={(e) => set("name", e.currentTarget.value)} />}
          </Field>
          <Field id="color" label={t.colorLabel} help={t.colorHelp} error={errors.color}>
            {(props) => (
              <span class="color-field">
                <input {...props} type="color" value={form.color} onInput={(e) => set("color", e.currentTarget.value)} />
                <code>{form.color}</code>
              </span>
            )}
          </Field>
          <Field id="defaultLocale" label={t.defaultLocaleLabel} error={errors.defaultLocale}>
            {(props) => (
              <select
                {...props}
                value={form.defaultLocale}
                onChange={(e) => set("defaultLocale", e.currentTarget.value === "fr" ? "fr" : "en")}
              >
                <option value="fr">{t.localeNames.fr}</option>
                <option value="en">{t.localeNames.en}</option>
              </select>
            )}
          </Field>
          <Field id="allowedOrigins" label={t.originsLabel} help={t.originsHelp} error={errors.allowedOrigins}>
            {(props) => (
              <textarea
                {...props}
                rows={3}
                spellcheck={false}
                value={form.allowedOrigins}
                onInput={(e) => set("allowedOrigins", e.currentTarget.value)}
              />
            )}
          </Field>
          <Field id="charter" label={t.charterLabel} help={t.charterHelp} error={errors.charter}>
            {(props) => (
              <textarea {...props} rows={5} value={form.charter} onInput={(e) => set("charter", e.currentTarget.value)} />
            )}
          </Field>
        </fieldset>

        <fieldset class="panel">
          <legend>{t.wordsSection}</legend>
          <Field id="bannedWords" label={t.bannedWordsLabel} help={t.bannedWordsHelp} error={errors.bannedWords}>
            {(props) => (
              <textarea
                {...props}
                rows={4}
                spellcheck={false}
                value={form.bannedWords}
                onInput={(e) => set("bannedWords", e.currentTarget.value)}
              />
            )}
          </Field>
          <Field id="suspectWords" label={t.suspectWordsLabel} help={t.suspectWordsHelp} error={errors.suspectWords}>
            {(props) => (
              <textarea
                {...props}
                rows={4}
                spellcheck={false}
                value={form.suspectWords}
                onInput={(e) => set("suspectWords", e.currentTarget.value)}
              />
            )}
          </Field>
        </fieldset>

        <fieldset class="panel">
          <legend>{t.rulesSection}</legend>
          <Toggle
            id="premoderation"
            label={t.premoderationLabel}
            help={t.premoderationHelp}
            checked={form.premoderation}
            error={errors.premoderation}
            onChange={(v) => set("premoderation", v)}
          />
          <Toggle
            id="premoderateLinks"
            label={t.premoderateLinksLabel}
            checked={form.premoderateLinks}
            error={errors.premoderateLinks}
            onChange={(v) => set("premoderateLinks", v)}
          />
          <div class="thresholds">
            {THRESHOLDS.map((key) => {
              const [label, help] = t.thresholds[key] ?? [key, ""];
              return (
                <Field key={key} id={key} label={label} help={help || undefined} error={errors[key]}>
                  {(props) => (
                    <input
                      {...props}
                      type="number"
                      inputMode="numeric"
                      min={key === "reportThreshold" ? 1 : 0}
                      step={1}
                      value={form.thresholds[key]}
                      onInput={(e) => set("thresholds", { ...form.thresholds, [key]: e.currentTarget.value })}
                    />
                  )}
                </Field>
              );
            })}
          </div>
        </fieldset>

        <p class="form-actions">
          <button type="submit" class="primary" disabled={saving}>
            {saving ? t.saving : t.save}
          </button>
        </p>
      </form>
    </>
  );
}

interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}

/** A labelled control with its help and its error, tied together for assistive technology. */
function Field(props: {
  id: string;
  label: string;
  help?: string;
  error?: string;
  children: (control: ControlProps) => ComponentChildren;
}) {
  const id = `setting-${props.id}`;
  const described = [props.help && `${id}-help`, props.error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div class={props.error ? "field invalid" : "field"}>
      <label for={id}>{props.label}</label>
      {props.children({ id, "aria-describedby": described || undefined, "aria-invalid": props.error ? true : undefined })}
      {props.help && (
        <p class="help" id={`${id}-help`}>
          {props.help}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

function Toggle(props: {
  id: string;
  label: string;
  help?: string;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = `setting-${props.id}`;
  return (
    <div class={props.error ? "field toggle invalid" : "field toggle"}>
      <label class="choice">
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          aria-describedby={props.help ? `${id}-help` : undefined}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />{" "}
        {props.label}
      </label>
      {props.help && (
        <p class="help" id={`${id}-help`}>
          {props.help}
        </p>
      )}
      {props.error && <p class="field-error">{props.error}</p>}
    </div>
  );
}
