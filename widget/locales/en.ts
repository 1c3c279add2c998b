// English strings of the reader widget.
import type { Messages } from "./messages";

// No runtime import: this chunk is on the first comment's path, and a helper shared with the other
// locales would be one more request after it.
const rules = new Intl.PluralRules("en");
const p = (n: number, one: string, other: string) => (rules.select(n) === "one" ? one : other);

// The words of Intl.RelativeTimeFormat("en", { numeric: "auto" }), without its cost at start.
const named: Record<string, string> = { "-1year": "last year", "-1month": "last month", "-1week": "last week", "-1day": "yesterday" };

export const en: Messages = {
  lang: "en",
  ago: (n, unit) => (n === 0 ? "now" : (named[`${n}${unit}`] ?? `${-n} ${p(-n, unit, `${unit}s`)} ago`)),
  heading: (n) => (n === undefined ? "Comments" : `Comments (${n})`),
  commentCount: (n) => p(n, `${n} comment`, `${n} comments`),
  loading: "Loading comments…",
  empty: "Be the first to react",
  closed: "Comments are closed on this story.",
  retry: "Retry",
  sortLabel: "Sort by:",
  sortNewest: "newest first",
  sortOldest: "oldest first",
  reply: "Reply",
  replyTo: (name) => `Reply to ${name}`,
  inReplyTo: (name) => `in reply to ${name}`,
  moreReplies: (n) => p(n, `View ${n} more reply`, `View ${n} more replies`),
  loadMore: "Load more comments",
  missingSite: "This comment section is not set up (the site attribute is missing).",
  awaiting: "Awaiting moderation",
  notPublished: "Not published",
  held: "Your comment will be published once a moderator has reviewed it.",
  picks: "Editors’ picks",
  pickMark: "Editors’ pick",
  editorNote: "Editor’s note:",
  seeInThread: "See it in the thread",
  staff: (site) => `${site} · Staff`,
  report: "Report",
  reportLabel: (name) => `Report ${name}’s comment`,
  picksLoading: "Loading editors’ picks…",
  picksEmpty: "The editors have not picked any comments yet.",
  storyFallback: "Read the discussion",
  edit: "Edit",
  editLeft: (left) => `${left} left`,
  edited: "edited",
  del: "Delete",
  deleted: "Comment deleted",
  like: "Like",
  likes: (n) => p(n, `${n} like`, `${n} likes`),
  sortTop: "top rated",
  signIn: "Sign in to comment",
  joinDiscussion: "Join the discussion…",
  emptyHint: "No comments yet: share your view and other readers will follow.",
  loadFailed: "The comments could not be shown.",
  signedInAs: (name) => `Signed in as ${name}`,
  offline: "The comment server could not be reached. Check your connection and try again.",
};
