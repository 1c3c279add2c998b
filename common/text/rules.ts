// Text rules shared by the worker (validation) and the widget (character counter): one definition
// of "length" and of what text is acceptable, so both sides always agree. Pure, no dependencies.

export const BODY_MAX = 5000;
export const NAME_MAX = 60;

/**
 * The canonical form of submitted text: line breaks unified to "\n" (textareas and forms send
 * "\r\n"), Unicode NFC, surrounding white space trimmed. Length limits apply to this form.
 */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, "\n").normalize("NFC").trim();
}

/** Length in Unicode code points, so an emoji or an accented letter counts as one. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// C0 controls except tab and newline, DEL, and C1 controls.
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const FORBIDDEN_IN_NAME = /[\u0000-\u001F\u007F-\u009F]/;

export type TextProblem = "lone_surrogate" | "control_character";

/** Why text cannot be stored as it is, or null. Lone surrogates would be stored broken. */
export function findTextProblem(text: string, opts: { multiline: boolean }): TextProblem | null {
  if (!isWellFormedUtf16(text)) return "lone_surrogate";
  const forbidden = opts.multiline ? FORBIDDEN_CONTROL : FORBIDDEN_IN_NAME;
  return forbidden.test(text) ? "control_character" : null;
}

function isWellFormedUtf16(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

// Names are shown as someone's identity: one that reads as blank, or that reorders the text around
// it (a right-to-left override turns "Alice\u202Etxt.exe" into something else), could pass for
// another person or for staff. Bidi embeddings, overrides and isolates are refused anywhere in a
// name; the weak marks (U+200E, U+200F, U+061C) are allowed, as a mixed-script name may need them,
// but like every format or default-ignorable character they do not make a name on their own.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{White_Space}\u2800]/gu;

export type NameProblem = TextProblem | "invisible_name" | "bidi_control";

/** Why a person's or a site's name cannot be shown as it is, or null (worker-side: the widget leaves it to the server). */
export function findNameProblem(name: string): NameProblem | null {
  const problem = findTextProblem(name, { multiline: false });
  if (problem) return problem;
  if (BIDI_CONTROL.test(name)) return "bidi_control";
  return name.length > 0 && name.replace(INVISIBLE, "") === "" ? "invisible_name" : null;
}
