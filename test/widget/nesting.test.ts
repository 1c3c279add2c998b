// How a thread's flat replies are nested (widget/comments/nesting.ts): by parent, oldest first,
// never deeper than the API indents, and the reader's own held replies in place.
import { describe, expect, it } from "vitest";
import type { CommentView } from "../../worker/schemas/views";
import { MAX_INDENT, nestReplies } from "../../widget/comments/nesting";

const ROOT = 1;
const reply = (id: number, parentId: number, extra: Partial<CommentView> = {}): CommentView => ({
  id,
  parentId,
  rootId: ROOT,
  depth: 1,
  replyTo: null,
  author: { name: `Author ${id}`, staff: false, avatar: null },
  body: `Reply ${id}`,
  status: "published",
  createdAt: new Date(Date.UTC(2026, 11, 2, 12, 0, id)).toISOString(),
  replyCount: 0,
  featured: null,
  reactions: 0,
  reacted: false,
  own: false,
  editedAt: null,
  deleted: false,
  ...extra,
});
const ids = (list: CommentView[] | undefined) => (list ?? []).map((c) => c.id);

/** The indentation level of each reply, from the nesting. */
function levels(children: Map<number, CommentView[]>): Map<number, number> {
  const level = new Map<number, number>();
  const walk = (parent: number, depth: number) => {
    for (const c of children.get(parent) ?? []) level.set(c.id, depth), walk(c.id, depth + 1);
  };
  walk(ROOT, 1);
  return level;
}

describe("nestReplies", () => {
  it("hangs each reply under its parent, oldest first, whatever order they came in", () => {
    const children = nestReplies(ROOT, [reply(4, 2), reply(2, ROOT), reply(3, ROOT), reply(5, 2)]);
    expect(ids(children.get(ROOT))).toEqual([2, 3]);
    expect(ids(children.get(2))).toEqual([4, 5]);
    expect(children.get(3)).toBeUndefined();
  });

  it(`never indents deeper than ${MAX_INDENT} levels: a deeper reply sits beside its parent`, () => {
    const chain = [reply(2, ROOT), reply(3, 2), reply(4, 3), reply(5, 4), reply(6, 5)];
    const level = levels(nestReplies(ROOT, chain));
    expect([...level.values()].every((l) => l <= MAX_INDENT)).toBe(true);
    expect(level.get(4)).toBe(3);
    expect(level.get(5)).toBe(3);
    expect(level.get(6)).toBe(3);
    expect(level.size).toBe(5);
  });

  it("puts a reply whose parent is not loaded (or gone) under the thread's first comment", () => {
    const children = nestReplies(ROOT, [reply(7, 99)]);
    expect(ids(children.get(ROOT))).toEqual([7]);
  });

  it("shows the reader's own held replies of this thread in place, once, and not those of other threads", () => {
    const held = reply(9, 2, { status: "pending" });
    const elsewhere = reply(10, 50, { rootId: 50 });
    const children = nestReplies(ROOT, [reply(2, ROOT), reply(9, 2)], [held, elsewhere]);
    expect(ids(children.get(2))).toEqual([9]);
    expect([...children.values()].flat().filter((c) => c.id === 9)).toHaveLength(1);
    expect([...children.values()].flat().some((c) => c.id === 10)).toBe(false);
  });

  it("gives nothing for a thread without replies", () => {
    expect(nestReplies(ROOT, []).size).toBe(0);
  });
});
