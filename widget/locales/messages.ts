// The shape of a locale: every string the widget shows or announces, with plural-aware functions.

export type Lang = "fr" | "en";

export interface Messages {
  lang: Lang;
  /** the section's h2; `count` is undefined until the thread is loaded */
  heading: (count: number | undefined) => string;
  commentCount: (n: number) => string;
  loading: string;
  empty: string;
  closed: string;
  retry: string;
  sortLabel: string;
  sortNewest: string;
  sortOldest: string;
  composerLabel: string;
  replyComposerLabel: (name: string) => string;
  nameLabel: string;
  bodyLabel: string;
  replyBodyLabel: string;
  counter: (used: string, max: string) => string;
  tooLong: (over: number) => string;
  publish: string;
  publishing: string;
  reply: string;
  replyTo: (name: string) => string;
  cancel: string;
  published: string;
  pending: string;
  inReplyTo: (name: string) => string;
  moreReplies: (n: number) => string;
  repliesLoaded: (n: number) => string;
  loadMore: string;
  commentsLoaded: (n: number) => string;
  bodyEmpty: string;
  bodyTooLong: (max: string) => string;
  bodyInvalid: string;
  nameEmpty: string;
  nameTooLong: (max: string) => string;
  nameInvalid: string;
  missingSite: string;
  /** by API error code, plus "network" and "unknown" */
  errors: Record<string, string> & { network: string; unknown: string };
}

const rules = new Map<string, Intl.PluralRules>();

/** Picks the plural form for `n` in `lang` (CLDR rules: French 0 and 1 are singular). */
export function plural(lang: Lang, n: number, one: string, other: string): string {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return r.select(n) === "one" ? one : other;
}
