// Response shapes of the reader API: the contract the widget reads (it imports these as types only).

export type CommentStatus = "published" | "pending" | "rejected" | "deleted";
export type ThreadSort = "newest" | "oldest" | "top";

/** Why a comment was held, rejected or hidden: one entry per rule that spoke (or the moderator). */
export type ReasonCode =
  | "banned_words" // rejected: words the site's charter forbids (detail: the words)
  | "suspect_words" // held: words the site watches (detail: the words)
  | "links" // held: too many links, or any link where links are pre-moderated
  | "new_commenter" // held: one of the author's first comments
  | "premoderation" // held: the site or story moderates before publication
  | "reported" // hidden: readers' reports reached the threshold
  | "scoring" // held: automatic scoring reached the site's hold threshold, or a fail-closed scorer was unavailable (detail: "score 87 (openai): harassment" / "unavailable: akismet")
  | "moderator"; // a moderator's decision (detail: the reject reason code)

export interface ReasonView {
  code: ReasonCode;
  detail?: string;
  /** in a POST answer: what the author is told, in their language (Accept-Language: fr or en) */
  message?: string;
}

export interface AuthorView {
  name: string;
  /** the site's own voice: a staff member answering; the widget shows a badge with the site's name */
  staff: boolean;
  /**
   * The author's picture from the site's sign-in (SSO), an absolute http(s) URL; null for guests,
   * staff without one and deleted placeholders: the widget shows initials instead.
   */
  avatar: string | null;
}

export interface CommentView {
  id: number;
  /** null for a top-level comment */
  parentId: number | null;
  /** the top-level comment of the thread; null for a top-level comment */
  rootId: number | null;
  /** 0 for top-level; capped at MAX_REPLY_DEPTH when saving */
  depth: number;
  /**
   * The comment this one answers, when it is not `parentId`: replies deeper than the cap
   * are attached to their parent's parent, and this keeps who was answered.
   */
  replyTo: { id: number; authorName: string } | null;
  author: AuthorView;
  /** the author's source text; render it through the formatter, never as HTML */
  body: string;
  status: CommentStatus;
  createdAt: string;
  /** published replies in the whole thread (top-level comments only; 0 for replies) */
  replyCount: number;
  /** picked for the editors' selection ("la sélection de la rédaction"), with the editor's note */
  featured: { note: string | null; at: string } | null;
  /** "J'apprécie" / "Like" count */
  reactions: number;
  /** the reader (token or SSO) has reacted; false when unknown */
  reacted: boolean;
  /** the reader wrote it (token or SSO identity): they may edit (within the window) and delete it */
  own: boolean;
  /** set when the author edited it */
  editedAt: string | null;
  /** a deleted comment kept as a placeholder because it has replies: body and author name are empty */
  deleted: boolean;
  /** in `own` only (the author's token): the latest statement of reasons on their held or rejected comment, or null */
  statement?: import("./dsa-views").StatementView | null;
}

export interface ThreadComment extends CommentView {
  /** the first replies of the thread, oldest first (at most FIRST_REPLIES) */
  replies: CommentView[];
  /** pass to the replies endpoint to read the rest; null when all are here */
  repliesCursor: string | null;
}

export interface StoryView {
  key: string;
  url: string | null;
  title: string | null;
  status: "open" | "closed";
  /** published comments, replies included */
  commentCount: number;
}

export interface SiteView {
  id: string;
  name: string;
  /** how readers may post: as guests, and/or signed in through the site (SSO) */
  auth: {
    guests: boolean;
    sso: boolean;
    /** where "Sign in to comment" goes (the site's own login page), or null */
    loginUrl: string | null;
  };
  /** authors may edit their comment this long after posting it */
  editWindowSeconds: number;
  limits: { bodyMax: number; nameMax: number };
  /** the site's charter (plain text, may be empty), shown when a comment breaks it */
  charter: string;
  /** authors may ask to be told by mail of answers (POST /comments/{id}/subscription) */
  replyNotifications: boolean;
  /**
   * the bot check, when the site turned it on: guest posts, and reports and likes without a reader
   * token, send a Turnstile token solved with this site key in X-Palabre-Turnstile; null: none
   */
  turnstile: { siteKey: string } | null;
}

export interface ThreadResponse {
  site: SiteView;
  story: StoryView;
  sort: ThreadSort;
  /** the story's featured comments, most recently featured first (first page only; else []) */
  featured: CommentView[];
  comments: ThreadComment[];
  nextCursor: string | null;
  /**
   * The newest published comment id of the whole story when this was read (0: none), whatever
   * the sort or page: pass it as `after` to /news to hear only of what comes after this read.
   */
  latestId: number;
  /**
   * The reader's own comments on this story that are awaiting moderation (status "pending"),
   * oldest first; only with the reader's commenter token (Authorization: Bearer), else [].
   */
  own: CommentView[];
  /** who the request's credentials say the reader is; null for an anonymous reader */
  viewer: { name: string; kind: "guest" | "sso"; avatar: string | null } | null;
}

/**
 * GET /api/v1/{site}/news?story=KEY&after=ID: polling, with an ETag (304 while the story and the
 * request are unchanged). "New" means published, not deleted, id greater than `after`, and not
 * written by the reader (their credential). Start from a thread response's `latestId`.
 */
export interface NewsResponse {
  /** how many comments are new, counted up to 100 only: 100 means 100 or more */
  newCount: number;
  /**
   * The first 50 new comments (NEWS_PAGE), oldest first, top-level comments and replies alike
   * (`rootId` and `parentId` place a reply in its thread), as the thread shows them.
   */
  comments: CommentView[];
  /** more new comments than `comments` holds: ask again with `after` = the last one's id */
  more: boolean;
  /**
   * The newest published comment id of the story (any author, the reader included): once all the
   * new comments are shown (`more` false), poll from here.
   */
  latestId: number;
  /** the story's published comments, replies included */
  commentCount: number;
}

/** GET /api/v1/{site}/comments/{id}/context?sort=S&limit=N: where a comment is, to open a permalink */
export interface CommentContextResponse {
  commentId: number;
  rootId: number;
  /**
   * cursor of the thread page (for this sort and limit) holding the comment's thread: the page of the
   * grid read from the first page ("more" reaches it) when fewer than 1,000 top-level comments come
   * before the thread, else the page that starts at the thread. null: the first page
   */
  threadCursor: string | null;
  /**
   * when the comment is a reply beyond the first ones: the replies cursor of the page holding it (of
   * the pages chained from the thread's own replies cursor within the first 1,000 replies, else the
   * page that starts at it), else null
   */
  repliesCursor: string | null;
}

/** PATCH /api/v1/{site}/comments/{id} { body } → 200 (the edit runs the moderation pipeline again) */
export interface EditCommentResponse {
  comment: CommentView;
  reasons: ReasonView[];
}

/** PUT or DELETE /api/v1/{site}/comments/{id}/reaction → 200 */
export interface ReactionResponse {
  reacted: boolean;
  reactions: number;
  /** given when the reaction introduced a new guest identity (as PostCommentResponse) */
  commenterToken?: string;
}

/** GET /api/v1/{site}/counts?story=a&story=b… (at most 100 keys) */
export interface CountsResponse {
  /** published comments per story key; an unknown story counts 0 */
  counts: Record<string, number>;
}

export interface RepliesResponse {
  replies: CommentView[];
  nextCursor: string | null;
}

export interface PostCommentResponse {
  /** status "published", "pending" (held: see reasons) or "rejected" (posted with confirm: true) */
  comment: CommentView;
  story: StoryView;
  reasons: ReasonView[];
  /**
   * Given when the post created a new guest identity: keep it (per site) and send it as
   * `Authorization: Bearer <token>` so later posts, reports and reads know the reader.
   */
  commenterToken?: string;
}

export type ReportReason = "spam" | "abuse" | "off-topic" | "other";

/** POST /api/v1/{site}/comments/{id}/reports → 201 */
export interface ReportResponse {
  report: { reason: ReportReason; createdAt: string };
  commenterToken?: string;
}

export interface FeaturedItem extends CommentView {
  story: StoryView;
}

/** GET /api/v1/{site}/featured?limit=N: the site's latest featured comments across stories */
export interface FeaturedResponse {
  site: SiteView;
  items: FeaturedItem[];
}

/** The codes an error's `code` can take (the reader API's are the widget's to translate). */
export type { ErrorCode, ReaderErrorCode } from "../lib/error-codes";

export interface ErrorResponse {
  error: {
    code: string;
    message: string;
    /** the request's id (worker/lib/request-id.ts): a reader can quote it, staff find it in Workers Logs */
    requestId?: string;
    issues?: { path: (string | number)[]; message: string; code: string }[];
    /**
     * Facts a client needs to explain a refusal: `author_banned` → until (ISO or null: for good)
     * and reason; `flood` → retryAfter (seconds, also the Retry-After header);
     * `charter_violation` → words and charter.
     */
    details?: { until?: string | null; reason?: string; retryAfter?: number; words?: string[]; charter?: string };
  };
}
