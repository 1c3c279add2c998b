// Recording what subscribers are to be told, called by the actions that cause it (a reply posted
// or approved, a staff reply, a featuring). A failure here is logged and never reaches the
// action: the comment is stored or the staff action done, whatever becomes of its notification.
import type { SiteRecord } from "../../db/sites";
import { insertFeaturedNotifications, insertReplyNotifications } from "../../db/subscriptions";

async function record(what: string, site: SiteRecord, statements: () => D1PreparedStatement[], db: D1Database): Promise<void> {
  if (!site.settings.replyNotifications) return;
  try {
    await db.batch(statements());
  } catch (err) {
    console.error(`reply notifications not recorded (${what})`, site.id, err);
  }
}

/** Published replies among `ids` (held or top-level ones are skipped by the query itself). */
export function noteReplies(db: D1Database, site: SiteRecord, ids: number[], now: number): Promise<void> {
  if (ids.length === 0) return Promise.resolve();
  // D1 binds at most 100 parameters per statement.
  const chunks = Array.from({ length: Math.ceil(ids.length / 90) }, (_, i) => ids.slice(i * 90, i * 90 + 90));
  return record("reply", site, () => chunks.flatMap((chunk) => insertReplyNotifications(db, site.id, chunk, now)), db);
}

/** A comment just featured. */
export function noteFeatured(db: D1Database, site: SiteRecord, id: number, now: number): Promise<void> {
  return record("featured", site, () => [insertFeaturedNotifications(db, site.id, id, now)], db);
}
