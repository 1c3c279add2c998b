// What staff do to a queue's items, and what the screen shows meanwhile: approve, reject and "No
// answer needed" take the items out at once (put back if the request fails), so that fast typists
// never wait nor lose a key press; feature, ban, reply and story settings go through their dialog;
// answering goes through the inline box. Every action ends with the focus on the current item.
import { useState } from "preact/hooks";
import type { QueueItem, QueueName } from "../worker/schemas/admin-views";
import { api, ApiFailure, type BanDuration, type RejectDetails, type StoryChange } from "./api";
import type { DecisionOutcome } from "./dsa-dialogs";
import { dsa } from "./dsa-types";
import { describeFailure, useI18n } from "./i18n";
import type { QueueModel } from "./use-queue";

export type DialogState =
  | { kind: "reject"; items: QueueItem[] }
  | { kind: "feature" | "ban" | "reply" | "story"; item: QueueItem }
  | { kind: "decision"; item: QueueItem; outcome: DecisionOutcome }
  | { kind: "shortcuts" }
  | null;

/** Runs one request per site (a list may mix sites) and adds up the comments changed. */
async function perSite(items: QueueItem[], send: (site: string, ids: number[]) => Promise<{ updated: number[] }>) {
  const bySite = new Map<string, number[]>();
  for (const i of items) bySite.set(i.site.id, [...(bySite.get(i.site.id) ?? []), i.comment.id]);
  const results = await Promise.all([...bySite].map(([site, ids]) => send(site, ids)));
  return results.reduce((n, r) => n + r.updated.length, 0);
}

interface Options {
  queue: QueueName;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
}

export function useQueueActions(model: QueueModel, { queue, announce, onFailure }: Options) {
  const { t, short } = useI18n();
  const [dialog, setDialog] = useState<DialogState>(null);
  const [dialogBusy, setDialogBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [composerFor, setComposerFor] = useState<number | null>(null);
  const [composerBusy, setComposerBusy] = useState(false);
  const [composerError, setComposerError] = useState<string | null>(null);
  const [person, setPerson] = useState<QueueItem | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());

  const ids = (items: QueueItem[]) => items.map((i) => i.comment.id);
  const unselect = (gone: number[]) => setSelected((s) => new Set([...s].filter((id) => !gone.includes(id))));
  const sameItem = (a: QueueItem, b: QueueItem) => a.comment.id === b.comment.id;

  /** Takes items out now; if `send` fails they come back and the failure is said. */
  async function optimistic(
    items: QueueItem[],
    send: () => Promise<number>,
    counts: Parameters<QueueModel["adjustCounts"]>[0],
    done: (n: number) => string,
  ) {
    model.remove(ids(items));
    unselect(ids(items));
    model.adjustCounts(counts);
    try {
      const n = await model.track(send());
      announce(n ? done(n) : t.nothingChanged);
    } catch (err) {
      model.restore(items);
      model.adjustCounts((c) => {
        const undo = counts(c);
        return Object.fromEntries(Object.entries(undo).map(([k, v]) => [k, 2 * (c[k as keyof typeof c] ?? 0) - (v as number)]));
      });
      onFailure(err);
    }
  }

  const moderate = async (action: "approve" | "reject", items: QueueItem[], reason?: RejectDetails) => {
    // Approved comments leave the queues of what needs a decision; rejected ones leave all but Rejected.
    const leaves = action === "approve" ? ["pending", "reported", "rejected"].includes(queue) : queue !== "rejected";
    const done = action === "approve" ? t.approved : t.rejected;
    const send = () => perSite(items, (site, list) => api.moderate(site, action, list, reason));
    if (leaves) {
      const held = items.filter((i) => i.comment.status === "pending").length;
      const reported = items.filter((i) => i.comment.openReports > 0).length;
      const waiting = action === "reject" ? items.filter((i) => i.answer).length : 0;
      return optimistic(
        items,
        send,
        (c) => ({ pending: c.pending - held, reported: c.reported - reported, toAnswer: c.toAnswer - waiting }),
        done,
      );
    }
    try {
      const n = await send();
      // It stays in this queue with its new state; either way its reports are closed.
      const change = action === "approve" ? { status: "published" as const } : { status: "rejected" as const, featured: null };
      model.update((i) => (items.some((x) => sameItem(x, i)) ? { ...i, comment: { ...i.comment, ...change, openReports: 0 } } : i));
      setSelected(new Set());
      model.focusSoon();
      announce(n ? done(n) : t.nothingChanged);
    } catch (err) {
      onFailure(err);
    }
  };

  const dismiss = (items: QueueItem[]) =>
    optimistic(
      items,
      () => perSite(items, (site, list) => api.dismiss(site, list)),
      (c) => ({ toAnswer: c.toAnswer - items.length }),
      t.dismissedDone,
    );

  /** Runs a dialog's request; on failure the dialog stays open (with what was typed) and says why. */
  async function inDialog<T>(work: () => Promise<T>): Promise<T | undefined> {
    setDialogBusy(true);
    setDialogError(null);
    try {
      return await work();
    } catch (err) {
      setDialogError(describeFailure(t, err));
      if (err instanceof ApiFailure && err.status === 401) onFailure(err);
      return undefined;
    } finally {
      setDialogBusy(false);
    }
  }

  const closeDialog = () => {
    setDialog(null);
    setDialogError(null);
    model.focusSoon();
  };

  const feature = async (item: QueueItem, note: string | null) => {
    const res = await inDialog(() => api.feature(item.site.id, item.comment.id, note));
    if (!res) return;
    model.update((i) => (sameItem(i, item) ? { ...i, comment: { ...i.comment, featured: res.comment.featured } } : i));
    closeDialog();
    announce(item.comment.featured ? t.noteSaved : t.featuredDone);
  };

  const unfeature = async (item: QueueItem) => {
    const res = await inDialog(() => api.unfeature(item.site.id, item.comment.id));
    if (!res) return;
    if (queue === "featured") model.remove([item.comment.id]);
    else model.update((i) => (sameItem(i, item) ? { ...i, comment: { ...i.comment, featured: null } } : i));
    closeDialog();
    announce(t.unfeaturedDone);
  };

  const ban = async (item: QueueItem, duration: BanDuration | null, reason = "") => {
    const { id } = item.author;
    const site = item.site.id;
    const res = await inDialog(() => (duration ? api.ban(site, id, duration, reason) : api.unban(site, id)));
    if (!res) return;
    // Every item by this author shows the new state.
    model.update((i) => (i.author.id === id && i.site.id === site ? { ...i, author: res.author } : i));
    closeDialog();
    const a = res.author;
    announce(
      !duration
        ? t.unbannedDone(a.name)
        : a.bannedForever || !a.bannedUntil
          ? t.bannedDone(a.name)
          : t.suspendedDone(a.name, short.format(new Date(a.bannedUntil))),
    );
  };

  const reply = async (item: QueueItem, body: string) => {
    const res = await inDialog(() => api.reply(item.site.id, item.comment.id, body));
    if (!res) return;
    closeDialog();
    announce(t.repliedDone(res.site.name));
  };

  const updateStory = async (item: QueueItem, change: StoryChange) => {
    const key = item.story.key;
    const site = item.site.id;
    const res = await inDialog(() => api.updateStory(site, key, change));
    if (!res) return;
    // Every item on this story shows its new state.
    model.update((i) => (i.story.key === key && i.site.id === site ? { ...i, story: res.story } : i));
    closeDialog();
    announce(t.storyUpdated);
  };

  /** A legal notice or an appeal decided: the item leaves its queue once the API agrees (a refusal stays in the dialog). */
  const decide = async (item: QueueItem, outcome: DecisionOutcome, ground: string, explanation: string | null) => {
    const { notice, appeal } = dsa(item);
    const words = explanation ? { explanation } : {};
    const res = await inDialog<unknown>(() =>
      outcome === "remove" || outcome === "keep"
        ? api.decideNotice(item.site.id, notice!.id, { outcome, ...(outcome === "remove" && ground ? { ground } : {}), ...words })
        : api.decideAppeal(item.site.id, appeal!.id, { outcome, ...words }),
    );
    if (!res) return;
    setDialog(null);
    model.remove([item.comment.id]);
    const key = queue === "appeals" ? "appeals" : "notices";
    model.adjustCounts((c) => (key in c ? ({ [key]: (c as Record<string, number>)[key]! - 1 } as Partial<typeof c>) : {}));
    announce({ remove: t.noticeRemoved, keep: t.noticeKept, uphold: t.appealUpheld, reverse: t.appealReversed }[outcome]);
  };

  const closeComposer = () => {
    setComposerFor(null);
    setComposerError(null);
    model.focusSoon();
  };

  /** Publishes the inline answer: the item leaves To answer and the focus goes to the next one. */
  const answer = async (item: QueueItem, body: string) => {
    setComposerBusy(true);
    setComposerError(null);
    try {
      const res = await api.reply(item.site.id, item.comment.id, body);
      setComposerFor(null);
      model.remove([item.comment.id]);
      unselect([item.comment.id]);
      model.adjustCounts((c) => ({ toAnswer: c.toAnswer - 1 }));
      announce(t.repliedDone(res.site.name));
    } catch (err) {
      setComposerError(describeFailure(t, err));
      if (err instanceof ApiFailure && err.status === 401) onFailure(err);
    } finally {
      setComposerBusy(false);
    }
  };

  const openDialog = (next: Exclude<DialogState, null>) => {
    setDialogError(null);
    setDialog(next);
  };

  return {
    dialog,
    dialogBusy,
    dialogError,
    composerFor,
    composerBusy,
    composerError,
    person,
    selected,
    setSelected,
    openDialog,
    closeDialog,
    openComposer: (item: QueueItem) => {
      setComposerError(null);
      setComposerFor(item.comment.id);
    },
    closeComposer,
    openPerson: setPerson,
    closePerson: () => {
      setPerson(null);
      model.focusSoon();
    },
    moderate,
    dismiss,
    feature,
    unfeature,
    ban,
    reply,
    updateStory,
    answer,
    decide,
  };
}

export type QueueActions = ReturnType<typeof useQueueActions>;
