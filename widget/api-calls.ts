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
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16)))).replace(/[+/=]/g, (c) => (c === "+" ? "-" : c === "/" ? "_" : ""));
}

// One function per call, so that each chunk bundles only those it makes.
type Api = Pick<ReaderApi, "call">;

export const replies = (api: Api, rootId: number, cursor: string, limit?: number) =>
  api.call<RepliesResponse>(`/comments/${rootId}/replies?${query({ cursor, limit })}`);
/** `key`: the same for every try of one post, so that a retry after a lost answer is stored once */
export const post = (api: Api, req: PostRequest, key: string) => api.call<PostCommentResponse>("/comments", req, "POST", true, key);
export const report = (api: Api, id: number, reason: ReportReason, note: string) =>
  api.call<ReportResponse>(`/comments/${id}/reports`, { reason, ...(note ? { note } : {}) });
export const featured = (api: Api, limit?: number) => api.call<FeaturedResponse>(`/featured?${query({ limit })}`);
export const edit = (api: Api, id: number, body: string, confirm?: boolean) =>
  api.call<EditCommentResponse>(`/comments/${id}`, { body, ...(confirm ? { confirm } : {}) }, "PATCH");
export const remove = (api: Api, id: number) => api.call<{ comment: CommentView }>(`/comments/${id}`, undefined, "DELETE");
export const react = (api: Api, id: number, on: boolean) =>
  api.call<ReactionResponse>(`/comments/${id}/reaction`, undefined, on ? "PUT" : "DELETE");
export const news = (api: Api, story: string, after: number) => api.call<NewsResponse>(`/news?${query({ story, after })}`);
export const context = (api: Api, id: number, sort: ThreadSort, limit?: number) =>
  api.call<CommentContextResponse>(`/comments/${id}/context?${query({ sort, limit })}`);
/** after a post: tell the author of answers (a guest gives `email`; a signed-in reader's comes from their token) */
export const subscribe = (api: Api, id: number, email?: string) =>
  api.call<{ subscription: { status: "pending" | "active" } }>(`/comments/${id}/subscription`, email ? { email } : {});
export const counts = (api: Api, stories: string[]) =>
  api.call<CountsResponse>(`/counts?${stories.map((s) => `story=${encodeURIComponent(s)}`).join("&")}`);
