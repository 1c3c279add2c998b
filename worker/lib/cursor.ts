// Opaque pagination cursors. A cursor names the last item a reader has, so a page never repeats or
// skips an item however many comments arrive meanwhile (ids only grow).
import { ApiError } from "./errors";

export type CursorKind =
  | "newest"
  | "oldest"
  | "replies"
  // the To answer queue, oldest first
  | "to-answer"
  // staff queues and the audit log, newest first
  | "pending"
  | "reported"
  | "recent"
  | "rejected"
  | "audit"
  // one person's comments, newest first
  | "person"
  // a site's outbox, newest first
  | "outbox"
  // the Appeals and Legal notices queues, oldest first
  | "appeals"
  | "notices";

export function encodeCursor(kind: CursorKind, lastId: number): string {
  return btoa(`${kind}:${lastId}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/** The id to continue after; refuses a cursor made for another listing (e.g. another sort). */
export function decodeCursor(cursor: string, kind: CursorKind): number {
  let text = "";
  try {
    text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    // fall through to the refusal below
  }
  const match = /^([a-z-]+):(\d{1,16})$/.exec(text);
  const id = match ? Number(match[2]) : NaN;
  if (!match || match[1] !== kind || !Number.isSafeInteger(id)) {
    throw new ApiError(400, "invalid_cursor", "This cursor is not valid for this listing; start again without it.");
  }
  return id;
}

/**
 * Listings ordered by a value first, then by id: the cursor names both. The featured queue (by
 * featuring time) and the thread sorted "top" (by reactions, then newest).
 */
export type PairCursorKind = "featured" | "top";

export function encodePairCursor(kind: PairCursorKind, first: number, lastId: number): string {
  return btoa(`${kind}:${first}:${lastId}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/** [first, lastId] to continue after; refuses a cursor made for another listing. */
export function decodePairCursor(cursor: string, kind: PairCursorKind): [number, number] {
  let text = "";
  try {
    text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    // fall through to the refusal below
  }
  const match = /^([a-z]+):(\d{1,16}):(\d{1,16})$/.exec(text);
  const first = match ? Number(match[2]) : NaN;
  const id = match ? Number(match[3]) : NaN;
  if (!match || match[1] !== kind || !Number.isSafeInteger(first) || !Number.isSafeInteger(id)) {
    throw new ApiError(400, "invalid_cursor", "This cursor is not valid for this listing; start again without it.");
  }
  return [first, id];
}
