// What a refused post or edit tells the reader, in their language, and which field it is about.
import type { SiteView } from "../../worker/schemas/views";
import { ApiFailure } from "../api";
import type { AllMessages } from "../locales/index";
import { errorMessage } from "../errors";
import { BODY_MAX, NAME_MAX } from "../../common/text/rules";

export interface Refusal {
  error: string;
  field: "body" | "name" | null;
  /** a charter violation: the words found and the charter's text, to show beside the form */
  charter: { words: string[]; text: string } | null;
}

export function describeRefusal(t: AllMessages, err: unknown, site: SiteView | null): Refusal {
  const none = { field: null, charter: null };
  if (!(err instanceof ApiFailure)) return { error: errorMessage(t, err), ...none };
  const { code, details } = err;
  if (code === "charter_violation") {
    return { error: t.charterBroken, field: "body", charter: { words: details.words ?? [], text: details.charter || site?.charter || "" } };
  }
  if (code === "author_banned") {
    const until = details.until
      ? new Intl.DateTimeFormat(t.lang, { dateStyle: "long", timeStyle: "short" }).format(new Date(details.until))
      : null;
    return { error: [t.banned(until), details.reason && t.banReason(details.reason)].filter(Boolean).join(" "), ...none };
  }
  if (code === "flood" && details.retryAfter) {
    const minutes = details.retryAfter > 90;
    const n = Math.ceil(details.retryAfter / (minutes ? 60 : 1));
    const wait = new Intl.NumberFormat(t.lang, { style: "unit", unit: minutes ? "minute" : "second", unitDisplay: "long" }).format(n);
    return { error: t.flood(wait), ...none };
  }
  const issue = code === "validation_failed" ? err.issues[0] : undefined;
  const path = issue?.path.join(".");
  const field = path === "body" ? "body" : path?.startsWith("author") ? "name" : null;
  if (!issue || !field) return { error: errorMessage(t, err), ...none };
  const max = (n: number) => n.toLocaleString(t.lang);
  const limits = site?.limits;
  const empty = issue.code === "empty" || issue.code === "invalid_type";
  const long = issue.code === "too_long";
  const error =
    field === "body"
      ? empty
        ? t.bodyEmpty
        : long
          ? t.bodyTooLong(max(limits?.bodyMax ?? BODY_MAX))
          : t.bodyInvalid
      : empty
        ? t.nameEmpty
        : long
          ? t.nameTooLong(max(limits?.nameMax ?? NAME_MAX))
          : t.nameInvalid;
  return { error, field, charter: null };
}
