// SQL for what a ban or suspension covers besides its commenter (reader_bans): the networks a
// guest's comments came from, and the email a reader signed in through the site was known by.
import { typed, type Typed } from "./typed";

/** How many of the commenter's latest comments say which networks a ban covers. */
const NETWORKS_FROM_LATEST = 20;

/**
 * The bans covering a post, as one SELECT (ban end and reason), for the facts and the post's guard.
 * ?1 site, ?2 the poster's token hash (null: a new guest), ?3 now, ?4 the network to check (null:
 * none: an SSO reader, an unknown IP, or the site's banCoversNetwork off), ?5 the poster's email in
 * lower case (null: none). A network ban spares the guests who were commenters before it: a
 * neighbour on the same office or phone network who already took part keeps posting, while a
 * token made after the ban (the banned guest dropping theirs) is refused.
 */
export const COVERING_BANS = `
  SELECT b.until, b.reason FROM reader_bans b
  WHERE b.site_id = ?1 AND b.until > ?3 AND (
    (b.kind = 'network' AND b.value = ?4
      AND NOT EXISTS (SELECT 1 FROM commenters c WHERE c.site_id = ?1 AND c.token_hash = ?2 AND c.created_at < b.created_at))
    OR (b.kind = 'email' AND b.value = ?5))`;

export interface CoveringBanRow {
  until: number;
  reason: string;
}

/** The longest ban covering this post, or no row. */
export function selectCoveringBan(
  db: D1Database,
  q: { siteId: string; tokenHash: string | null; now: number; network: string | null; email: string | null },
): Typed<CoveringBanRow> {
  return typed(
    db
      .prepare(`SELECT until, reason FROM (${COVERING_BANS}) ORDER BY until DESC LIMIT 1`)
      .bind(q.siteId, q.tokenHash, q.now, q.network, q.email),
  );
}

/**
 * A new ban or suspension of this commenter replaces what their earlier one covered: their
 * networks (a guest's, when the site's setting says so; never the unknown IP's hash, which all
 * posts without an IP share) and their email (a reader signed in through the site). Staff
 * commenters are never banned, so none of this is written for them. Statements for the ban's batch.
 */
export function replaceReaderBans(
  db: D1Database,
  b: { siteId: string; commenterId: number; until: number; reason: string; coverNetwork: boolean; unknownIpHash: string; now: number },
): D1PreparedStatement[] {
  return [
    liftReaderBans(db, b.siteId, b.commenterId),
    db
      .prepare(
        `INSERT INTO reader_bans (site_id, commenter_id, kind, value, until, reason, created_at)
         SELECT DISTINCT ?1, ?2, 'network', ip_hash, ?3, ?4, ?5 FROM (
           SELECT ip_hash FROM comments WHERE author_id = ?2 AND site_id = ?1 ORDER BY id DESC LIMIT ?6)
         WHERE ?7 AND ip_hash IS NOT NULL AND ip_hash <> ?8
           AND EXISTS (SELECT 1 FROM commenters WHERE id = ?2 AND site_id = ?1 AND kind = 'guest' AND staff_id IS NULL)`,
      )
      .bind(b.siteId, b.commenterId, b.until, b.reason, b.now, NETWORKS_FROM_LATEST, b.coverNetwork ? 1 : 0, b.unknownIpHash),
    db
      .prepare(
        `INSERT INTO reader_bans (site_id, commenter_id, kind, value, until, reason, created_at)
         SELECT site_id, id, 'email', lower(email), ?3, ?4, ?5 FROM commenters
         WHERE id = ?2 AND site_id = ?1 AND staff_id IS NULL AND email IS NOT NULL AND email <> ''`,
      )
      .bind(b.siteId, b.commenterId, b.until, b.reason, b.now),
  ];
}

export function liftReaderBans(db: D1Database, siteId: string, commenterId: number): D1PreparedStatement {
  return db.prepare("DELETE FROM reader_bans WHERE commenter_id = ? AND site_id = ?").bind(commenterId, siteId);
}

/** What a ban covers, for staff answers and tests: the networks and emails, by kind. */
export function selectReaderBansOf(db: D1Database, siteId: string, commenterId: number): D1PreparedStatement {
  return db
    .prepare("SELECT kind, value, until FROM reader_bans WHERE commenter_id = ? AND site_id = ? ORDER BY kind, value")
    .bind(commenterId, siteId);
}
