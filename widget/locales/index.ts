// Locale choice: the `locale` attribute, else the page's <html lang>; French for fr-*, English
// otherwise. Each language is two chunks, loaded once and only when a page uses them: the strings
// of the thread (asked for at once, beside the thread), and those of the forms and refusals.
import type { AllMessages, Lang } from "./messages";

export type { AllMessages, Lang, Messages, MoreMessages } from "./messages";

export function langOf(locale: string | null | undefined): Lang {
  const tag = locale || (typeof document === "undefined" ? "" : document.documentElement.lang);
  return /^fr(-|_|$)/i.test(tag.trim()) ? "fr" : "en";
}

/** A loader that keeps the answer and lets a failed chunk (offline a moment) be asked for again. */
function cached<T>(load: (lang: Lang) => Promise<T>) {
  const loading = new Map<Lang, Promise<T>>();
  const loaded = new Map<Lang, T>();
  return {
    now: (lang: Lang): T | undefined => loaded.get(lang),
    load(lang: Lang): Promise<T> {
      let p = loading.get(lang);
      if (!p) {
        p = load(lang).then((v) => (loaded.set(lang, v), v));
        p.catch(() => loading.delete(lang));
        loading.set(lang, p);
      }
      return p;
    },
  };
}

const base = cached((lang) => (lang === "fr" ? import("./fr").then((m) => m.fr) : import("./en").then((m) => m.en)));
const more = cached((lang) => (lang === "fr" ? import("./fr-more").then((m) => m.frMore) : import("./en-more").then((m) => m.enMore)));

/** The language's thread strings if already here (no waiting), else undefined. */
export const messagesNow = base.now;
export const loadMessages = base.load;

/** Every string of the language: the thread's and the forms'. */
export async function loadAllMessages(lang: Lang): Promise<AllMessages> {
  const [t, m] = await Promise.all([base.load(lang), more.load(lang)]);
  return { ...t, ...m };
}
