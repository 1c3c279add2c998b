// A small typed client of the reader API (/api/v1/{site}/…); it imports only types from the worker.
import type {
  ErrorResponse,
  PostCommentResponse,
  RepliesResponse,
  ThreadResponse,
  ThreadSort,
} from "../worker/schemas/views";

export type ApiIssue = NonNullable<ErrorResponse["error"]["issues"]>[number];

/** A refused or failed request: the API's error code ("network" when no answer came back). */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

export interface PageInfo {
  url?: string;
  title?: string;
}

export interface ThreadRequest extends PageInfo {
  story: string;
  sort: ThreadSort;
  cursor?: string;
  limit?: number;
}

export interface PostRequest extends PageInfo {
  story: string;
  parentId?: number;
  body: string;
  author: { name: string };
}

export type ReaderApi = ReturnType<typeof createApi>;

export function createApi(base: string, site: string) {
  const root = `${base.replace(/\/+$/, "")}/api/v1/${encodeURIComponent(site)}`;

  async function call<T>(path: string, init?: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await fetch(root + path, { ...init, credentials: "omit" });
    } catch (err) {
      throw new ApiFailure("network", String(err));
    }
    const data = (await res.json().catch(() => null)) as T | ErrorResponse | null;
    if (res.ok && data) return data as T;
    const error = (data as ErrorResponse | null)?.error;
    throw new ApiFailure(error?.code ?? "unknown", error?.message ?? `HTTP ${res.status}`, res.status, error?.issues);
  }

  const query = (params: object) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
    return q.toString();
  };

  return {
    thread: (req: ThreadRequest) => call<ThreadResponse>(`/thread?${query(req)}`),
    replies: (rootId: number, cursor: string, limit?: number) =>
      call<RepliesResponse>(`/comments/${rootId}/replies?${query({ cursor, limit })}`),
    post: (req: PostRequest) =>
      call<PostCommentResponse>("/comments", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(req),
      }),
  };
}
