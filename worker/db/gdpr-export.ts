// SQL of a person's export (GDPR Art. 15 and 20): everything Palabre holds on one commenter of a
// site, as one batch of reads scoped by site and commenter. Hashes (token, network, body) are not
// read: they are not data the person could use, and handing them out would let anyone holding an
// export link other rows to them. ?1 site, ?2 commenter.
import { typed, type Typed } from "./typed";

export interface PersonIdentityRow {
  id: number;
  kind: "guest" | "sso";
  name: string;
  external_id: string | null;
  email: string | null;
  avatar_url: string | null;
  created_at: number;
  comment_count: number;
  banned_until: number | null;
  ban_reason: string | null;
  premoderate: number;
  staff_id: number | null;
  erased_at: number | null;
  has_token: number;
  networks: number;
}

const THEIR_COMMENTS = "SELECT id FROM comments WHERE author_id = ?2 AND +site_id = ?1";
const THEIR_ADDRESSES = "SELECT id FROM notify_addresses WHERE commenter_id = ?2 AND site_id = ?1";

/** The rows the export copies as they are (each section's columns, named as stored). */
export type ExportRow = Record<string, unknown>;

export function personExportReads(db: D1Database, siteId: string, commenterId: number): [Typed<PersonIdentityRow>, ...Typed<ExportRow>[]] {
  const q = (sql: string) => typed<ExportRow>(db.prepare(sql).bind(siteId, commenterId));
  const key = `c:${commenterId}`;
  return [
    typed(
      db
        .prepare(
          `SELECT id, kind, name, external_id, email, avatar_url, created_at, comment_count, banned_until, ban_reason,
                  premoderate, staff_id, erased_at, token_hash IS NOT NULL AS has_token,
                  (SELECT count(DISTINCT ip_hash) FROM comments WHERE author_id = ?2 AND +site_id = ?1 AND ip_hash IS NOT NULL)
                  + (SELECT count(*) FROM identity_mints WHERE commenter_id = ?2 AND site_id = ?1) AS networks
           FROM commenters WHERE id = ?2 AND site_id = ?1`,
        )
        .bind(siteId, commenterId),
    ),
    q(`SELECT c.id, s.key AS story_key, s.url AS story_url, s.title AS story_title, c.parent_id, c.reply_to_id, c.body,
              c.status, c.reasons, c.created_at, c.updated_at, c.edited_at, c.deleted_at, c.featured_at, c.featured_note,
              c.reaction_count, c.report_count
       FROM comments c JOIN stories s ON s.id = c.story_id WHERE c.author_id = ?2 AND +c.site_id = ?1 ORDER BY c.id`),
    q(`SELECT comment_id, revision, body, written_at, replaced_at FROM comment_revisions
       WHERE +site_id = ?1 AND comment_id IN (${THEIR_COMMENTS}) ORDER BY comment_id, revision`),
    typed(
      db
        .prepare("SELECT comment_id, created_at FROM reactions WHERE site_id = ?1 AND reader_key = ?2 ORDER BY created_at")
        .bind(siteId, key),
    ),
    typed(
      db
        .prepare("SELECT comment_id, reason, note, created_at FROM reports WHERE site_id = ?1 AND reporter_key = ?2 ORDER BY id")
        .bind(siteId, key),
    ),
    q(`SELECT id, email, status, locale, on_reply, on_staff_reply, on_featured, created_at, confirmed_at
       FROM notify_addresses WHERE commenter_id = ?2 AND site_id = ?1 ORDER BY id`),
    q(`SELECT address_id, comment_id, created_at FROM reply_subscriptions
       WHERE +site_id = ?1 AND address_id IN (${THEIR_ADDRESSES}) ORDER BY id`),
    q(`SELECT id, comment_id, decision, source, facts, automated_detection, automated_decision, ground_kind, ground,
              ground_label, explanation, contest_until, created_at
       FROM statements WHERE +site_id = ?1 AND comment_id IN (${THEIR_COMMENTS}) ORDER BY id`),
    q(`SELECT id, comment_id, statement_id, body, status, explanation, decided_at, created_at
       FROM appeals WHERE site_id = ?1 AND comment_id IN (${THEIR_COMMENTS}) ORDER BY id`),
    q(`SELECT kind, until, reason, created_at FROM reader_bans WHERE commenter_id = ?2 AND site_id = ?1 ORDER BY id`),
    q("SELECT body, created_at FROM commenter_notes WHERE commenter_id = ?2 AND site_id = ?1 ORDER BY id"),
  ];
}
