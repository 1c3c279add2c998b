// The app called with a D1 binding that records how each request opens its session (withSession's
// argument) and any query made on the binding itself, outside a session. The queries are the real
// ones, on the real local D1: local D1 has no replicas, so what is tested is the plumbing (which
// session each request asks for, the bookmark's round trip), not a replica's lag.
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { app } from "../../../worker/app";
import { BASE } from "../support";

export const BOOKMARK = "X-Palabre-Bookmark";
/** D1's bookmark, as production and local D1 write it */
export const BOOKMARK_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

export interface Opened {
  /** withSession's argument, per session the request opened */
  starts: string[];
  /** prepare/batch/exec called on the binding itself (not through a session) */
  outside: string[];
}

function recordingDb(real: D1Database, seen: Opened): D1Database {
  return new Proxy(real, {
    get(target, prop) {
      if (prop === "withSession") {
        return (start?: string) => {
          seen.starts.push(start ?? "(none)");
          return target.withSession(start);
        };
      }
      if (prop === "prepare" || prop === "batch" || prop === "exec") seen.outside.push(String(prop));
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export interface Call {
  res: Response;
  opened: Opened;
  /** the bindings object the app was given, to check it was not changed */
  bindings: Env & { DB: D1Database };
  recorder: D1Database;
}

/** Calls the app with the recording binding; waits for what the request left running. */
export async function call(path: string, init: RequestInit & { origin?: string | null; bookmark?: string } = {}): Promise<Call> {
  const { origin, bookmark, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (origin) headers.set("Origin", origin);
  if (bookmark !== undefined) headers.set(BOOKMARK, bookmark);
  const opened: Opened = { starts: [], outside: [] };
  const recorder = recordingDb(env.DB, opened);
  const bindings = { ...env, DB: recorder } as Env & { DB: D1Database };
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(new URL(path, BASE), { ...rest, headers }), bindings, ctx);
  const body = await res.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return { res: new Response(res.status === 304 ? null : body, res), opened, bindings, recorder };
}

/** The primary's bookmark now: what a bookmark covering every write so far is at least. */
export async function primaryBookmark(): Promise<string> {
  const session = env.DB.withSession("first-primary");
  await session.prepare("SELECT 1").first();
  return session.getBookmark()!;
}
