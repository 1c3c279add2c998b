// A small typed client of the reader API (/api/v1/{site}/…); it imports only types from the worker.
// Here: the request itself and the thread's first page, all the first comment needs; every other
// call is in api-calls.ts, in the chunks that make them.
import type { ErrorResponse, ThreadResponse, ThreadSort } from "../worker/schemas/views";
import { readerStore } from "./storage";

type ErrorBody = ErrorResponse["error"];
export type ApiIssue = NonNullable<ErrorBody["issues"]>[number];
export type ApiDetails = NonNullable<ErrorBody["details"]>;

/** A refused or failed request: the API's error code ("network" when no answer came back). */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly issues: ApiIssue[] = [],
    readonly details: ApiDetails = {},
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

export type ReaderApi = ReturnType<typeof createApi>;

/** Sent and answered with the D1 bookmark (worker/lib/d1-session.ts BOOKMARK_HEADER). */
const BOOKMARK = "X-Palabre-Bookmark";

/** A query string of the defined, non-empty values. */
export const query = (params: object): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  return q.toString();
};

/** The script's own origin: the API lives beside embed.js unless an element's `api` attribute says otherwise. */
export const scriptOrigin = (() => {
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return "";
  }
})();

/**
 * `sso` gives the reader's sign-in token from the site (a JWT), if any: sent instead of the guest
 * commenter token, which stays stored for when the reader signs out.
 */
export function createApi(base: string, site: string, sso: () => string | null | undefined = () => null) {
  const root = `${base.replace(/\/+$/, "")}/api/v1/${encodeURIComponent(site)}`;

  /** `extra`: more headers (a post's Idempotency-Key, a bot check's token) */
  async function call<T>(
    path: string,
    body?: object,
    method = body ? "POST" : "GET",
    retry = true,
    extra?: Record<string, string>,
  ): Promise<T> {
    const signedIn = sso();
    const token = signedIn || readerStore.token(site);
    const headers: Record<string, string> = { ...extra };
    if (body) headers["Content-Type"] = "application/json";
    if (token) headers.Authorization = `Bearer ${token}`;
    // The D1 bookmark of the reader's last answer, once they wrote: the server reads at least that
    // recent a replica, so they see their own writes (worker/lib/d1-session.ts). None before a
    // first write, so an anonymous reader's GETs stay free of a CORS preflight.
    const bookmark = readerStore.bookmark(site);
    if (bookmark) headers[BOOKMARK] = bookmark;
    let res: Response;
    try {
      res = await fetch(root + path, {
        method,
        credentials: "omit",
        headers,
        // GETs are answered with an ETag: the browser revalidates (If-None-Match → 304) and hands back its copy.
        cache: "no-cache",
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch (err) {
      throw new ApiFailure("network", String(err));
    }
    const answered = res.headers.get(BOOKMARK);
    if (answered) readerStore.saveBookmark(site, answered);
    const data = (await res.json().catch(() => null)) as (T & { commenterToken?: string }) | ErrorResponse | null;
    if (res.ok && data) {
      const fresh = (data as { commenterToken?: string }).commenterToken;
      if (fresh) readerStore.saveToken(site, fresh);
      return data as T;
    }
    const error = (data as ErrorResponse | null)?.error;
    // A token the site no longer knows (database reset, another site's): forget it and ask again as a new reader.
    if (error?.code === "invalid_token" && token && !signedIn && retry) {
      readerStore.saveToken(site, null);
      return call<T>(path, body, method, false, extra);
    }
    throw new ApiFailure(error?.code ?? "unknown", error?.message ?? `HTTP ${res.status}`, res.status, error?.issues, error?.details);
  }

  return {
    /** …/api/v1/{site}: the live channel's address is beside it */
    root,
    call,
    thread: (req: ThreadRequest) => call<ThreadResponse>(`/thread?${query(req)}`),
  };
}
