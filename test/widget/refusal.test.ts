// What a refused post tells the reader (widget/comments/refusal.ts), in both languages: the
// field at fault, the charter and its words, a ban's end and reason, how long to wait.
import { describe, expect, it } from "vitest";
import type { SiteView } from "../../worker/schemas/views";
import { ApiFailure } from "../../widget/api";
import { describeRefusal } from "../../widget/comments/refusal";
import { en } from "../../widget/locales/en";
import { enMore } from "../../widget/locales/en-more";
import { fr } from "../../widget/locales/fr";
import { frMore } from "../../widget/locales/fr-more";

const FR = { ...fr, ...frMore };
const EN = { ...en, ...enMore };
const site = { charter: "Pas d’insultes.", limits: { bodyMax: 2000, nameMax: 40 } } as SiteView;
/** Intl puts no-break spaces in numbers and units; the words are what is checked. */
const plain = (text: string) => text.replace(/\s/gu, " ");
const issue = (path: string[], code: string) => ({ path, code, message: "server text" });

describe("describeRefusal", () => {
  it("names the body or the name field for a validation error, with the site's limits", () => {
    const long = describeRefusal(FR, new ApiFailure("validation_failed", "x", 400, [issue(["body"], "too_long")]), site);
    expect({ ...long, error: plain(long.error) }).toEqual({
      error: "Votre commentaire est trop long : 2 000 caractères au maximum.",
      field: "body",
      charter: null,
    });
    const name = describeRefusal(EN, new ApiFailure("validation_failed", "x", 400, [issue(["author", "name"], "empty")]), site);
    expect(name).toEqual({ error: EN.nameEmpty, field: "name", charter: null });
    const invalid = describeRefusal(EN, new ApiFailure("validation_failed", "x", 400, [issue(["body"], "control_character")]), site);
    expect(invalid.error).toBe(EN.bodyInvalid);
  });

  it("shows the charter and the words at issue after a charter violation", () => {
    const r = describeRefusal(FR, new ApiFailure("charter_violation", "x", 422, [], { words: ["crétin"] }), site);
    expect(r.field).toBe("body");
    expect(r.error).toBe(FR.charterBroken);
    expect(r.charter).toEqual({ words: ["crétin"], text: "Pas d’insultes." });
  });

  it("says until when a ban lasts, and why", () => {
    const until = "2027-01-15T10:00:00.000Z";
    const r = describeRefusal(EN, new ApiFailure("author_banned", "x", 403, [], { until, reason: "insults" }), site);
    expect(r.error).toContain("You cannot comment on this site until");
    expect(r.error).toContain("2027");
    expect(r.error).toContain("Reason: insults");
    const forever = describeRefusal(FR, new ApiFailure("author_banned", "x", 403, [], {}), site);
    expect(forever.error).toBe(FR.banned(null));
  });

  it("says how long to wait after posting too fast, in seconds or minutes", () => {
    expect(plain(describeRefusal(FR, new ApiFailure("flood", "x", 429, [], { retryAfter: 30 }), site).error)).toContain("30 secondes");
    expect(plain(describeRefusal(EN, new ApiFailure("flood", "x", 429, [], { retryAfter: 600 }), site).error)).toContain("10 minutes");
  });

  it("translates any other code, and never shows the server's English to a French reader", () => {
    const r = describeRefusal(FR, new ApiFailure("credentials_required", "Credentials are required", 401), site);
    expect(r).toEqual({ error: FR.errors.credentials_required, field: null, charter: null });
    expect(r.error).not.toContain("Credentials");
    expect(describeRefusal(FR, new ApiFailure("network", "TypeError: Failed to fetch"), site).error).toBe(FR.errors.network);
    expect(describeRefusal(EN, new Error("boom"), site).error).toBe(EN.errors.unknown);
  });
});
