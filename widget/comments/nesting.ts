// A thread's replies arrive flat, oldest first; they are nested here by parentId, never deeper than
// the API indents (a reply to a reply at the deepest level sits beside its parent).
import type { CommentView } from "../../worker/schemas/views";

/** Deepest indentation of replies; the API caps depth at the same value. */
export const MAX_INDENT = 3;

/**
 * The children of each comment of a thread, oldest first, keyed by the id they hang under
 * (`rootId` for the first level). `extra` are the reader's own held replies, shown in place.
 * A reply whose parent is not here (not loaded yet, or removed) hangs under the root.
 */
export function nestReplies(rootId: number, replies: CommentView[], extra: CommentView[] = []): Map<number, CommentView[]> {
  const children = new Map<number, CommentView[]>();
  const level = new Map<number, number>([[rootId, 0]]);
  const parentOf = new Map<number, number>();
  const known = new Set(replies.map((r) => r.id));
  const all = [...replies, ...extra.filter((o) => o.rootId === rootId && !known.has(o.id))].sort((a, b) => a.id - b.id);
  for (const r of all) {
    let parent = r.parentId !== null && level.has(r.parentId) ? r.parentId : rootId;
    while (level.get(parent)! >= MAX_INDENT) parent = parentOf.get(parent) ?? rootId;
    level.set(r.id, level.get(parent)! + 1);
    parentOf.set(r.id, parent);
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  return children;
}
