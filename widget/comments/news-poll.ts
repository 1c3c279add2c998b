// Polling for news and showing them (lazy, with the forms). The button offers only what it can
// show (new top-level comments, replies in threads on the page), in any sort, and shows them in
// place without reloading: nothing moves under the reader until they ask. What the live socket
// announced (ids only) is loaded by the same request, when the reader asks to see it.
import type { CommentsHost } from "./host";
import type { NewsController } from "./news";
import { insert } from "./thread-actions";
import * as calls from "../api-calls";

/** `say`: announce a changed count (not when the reader just asked to see them) */
export async function poll(host: CommentsHost, news: NewsController, say = true): Promise<void> {
  const thread = host.thread;
  if (!host.client || thread.phase !== "ready") return;
  const generation = thread.current;
  const after = thread.latestId;
  const asked = ++news.asked;
  try {
    const answer = await calls.news(host.client, host.storyKey, after);
    // A reload or a click on the button while the answer travelled: it is about what is gone. A
    // later request answered first (a socket's catch-up beside a tick) knows more.
    if (generation !== thread.current || after !== thread.latestId || asked < news.answered) return;
    news.answered = asked;
    const roots = new Set(thread.comments.map((c) => c.id));
    const shown = new Set(thread.comments.flatMap((c) => [c.id, ...c.replies.map((r) => r.id)]));
    const fresh = answer.comments.filter((c) => !thread.mine.has(c.id) && !shown.has(c.id) && (c.rootId === null || roots.has(c.rootId)));
    const last = Math.max(0, ...answer.comments.map((c) => c.id));
    news.through = answer.more ? 0 : last;
    // Everything published up to the story's newest id is in a whole answer (the reader's own and
    // removed comments are not): the socket's ids up to there are loaded or gone.
    news.covered(answer.more ? last : Math.max(last, answer.latestId));
    const same = fresh.length === news.fresh.length && fresh.every((c, i) => c.id === news.fresh[i]!.id);
    // Their newest versions (an announced comment edited since) are the ones shown.
    news.offer(fresh);
    // Announced politely, when they changed; shown only when the reader asks.
    if (say && !same) news.announce();
  } catch {
    /* a missed poll is tried again at the next tick */
  }
}

/** Shows the new comments in place and takes focus to the first one. */
export async function show(host: CommentsHost, news: NewsController): Promise<void> {
  const thread = host.thread;
  // Announced by the socket, not loaded yet: the news request first.
  if (news.count > news.fresh.length) await poll(host, news, false);
  const shown = insert(thread, news.fresh);
  thread.set({ latestId: Math.max(thread.latestId, news.through, ...news.fresh.map((c) => c.id)) });
  news.reset();
  const first = shown.find((c) => c.rootId === null) ?? shown[0];
  await host.focusAfter(first ? `#comment-${first.id}` : "#palabre-heading");
}
