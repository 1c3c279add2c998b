// Every call of the reader API but the thread's first page (api.ts): in the lazy chunks, which are
// the ones that make them.
import type {
  CommentContextResponse,
  CommentView,
  CountsResponse,
  EditCommentResponse,
  FeaturedResponse,
  NewsResponse,
  PostCommentResponse,
  ReactionResponse,
  RepliesResponse,
  ReportReason,
  ReportResponse,
  ThreadSort,
} from "../worker/schemas/views";
import type { AppealResponse } from "../worker/schemas/dsa-views";
import type { LegalGround } from "../common/dsa/grounds";
import { query, type PageInfo, type ReaderApi } from "./api";

export interface PostRequest extends PageInfo {
  story: string;
  parentId?: number;
  body: string;
  author: { name: string };
  /** after a charter_violation: store it anyway (as rejected) */
  confirm?: boolean;
}
/** A post's idempotency key: 16 random bytes, base64url (crypto.randomUUID needs a secure page). */
export function newPostKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16)))).replace(/[+/=]/g, (c) =>
    c === "+" ? "-" : c === "/" ? "_" : "",
  );
}

// One function per call, so that each chunk bundles only those it makes.
type Api = Pick<ReaderApi, "call">;

/** The bot check's answer (a Turnstile token), for the writes a site checks: none when not asked for. */
const human = (token?: string): Record<string, string> => (token ? { "X-Palabre-Turnstile": token } : {});

export interface NoticeRequest {
  ground: LegalGround;
  explanation: string;
  name?: string;
  email?: string;
  goodFaith: true;
}

export const replies = (api: Api, rootId: number, cursor: string, limit?: number) =>
  api.call<RepliesResponse>(`/comments/${rootId}/replies?${query({ cursor, limit })}`);
/** `key`: the same for every try of one post, so that a retry after a lost answer is stored once */
export const post = (api: Api, req: PostRequest, key: string, bot?: string) =>
  api.call<PostCommentResponse>("/comments", req, "POST", true, { "Idempotency-Key": key, ...human(bot) });
export const report = (api: Api, id: number, reason: ReportReason, note: string, bot?: string) =>
  api.call<ReportResponse>(`/comments/${id}/reports`, { reason, ...(note ? { note } : {}) }, "POST", true, human(bot));
export const featured = (api: Api, limit?: number) => api.call<FeaturedResponse>(`/featured?${query({ limit })}`);
export const edit = (api: Api, id: number, body: string, confirm?: boolean) =>
  api.call<EditCommentResponse>(`/comments/${id}`, { body, ...(confirm ? { confirm } : {}) }, "PATCH");
export const remove = (api: Api, id: number) => api.call<{ comment: CommentView }>(`/comments/${id}`, undefined, "DELETE");
export const react = (api: Api, id: number, on: boolean, bot?: string) =>
  api.call<ReactionResponse>(`/comments/${id}/reaction`, undefined, on ? "PUT" : "DELETE", true, human(bot));
export const news = (api: Api, story: string, after: number) => api.call<NewsResponse>(`/news?${query({ story, after })}`);
export const context = (api: Api, id: number, sort: ThreadSort, limit?: number) =>
  api.call<CommentContextResponse>(`/comments/${id}/context?${query({ sort, limit })}`);
/** after a post: tell the author of answers (a guest gives `email`; a signed-in reader's comes from their token) */
export const subscribe = (api: Api, id: number, email?: string) =>
  api.call<{ subscription: { status: "pending" | "active" } }>(`/comments/${id}/subscription`, email ? { email } : {});
export const counts = (api: Api, stories: string[]) =>
  api.call<CountsResponse>(`/counts?${stories.map((s) => `story=${encodeURIComponent(s)}`).join("&")}`);
/** The author contests a decision on their comment (DSA Art. 20), with their own token. */
export const appeal = (api: Api, id: number, body: string) => api.call<AppealResponse>(`/comments/${id}/appeals`, { body });
/** Anyone notifies illegal content (DSA Art. 16); the answer's reference is theirs to keep. */
export const notice = (api: Api, id: number, req: NoticeRequest, bot?: string) =>
  api.call<{ reference: string; createdAt: string }>(`/comments/${id}/notices`, req, "POST", true, human(bot));
/** What Palabre holds on the reader (GDPR Art. 15, 20), with their own token: a JSON document to save. */
export const myData = (api: Api) => api.call<object>("/me/export");
/** The reader's erasure (Art. 17): done at once, or waiting for the link mailed to a known address. */
export const eraseMe = (api: Api) =>
  api.call<{ status: "erased" } | { status: "confirmation_sent"; to: string }>("/me", undefined, "DELETE");
