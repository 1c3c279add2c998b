// Locale choice: the `locale` attribute, else the page's <html lang>; French for fr-*, English otherwise.
import { en } from "./en";
import { fr } from "./fr";
import type { Messages } from "./messages";

export type { Lang, Messages } from "./messages";

export function messagesFor(locale: string | null | undefined): Messages {
  const tag = locale || (typeof document === "undefined" ? "" : document.documentElement.lang);
  return /^fr(-|_|$)/i.test(tag.trim()) ? fr : en;
}
