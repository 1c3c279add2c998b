// SQL over the comments table for the moderation pipeline's flood and duplicate rules: how much an
// author or an IP posted in a window, and when the same text was last posted.

/**
 * Flood facts for one author (the commenter behind a token hash): how many comments since `since`,
 * and when the `nth` newest of them was posted (null when there are fewer), which says when the
 * author may post again. Range scans of comments_author_recent.
 */
export function selectAuthorWindow(
  db: D1Database,
  q: { siteId: string; tokenHash: string; since: number; nth: number; excludeId?: number },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT count(*) AS n,
              (SELECT created_at FROM comments
               WHERE author_id = (SELECT id FROM commenters WHERE site_id = ?1 AND token_hash = ?2) AND created_at > ?3
                 AND +id <> ?5
               ORDER BY created_at DESC LIMIT 1 OFFSET ?4) AS nth_at
       FROM comments
       WHERE author_id = (SELECT id FROM commenters WHERE site_id = ?1 AND token_hash = ?2) AND created_at > ?3
         AND +id <> ?5`,
    )
    .bind(q.siteId, q.tokenHash, q.since, Math.max(q.nth - 1, 0), q.excludeId ?? 0);
}

/** The same flood facts for one IP hash on a site: range scans of comments_ip_recent. */
export function selectIpWindow(
  db: D1Database,
  q: { siteId: string; ipHash: string; since: number; nth: number; excludeId?: number },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT count(*) AS n,
              (SELECT created_at FROM comments WHERE site_id = ?1 AND ip_hash = ?2 AND created_at > ?3 AND +id <> ?5
               ORDER BY created_at DESC LIMIT 1 OFFSET ?4) AS nth_at
       FROM comments WHERE site_id = ?1 AND ip_hash = ?2 AND created_at > ?3 AND +id <> ?5`,
    )
    .bind(q.siteId, q.ipHash, q.since, Math.max(q.nth - 1, 0), q.excludeId ?? 0);
}

export interface WindowRow {
  n: number;
  nth_at: number | null;
}

/**
 * When the author last posted this very text (same body hash) since `since`, or null: a range
 * scan of comments_author_recent over the window, the hash checked on each row.
 */
export function selectLastDuplicate(
  db: D1Database,
  q: { siteId: string; tokenHash: string; bodyHash: string; since: number; excludeId?: number },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT max(created_at) AS at FROM comments
       WHERE author_id = (SELECT id FROM commenters WHERE site_id = ?1 AND token_hash = ?2)
         AND created_at > ?3 AND +body_hash = ?4 AND +id <> ?5`,
    )
    .bind(q.siteId, q.tokenHash, q.since, q.bodyHash, q.excludeId ?? 0);
}
