// SQL for reactions ("J'apprécie" / "Like"): one row per reader per comment, and the comment's
// count recomputed from those rows in the same batch, so concurrent toggles stay exact.

// The comments a reader may react to: published and not a deleted comment's placeholder.
const REACTABLE = `EXISTS (SELECT 1 FROM comments WHERE id = ?1 AND site_id = ?2 AND status = 'published' AND deleted_at IS NULL)`;

/** reactions.reader_key: the reader is a commenter (guest or SSO). */
export function readerKey(commenterId: number): string {
  return `c:${commenterId}`;
}

/**
 * The reader's reaction (idempotent: a second one is ignored). The reader is the commenter
 * `commenterId`, or, when null, the guest inserted just before in the same batch.
 */
export function insertReaction(
  db: D1Database,
  r: { siteId: string; commentId: number; commenterId: number | null; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO reactions (comment_id, site_id, reader_key, created_at)
       SELECT ?1, ?2, coalesce(?3, 'c:' || last_insert_rowid()), ?4 WHERE ${REACTABLE}`,
    )
    // the key spelled here, not in SQL: D1 binds numbers as REAL, which SQLite would write "c:5.0"
    .bind(r.commentId, r.siteId, r.commenterId !== null ? readerKey(r.commenterId) : null, r.now);
}

export function deleteReaction(
  db: D1Database,
  r: { siteId: string; commentId: number; commenterId: number },
): D1PreparedStatement {
  return db
    .prepare("DELETE FROM reactions WHERE comment_id = ?1 AND reader_key = ?2 AND site_id = ?3")
    .bind(r.commentId, readerKey(r.commenterId), r.siteId);
}

/**
 * After the insert or delete: the story's version moves on only when the count is about to
 * change, then the count is taken from the rows (never read, incremented and written back).
 */
export function recountReactions(db: D1Database, siteId: string, commentId: number): D1PreparedStatement[] {
  const fresh = "(SELECT count(*) FROM reactions WHERE comment_id = ?1)";
  return [
    db
      .prepare(
        `UPDATE stories SET version = version + 1
         WHERE id = (SELECT story_id FROM comments WHERE id = ?1 AND site_id = ?2)
           AND (SELECT reaction_count FROM comments WHERE id = ?1) <> ${fresh}`,
      )
      .bind(commentId, siteId),
    db.prepare(`UPDATE comments SET reaction_count = ${fresh} WHERE id = ?1 AND site_id = ?2`).bind(commentId, siteId),
  ];
}

/** The comment's count, read after the write in the same batch. */
export function selectReactionCount(db: D1Database, siteId: string, commentId: number): D1PreparedStatement {
  return db
    .prepare("SELECT reaction_count AS reactions FROM comments WHERE id = ? AND site_id = ?")
    .bind(commentId, siteId);
}
