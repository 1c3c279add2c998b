// The zod side of common/text/rules: every piece of text a person types, reader or staff, goes
// through these, so a rule added once holds for comments, names, notes, reasons, the charter, the
// word lists, site names and templates alike.
import { z } from "zod";
import { codePointLength, findNameProblem, findTextProblem, normalizeText, type NameProblem } from "../../common/text/rules";

const problemMessages: Record<NameProblem, string> = {
  lone_surrogate: "contains a broken character (a lone UTF-16 surrogate)",
  control_character: "contains a control character",
  invisible_name: "is made only of invisible characters",
  bidi_control: "contains a bidirectional control character (U+202A–U+202E, U+2066–U+2069)",
};

/** One line (a reason, a title, a word), several lines (a comment, a note, a charter), or a name. */
export type TextKind = "line" | "multiline" | "name";

/**
 * Text refused if it cannot be stored and shown faithfully, else normalised (NFC, "\n", trimmed).
 * Each refusal names its reason (`params.reason`), which the error carries as the issue's code, so
 * that the widget and the dashboard translate it without reading English messages.
 */
export function storableText(label: string, kind: TextKind, typeError = `${label} must be text`) {
  return z
    .string({ error: typeError })
    .superRefine((value, ctx) => {
      // "\r\n" and "\r" are line breaks (normalizeText makes them "\n"), not control characters.
      const text = value.replace(/\r\n?/g, "\n");
      const problem = kind === "name" ? findNameProblem(text) : findTextProblem(text, { multiline: kind === "multiline" });
      if (problem) {
        ctx.addIssue({ code: "custom", message: `${label} ${problemMessages[problem]}`, params: { reason: problem } });
      }
    })
    .transform(normalizeText);
}

const tooLong = (label: string, max: number) => ({
  message: `${label} is longer than ${max} characters`,
  params: { reason: "too_long" },
});

/** Storable text of at most `max` code points; "" allowed. */
export function boundedText(label: string, max: number, kind: TextKind, typeError?: string) {
  return storableText(label, kind, typeError).refine((s) => codePointLength(s) <= max, tooLong(label, max));
}

/** Storable text of 1 to `max` code points. */
export function requiredText(label: string, max: number, kind: TextKind, typeError = `${label} is required`) {
  return storableText(label, kind, typeError)
    .refine((s) => s.length > 0, { message: `${label} is empty`, params: { reason: "empty" } })
    .refine((s) => codePointLength(s) <= max, tooLong(label, max));
}
