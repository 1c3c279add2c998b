// The dashboard's GDPR strings (a person's data, a site's export): the same keys in French and
// English, each really translated, French typography (no plain space before : ; ? !), and the
// erasure's counts said right in both languages.
import { describe, expect, it } from "vitest";
import { enGdpr } from "../../dashboard/locales/en-gdpr";
import { frGdpr } from "../../dashboard/locales/fr-gdpr";
import { en } from "../../dashboard/locales/en";
import { fr } from "../../dashboard/locales/fr";

/** Every string a module gives, functions called with sample arguments. */
function texts(strings: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(strings)) {
    out[key] =
      typeof value === "function"
        ? String(value(key === "erasedDone" ? { erased: true, commenterId: 1, placeholders: 2, removed: 3 } : "Zoé"))
        : String(value);
  }
  return out;
}

describe("the GDPR strings", () => {
  it("have the same keys in French and English, and both dashboards carry them", () => {
    expect(Object.keys(frGdpr).sort()).toEqual(Object.keys(enGdpr).sort());
    for (const key of Object.keys(enGdpr)) {
      expect(en[key as keyof typeof en]).toBe(enGdpr[key as keyof typeof enGdpr]);
      expect(fr[key as keyof typeof fr]).toBe(frGdpr[key as keyof typeof frGdpr]);
    }
  });

  it("are translated, with French typography", () => {
    const english = texts(enGdpr);
    for (const [key, text] of Object.entries(texts(frGdpr))) {
      expect(text, key).toBeTruthy();
      expect(text, key).not.toBe(english[key]);
      expect(text, key).not.toMatch(/ [:;?!»]|« /);
    }
  });

  it("say the erasure's counts, singular and plural", () => {
    const counts = (removed: number, placeholders: number) => ({ erased: true as const, commenterId: 1, removed, placeholders });
    expect(enGdpr.erasedDone(counts(1, 1))).toBe("Erased: 1 comment removed, 1 kept as a placeholder");
    expect(enGdpr.erasedDone(counts(3, 0))).toBe("Erased: 3 comments removed, 0 kept as placeholders");
    expect(frGdpr.erasedDone(counts(1, 2))).toBe("Effacé\u00a0: 1 commentaire retiré, 2 gardés comme emplacements");
    expect(frGdpr.erasedDone(counts(0, 1))).toBe("Effacé\u00a0: 0 commentaire retiré, 1 gardé comme emplacement");
  });

  it("ask for the name, or the word when there is no name", () => {
    expect(enGdpr.eraseTypeName("Zoé")).toBe("To confirm, type their name: Zoé");
    expect(enGdpr.eraseTypeWord(enGdpr.eraseWord)).toBe("To confirm, type ERASE");
    expect(frGdpr.eraseTypeWord(frGdpr.eraseWord)).toBe("Pour confirmer, tapez EFFACER");
    expect(enGdpr.eraseTitle("")).toBe("Erase this person?");
  });
});
