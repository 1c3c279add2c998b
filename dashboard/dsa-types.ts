// The trust-and-safety parts of a queue item as the dashboard reads them (a legal notice, an appeal
// and its statement, the automatic score), and the two queues that decide them; no DOM here.
import type { QueueItem, QueueName } from "../worker/schemas/admin-views";
import type { StaffAppealView, StatementView } from "../worker/schemas/dsa-views";

/** A notice of illegal content as the Legal notices queue lists it (email: staff only). */
export interface NoticeInfo {
  id: number;
  reference: string;
  ground: string;
  explanation: string;
  name: string | null;
  email: string | null;
  createdAt: string;
  ageSeconds: number;
}

/** The automatic score of a comment: 0 (harmless) to 100, the provider's labels. */
export interface ScoreInfo {
  value: number;
  labels: string[];
  provider: string;
}

/** The trust-and-safety parts of a queue item, whichever of them the API sends. */
export type DsaFields = {
  notice?: NoticeInfo;
  /** further open notices on the same comment (the list shows one item per comment) */
  otherNotices?: NoticeInfo[];
  appeal?: StaffAppealView;
  statement?: StatementView;
  score?: ScoreInfo | null;
};

export const dsa = (item: QueueItem) => item as QueueItem & DsaFields;

export const isDsaQueue = (queue: QueueName | string): queue is "notices" | "appeals" => queue === "notices" || queue === "appeals";

/**
 * One item per comment in Legal notices: further open notices on the same comment (decided with
 * the first) ride along in `otherNotices` instead of repeating the comment. A new object: the
 * answer may be a cached one a 304 gives back again.
 */
export function groupNotices<T extends { items: QueueItem[] }>(page: T): T {
  const byComment = new Map<number, QueueItem & DsaFields>();
  for (const item of page.items.map(dsa)) {
    const first = byComment.get(item.comment.id);
    if (!first) byComment.set(item.comment.id, { ...item, otherNotices: [] });
    else if (item.notice) first.otherNotices = [...(first.otherNotices ?? []), item.notice];
  }
  return { ...page, items: [...byComment.values()] };
}
