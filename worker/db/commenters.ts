// SQL for the commenters table: the site-scoped identity behind each comment.

/** A guest commenter, created with the comment that introduces them (same batch). */
export function insertGuestCommenter(db: D1Database, siteId: string, name: string, now: number): D1PreparedStatement {
  return db
    .prepare("INSERT INTO commenters (site_id, kind, name, comment_count, created_at) VALUES (?, 'guest', ?, 1, ?)")
    .bind(siteId, name, now);
}
