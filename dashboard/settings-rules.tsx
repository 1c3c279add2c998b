// The settings' word lists and moderation rules: banned and suspect words, a priori moderation,
// whether a guest's ban covers their network, the thresholds of the automatic rules.
import type { JSX } from "preact";
import type { SiteSettings } from "../worker/schemas/site-settings";
import { useI18n } from "./i18n";
import { Field, Toggle } from "./settings-fields";
import { THRESHOLDS, type Form, type NumberKey } from "./settings-form";

interface Props {
  form: Form;
  errors: Record<string, string>;
  storedNote: (key: keyof SiteSettings) => string | undefined;
  numberField: (key: NumberKey, label: string, help?: string) => JSX.Element;
  update: (change: Partial<Form>) => void;
}

export function RulesSections({ form, errors, storedNote, numberField, update }: Props) {
  const { t } = useI18n();
  return (
    <>
      <fieldset class="panel">
        <legend>{t.wordsSection}</legend>
        <Field
          id="bannedWords"
          label={t.bannedWordsLabel}
          help={t.bannedWordsHelp}
          error={errors.bannedWords}
          stored={storedNote("bannedWords")}
        >
          {(props) => (
            <textarea
              {...props}
              rows={4}
              spellcheck={false}
              value={form.bannedWords}
              onInput={(e) => update({ bannedWords: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field
          id="suspectWords"
          label={t.suspectWordsLabel}
          help={t.suspectWordsHelp}
          error={errors.suspectWords}
          stored={storedNote("suspectWords")}
        >
          {(props) => (
            <textarea
              {...props}
              rows={4}
              spellcheck={false}
              value={form.suspectWords}
              onInput={(e) => update({ suspectWords: e.currentTarget.value })}
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
          checked={form.flags.premoderation}
          error={errors.premoderation}
          stored={storedNote("premoderation")}
          onChange={(v) => update({ flags: { ...form.flags, premoderation: v } })}
        />
        <Toggle
          id="premoderateLinks"
          label={t.premoderateLinksLabel}
          checked={form.flags.premoderateLinks}
          error={errors.premoderateLinks}
          stored={storedNote("premoderateLinks")}
          onChange={(v) => update({ flags: { ...form.flags, premoderateLinks: v } })}
        />
        <Toggle
          id="banCoversNetwork"
          label={t.banCoversNetworkLabel}
          help={t.banCoversNetworkHelp}
          checked={form.flags.banCoversNetwork}
          error={errors.banCoversNetwork}
          stored={storedNote("banCoversNetwork")}
          onChange={(v) => update({ flags: { ...form.flags, banCoversNetwork: v } })}
        />
        <div class="thresholds">
          {THRESHOLDS.map((key) => {
            const [label, help] = t.thresholds[key] ?? [key, ""];
            return numberField(key, label, help || undefined);
          })}
        </div>
      </fieldset>
    </>
  );
}
