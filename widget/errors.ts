// The reader's words for a failed request: by the API's error code, in the element's language.
import { ApiFailure } from "./api";
import { loadAllMessages, type AllMessages, type Messages } from "./locales/index";

/** The translated message for a failed request: by the API's error code, else its own message. */
export function errorMessage(t: AllMessages, err: unknown): string {
  if (!(err instanceof ApiFailure)) return t.errors.unknown;
  return (Object.hasOwn(t.errors, err.code) && t.errors[err.code]) || err.message || t.errors.unknown;
}

/** The same, from the thread's side: the refusals' strings are loaded first; offline, a plain message. */
export async function describeError(t: Messages, err: unknown): Promise<string> {
  try {
    return errorMessage(await loadAllMessages(t.lang), err);
  } catch {
    return t.offline;
  }
}
