// The live channel of a story (GET /api/v1/{site}/live?story=KEY, a WebSocket): what the server
// pushes and what a reader may send. Shared by the Worker (worker/live) and the widget, so that
// both read one contract. A notice names a comment and nothing else: no names, no bodies; the
// widget reads what changed through the API, as its poll does.

/**
 * `new`: a comment became published and visible to everyone (posted and published at once, a held
 * comment approved, a staff reply); `root` is its thread's top-level comment (null: it is one), so
 * that a page announces a reply only in a thread it shows, as its poll does. `changed`: a published comment was edited, deleted or removed,
 * rejected after publication, featured or unfeatured.
 */
export type LiveNotice = { t: "new"; id: number; root: number | null } | { t: "changed"; id: number };

/** The only frame a reader may send; the server answers PONG without waking the story's object. */
export const LIVE_PING = "ping";
export const LIVE_PONG = "pong";

/** Any frame longer than this (in bytes), binary or other than PING, closes the socket with LIVE_POLICY_CLOSE. */
export const LIVE_MAX_FRAME_BYTES = 64;

/** The close code of a socket that sent something else than a ping (RFC 6455 "policy violation"). */
export const LIVE_POLICY_CLOSE = 1008;

/** Reads a server frame; null for anything that is not a notice (a pong, a frame of a later version). */
export function parseLiveNotice(frame: unknown): LiveNotice | null {
  if (typeof frame !== "string") return null;
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { t, id, root } = value as { t?: unknown; id?: unknown; root?: unknown };
  const isId = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n > 0;
  if (!isId(id)) return null;
  if (t === "changed") return { t, id };
  if (t === "new" && (root === null || isId(root))) return { t, id, root };
  return null;
}
