// SQL for reply subscriptions (worker/services/notify): the readers' addresses, their subscribed
// comments, the single-use tokens of the mails' links, and the pending notifications.
import { typed, type Typed } from "./typed";

export type AddressStatus = "pending" | "active" | "stopped";
export type NotifyKind = "reply" | "staff-reply" | "featured";
export type TokenKind = "confirm" | "unsubscribe";

export interface AddressRow {
  id: number;
  site_id: string;
  commenter_id: number;
  email: string;
  status: AddressStatus;
  locale: "fr" | "en";
  on_reply: number;
  on_staff_reply: number;
  on_featured: number;
}

export interface TokenRow {
  hash: string;
  site_id: string;
  address_id: number;
  kind: TokenKind;
  expires_at: number;
  used_at: number | null;
}

const ADDRESS_COLUMNS = "id, site_id, commenter_id, email, status, locale, on_reply, on_staff_reply, on_featured";

export function selectAddress(db: D1Database, a: { siteId: string; commenterId: number; email: string }): Typed<AddressRow> {
  return typed(
    db
      .prepare(`SELECT ${ADDRESS_COLUMNS} FROM notify_addresses WHERE site_id = ?1 AND commenter_id = ?2 AND email = ?3`)
      .bind(a.siteId, a.commenterId, a.email),
  );
}

export function selectAddressById(db: D1Database, id: number): Typed<AddressRow> {
  return typed(db.prepare(`SELECT ${ADDRESS_COLUMNS} FROM notify_addresses WHERE id = ?`).bind(id));
}

/** Subscribing an address already confirmed: the comment is added, nothing is mailed. */
export function insertSubscription(
  db: D1Database,
  s: { siteId: string; commentId: number; addressId: number; now: number },
): D1PreparedStatement {
  return db
    .prepare("INSERT OR IGNORE INTO reply_subscriptions (site_id, comment_id, address_id, created_at) VALUES (?1, ?2, ?3, ?4)")
    .bind(s.siteId, s.commentId, s.addressId, s.now);
}

// The address has had fewer than ?max confirmation mails since ?since, on any site: the guard of
// each statement of a pending subscription, all evaluated before the batch adds a token.
const UNDER_LIMIT = `(SELECT count(*) FROM notify_tokens t JOIN notify_addresses a ON a.id = t.address_id
   WHERE a.email = ?3 AND t.kind = 'confirm' AND t.created_at > ?6) < ?7`;

/**
 * A subscription awaiting confirmation, as three statements for one batch: the address (back to
 * pending if it was stopped), the comment's subscription, then the confirmation token, whose
 * RETURNING row says whether a mail is to be sent. Each is guarded by the flood limit, decided in
 * this batch, so that concurrent sign-ups cannot make Palabre mail an address more than `max`
 * times a day; past it, the batch writes nothing.
 */
export function insertPendingSubscription(
  db: D1Database,
  s: {
    siteId: string;
    commenterId: number;
    email: string;
    locale: "fr" | "en";
    commentId: number;
    tokenHash: string;
    expiresAt: number;
    now: number;
    since: number;
    max: number;
  },
): [D1PreparedStatement, D1PreparedStatement, Typed<{ address_id: number }>] {
  const args = [s.siteId, s.commenterId, s.email, s.locale, s.now, s.since, s.max] as const;
  const address = `(SELECT id FROM notify_addresses WHERE site_id = ?1 AND commenter_id = ?2 AND email = ?3)`;
  return [
    db
      .prepare(
        `INSERT INTO notify_addresses (site_id, commenter_id, email, locale, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE ${UNDER_LIMIT}
         ON CONFLICT (site_id, commenter_id, email) DO UPDATE SET
           status = CASE WHEN status = 'stopped' THEN 'pending' ELSE status END, locale = excluded.locale`,
      )
      .bind(...args),
    db
      .prepare(
        `INSERT OR IGNORE INTO reply_subscriptions (site_id, comment_id, address_id, created_at)
         SELECT ?1, ?8, ${address}, ?5 WHERE ${UNDER_LIMIT} AND ${address} IS NOT NULL`,
      )
      .bind(...args, s.commentId),
    typed(
      db
        .prepare(
          `INSERT INTO notify_tokens (hash, site_id, address_id, kind, created_at, expires_at)
           SELECT ?8, ?1, ${address}, 'confirm', ?5, ?9 WHERE ${UNDER_LIMIT} AND ${address} IS NOT NULL
           RETURNING address_id`,
        )
        .bind(...args, s.tokenHash, s.expiresAt),
    ),
  ];
}

export function selectToken(db: D1Database, siteId: string, hash: string, kind: TokenKind): Typed<TokenRow> {
  return typed(
    db
      .prepare("SELECT hash, site_id, address_id, kind, expires_at, used_at FROM notify_tokens WHERE hash = ? AND site_id = ? AND kind = ?")
      .bind(hash, siteId, kind),
  );
}

/** Uses a token once: the RETURNING row is there only for the one request that used it in time. */
export function useToken(db: D1Database, hash: string, now: number): D1PreparedStatement {
  return db
    .prepare("UPDATE notify_tokens SET used_at = ?2 WHERE hash = ?1 AND used_at IS NULL AND expires_at > ?2 RETURNING address_id")
    .bind(hash, now);
}

/** Right after useToken in the same batch: the address is confirmed only if the token was used now. */
export function confirmAddress(db: D1Database, hash: string, now: number): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE notify_addresses SET status = 'active', confirmed_at = ?2
       WHERE changes() = 1 AND id = (SELECT address_id FROM notify_tokens WHERE hash = ?1 AND used_at = ?2)`,
    )
    .bind(hash, now);
}

/** Right after useToken: every kind stopped, or the kinds the reader kept. */
export function setAddressChoices(
  db: D1Database,
  hash: string,
  now: number,
  c: { stop: boolean; reply: boolean; staffReply: boolean; featured: boolean },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE notify_addresses SET status = CASE WHEN ?3 THEN 'stopped' ELSE status END,
              on_reply = ?4, on_staff_reply = ?5, on_featured = ?6
       WHERE changes() = 1 AND id = (SELECT address_id FROM notify_tokens WHERE hash = ?1 AND used_at = ?2)`,
    )
    .bind(hash, now, c.stop ? 1 : 0, c.reply ? 1 : 0, c.staffReply ? 1 : 0, c.featured ? 1 : 0);
}

export function insertUnsubscribeToken(
  db: D1Database,
  t: { siteId: string; addressId: number; hash: string; now: number; expiresAt: number },
): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO notify_tokens (hash, site_id, address_id, kind, created_at, expires_at) VALUES (?1, ?2, ?3, 'unsubscribe', ?4, ?5)",
    )
    .bind(t.hash, t.siteId, t.addressId, t.now, t.expiresAt);
}

// A confirmed address, with the kind turned on, that is not the event's author.
const WANTS = `a.status = 'active' AND a.commenter_id <> e.author_id AND CASE ?3
   WHEN 'reply' THEN a.on_reply WHEN 'staff-reply' THEN a.on_staff_reply ELSE a.on_featured END = 1`;

// The notifications of the replies `e` the condition `which` names (?4…: its values).
function replyNotificationsSql(which: string): string {
  return `INSERT OR IGNORE INTO reply_notifications (site_id, address_id, comment_id, thread_id, kind, event_id, created_at)
         SELECT ?1, a.id, s.comment_id, coalesce(c.root_id, c.id), ?3, e.id, ?2
         FROM comments e
         JOIN commenters w ON w.id = e.author_id
         JOIN reply_subscriptions s ON s.comment_id = e.reply_to_id
         JOIN comments c ON c.id = s.comment_id
         JOIN notify_addresses a ON a.id = s.address_id
         WHERE ${which} AND e.site_id = ?1 AND e.status = 'published' AND e.deleted_at IS NULL AND c.deleted_at IS NULL
           AND (w.staff_id IS NOT NULL) = (?3 = 'staff-reply') AND ${WANTS}`;
}

/**
 * Pending notifications for published replies among `ids`: each reply is told to the addresses
 * subscribed to the comment it answers (reply_to_id), as a staff reply when a staff member wrote
 * it. One statement per kind (staff or not) so that each checks its own opt-out.
 */
export function insertReplyNotifications(db: D1Database, siteId: string, ids: number[], now: number): D1PreparedStatement[] {
  const list = ids.map(() => "?").join(", ");
  return (["reply", "staff-reply"] as const).map((kind) =>
    db.prepare(replyNotificationsSql(`e.id IN (${list})`)).bind(siteId, now, kind, ...ids),
  );
}

/**
 * The same for the comment the batch just inserted, placed anywhere after its insert: inside a D1
 * batch (one transaction) it has the highest id (as db/scores.ts finds it), so that a reply and
 * its notifications are one batch.
 */
export function insertReplyNotificationsOfNewest(db: D1Database, siteId: string, now: number): D1PreparedStatement[] {
  return (["reply", "staff-reply"] as const).map((kind) =>
    db.prepare(replyNotificationsSql("e.id = (SELECT max(id) FROM comments)")).bind(siteId, now, kind),
  );
}

/** A pending notification for a featured comment's subscribed addresses. */
export function insertFeaturedNotifications(db: D1Database, siteId: string, id: number, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO reply_notifications (site_id, address_id, comment_id, thread_id, kind, event_id, created_at)
       SELECT ?1, a.id, e.id, coalesce(e.root_id, e.id), ?3, e.id, ?2
       FROM comments e
       JOIN reply_subscriptions s ON s.comment_id = e.id
       JOIN notify_addresses a ON a.id = s.address_id
       WHERE e.id = ?4 AND e.site_id = ?1 AND e.status = 'published' AND e.featured_at IS NOT NULL
         AND a.status = 'active' AND a.on_featured = 1`,
    )
    .bind(siteId, now, "featured", id);
}

// The last mail of this address about this thread, if within the hour.
const MAILED_RECENTLY = `EXISTS (SELECT 1 FROM reply_notifications m
   WHERE m.address_id = n.address_id AND m.thread_id = n.thread_id AND m.mailed_at IS NOT NULL AND m.mailed_at > ?2)`;

/** Address and thread pairs with something to tell and no mail about that thread in the last hour. */
export function selectDueGroups(
  db: D1Database,
  now: number,
  windowMs: number,
  max: number,
): Typed<{ address_id: number; thread_id: number }> {
  return typed(
    db
      .prepare(
        `SELECT n.address_id, n.thread_id FROM reply_notifications n
       WHERE n.mailed_at IS NULL AND n.created_at <= ?1 AND NOT ${MAILED_RECENTLY}
       GROUP BY n.address_id, n.thread_id ORDER BY min(n.id) LIMIT ?3`,
      )
      .bind(now, now - windowMs, max),
  );
}

export interface ClaimedNotification {
  id: number;
  kind: NotifyKind;
  comment_id: number;
  event_id: number;
  author_name: string;
  body: string;
  story_url: string | null;
  story_title: string | null;
  story_key: string;
}

/**
 * Claims one group's notifications for a mail (mailed_at = now), unless another tick mailed this
 * thread within the hour; a kind the reader turned off since, or an address stopped, drops them.
 * What was claimed comes back with the event's author, text and story.
 */
export function claimGroup(
  db: D1Database,
  g: { addressId: number; threadId: number; now: number; windowMs: number },
): [D1PreparedStatement, D1PreparedStatement, Typed<ClaimedNotification>] {
  return [
    db
      .prepare(
        `DELETE FROM reply_notifications AS n WHERE n.address_id = ?1 AND n.thread_id = ?2 AND n.mailed_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM notify_addresses a WHERE a.id = n.address_id AND a.status = 'active' AND CASE n.kind
             WHEN 'reply' THEN a.on_reply WHEN 'staff-reply' THEN a.on_staff_reply ELSE a.on_featured END = 1)`,
      )
      .bind(g.addressId, g.threadId),
    db
      .prepare(
        `UPDATE reply_notifications AS n SET mailed_at = ?3
         WHERE n.address_id = ?1 AND n.thread_id = ?2 AND n.mailed_at IS NULL AND n.created_at <= ?3
           AND NOT EXISTS (SELECT 1 FROM reply_notifications m
             WHERE m.address_id = ?1 AND m.thread_id = ?2 AND m.mailed_at IS NOT NULL AND m.mailed_at > ?4)`,
      )
      .bind(g.addressId, g.threadId, g.now, g.now - g.windowMs),
    typed(
      db
        .prepare(
          `SELECT n.id, n.kind, n.comment_id, n.event_id, w.name AS author_name, e.body, st.url AS story_url,
                  st.title AS story_title, st.key AS story_key
           FROM reply_notifications n
           JOIN comments e ON e.id = n.event_id
           JOIN commenters w ON w.id = e.author_id
           JOIN stories st ON st.id = e.story_id
           WHERE n.address_id = ?1 AND n.thread_id = ?2 AND n.mailed_at = ?3
             AND e.status = 'published' AND e.deleted_at IS NULL
           ORDER BY n.id`,
        )
        .bind(g.addressId, g.threadId, g.now),
    ),
  ];
}

/** A mail that could not be queued: its notifications wait for the next tick. */
export function unclaim(db: D1Database, ids: number[]): D1PreparedStatement {
  return db.prepare(`UPDATE reply_notifications SET mailed_at = NULL WHERE id IN (${ids.map(() => "?").join(", ")})`).bind(...ids);
}
