// The error codes are one closed list (worker/lib/errors.ts ERROR_CODES). Checked elsewhere: the
// worker sends only listed codes and the reader API only READER_ERROR_CODES
// (test/build/error-codes.test.ts); the widget has a message for every reader code in each of its
// languages, and none for a code never sent (test/worker/error-codes.test.ts), so a reader never
// meets the fallback (widget/errors.ts: the server's own sentence, else "Something went wrong").
// Checked here: the dashboard's side. Every staff code, and every shared code the staff API answers
// with, has a message in each of the dashboard's languages, or is in exactly one of the lists below,
// which say why not; and a code without a message reads as dashboard/i18n.ts says it does.
import { describe, expect, it } from "vitest";
import { ERROR_CODES, STAFF_ERROR_CODES } from "../../worker/lib/errors";
import { ApiFailure } from "../../dashboard/api";
import { describeFailure } from "../../dashboard/i18n";
import { en } from "../../dashboard/locales/en";
import { fr } from "../../dashboard/locales/fr";
import { enTeam } from "../../dashboard/locales/en-team";
import { frTeam } from "../../dashboard/locales/fr-team";

/** Codes of the reader API's shared layers that staff routes answer with too (validation, body limit, routing, failures). */
const SHARED = [
  "validation_failed",
  "invalid_json",
  "unsupported_media_type",
  "payload_too_large",
  "not_found",
  "http_error",
  "internal",
  "comment_not_found",
  "story_not_found",
  "parent_not_found",
  "story_closed",
] as const;

/** Answered otherwise than by a message, on purpose. */
const HANDLED_ELSEWHERE: Record<string, string> = {
  unauthenticated: "a 401 ends the session and the sign-in screen shows (main.tsx, the team screens, the queue's actions)",
  too_many_attempts: "the sign-in form says it with the wait (t.tooManyAttempts), by code and by 429",
};

/** Only a bug in the dashboard causes them (it sends JSON it built): the server's own sentence is shown. */
const DASHBOARD_BUGS = ["invalid_json", "unsupported_media_type", "http_error"];

/**
 * No message yet: a moderator reads the server's English sentence, even in French. To be given one
 * in dashboard/locales (en.ts and fr.ts `errors`), then removed from here (the test says so).
 */
const NOT_YET_TRANSLATED: string[] = [];

// The main screens read t.errors (describeFailure), the team screens their own (teamFailure).
const messages = {
  en: { ...en.errors, ...enTeam.errors } as Record<string, string | undefined>,
  fr: { ...fr.errors, ...frTeam.errors } as Record<string, string | undefined>,
};
const staffFacing = [...new Set<string>([...STAFF_ERROR_CODES, ...SHARED])];
const exempt = [...Object.keys(HANDLED_ELSEWHERE), ...DASHBOARD_BUGS, ...NOT_YET_TRANSLATED];

describe("the dashboard's error messages", () => {
  it("exist for each staff-facing code in English and French, unless exempted below", () => {
    const missing = staffFacing.filter((code) => !exempt.includes(code) && !(messages.en[code]?.trim() && messages.fr[code]?.trim()));
    expect(missing, "add a message to dashboard/locales (en and fr), or say here why none is needed").toEqual([]);
  });

  it("are translated, not copied", () => {
    for (const code of staffFacing.filter((c) => messages.en[c])) expect(messages.fr[code], code).not.toBe(messages.en[code]);
  });

  it("exempt only listed codes, each for one reason, and none that has a message now", () => {
    expect(new Set(exempt).size).toBe(exempt.length);
    for (const code of exempt) {
      expect(ERROR_CODES as readonly string[], code).toContain(code);
      // HANDLED_ELSEWHERE codes may have a message too (the sign-in form's own sentence comes first).
      if (!(code in HANDLED_ELSEWHERE))
        expect([messages.en[code], messages.fr[code]], `${code} has a message now: remove it from the list`).toEqual([
          undefined,
          undefined,
        ]);
    }
  });

  it("have none for a code the worker never sends (beyond the client's own)", () => {
    const own = ["network", "unknown"];
    for (const lang of ["en", "fr"] as const) {
      expect(
        Object.keys(messages[lang]).filter((c) => !own.includes(c) && !(ERROR_CODES as readonly string[]).includes(c)),
        lang,
      ).toEqual([]);
    }
  });
});

describe("a code without a message", () => {
  it.each(NOT_YET_TRANSLATED.concat(DASHBOARD_BUGS))("%s reads as the server's own sentence", (code) => {
    expect(describeFailure(fr, new ApiFailure(code, "The server's sentence.", 409))).toBe("The server's sentence.");
  });

  it("with no answer at all reads as the generic message", () => {
    expect(describeFailure(fr, new ApiFailure("network", "", 0))).toBe(fr.errors.network);
    expect(describeFailure(fr, new Error("boom"))).toBe(fr.errors.unknown);
  });

  it("is not how a translated one reads", () => {
    expect(describeFailure(fr, new ApiFailure("appeal_decided", "The server's sentence.", 409))).toBe(fr.errors.appeal_decided);
  });
});
