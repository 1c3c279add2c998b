// Response shapes of the reader API: the contract the widget reads (it imports these as types only).

export type CommentStatus = "published" | "pending" | "rejected" | "deleted";
export type ThreadSort = "newest" | "oldest";

export interface AuthorView {
  name: string;
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
  limits: { bodyMax: number; nameMax: number };
}

export interface ThreadResponse {
  site: SiteView;
  story: StoryView;
  sort: ThreadSort;
  comments: ThreadComment[];
  nextCursor: string | null;
}

export interface RepliesResponse {
  replies: CommentView[];
  nextCursor: string | null;
}

export interface PostCommentResponse {
  comment: CommentView;
  story: StoryView;
}

export interface ErrorResponse {
  error: {
    code: string;
    message: string;
    issues?: { path: (string | number)[]; message: string; code: string }[];
  };
}
