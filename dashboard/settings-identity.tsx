// The settings' identity section: the site's name, colour, language, allowed origins, the pattern
// of its stories' URLs and its charter.
import type { SiteSettings } from "../worker/schemas/site-settings";
import { useI18n } from "./i18n";
import { Field } from "./settings-fields";
import type { Form } from "./settings-form";

interface Props {
  form: Form;
  errors: Record<string, string>;
  storedNote: (key: keyof SiteSettings) => string | undefined;
  update: (change: Partial<Form>) => void;
}

export function IdentitySection({ form, errors, storedNote, update }: Props) {
  const { t } = useI18n();
  return (
    <fieldset class="panel">
      <legend>{t.identitySection}</legend>
      <Field id="name" label={t.nameLabel} error={errors.name}>
        {(props) => (
          <input {...props} type="text" value={form.name} maxLength={100} onInput={(e) => update({ name: e.currentTarget.value })} />
        )}
      </Field>
      <Field id="color" label={t.colorLabel} help={t.colorHelp} error={errors.color} stored={storedNote("color")}>
        {(props) => (
          <span class="color-field">
            <input
              {...props}
              type="color"
              value={form.text.color}
              onInput={(e) => update({ text: { ...form.text, color: e.currentTarget.value } })}
            />
            <code>{form.text.color}</code>
          </span>
        )}
      </Field>
      <Field id="defaultLocale" label={t.defaultLocaleLabel} error={errors.defaultLocale} stored={storedNote("defaultLocale")}>
        {(props) => (
          <select
            {...props}
            value={form.defaultLocale}
            onChange={(e) => update({ defaultLocale: e.currentTarget.value === "fr" ? "fr" : "en" })}
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
            onInput={(e) => update({ allowedOrigins: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        id="storyUrlPattern"
        label={t.storyUrlPatternLabel}
        help={t.storyUrlPatternHelp}
        error={errors.storyUrlPattern}
        stored={storedNote("storyUrlPattern")}
      >
        {(props) => (
          <input
            {...props}
            type="text"
            spellcheck={false}
            value={form.text.storyUrlPattern}
            onInput={(e) => update({ text: { ...form.text, storyUrlPattern: e.currentTarget.value } })}
          />
        )}
      </Field>
      <Field id="charter" label={t.charterLabel} help={t.charterHelp} error={errors.charter} stored={storedNote("charter")}>
        {(props) => (
          <textarea
            {...props}
            rows={5}
            value={form.text.charter}
            onInput={(e) => update({ text: { ...form.text, charter: e.currentTarget.value } })}
          />
        )}
      </Field>
    </fieldset>
  );
}
