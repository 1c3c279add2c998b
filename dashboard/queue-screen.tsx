// The moderation queues of one site: tabs with counts, the items, selection and bulk actions, the
// keyboard shortcuts (j/k a r f b s x ?) and the dialogs that complete an action.
import { useEffect, useRef, useState } from "preact/hooks";
import type { QueueItem, QueueName, QueueResponse, RejectReason, StaffSiteView } from "../worker/schemas/admin-views";
import { api, ApiFailure, type BanDuration, type StoryChange } from "./api";
import { BanDialog, FeatureDialog, RejectDialog, ReplyDialog, ShortcutsDialog, StoryDialog } from "./dialogs";
import { describeFailure, useI18n } from "./i18n";
import { LoadFailed, LoadMore } from "./list-parts";
import { allowed, QueueItemView, type ItemAction } from "./queue-item";

export const QUEUES: QueueName[] = ["pending", "reported", "recent", "rejected", "featured"];

const PAGE = 20;

type DialogState =
  | { kind: "reject"; ids: number[] }
  | { kind: "feature"; item: QueueItem }
  | { kind: "ban"; item: QueueItem }
  | { kind: "reply"; item: QueueItem }
  | { kind: "story"; item: QueueItem }
  | { kind: "shortcuts" }
  | null;

interface Props {
  site: StaffSiteView;
  staffName: string;
  queue: QueueName;
  onQueue: (queue: QueueName) => void;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
}

/** True when a key press is meant for a field, not for the shortcuts. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
}

export function QueueScreen({ site, staffName, queue, onQueue, announce, onFailure }: Props) {
  const { t, short } = useI18n();
  const [items, setItems] = useState<QueueItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<QueueResponse["counts"] | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [focus, setFocus] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<DialogState>(null);
  const [busy, setBusy] = useState(false);
  /** why the reply or story dialog's request failed, shown in the dialog (which stays open) */
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  const refs = useRef(new Map<number, HTMLElement>());
  /** an index to move focus to once the list has re-rendered (after an item left, or more loaded) */
  const focusAfterRender = useRef<number | null>(null);
  const tabRefs = useRef(new Map<QueueName, HTMLButtonElement>());

  // Another site's counts must never show under this site's tabs, even for a moment.
  useEffect(() => setCounts(null), [site.id]);

  useEffect(() => {
    let current = true;
    setStatus("loading");
    setItems([]);
    setSelected(new Set());
    setFocus(0);
    setDialog(null);
    api
      .queue(site.id, queue, { limit: PAGE })
      .then((res) => {
        if (!current) return;
        setItems(res.items);
        setNextCursor(res.nextCursor);
        setCounts(res.counts);
        setStatus("ready");
      })
      .catch((err) => {
        if (!current) return;
        setLoadError(describeFailure(t, err));
        setStatus("error");
        onFailure(err);
      });
    return () => {
      current = false;
    };
  }, [site.id, queue, reload]);

  useEffect(() => {
    const index = focusAfterRender.current;
    if (index === null) return;
    focusAfterRender.current = null;
    const item = items[Math.min(index, items.length - 1)];
    if (item) refs.current.get(item.comment.id)?.focus();
  });

  const focusItem = (index: number) => {
    const item = items[index];
    if (!item) return;
    setFocus(index);
    const el = refs.current.get(item.comment.id);
    el?.focus();
    el?.scrollIntoView({ block: "nearest" });
  };

  const refreshCounts = () => {
    api.queue(site.id, queue, { limit: 1 }).then(
      (res) => setCounts(res.counts),
      () => undefined, // the counts stay as they were; the next load corrects them
    );
  };

  /** Takes items out of the list (they left this queue) and keeps the focus at the same place. */
  const removeItems = (ids: number[]) => {
    const gone = new Set(ids);
    const focusedId = items[focus]?.comment.id;
    const remaining = items.filter((i) => !gone.has(i.comment.id));
    const before = items.slice(0, focus).filter((i) => !gone.has(i.comment.id)).length;
    const nextFocus = focusedId !== undefined && !gone.has(focusedId) ? before : Math.min(before, remaining.length - 1);
    setItems(remaining);
    setSelected((s) => new Set([...s].filter((id) => !gone.has(id))));
    setFocus(Math.max(0, nextFocus));
    focusAfterRender.current = Math.max(0, nextFocus);
  };

  const updateItems = (change: (item: QueueItem) => QueueItem) => setItems((list) => list.map(change));

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    try {
      return await work();
    } catch (err) {
      onFailure(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  const moderate = async (action: "approve" | "reject", ids: number[], reason?: RejectReason) => {
    const res = await run(() => api.moderate(site.id, action, ids, reason));
    if (!res) return;
    setDialog(null);
    // Approved comments leave every queue but Recent and Featured; rejected ones leave all but Rejected.
    const leaves = action === "approve" ? queue !== "recent" && queue !== "featured" : queue !== "rejected";
    if (leaves) removeItems(ids);
    else {
      // Either way its reports are closed; a rejected comment also leaves the selection.
      const change = action === "approve" ? { status: "published" as const } : { status: "rejected" as const, featured: null };
      updateItems((i) =>
        ids.includes(i.comment.id) ? { ...i, comment: { ...i.comment, ...change, openReports: 0 } } : i,
      );
      setSelected(new Set());
      focusAfterRender.current = focus;
    }
    announce(res.updated.length ? (action === "approve" ? t.approved : t.rejected)(res.updated.length) : t.nothingChanged);
    refreshCounts();
  };

  const feature = async (item: QueueItem, note: string | null) => {
    const res = await run(() => api.feature(site.id, item.comment.id, note));
    if (!res) return;
    setDialog(null);
    updateItems((i) =>
      i.comment.id === item.comment.id ? { ...i, comment: { ...i.comment, featured: res.comment.featured } } : i,
    );
    focusAfterRender.current = focus;
    announce(item.comment.featured ? t.noteSaved : t.featuredDone);
  };

  const unfeature = async (item: QueueItem) => {
    const res = await run(() => api.unfeature(site.id, item.comment.id));
    if (!res) return;
    setDialog(null);
    if (queue === "featured") removeItems([item.comment.id]);
    else {
      updateItems((i) => (i.comment.id === item.comment.id ? { ...i, comment: { ...i.comment, featured: null } } : i));
      focusAfterRender.current = focus;
    }
    announce(t.unfeaturedDone);
  };

  const ban = async (item: QueueItem, duration: BanDuration | null, reason = "") => {
    const authorId = item.author.id;
    const res = await run(() => (duration ? api.ban(site.id, authorId, duration, reason) : api.unban(site.id, authorId)));
    if (!res) return;
    setDialog(null);
    // Every item by this author shows the new state.
    updateItems((i) => (i.author.id === authorId ? { ...i, author: res.author } : i));
    focusAfterRender.current = focus;
    const a = res.author;
    announce(
      !duration
        ? t.unbannedDone(a.name)
        : a.bannedForever || !a.bannedUntil
          ? t.bannedDone(a.name)
          : t.suspendedDone(a.name, short.format(new Date(a.bannedUntil))),
    );
  };

  /** Runs a dialog's request; on failure the dialog stays open (with what was typed) and says why. */
  async function inDialog<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setDialogError(null);
    try {
      return await work();
    } catch (err) {
      setDialogError(describeFailure(t, err));
      if (err instanceof ApiFailure && err.code === "unauthenticated") onFailure(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  const reply = async (item: QueueItem, body: string) => {
    const res = await inDialog(() => api.reply(site.id, item.comment.id, body));
    if (!res) return;
    setDialog(null);
    focusAfterRender.current = focus;
    announce(t.repliedDone(res.site.name));
  };

  const updateStory = async (item: QueueItem, change: StoryChange) => {
    const key = item.story.key;
    const res = await inDialog(() => api.updateStory(site.id, key, change));
    if (!res) return;
    setDialog(null);
    // Every item on this story shows its new state.
    updateItems((i) => (i.story.key === key ? { ...i, story: res.story } : i));
    focusAfterRender.current = focus;
    announce(t.storyUpdated);
  };

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const res = await api.queue(site.id, queue, { cursor: nextCursor, limit: PAGE });
      const known = new Set(items.map((i) => i.comment.id));
      const fresh = res.items.filter((i) => !known.has(i.comment.id));
      setItems([...items, ...fresh]);
      setNextCursor(res.nextCursor);
      setCounts(res.counts);
      if (fresh.length) {
        setFocus(items.length);
        focusAfterRender.current = items.length;
      }
      announce(t.loadedMore(fresh.length));
    } catch (err) {
      onFailure(err);
    } finally {
      setLoadingMore(false);
    }
  };

  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  /** An action on the focused item; approve and reject apply to the selection when there is one. */
  const act = (action: ItemAction, item: QueueItem | undefined = items[focus]) => {
    if (busy) return;
    if ((action === "approve" || action === "reject") && selected.size > 0) {
      const ids = items.filter((i) => selected.has(i.comment.id) && allowed(i)[action]).map((i) => i.comment.id);
      if (!ids.length) return;
      if (action === "approve") void moderate("approve", ids);
      else setDialog({ kind: "reject", ids });
      return;
    }
    if (!item || !allowed(item)[action]) return;
    const index = items.indexOf(item);
    if (index >= 0) setFocus(index);
    switch (action) {
      case "approve":
        return void moderate("approve", [item.comment.id]);
      case "reject":
        return setDialog({ kind: "reject", ids: [item.comment.id] });
      case "feature":
        return setDialog({ kind: "feature", item });
      case "ban":
        return setDialog({ kind: "ban", item });
      case "reply":
      case "story":
        setDialogError(null);
        return setDialog({ kind: action, item });
    }
  };

  // The latest handler, so that the document listener is installed once.
  const onKey = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKey.current = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (dialog || document.querySelector("dialog[open]") || typing(e.target)) return;
    if (status !== "ready") return;
    const keys: Record<string, () => void> = {
      j: () => focusItem(document.activeElement && inList() ? Math.min(focus + 1, items.length - 1) : focus),
      k: () => focusItem(document.activeElement && inList() ? Math.max(focus - 1, 0) : focus),
      a: () => act("approve"),
      r: () => act("reject"),
      f: () => act("feature"),
      b: () => act("ban"),
      s: () => act("story"),
      x: () => {
        const item = items[focus];
        if (item) toggle(item.comment.id);
      },
      "?": () => setDialog({ kind: "shortcuts" }),
    };
    const handler = keys[e.key];
    if (!handler) return;
    e.preventDefault();
    handler();
  };
  const listRef = useRef<HTMLOListElement>(null);
  const inList = () => Boolean(listRef.current?.contains(document.activeElement));

  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    const to = step
      ? QUEUES[(index + step + QUEUES.length) % QUEUES.length]!
      : e.key === "Home"
        ? QUEUES[0]!
        : e.key === "End"
          ? QUEUES[QUEUES.length - 1]!
          : null;
    if (!to) return;
    e.preventDefault();
    onQueue(to);
    tabRefs.current.get(to)?.focus();
  };

  const selectable = items.filter((i) => allowed(i).approve || allowed(i).reject);
  const allSelected = selectable.length > 0 && selectable.every((i) => selected.has(i.comment.id));
  const bulkApprove = items.some((i) => selected.has(i.comment.id) && allowed(i).approve);
  const bulkReject = items.some((i) => selected.has(i.comment.id) && allowed(i).reject);
  const panelId = "queue-panel";

  return (
    <>
      <div class="screen-head">
        <h1>{t.queuesHeading(site.name)}</h1>
        <button type="button" class="link-button with-key" onClick={() => setDialog({ kind: "shortcuts" })}>
          <span>{t.shortcutsButton}</span> <kbd>?</kbd>
        </button>
      </div>

      <div role="tablist" aria-label={t.queueTabs} class="tabs">
        {QUEUES.map((q, index) => {
          const count = q === "pending" || q === "reported" ? counts?.[q] : undefined;
          return (
            <button
              key={q}
              ref={(el) => {
                if (el) tabRefs.current.set(q, el);
              }}
              type="button"
              role="tab"
              id={`tab-${q}`}
              aria-selected={q === queue}
              aria-controls={panelId}
              tabIndex={q === queue ? 0 : -1}
              class="tab"
              onClick={() => onQueue(q)}
              onKeyDown={(e) => onTabKey(e, index)}
            >
              {t.queues[q]}
              {count !== undefined && (
                <span class={count ? "count" : "count zero"} aria-label={`(${t.waitingCount(count)})`}>
                  {count}
                </span>
              )}
            </button>
          );
        })}
      </div>

      <section role="tabpanel" id={panelId} aria-labelledby={`tab-${queue}`} class="panel">
        <p class="help">{t.queueHelp[queue]}</p>

        {status === "ready" && selectable.length > 0 && (
          <div class={selected.size ? "bulk active" : "bulk"} role="group" aria-label={t.selection}>
            <label class="choice">
              <input
                type="checkbox"
                checked={allSelected}
                ref={(el) => {
                  if (el) el.indeterminate = selected.size > 0 && !allSelected;
                }}
                onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((i) => i.comment.id)))}
              />{" "}
              {selected.size ? t.selectedCount(selected.size) : t.selectAll}
            </label>
            {selected.size > 0 && (
              <>
                {bulkApprove && (
                  <button type="button" class="approve" disabled={busy} onClick={() => act("approve")}>
                    {t.approveSelected}
                  </button>
                )}
                {bulkReject && (
                  <button type="button" class="reject" disabled={busy} onClick={() => act("reject")}>
                    {t.rejectSelected}
                  </button>
                )}
                <button type="button" class="link-button" onClick={() => setSelected(new Set())}>
                  {t.clearSelection}
                </button>
              </>
            )}
          </div>
        )}

        {status === "loading" && <p class="muted">{t.loading}</p>}
        {status === "error" && (
          <LoadFailed message={loadError} onRetry={() => setReload((n) => n + 1)} />
        )}
        {status === "ready" && items.length === 0 && <p class="empty">{t.queueEmpty[queue]}</p>}
        {status === "ready" && items.length > 0 && (
          <ol class="items" ref={listRef} aria-label={t.commentsList(t.queues[queue])}>
            {items.map((item, index) => (
              <li key={item.comment.id}>
                <QueueItemView
                  item={item}
                  queue={queue}
                  focused={index === focus}
                  selected={selected.has(item.comment.id)}
                  busy={busy}
                  itemRef={(el: HTMLElement | null) => {
                    if (el) refs.current.set(item.comment.id, el);
                    else refs.current.delete(item.comment.id);
                  }}
                  onFocus={() => setFocus(index)}
                  onToggle={() => toggle(item.comment.id)}
                  onAction={(action) => act(action, item)}
                />
              </li>
            ))}
          </ol>
        )}
        {status === "ready" && nextCursor && <LoadMore loading={loadingMore} onLoad={loadMore} />}
      </section>

      {dialog?.kind === "reject" && (
        <RejectDialog
          count={dialog.ids.length}
          busy={busy}
          onConfirm={(reason) => void moderate("reject", dialog.ids, reason)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "feature" && (
        <FeatureDialog
          item={dialog.item}
          busy={busy}
          onFeature={(note) => void feature(dialog.item, note)}
          onUnfeature={() => void unfeature(dialog.item)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "ban" && (
        <BanDialog
          item={dialog.item}
          busy={busy}
          onBan={(duration, reason) => void ban(dialog.item, duration, reason)}
          onUnban={() => void ban(dialog.item, null)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "reply" && (
        <ReplyDialog
          item={dialog.item}
          site={site}
          staffName={staffName}
          busy={busy}
          error={dialogError}
          onSend={(body) => void reply(dialog.item, body)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "story" && (
        <StoryDialog
          story={dialog.item.story}
          busy={busy}
          error={dialogError}
          onSave={(change) => void updateStory(dialog.item, change)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "shortcuts" && <ShortcutsDialog onClose={() => setDialog(null)} />}
    </>
  );
}
