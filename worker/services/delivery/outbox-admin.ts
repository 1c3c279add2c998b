// The outbox as staff read it (moderators and admins: it holds readers' addresses, so it is never
// on a reader endpoint), and an admin's retry of a failed delivery, audited.
import { batchOf } from "../../db/typed";
import { countFailed, requeueFailed, selectOutbox, type OutboxRow } from "../../db/outbox";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { homeName } from "../../lib/databases";
import type { Env } from "../../env";
import { decodeCursor, encodeCursor, type CursorKind } from "../../lib/cursor";
import { ApiError } from "../../lib/errors";
import type { OutboxItemView, OutboxResponse } from "../../schemas/alert-views";
import type { OutboxQuery } from "../../schemas/outbox";

// Not yet in lib/cursor.ts's CursorKind (owned elsewhere): the format is the same, and a cursor of
// another listing is refused all the same.
const CURSOR: CursorKind = "outbox";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A mail's links act for its recipient: an invitation's sets the invitee's password, an erasure
 * link erases a reader, a subscription link confirms or unsubscribes them. Staff read the outbox
 * to see what went out, not to act for the recipient: a moderator could otherwise accept an
 * admin's invitation, or an admin take over the account of an email they invited. The secret in
 * each link is hidden; the rest of the mail is shown as sent.
 */
export function hideLinkSecrets(body: string): string {
  return body.replace(/([?&]token=)[^&\s"'<>]+/g, "$1[…]").replace(/(#\/invitation\/)[A-Za-z0-9_-]+/g, "$1[…]");
}

export function toOutboxItem(row: OutboxRow): OutboxItemView {
  const waiting = row.status === "queued" || row.status === "retrying";
  return {
    id: row.id,
    kind: row.kind,
    topic: row.topic,
    to: row.recipient,
    subject: row.subject,
    body: row.kind === "mail" ? hideLinkSecrets(row.body) : row.body,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: iso(row.created_at)!,
    sentAt: iso(row.sent_at),
    nextAttemptAt: waiting ? iso(row.next_attempt_at) : null,
    via: row.via,
  };
}

export async function listOutbox(db: D1Database, site: SiteRecord, q: OutboxQuery): Promise<OutboxResponse> {
  const beforeId = q.cursor ? decodeCursor(q.cursor, CURSOR) : Number.MAX_SAFE_INTEGER;
  const [page, failed] = await batchOf(db, [
    selectOutbox(db, { siteId: site.id, kind: q.kind ?? null, status: q.status ?? null, beforeId, limit: q.limit + 1 }),
    countFailed(db, site.id),
  ]);
  const rows = page.results;
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toOutboxItem),
    nextCursor: rows.length > q.limit && last ? encodeCursor(CURSOR, last.id) : null,
    failedCount: failed.results[0]!.n,
  };
}

/**
 * Puts a failed delivery of the site back in the queue with a fresh count of tries; the change
 * and its audit row are one batch, written only if the row is the site's and failed.
 */
export async function retryDelivery(
  env: Env,
  site: SiteRecord,
  staff: StaffRow,
  id: number,
  now: number,
): Promise<{ item: OutboxItemView }> {
  const [updated] = await batchOf(env.DB, requeueFailed(env.DB, { siteId: site.id, staffId: staff.id, id, now }));
  const row = updated.results[0];
  if (!row) throw new ApiError(404, "delivery_not_found", `This site has no failed delivery with the id ${id}.`);
  try {
    await env.DELIVERIES.send({ id: row.id, db: homeName(env) });
  } catch (err) {
    // Queued all the same: the scheduled sweep sends it.
    console.error("DELIVERIES.send failed on a retry; left for the sweep", row.id, err);
  }
  return { item: toOutboxItem(row) };
}
