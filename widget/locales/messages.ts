// The shape of a locale: every string the widget shows or announces, with plural-aware functions.
import type { ReaderErrorCode, ReasonCode, ReportReason } from "../../worker/schemas/views";
import type { RelativeFormat } from "../../common/time";
import type { LegalGround } from "../../common/dsa/grounds";
import type { StatementDecision } from "../../worker/schemas/dsa-views";

export type Lang = "fr" | "en";

export interface Messages {
  lang: Lang;
  /** "il y a 3 minutes" for (-3, "minute"), "hier" for (-1, "day"), "à l’instant" for (0, "second") */
  ago: RelativeFormat;
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
  reply: string;
  replyTo: (name: string) => string;
  inReplyTo: (name: string) => string;
  moreReplies: (n: number) => string;
  loadMore: string;
  missingSite: string;
  /** the mark on the reader's own comments that wait for a moderator */
  awaiting: string;
  /** the mark on the reader's own comments that were not published (removed, or sent against the charter) */
  notPublished: string;
  /** why a held comment waits, by reason code (suspect words get the neutral `held`) */
  held: string;
  /** the selection: section heading, the mark in the thread, the editor's note, the link to the comment */
  picks: string;
  pickMark: string;
  editorNote: string;
  seeInThread: string;
  /** the staff badge beside a staff member's name: "Le Quotidien · Équipe" */
  staff: (site: string) => string;
  report: string;
  reportLabel: (name: string) => string;
  /** <palabre-featured> */
  picksLoading: string;
  picksEmpty: string;
  storyFallback: string;
  /** own comments: edit (within the site's window), delete (after a confirmation), marks */
  edit: string;
  /** the time left to edit ("12 minutes") */
  editLeft: (left: string) => string;
  edited: string;
  del: string;
  deleted: string;
  /** the reaction button ("J'apprécie") and its count */
  like: string;
  likes: (n: number) => string;
  sortTop: string;
  signIn: string;
  signedInAs: (name: string) => string;
  /** the collapsed composer: a field-like button that opens the real form */
  joinDiscussion: string;
  /** the empty thread: a title and what to do */
  emptyHint: string;
  /** the thread could not be loaded: a title above the reason and the Retry button */
  loadFailed: string;
  /** the thread could not be reached and the messages of the forms and errors could not load either */
  offline: string;
}

/** The strings of the forms and of the API's refusals: their own chunk, loaded with the forms or on an error. */
export interface MoreMessages {
  repliesLoaded: (n: number) => string;
  commentsLoaded: (n: number) => string;
  notInThread: string;
  heldReasons: Partial<Record<ReasonCode, string>>;
  /** live threads: the button that shows comments posted since the page was opened */
  newComments: (n: number) => string;
  /** the mark on comments shown from the "new comments" button (not on the reader's own) */
  newMark: string;
  composerLabel: string;
  replyComposerLabel: (name: string) => string;
  nameLabel: string;
  bodyLabel: string;
  replyBodyLabel: string;
  counter: (used: string, max: string) => string;
  tooLong: (over: number) => string;
  publish: string;
  publishing: string;
  cancel: string;
  published: string;
  pending: string;
  bodyEmpty: string;
  bodyTooLong: (max: string) => string;
  bodyInvalid: string;
  nameEmpty: string;
  nameTooLong: (max: string) => string;
  nameInvalid: string;
  /** posted with confirm after a charter violation: stored, never published */
  rejectedAnyway: string;
  charterBroken: string;
  charterWords: (words: string[]) => string;
  charterTitle: (site: string) => string;
  charterRewrite: string;
  sendAnyway: string;
  banned: (until: string | null) => string;
  banReason: (reason: string) => string;
  flood: (wait: string) => string;
  reportReason: string;
  reportReasons: Record<ReportReason, string>;
  reportNote: string;
  reportSend: string;
  reportChoose: string;
  reportSent: string;
  editComposerLabel: string;
  save: string;
  saved: string;
  delConfirm: string;
  delYes: string;
  delDone: string;
  /** the composer's "Notify me of replies" checkbox, a guest's address field under it */
  notifyMe: string;
  emailLabel: string;
  emailInvalid: string;
  /** after the post, when a confirmation mail was sent */
  notifyCheck: string;
  /** the bot check's place in a form (its accessible name), and the wait for it under a comment */
  botCheck: string;
  botChecking: string;
  /** the ordinary report form's way to the notice of illegal content */
  noticeLead: string;
  noticeOpen: string;
  /** the button beside the reader's identity that opens their own data's panel (MyDataMessages) */
  myData: string;
  /**
   * By API error code: every code the reader API can answer with must have one, plus "network"
   * and "unknown". The index signature lets a code read off the wire (a plain string) be looked up.
   */
  errors: Record<ReaderErrorCode | "network" | "unknown", string> & { readonly [code: string]: string | undefined };
}

/**
 * What the author of a removed or held comment is told (DSA Art. 17, 20), and the notice form
 * (Art. 16): in the DSA chunk itself (fr-dsa.ts, en-dsa.ts), both languages, since only the readers
 * who use it load it.
 */
export interface DsaMessages {
  /** "Retiré le 3 décembre 2026" */
  decided: Record<StatementDecision, (date: string) => string>;
  /** "Motif :" before the ground */
  ground: string;
  grounds: Record<LegalGround, string>;
  /** a legal ground's words, marked as such: "Diffamation (contenu illicite)" */
  illegal: (ground: string) => string;
  facts: string;
  /** whether automated means detected it, and whether they decided */
  automation: (detected: boolean, decided: boolean) => string;
  contest: string;
  contestUntil: (date: string) => string;
  contestOver: string;
  appealOpen: (date: string) => string;
  appealUpheld: (date: string) => string;
  appealReversed: (date: string) => string;
  appealAnswer: string;
  appealLabel: string;
  appealSend: string;
  appealSent: string;
  /** both forms: the length their text must have ("10 to 2,000 characters."), and what is said when it has not */
  between: (max: string) => string;
  tooShort: string;
  tooLong: (max: string) => string;
  /** a DSA form's button while it sends */
  sending: string;
  noticeGround: string;
  noticeGroundPick: string;
  noticeExplanation: string;
  noticeName: string;
  noticeEmail: string;
  noticeGoodFaith: string;
  noticeSend: string;
  noticePickGround: string;
  noticeNoGoodFaith: string;
  /** the receipt: the words around the reference, which is shown in bold */
  noticeDone: [before: string, after: string];
  noticeMail: string;
}

/**
 * The reader's own data (GDPR Art. 15, 17, 20): a copy of it, and its erasure after a step that
 * says what goes and what stays. In the my-data chunk itself (fr-my-data.ts, en-my-data.ts), both
 * languages, since only the readers who open it load it.
 */
export interface MyDataMessages {
  download: string;
  /** the copy was handed to the browser, saved as `file` */
  saved: (file: string) => string;
  erase: string;
  /** the confirmation: its question, what is erased and what stays, its button */
  ask: string;
  what: string;
  yes: string;
  /** said once the thread is shown again without the reader's comments */
  erased: string;
  /** an email is known: the erasure waits for the link mailed to `to` (masked: "z…@example.org") */
  checkMail: (to: string) => string;
  /** a signed-in reader the site holds nothing on yet */
  none: string;
}

export type AllMessages = Messages & MoreMessages;

const rules = new Map<string, Intl.PluralRules>();

/** Picks the plural form for `n` in `lang` (CLDR rules: French 0 and 1 are singular). */
export function plural(lang: Lang, n: number, one: string, other: string): string {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return r.select(n) === "one" ? one : other;
}

/** "a, b et c" / "a, b and c" in `lang`. */
export const list = (lang: Lang, items: string[]) => new Intl.ListFormat(lang).format(items);
