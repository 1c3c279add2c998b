// The dashboard's language: the strings of the chosen locale, its dates, and how an API failure reads.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { ApiFailure } from "./api";
import { en, type DashboardStrings } from "./locales/en";
import { fr } from "./locales/fr";

export type Locale = "fr" | "en";

export const locales: Record<Locale, DashboardStrings> = { fr, en };

export interface I18n {
  locale: Locale;
  t: DashboardStrings;
  /** "3 minutes ago" */
  relative: Intl.RelativeTimeFormat;
  /** "Saturday 21 November 2026 at 14:05" */
  full: Intl.DateTimeFormat;
  /** "21 Nov 2026, 14:05" */
  short: Intl.DateTimeFormat;
}

export function makeI18n(locale: Locale): I18n {
  return {
    locale,
    t: locales[locale],
    relative: new Intl.RelativeTimeFormat(locale, { numeric: "auto" }),
    full: new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short" }),
    short: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }),
  };
}

export const I18nContext = createContext<I18n>(makeI18n("en"));

export const useI18n = () => useContext(I18nContext);

const SELF_EXPLAINING = new Set(["story_url"]);

/** A failure as a sentence for staff: the translated code when we know it, else the API's own message. */
export function describeFailure(t: DashboardStrings, err: unknown): string {
  // A refusal whose reason names its own field (an off-site story URL) says it, not only "some values
  // are not accepted"; forms that show errors at their fields use t.issueMessages themselves.
  const own =
    err instanceof ApiFailure
      ? [...new Set(err.issues.map((i) => (SELF_EXPLAINING.has(i.code ?? "") ? t.issueMessages[i.code!] : undefined)))]
      : [];
  if (own.length && own.every(Boolean)) return own.join(" ");
  if (err instanceof ApiFailure) return t.errors[err.code] ?? (err.status ? err.message : t.errors.unknown);
  return t.errors.unknown;
}
