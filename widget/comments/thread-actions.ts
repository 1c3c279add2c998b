// What changes the discussion after its first page (in the lazy forms chunk): further pages and
// replies, comments shown in place (new ones, the reader's own), a comment's new version, likes.
import type { CommentView, ReasonView, StoryView, ThreadComment } from "../../worker/schemas/views";
import { describeError } from "../errors";
import { withItem, withKey, type ThreadController } from "./thread-state";
import * as calls from "../api-calls";

const REPLIES_PAGE = 50;

export async function loadMore(thread: ThreadController): Promise<void> {
  const host = thread.host;
  if (!host.client || !thread.nextCursor || thread.busy.has("more")) return;
  const generation = thread.current;
  thread.set({ busy: withItem(thread.busy, "more"), errors: withKey(thread.errors, "more", undefined) });
  try {
    const res = await host.client.thread({ story: host.storyKey, sort: thread.sort, cursor: thread.nextCursor });
    if (generation !== thread.current) return;
    const known = new Set(thread.comments.map((c) => c.id));
    const added = res.comments.filter((c) => !known.has(c.id));
    thread.set({ comments: [...thread.comments, ...added], nextCursor: res.nextCursor, story: res.story });
    host.status = host.forms!.t.commentsLoaded(added.length);
  } catch (err) {
    thread.setError("more", await describeError(host.t!, err));
  } finally {
    thread.set({ busy: withItem(thread.busy, "more", false) });
  }
}

export async function loadReplies(thread: ThreadController, root: ThreadComment): Promise<void> {
  const host = thread.host;
  const key = `replies-${root.id}`;
  if (!host.client || !root.repliesCursor || thread.busy.has(key)) return;
  thread.set({ busy: withItem(thread.busy, key), errors: withKey(thread.errors, key, undefined) });
  try {
    const res = await calls.replies(host.client, root.id, root.repliesCursor, REPLIES_PAGE);
    const known = new Set(root.replies.map((r) => r.id));
    const added = res.replies.filter((r) => !known.has(r.id));
    thread.set({
      comments: thread.comments.map((c) =>
        c.id === root.id ? { ...c, replies: [...c.replies, ...added], repliesCursor: res.nextCursor } : c,
      ),
    });
    host.status = host.forms!.t.repliesLoaded(added.length);
  } catch (err) {
    thread.setError(key, await describeError(host.t!, err));
  } finally {
    thread.set({ busy: withItem(thread.busy, key, false) });
  }
}

/**
 * Shows comments at once where they belong: top-level ones first whatever the sort (they are new
 * to the reader), replies at the end of their thread when it is on the page. Returns those shown.
 */
export function insert(thread: ThreadController, list: CommentView[]): CommentView[] {
  const known = new Set(thread.comments.flatMap((c) => [c.id, ...c.replies.map((r) => r.id)]));
  const shown: CommentView[] = [];
  let comments = thread.comments;
  for (const c of list) {
    if (known.has(c.id)) continue;
    if (c.rootId === null) {
      comments = [{ ...c, replies: [], repliesCursor: null }, ...comments];
    } else if (comments.some((r) => r.id === c.rootId)) {
      comments = comments.map((r) => (r.id === c.rootId ? { ...r, replies: [...r.replies, c], replyCount: r.replyCount + 1 } : r));
    } else continue;
    known.add(c.id);
    shown.push(c);
  }
  const pinned = new Set(thread.pinned);
  for (const c of shown) if (c.rootId === null) pinned.add(c.id);
  // latestId is left to the news: a comment of the reader's must not hide others posted before it.
  thread.set({ comments, pinned });
  return shown;
}

/** Puts a comment's new version wherever it is shown (a top-level comment keeps its replies); null removes it. */
export function replace(thread: ThreadController, id: number, next: CommentView | null): void {
  const swap = <T extends CommentView>(list: T[]): T[] =>
    list.flatMap((c) =>
      c.id !== id
        ? [c]
        : next
          ? [
              {
                ...c,
                ...next,
                replies: (c as Partial<ThreadComment>).replies,
                repliesCursor: (c as Partial<ThreadComment>).repliesCursor,
              } as T,
            ]
          : [],
    );
  thread.set({
    comments: swap(thread.comments).map((c) => (c.replies.some((r) => r.id === id) ? { ...c, replies: swap(c.replies) } : c)),
    own: swap(thread.own),
    featured: swap(thread.featured),
  });
}

/** The reader's own comment, just posted: shown (published) or kept in `own` (held), and theirs. */
export function posted(thread: ThreadController, comment: CommentView, reasons: ReasonView[] | undefined, story: StoryView): void {
  thread.set({ mine: withItem(thread.mine, comment.id), story });
  if (comment.status === "published") insert(thread, [comment]);
  if (comment.status === "pending") thread.set({ own: [...thread.own, comment], held: withKey(thread.held, comment.id, reasons ?? []) });
}

/** Like or unlike: the button answers at once; the server's count then wins. */
/** `bot`: the bot check's token, when the site asks this reader for one */
export async function react(thread: ThreadController, c: CommentView, bot?: string): Promise<void> {
  const host = thread.host;
  const flipped = { ...c, reacted: !c.reacted, reactions: c.reactions + (c.reacted ? -1 : 1) };
  replace(thread, c.id, flipped);
  thread.setError(`c${c.id}`, undefined);
  try {
    const { reacted, reactions } = await calls.react(host.client!, c.id, flipped.reacted, bot);
    replace(thread, c.id, { ...flipped, reacted, reactions });
    host.emit("palabre:reacted", { id: c.id, reacted, reactions });
  } catch (err) {
    replace(thread, c.id, c);
    thread.setError(`c${c.id}`, await describeError(host.t!, err));
  }
}
