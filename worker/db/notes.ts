// SQL for moderators' notes on a person (commenter_notes): seen by the site's staff only.
import { typed, type Typed } from "./typed";

export interface NoteRow {
  id: number;
  staff_id: number;
  staff_name: string;
  body: string;
  created_at: number;
}

/**
 * A note on a commenter of the site, written only when the commenter is the site's (checked by
 * the write itself); the new row comes back (RETURNING).
 */
export function insertNote(
  db: D1Database,
  n: { siteId: string; commenterId: number; staffId: number; body: string; now: number },
): Typed<Omit<NoteRow, "staff_name">> {
  return typed(
    db
      .prepare(
        `INSERT INTO commenter_notes (site_id, commenter_id, staff_id, body, created_at)
       SELECT site_id, id, ?3, ?4, ?5 FROM commenters WHERE id = ?1 AND site_id = ?2
       RETURNING id, staff_id, body, created_at`,
      )
      .bind(n.commenterId, n.siteId, n.staffId, n.body, n.now),
  );
}

/** A person's latest notes, newest first: one range scan of commenter_notes_commenter. */
export function selectNotes(db: D1Database, q: { siteId: string; commenterId: number; rows: number }): Typed<NoteRow> {
  return typed(
    db
      .prepare(
        `SELECT n.id, n.staff_id, s.name AS staff_name, n.body, n.created_at
       FROM commenter_notes n JOIN staff s ON s.id = n.staff_id
       WHERE n.commenter_id = ?1 AND n.site_id = ?2
       ORDER BY n.id DESC LIMIT ?3`,
      )
      .bind(q.commenterId, q.siteId, q.rows),
  );
}
