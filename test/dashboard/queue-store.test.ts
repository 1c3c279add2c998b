// A live queue's list: what a refresh, our own actions, an undo and a further page do to it, and
// where the keyboard's cursor goes; nothing new is ever put under the moderator's cursor.
import { describe, expect, it } from "vitest";
import { appendPage, EMPTY, mergeRefresh, removeItems, restoreItems, showIncoming, type ListState } from "../../dashboard/queue-store";
import type { QueueItem } from "../../worker/schemas/admin-views";

/** Just what the list logic reads of an item: its id (and, for Featured, when it was featured). */
const item = (id: number): QueueItem => ({ comment: { id, featured: null } }) as unknown as QueueItem;
const ids = (list: QueueItem[]) => list.map((i) => i.comment.id);
const none = new Set<number>();

function shown(idList: number[], cursor: number | null, nextCursor: string | null = null): ListState {
  return { ...EMPTY, items: idList.map(item), cursor, nextCursor };
}

describe("a refresh", () => {
  it("holds new items back instead of inserting them under the cursor", () => {
    const s = mergeRefresh(shown([9, 8, 7], 8), "pending", { items: [10, 9, 8, 7].map(item), nextCursor: null }, none);
    expect(ids(s.items)).toEqual([9, 8, 7]);
    expect(ids(s.incoming)).toEqual([10]);
    expect(s.cursor).toBe(8);
  });

  it("marks items someone else handled instead of removing them", () => {
    const s = mergeRefresh(shown([9, 8, 7], 8), "pending", { items: [9, 7].map(item), nextCursor: null }, none);
    expect(ids(s.items)).toEqual([9, 8, 7]);
    expect([...s.gone]).toEqual([8]);
  });

  it("does not count as new what we took out ourselves while the refresh was on its way", () => {
    const s = mergeRefresh(shown([9, 7], 9), "pending", { items: [9, 8, 7].map(item), nextCursor: null }, new Set([8]));
    expect(s.incoming).toEqual([]);
  });

  it("does not mark items past the part of the queue it covers", () => {
    const s = mergeRefresh(shown([9, 8, 7, 6], 9, "c"), "pending", { items: [9, 8].map(item), nextCursor: "x" }, none);
    expect([...s.gone]).toEqual([]);
  });

  it("shows new items at once when nothing is left to keep the cursor on", () => {
    const s = mergeRefresh(shown([], null), "to-answer", { items: [3, 4].map(item), nextCursor: null }, none);
    expect(ids(s.items)).toEqual([3, 4]);
    expect(s.incoming).toEqual([]);
  });

  it("shows held-back items in the queue's order when asked, and drops the handled ones", () => {
    const merged = mergeRefresh(shown([9, 8, 7], 9), "pending", { items: [11, 10, 9, 7].map(item), nextCursor: null }, none);
    const s = showIncoming(merged, "pending");
    expect(ids(s.items)).toEqual([11, 10, 9, 7]);
    expect(s.gone.size).toBe(0);
  });
});

describe("our own actions", () => {
  it("moves the cursor to the next item when its item leaves, and to the previous one at the end", () => {
    expect(removeItems(shown([9, 8, 7], 8), [8]).cursor).toBe(7);
    expect(removeItems(shown([9, 8, 7], 7), [7]).cursor).toBe(8);
    expect(removeItems(shown([9], 9), [9]).cursor).toBe(null);
  });

  it("keeps the cursor on its item when others leave", () => {
    const s = removeItems(shown([9, 8, 7], 8), [9, 7]);
    expect(ids(s.items)).toEqual([8]);
    expect(s.cursor).toBe(8);
  });

  it("puts items back in their places when the request failed", () => {
    const s = restoreItems(removeItems(shown([9, 8, 7], 8), [8]), "pending", [item(8)]);
    expect(ids(s.items)).toEqual([9, 8, 7]);
  });

  it("adds a further page after the items shown, skipping what is already there or taken out", () => {
    const { state, added } = appendPage(shown([9, 8], 8, "c"), { items: [8, 7, 6, 5].map(item), nextCursor: null }, new Set([6]));
    expect(ids(state.items)).toEqual([9, 8, 7, 5]);
    expect(added).toBe(2);
    expect(state.cursor).toBe(8);
    expect(state.nextCursor).toBe(null);
  });

  it("puts the cursor on the first item of a page that arrives into an empty list", () => {
    const { state } = appendPage(shown([], null, "c"), { items: [5, 4].map(item), nextCursor: "d" }, none);
    expect(state.cursor).toBe(5);
  });
});
