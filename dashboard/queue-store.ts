// A live queue's list as plain data, and the pure steps that change it: a refresh's news (new items
// held back, items others handled marked, never moved under the cursor), our own removals, an undo,
// one more page. The hook (use-queue.ts) holds it; nothing here touches the DOM or the network.
import type { QueueItem, QueueName } from "../worker/schemas/admin-views";
import { dsa } from "./dsa-types";

export interface ListState {
  items: QueueItem[];
  /** ids of shown items that left the queue because someone else acted (dimmed, no actions) */
  gone: ReadonlySet<number>;
  /** items a refresh found that are not shown yet ("Show 3 new") */
  incoming: QueueItem[];
  nextCursor: string | null;
  /** the item the keyboard is on */
  cursor: number | null;
}

export const EMPTY: ListState = { items: [], gone: new Set(), incoming: [], nextCursor: null, cursor: null };

const id = (i: QueueItem) => i.comment.id;

/** The queue's own order: To answer, Legal notices and Appeals oldest first, the others newest first. */
export function inOrder(queue: QueueName, items: QueueItem[]): QueueItem[] {
  const oldestFirst = queue === "to-answer";
  // Legal notices and appeals: the oldest first, by the notice's or the appeal's own order.
  if (queue === "notices" || queue === "appeals") {
    const key = (i: QueueItem) => (queue === "notices" ? dsa(i).notice?.id : dsa(i).appeal?.id) ?? id(i);
    return [...items].sort((a, b) => key(a) - key(b));
  }
  if (queue === "featured") {
    const at = (i: QueueItem) => i.comment.featured?.at ?? "";
    return [...items].sort((a, b) => (at(a) === at(b) ? id(b) - id(a) : at(a) < at(b) ? 1 : -1));
  }
  return [...items].sort((a, b) => (oldestFirst ? id(a) - id(b) : id(b) - id(a)));
}

export const liveItems = (s: ListState) => s.items.filter((i) => !s.gone.has(id(i)));

/**
 * What a refresh of the queue's first `fresh.items` says about the list shown: items still there
 * get their new state in place; items gone from the part of the queue the refresh covers are marked
 * gone; items not shown are held in `incoming`, unless we took them out ourselves (`handled`).
 */
export function mergeRefresh(
  s: ListState,
  queue: QueueName,
  fresh: { items: QueueItem[]; nextCursor: string | null },
  handled: ReadonlySet<number>,
): ListState {
  const byId = new Map(fresh.items.map((i) => [id(i), i]));
  const complete = fresh.nextCursor === null;
  const edge = fresh.items.at(-1);
  const ours = inOrder(queue, [...s.items, ...(edge ? [edge] : [])]);
  // An item is covered by the refresh when it sorts no later than the refresh's last item.
  const covered = (item: QueueItem) => complete || (edge !== undefined && ours.indexOf(item) <= ours.indexOf(edge));
  const gone = new Set<number>();
  const items = s.items.map((item) => {
    const now = byId.get(id(item));
    if (now) return now;
    if (covered(item) || s.gone.has(id(item))) gone.add(id(item));
    return item;
  });
  const shown = new Set(s.items.map(id));
  const last = s.items.at(-1);
  const lastIndex = last ? inOrder(queue, [...fresh.items, last]).indexOf(last) : -1;
  const incoming = fresh.items.filter((item, index) => {
    if (shown.has(id(item)) || handled.has(id(item))) return false;
    // Past the end of what is shown while more pages wait: "Load more" brings it, in its place.
    return s.nextCursor === null || !last || index < lastIndex;
  });
  // Nothing to keep the cursor on: the new items may simply be shown.
  if (!items.some((i) => !gone.has(id(i)))) {
    return { ...s, items: inOrder(queue, [...items.filter((i) => !gone.has(id(i))), ...incoming]), gone: new Set(), incoming: [] };
  }
  return { ...s, items, gone, incoming };
}

/** Shows the held-back items in their places and drops the items others handled. */
export function showIncoming(s: ListState, queue: QueueName): ListState {
  const kept = s.items.filter((i) => !s.gone.has(id(i)) || id(i) === s.cursor);
  const known = new Set(kept.map(id));
  return {
    ...s,
    items: inOrder(queue, [...kept, ...s.incoming.filter((i) => !known.has(id(i)))]),
    gone: new Set([...s.gone].filter((g) => g === s.cursor)),
    incoming: [],
  };
}

/**
 * Takes items out (we acted on them): the cursor stays on its item, or moves to the next live one
 * (the previous one at the end). Items others handled go too, except the one under the cursor.
 */
export function removeItems(s: ListState, ids: readonly number[]): ListState {
  const out = new Set(ids);
  const cursorIndex = s.items.findIndex((i) => id(i) === s.cursor);
  const keep = (i: QueueItem) => !out.has(id(i)) && (!s.gone.has(id(i)) || id(i) === s.cursor);
  let cursor = s.cursor;
  if (cursorIndex < 0 || !keep(s.items[cursorIndex]!)) {
    const after = s.items.slice(cursorIndex + 1).find((i) => keep(i) && !s.gone.has(id(i)));
    const before = s.items
      .slice(0, Math.max(0, cursorIndex))
      .reverse()
      .find((i) => keep(i) && !s.gone.has(id(i)));
    cursor = (after ?? before)?.comment.id ?? null;
  }
  const items = s.items.filter(keep);
  return {
    ...s,
    items,
    gone: new Set([...s.gone].filter((g) => items.some((i) => id(i) === g))),
    incoming: s.incoming.filter((i) => !out.has(id(i))),
    cursor,
  };
}

/** Puts items back in their places (an action on them failed). */
export function restoreItems(s: ListState, queue: QueueName, back: QueueItem[]): ListState {
  const known = new Set(s.items.map(id));
  const items = inOrder(queue, [...s.items, ...back.filter((i) => !known.has(id(i)))]);
  return { ...s, items, cursor: s.cursor ?? items[0]?.comment.id ?? null };
}

/** Adds a further page at the end (items already shown or taken out by us are skipped). */
export function appendPage(
  s: ListState,
  page: { items: QueueItem[]; nextCursor: string | null },
  handled: ReadonlySet<number>,
): { state: ListState; added: number } {
  const known = new Set(s.items.map(id));
  const added = page.items.filter((i) => !known.has(id(i)) && !handled.has(id(i)));
  const items = [...s.items, ...added];
  const cursor = s.cursor !== null && known.has(s.cursor) ? s.cursor : (liveItems({ ...s, items })[0]?.comment.id ?? null);
  return {
    state: {
      ...s,
      items,
      nextCursor: page.nextCursor,
      incoming: s.incoming.filter((i) => !known.has(id(i)) && !added.some((a) => id(a) === id(i))),
      cursor,
    },
    added: added.length,
  };
}
