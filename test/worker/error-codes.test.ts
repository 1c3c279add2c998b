// Every error code the reader API can answer with has a message in each of the widget's languages,
// so a French reader never sees the server's English (issue 8). The locales' type already requires
// it; this checks the messages themselves, and that real refusals use codes from the list.
import { describe, expect, it } from "vitest";
import { ERROR_CODES, READER_ERROR_CODES, STAFF_ERROR_CODES } from "../../worker/lib/errors";
import { enMore as en } from "../../widget/locales/en-more";
import { frMore as fr } from "../../widget/locales/fr-more";
import { api, createSite, errorOf, sitePath } from "./support";

const CLIENT_CODES = ["network", "unknown"] as const;
const WIDGET_CODES: readonly string[] = [...READER_ERROR_CODES, ...CLIENT_CODES];

describe("the error code lists", () => {
  it("name each code once, and no reader code is staff-only", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of STAFF_ERROR_CODES) expect(READER_ERROR_CODES as readonly string[]).not.toContain(code);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it("leave the client's own codes to the widget", () => {
    for (const code of CLIENT_CODES) expect(ERROR_CODES as readonly string[]).not.toContain(code);
  });
});

describe.each([
  ["en", en.errors],
  ["fr", fr.errors],
] as const)("the %s widget messages", (_lang, errors) => {
  it.each(WIDGET_CODES)("explain %s", (code) => {
    expect(errors[code]?.trim(), code).toBeTruthy();
  });

  it("have no message for a code the server never sends", () => {
    expect(Object.keys(errors).filter((code) => !WIDGET_CODES.includes(code))).toEqual([]);
  });
});

describe("the French messages", () => {
  it.each(WIDGET_CODES)("translate %s", (code) => {
    expect(fr.errors[code]).not.toBe(en.errors[code]);
  });

  it.each(WIDGET_CODES)("follow French typography: %s", (code) => {
    const text = fr.errors[code]!;
    expect(text, "typographic apostrophe").not.toContain("'");
    expect(text, "no-break space before ; : ! ?").not.toMatch(/(^|[^\u00a0\u202f])[;:!?]/);
    expect(text, "French quotation marks").not.toContain('"');
    expect(text, "no-break space inside « »").not.toMatch(/«[^\u00a0\u202f]|[^\u00a0\u202f]»/);
  });
});

describe("real refusals of the reader API", () => {
  // A few refusals from different layers (site scope, credentials, validation, routing): each
  // answers with a code from the reader list, which the widget can therefore translate.
  it("use codes the widget translates", async () => {
    const site = await createSite();
    const answers = await Promise.all([
      api(sitePath("no-such-site-here", "/thread?story=a")),
      api(sitePath(site, "/comments/1"), { method: "DELETE", origin: site.origin }),
      api(sitePath(site, "/comments/1/reaction"), { method: "DELETE", origin: site.origin }),
      api(sitePath(site, "/comments"), { method: "POST", origin: site.origin, body: "{}" }),
      api(sitePath(site, "/thread"), { origin: site.origin }),
      api(sitePath(site, "/no-such-endpoint"), { origin: site.origin }),
    ]);
    const codes = await Promise.all(answers.map(async (res) => (await errorOf(res)).code));
    expect(codes).toEqual([
      "site_not_found",
      "credentials_required",
      "credentials_required",
      "unsupported_media_type",
      "validation_failed",
      "not_found",
    ]);
    for (const code of codes) expect(READER_ERROR_CODES as readonly string[]).toContain(code);
  });
});
