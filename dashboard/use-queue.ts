// A live queue as a hook: the first page, refreshes every 15 s (conditional GETs) whose news wait
// behind "Show N new", further pages (loaded by themselves when fewer than 5 items are left), our
// own removals and their undo, and the keyboard cursor, which keeps the focus on the current item.
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { QueueItem, QueueName, QueueResponse } from "../worker/schemas/admin-views";
import { describeFailure, useI18n } from "./i18n";
import { appendPage, EMPTY, liveItems, mergeRefresh, removeItems, restoreItems, showIncoming, type ListState } from "./queue-store";
import { usePoll } from "./use-poll";

export const PAGE = 20;
/** Fewer live items than this, and the next page loads by itself. */
const LOW_WATER = 5;

export type Counts = QueueResponse["counts"];

export interface PageData {
  items: QueueItem[];
  nextCursor: string | null;
  counts?: Counts;
}

/** Where a queue's items come from: one site's queue, or To answer across all the member's sites. */
export interface QueueSource {
  /** a new key is a new list (another site or queue) */
  key: string;
  queue: QueueName;
  /** the first `limit` items, as a conditional GET (changed: false on 304) */
  first: (limit: number) => Promise<{ data: PageData; changed: boolean }>;
  page: (cursor: string, limit: number) => Promise<PageData>;
}

interface Options {
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
  onCounts?: (counts: Counts) => void;
}

const withCursor = (s: ListState): ListState =>
  s.cursor !== null && s.items.some((i) => i.comment.id === s.cursor)
    ? s
    : { ...s, cursor: liveItems(s)[0]?.comment.id ?? s.items[0]?.comment.id ?? null };

export function useQueue(source: QueueSource, { announce, onFailure, onCounts }: Options) {
  const { t } = useI18n();
  const [state, setState] = useState<ListState>(EMPTY);
  /** the list as last changed (state may not have rendered yet): every step starts from it */
  const store = useRef<ListState>(EMPTY);
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const loadingMoreNow = useRef(false);
  const [counts, setCountsState] = useState<Counts | null>(null);
  const countsNow = useRef<Counts | null>(null);
  /** ids we took out ourselves: a refresh that still lists them (request in flight) does not bring them back */
  const handled = useRef(new Set<number>());
  /** move the focus to the cursor's item after the next render (after an action, a dialog, a load) */
  const focusWanted = useRef(false);
  const refs = useRef(new Map<number, HTMLElement>());
  const refCallbacks = useRef(new Map<number, (el: HTMLElement | null) => void>());
  /** bumped for every new list, so that a late answer for the previous one is dropped */
  const generation = useRef(0);
  /** actions pressed while the list was empty and its next page on the way: run, in order, once it is there */
  const deferred = useRef<(() => void)[]>([]);
  const autoLoadFailed = useRef(false);

  const commit = (next: ListState) => {
    store.current = withCursor(next);
    setState(store.current);
  };
  /** our own requests under way: the server's counts lag behind the screen's until they are done */
  const inFlight = useRef(0);
  const settleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const setCounts = (next: Counts | null | undefined) => {
    if (!next || inFlight.current > 0) return;
    countsNow.current = next;
    setCountsState(next);
    onCounts?.(next);
  };

  const load = async (keepCursor: boolean) => {
    const gen = ++generation.current;
    if (!keepCursor) {
      commit(EMPTY);
      handled.current = new Set();
      // Another site's counts must never show under this site's tabs, even for a moment.
      countsNow.current = null;
      setCountsState(null);
      setStatus("loading");
    }
    try {
      const shown = store.current.items.length;
      const { data } = await source.first(Math.min(100, Math.max(PAGE, keepCursor ? shown : 0)));
      if (gen !== generation.current) return;
      commit({ ...EMPTY, items: data.items, nextCursor: data.nextCursor, cursor: keepCursor ? store.current.cursor : null });
      setCounts(data.counts);
      setStatus("ready");
      autoLoadFailed.current = false;
    } catch (err) {
      if (gen !== generation.current) return;
      setLoadError(describeFailure(t, err));
      setStatus("error");
      onFailure(err);
    }
  };

  useEffect(() => {
    void load(false);
  }, [source.key]);
  // A list no longer shown (another site or queue mounts its own) drops the answers still on the
  // way: a slow answer for the site just left must not reach the next one's tabs.
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  const refresh = async () => {
    if (status !== "ready") return;
    const gen = generation.current;
    const { data, changed } = await source.first(Math.min(100, Math.max(PAGE, store.current.items.length)));
    if (gen !== generation.current || !changed) return;
    const before = new Set([...store.current.items, ...store.current.incoming].map((i) => i.comment.id));
    commit(mergeRefresh(store.current, source.queue, data, handled.current));
    setCounts(data.counts);
    const arrived = [...store.current.items, ...store.current.incoming].filter((i) => !before.has(i.comment.id)).length;
    if (arrived) announce(t.newItems(arrived));
  };
  usePoll(refresh, status === "ready", source.key);

  const loadMore = async (auto = false) => {
    const cursor = store.current.nextCursor;
    if (!cursor || loadingMoreNow.current) return;
    loadingMoreNow.current = true;
    setLoadingMore(true);
    const gen = generation.current;
    try {
      const res = await source.page(cursor, PAGE);
      if (gen !== generation.current) return;
      const { state: next, added } = appendPage(store.current, res, handled.current);
      if (!auto && added) {
        // "Load more" by hand: the keyboard goes on with the first new item.
        commit({ ...next, cursor: next.items[next.items.length - added]!.comment.id });
        focusWanted.current = true;
      } else commit(next);
      setCounts(res.counts);
      autoLoadFailed.current = false;
      if (!auto) announce(t.loadedMore(added));
      const waiting = deferred.current;
      deferred.current = [];
      for (const run of waiting) run();
    } catch (err) {
      if (auto) autoLoadFailed.current = true;
      deferred.current = [];
      onFailure(err);
    } finally {
      loadingMoreNow.current = false;
      setLoadingMore(false);
    }
  };

  // Running short: fetch the next page before the moderator reaches the end.
  useEffect(() => {
    if (status !== "ready" || loadingMoreNow.current || autoLoadFailed.current || !state.nextCursor) return;
    if (liveItems(state).length < LOW_WATER) void loadMore(true);
  });

  useLayoutEffect(() => {
    if (!focusWanted.current) return;
    if (!state.items.length) {
      // Keep the wish only while a page that will fill the list is on its way.
      if (!state.nextCursor && !loadingMoreNow.current) focusWanted.current = false;
      return;
    }
    const el = state.cursor === null ? undefined : refs.current.get(state.cursor);
    if (!el) return;
    focusWanted.current = false;
    // A dialog or the person drawer opened meanwhile keeps its focus.
    if (document.querySelector("dialog[open]")) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
  });

  return {
    state,
    store,
    status,
    loadError,
    loadingMore,
    counts,
    setCounts,
    /** Changes the tab counts at once after our own action (the next refresh brings the server's). */
    adjustCounts: (change: (c: Counts) => Partial<Counts>) => {
      const c = countsNow.current;
      if (!c) return;
      const next = { ...c, ...change(c) };
      // Every count the API gives (the DSA queues' too), never below zero.
      countsNow.current = Object.fromEntries(Object.entries(next).map(([k, v]) => [k, Math.max(0, Number(v))])) as Counts;
      setCountsState(countsNow.current);
      onCounts?.(countsNow.current);
    },
    handled,
    /** Follows one of our requests; once none is left, a refresh brings the server's counts. */
    track: async <T>(request: Promise<T>): Promise<T> => {
      inFlight.current++;
      clearTimeout(settleTimer.current);
      try {
        return await request;
      } finally {
        if (--inFlight.current === 0) settleTimer.current = setTimeout(() => void refresh().catch(() => undefined), 300);
      }
    },
    reload: (keepCursor = true) => {
      focusWanted.current = keepCursor && Boolean(document.activeElement?.closest("ol.items"));
      return load(keepCursor);
    },
    refresh,
    loadMore: () => loadMore(false),
    /** Takes items out after our own action; the focus follows the cursor. */
    remove: (ids: number[]) => {
      for (const id of ids) handled.current.add(id);
      focusWanted.current = true;
      commit(removeItems(store.current, ids));
    },
    /** Puts items back after a failed action. */
    restore: (items: QueueItem[]) => {
      for (const i of items) handled.current.delete(i.comment.id);
      commit(restoreItems(store.current, source.queue, items));
    },
    update: (change: (item: QueueItem) => QueueItem) => commit({ ...store.current, items: store.current.items.map(change) }),
    showNew: () => {
      focusWanted.current = true;
      commit(showIncoming(store.current, source.queue));
    },
    /** Puts the focus back on the cursor's item once the screen has re-rendered. */
    focusSoon: () => {
      focusWanted.current = true;
      setState({ ...store.current });
    },
    setCursor: (id: number) => {
      if (store.current.cursor !== id) commit({ ...store.current, cursor: id });
    },
    /** Moves the cursor by `step` items (0: back onto the current one) and focuses it. */
    move: (step: number) => {
      const s = store.current;
      const index = s.items.findIndex((i) => i.comment.id === s.cursor);
      const target = s.items[Math.max(0, Math.min(s.items.length - 1, index + step))];
      if (!target) return;
      commit({ ...s, cursor: target.comment.id });
      const el = refs.current.get(target.comment.id);
      el?.focus({ preventScroll: true });
      el?.scrollIntoView({ block: "nearest" });
    },
    /** Runs `action` now, or once the next page is there when the list is empty while it loads. */
    whenReady: (action: () => void) => {
      if (liveItems(store.current).length || !(loadingMoreNow.current || store.current.nextCursor)) return action();
      deferred.current.push(action);
      if (!loadingMoreNow.current) void loadMore(true);
    },
    refFor: (id: number) => {
      let cb = refCallbacks.current.get(id);
      if (!cb) {
        cb = (el) => {
          if (el) refs.current.set(id, el);
          else refs.current.delete(id);
        };
        refCallbacks.current.set(id, cb);
      }
      return cb;
    },
  };
}

export type QueueModel = ReturnType<typeof useQueue>;
