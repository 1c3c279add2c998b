// A live queue's list, for one site or for all of them: "Show N new", the selection and its bulk
// actions, the items with their roving focus, "Load more", and the keyboard shortcuts
// (j/k or arrows, a r f b s x n c p ?) that act on the item under the cursor.
import { useEffect, useRef } from "preact/hooks";
import type { QueueItem, QueueName, StaffSiteView } from "../worker/schemas/admin-views";
import { AnswerComposer } from "./answer-composer";
import { isDsaQueue } from "./dsa-types";
import { useI18n } from "./i18n";
import { LoadFailed, LoadMore } from "./list-parts";
import { QueueDialogs } from "./queue-dialogs";
import { allowed, QueueItemView, type ItemAction } from "./queue-item";
import { useQueueActions } from "./use-queue-actions";
import { useQueue, type Counts, type QueueSource } from "./use-queue";

interface Props {
  /** where the items come from; render the list with `key={source.key}` so that each queue starts afresh */
  source: QueueSource;
  queue: QueueName;
  /** the list mixes sites: each item names its own */
  showSite: boolean;
  sites: StaffSiteView[];
  staffName: string;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
  onCounts?: (counts: Counts) => void;
}

/** True when a key press is meant for a field, not for the shortcuts. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
}

const BULK: ItemAction[] = ["approve", "reject", "dismiss"];

export function QueueList({ source, queue, showSite, sites, staffName, announce, onFailure, onCounts }: Props) {
  const { t } = useI18n();
  const model = useQueue(source, { announce, onFailure, onCounts });
  const a = useQueueActions(model, { queue, announce, onFailure });
  const { state, status } = model;
  const listRef = useRef<HTMLOListElement>(null);
  const live = state.items.filter((i) => !state.gone.has(i.comment.id));

  const toggle = (id: number) =>
    a.setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  /** An action on the item under the cursor (or `given`); approve, reject and dismiss apply to the selection when there is one. */
  const act = (action: ItemAction, given?: QueueItem) => {
    const s = model.store.current;
    if (BULK.includes(action) && a.selected.size > 0 && !isDsaQueue(queue)) {
      const targets = s.items.filter((i) => a.selected.has(i.comment.id) && !s.gone.has(i.comment.id) && allowed(i, queue)[action]);
      if (!targets.length) return;
      if (action === "approve") void a.moderate("approve", targets);
      else if (action === "reject") a.openDialog({ kind: "reject", items: targets });
      else void a.dismiss(targets);
      return;
    }
    const run = () => {
      const now = model.store.current;
      const item = given ?? now.items.find((i) => i.comment.id === now.cursor);
      if (!item || now.gone.has(item.comment.id) || !allowed(item, queue)[action]) return;
      model.setCursor(item.comment.id);
      switch (action) {
        case "approve":
          if (queue === "notices" || queue === "appeals")
            return a.openDialog({ kind: "decision", item, outcome: queue === "notices" ? "keep" : "reverse" });
          return void a.moderate("approve", [item]);
        case "reject":
          if (queue === "notices" || queue === "appeals")
            return a.openDialog({ kind: "decision", item, outcome: queue === "notices" ? "remove" : "uphold" });
          return a.openDialog({ kind: "reject", items: [item] });
        case "dismiss":
          return void a.dismiss([item]);
        case "reply":
          return queue === "to-answer" ? a.openComposer(item) : a.openDialog({ kind: "reply", item });
        case "person":
          return a.openPerson(item);
        default:
          return a.openDialog({ kind: action, item });
      }
    };
    // A key pressed while the list is empty and its next page on the way acts on that page's first item.
    if (given) run();
    else model.whenReady(run);
  };

  // The latest handler, so that the document listener is installed once.
  const onKey = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKey.current = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (a.dialog || a.person || document.querySelector("dialog[open]") || typing(e.target)) return;
    if (status !== "ready") return;
    const inList = Boolean(listRef.current?.contains(document.activeElement));
    const keys: Record<string, () => void> = {
      // From outside the list, j and k first bring the focus back to the current item.
      j: () => model.move(inList ? 1 : 0),
      k: () => model.move(inList ? -1 : 0),
      a: () => act("approve"),
      r: () => act("reject"),
      f: () => act("feature"),
      b: () => act("ban"),
      s: () => act("story"),
      n: () => act("dismiss"),
      c: () => act("reply"),
      p: () => act("person"),
      x: () => {
        const s = model.store.current;
        if (s.cursor !== null && !s.gone.has(s.cursor)) toggle(s.cursor);
      },
      "?": () => a.openDialog({ kind: "shortcuts" }),
    };
    // The arrows move only within the list: elsewhere they scroll the page as usual.
    if (inList) Object.assign(keys, { ArrowDown: keys.j, ArrowUp: keys.k });
    const handler = keys[e.key];
    if (!handler) return;
    e.preventDefault();
    handler();
  };

  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  // Notices and appeals are decided one by one, each with its own words: no selection there.
  const selectable = isDsaQueue(queue) ? [] : live.filter((i) => allowed(i).approve || allowed(i).reject || allowed(i).dismiss);
  const allSelected = selectable.length > 0 && selectable.every((i) => a.selected.has(i.comment.id));
  const can = (action: ItemAction) => live.some((i) => a.selected.has(i.comment.id) && allowed(i, queue)[action]);
  const waitingForPage = state.items.length === 0 && (model.loadingMore || state.nextCursor !== null);

  return (
    <>
      {state.incoming.length > 0 && (
        <p class="live-news">
          <button type="button" class="primary" onClick={model.showNew}>
            {t.showNew(state.incoming.length)}
          </button>
        </p>
      )}

      {status === "ready" && selectable.length > 0 && (
        // biome-ignore lint/a11y/useSemanticElements: a labelled group of controls laid out as a div; a fieldset would bring its border, padding and legend layout for the same group role
        <div class={a.selected.size ? "bulk active" : "bulk"} role="group" aria-label={t.selection}>
          <label class="choice">
            <input
              type="checkbox"
              checked={allSelected}
              ref={(el) => {
                if (el) el.indeterminate = a.selected.size > 0 && !allSelected;
              }}
              onChange={() => a.setSelected(allSelected ? new Set() : new Set(selectable.map((i) => i.comment.id)))}
            />{" "}
            {a.selected.size ? t.selectedCount(a.selected.size) : t.selectAll}
          </label>
          {a.selected.size > 0 && (
            <>
              {can("approve") && (
                <button type="button" class="approve" onClick={() => act("approve")}>
                  {t.approveSelected}
                </button>
              )}
              {can("reject") && (
                <button type="button" class="reject" onClick={() => act("reject")}>
                  {t.rejectSelected}
                </button>
              )}
              {can("dismiss") && (
                <button type="button" onClick={() => act("dismiss")}>
                  {t.dismissButton}
                </button>
              )}
              <button type="button" class="link-button" onClick={() => a.setSelected(new Set())}>
                {t.clearSelection}
              </button>
            </>
          )}
        </div>
      )}

      {(status === "loading" || (status === "ready" && waitingForPage)) && <p class="muted">{t.loading}</p>}
      {status === "error" && <LoadFailed message={model.loadError} onRetry={() => void model.reload(false)} />}
      {status === "ready" && state.items.length === 0 && !waitingForPage && <p class="empty">{t.queueEmpty[queue]}</p>}
      {status === "ready" && state.items.length > 0 && (
        <ol class="items" ref={listRef} aria-label={t.commentsList(t.queues[queue])}>
          {state.items.map((item) => (
            <li key={item.comment.id}>
              <QueueItemView
                item={item}
                queue={queue}
                focused={item.comment.id === state.cursor}
                selected={a.selected.has(item.comment.id)}
                busy={false}
                gone={state.gone.has(item.comment.id)}
                showSite={showSite}
                itemRef={model.refFor(item.comment.id)}
                onFocus={() => model.setCursor(item.comment.id)}
                onToggle={() => toggle(item.comment.id)}
                onAction={(action) => act(action, item)}
                composer={
                  a.composerFor === item.comment.id ? (
                    <AnswerComposer
                      item={item}
                      staffName={staffName}
                      busy={a.composerBusy}
                      error={a.composerError}
                      onSend={(body) => void a.answer(item, body)}
                      onClose={a.closeComposer}
                      announce={announce}
                    />
                  ) : undefined
                }
              />
            </li>
          ))}
        </ol>
      )}
      {status === "ready" && state.nextCursor && state.items.length > 0 && (
        <LoadMore loading={model.loadingMore} onLoad={() => void model.loadMore()} />
      )}

      <QueueDialogs actions={a} model={model} sites={sites} staffName={staffName} announce={announce} onFailure={onFailure} />
    </>
  );
}
