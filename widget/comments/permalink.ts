// Permalinks (#comment-12): the shadow root hides the comment from the browser's own scrolling, so
// the element finds it, loading the page or the replies that hold it, then scrolls to it,
// focuses it and highlights it for a moment.
import type { ApiFailure } from "../api";
import type { CommentsHost } from "./host";
import { loadMore, loadReplies } from "./thread-actions";
import * as calls from "../api-calls";

const permalinkId = (): number => +(/^#comment-(\d+)$/.exec(location.hash)?.[1] ?? 0);

const FLASH_MS = 2500;

/**
 * Scrolls to a comment of the thread and highlights it. With `rootId` known (a featured comment),
 * loads the pages or replies it is on first; says so when it is not in the thread.
 */
export async function jump(host: CommentsHost, id: number, rootId?: number | null): Promise<void> {
  const thread = host.thread;
  const find = async () => {
    await host.updateComplete;
    return host.renderRoot.querySelector<HTMLElement>(`#comment-${id}`);
  };
  let target = await find();
  while (!target && rootId !== undefined && !thread.errors.size) {
    const root = rootId === null ? undefined : thread.comments.find((c) => c.id === rootId);
    if (root?.repliesCursor) await loadReplies(thread, root);
    else if (!root && thread.nextCursor) await loadMore(thread);
    else break;
    target = await find();
  }
  if (!target) {
    // A permalink to a comment further down the thread stays quiet; a pick that cannot be found says so.
    if (rootId !== undefined) host.status = host.forms!.t.notInThread;
    return;
  }
  target.scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
  host.flash = id;
  setTimeout(() => {
    if (host.flash === id) host.flash = null;
  }, FLASH_MS);
}

/** After the first load of the page: the comment the URL names, if any (once per page load). */
export async function openPermalink(host: CommentsHost): Promise<void> {
  const id = permalinkId();
  const thread = host.thread;
  if (!id || thread.phase !== "ready") return;
  let rootId: number | null | undefined = thread.featured.find((c) => c.id === id)?.rootId;
  await host.updateComplete;
  if (rootId === undefined && !host.renderRoot.querySelector(`#comment-${id}`)) {
    try {
      const where = await calls.context(host.client!, id, thread.sort);
      rootId = where.rootId === id ? null : where.rootId;
    } catch (err) {
      // Gone (404): the page stays at the top. Otherwise look for it page after page.
      if ((err as ApiFailure).status !== 404) rootId = null;
    }
  }
  await jump(host, id, rootId);
}
