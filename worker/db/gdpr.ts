// SQL of a person's erasure (GDPR Art. 17): every statement of the one batch that erases a
// commenter of a site. Each is scoped by site and commenter, so a forged id touches nothing, and
// each condition (who replies to what) is read by the write itself. ?1 site, ?2 commenter, ?3 now.
// The order matters: what is found through a personal field (their network hashes, their email)
// is used before that field is wiped.
import { typed, type Typed } from "./typed";
import { recountAuthors } from "./commenters";
import { readerKey } from "./reactions";

/** Their comments' network hashes, and the email they were known by (commenters, notify_addresses). */
const THEIR_NETWORKS = "SELECT ip_hash FROM comments WHERE author_id = ?2 AND +site_id = ?1 AND ip_hash IS NOT NULL";
const THEIR_EMAILS = `SELECT lower(email) FROM commenters WHERE id = ?2 AND site_id = ?1 AND email IS NOT NULL
  UNION SELECT lower(email) FROM notify_addresses WHERE commenter_id = ?2 AND site_id = ?1`;
const THEIR_ADDRESSES = "SELECT id FROM notify_addresses WHERE commenter_id = ?2 AND site_id = ?1";
const THEIR_COMMENTS = "SELECT id FROM comments WHERE author_id = ?2 AND +site_id = ?1";

/**
 * Someone else's comment, shown or awaiting review, answers this one (a thread root: anywhere in
 * its thread; a reply: under it or answering it). Only other people's comments are looked at: the
 * person's own are being changed by the same statement.
 */
// Read through comments_thread (the thread's root), never a scan of the site's comments.
const OTHERS_REPLY = `EXISTS (SELECT 1 FROM comments r
   WHERE r.root_id = coalesce(comments.root_id, comments.id) AND r.status IN ('published', 'pending')
     AND r.author_id <> ?2 AND r.deleted_at IS NULL
     AND (comments.root_id IS NULL OR r.parent_id = comments.id OR r.reply_to_id = comments.id))`;

export function erasureStatements(
  db: D1Database,
  e: { siteId: string; commenterId: number; staffId: number | null; now: number; by: "staff" | "reader" },
): D1PreparedStatement[] {
  // Each statement is bound with as many values as its highest ?N (SQLite refuses extra ones).
  const bind = (sql: string, ...more: unknown[]) => {
    const highest = Math.max(...[...sql.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])));
    return db.prepare(sql).bind(...[e.siteId, e.commenterId, e.now, ...more].slice(0, highest));
  };
  const key = readerKey(e.commenterId);
  return [
    // The audit row first, while the commenter is still theirs to count (no name: it is erased);
    // only the first erasure writes one (50 clicks at once leave one row).
    bind(
      `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
       SELECT ?1, ?4, 'erase', 'commenter', CAST(id AS TEXT),
              json_object('by', ?5, 'comments', (SELECT count(*) FROM comments WHERE author_id = ?2 AND +site_id = ?1)), ?3
       FROM commenters WHERE id = ?2 AND site_id = ?1 AND erased_at IS NULL`,
      e.staffId,
      e.by,
    ),
    // Network hashes found through their comments, in rows that are not theirs to delete.
    bind(`UPDATE stories SET created_ip_hash = NULL WHERE site_id = ?1 AND created_ip_hash IN (${THEIR_NETWORKS})`),
    // A notice sent under their email, or under their name from their network, loses its sender;
    // one only from their network (maybe a neighbour's) keeps its sender, without the network.
    bind(`UPDATE notices SET name = NULL, email = NULL, ip_hash = NULL WHERE site_id = ?1 AND (lower(email) IN (${THEIR_EMAILS})
            OR (ip_hash IN (${THEIR_NETWORKS}) AND name = (SELECT name FROM commenters WHERE id = ?2 AND site_id = ?1)))`),
    bind(`UPDATE notices SET ip_hash = NULL WHERE site_id = ?1 AND ip_hash IN (${THEIR_NETWORKS})`),
    // Their bans that have ended go. A ban still running on their network or email stays until it
    // ends (GDPR Art. 17(3): keeping abuse out is the site's legitimate interest), or erasing
    // oneself would lift one's own ban; others' bans are not theirs to lift.
    bind("DELETE FROM reader_bans WHERE commenter_id = ?2 AND site_id = ?1 AND until <= ?3"),
    // Mails to them, and in others' mails their name (a reply notice quotes who replied).
    bind(`DELETE FROM outbox WHERE site_id = ?1 AND kind = 'mail' AND lower(recipient) IN (${THEIR_EMAILS})`),
    bind(
      `UPDATE outbox SET subject = replace(subject, n.name, '[…]'), body = replace(body, n.name, '[…]'),
              html = replace(html, n.name, '[…]')
       FROM (SELECT name FROM commenters WHERE id = ?2 AND site_id = ?1 AND length(name) >= 2) AS n
       WHERE outbox.site_id = ?1 AND (instr(outbox.body, n.name) > 0 OR instr(outbox.subject, n.name) > 0)`,
    ),
    bind(
      `UPDATE audit_log SET detail = replace(detail, n.name, '[…]')
       FROM (SELECT name FROM commenters WHERE id = ?2 AND site_id = ?1 AND length(name) >= 2) AS n
       WHERE audit_log.site_id = ?1 AND instr(audit_log.detail, n.name) > 0`,
    ),
    // Reply subscriptions and their mail addresses.
    bind(`DELETE FROM reply_notifications WHERE address_id IN (${THEIR_ADDRESSES})`),
    bind(`DELETE FROM reply_subscriptions WHERE address_id IN (${THEIR_ADDRESSES})`),
    bind(`DELETE FROM notify_tokens WHERE address_id IN (${THEIR_ADDRESSES})`),
    bind(`DELETE FROM notify_addresses WHERE commenter_id = ?2 AND site_id = ?1`),
    // Their likes go (the liked comments' counts follow); their reports stay counted, anonymous.
    bind(
      `UPDATE comments SET reaction_count = max(reaction_count - 1, 0)
       WHERE id IN (SELECT comment_id FROM reactions WHERE site_id = ?1 AND reader_key = ?4)`,
      key,
    ),
    bind("DELETE FROM reactions WHERE site_id = ?1 AND reader_key = ?4", key),
    bind(
      `UPDATE reports SET reporter_key = 'erased:' || id, network = NULL, note = NULL
       WHERE site_id = ?1 AND reporter_key = ?4`,
      key,
    ),
    // What was kept about their comments: old texts, retry keys, scores, appeals' words, notes.
    // (post_keys and appeals have no comment index: the site's rows are read, a day's keys and its appeals.)
    bind(`DELETE FROM comment_revisions WHERE +site_id = ?1 AND comment_id IN (${THEIR_COMMENTS})`),
    bind(`DELETE FROM post_keys WHERE site_id = ?1 AND comment_id IN (${THEIR_COMMENTS})`),
    bind(`DELETE FROM comment_scores WHERE +site_id = ?1 AND comment_id IN (${THEIR_COMMENTS})`),
    bind(`UPDATE appeals SET body = '' WHERE site_id = ?1 AND comment_id IN (${THEIR_COMMENTS})`),
    // Decisions on their comments are kept (DSA), but a moderator's words may have named them.
    bind(
      `UPDATE statements SET explanation = replace(explanation, n.name, '[…]')
       FROM (SELECT name FROM commenters WHERE id = ?2 AND site_id = ?1 AND length(name) >= 2) AS n
       WHERE +statements.site_id = ?1 AND statements.comment_id IN (${THEIR_COMMENTS}) AND instr(statements.explanation, n.name) > 0`,
    ),
    bind(
      `UPDATE appeals SET explanation = replace(explanation, n.name, '[…]')
       FROM (SELECT name FROM commenters WHERE id = ?2 AND site_id = ?1 AND length(name) >= 2) AS n
       WHERE appeals.site_id = ?1 AND appeals.comment_id IN (${THEIR_COMMENTS}) AND instr(appeals.explanation, n.name) > 0`,
    ),
    bind("DELETE FROM commenter_notes WHERE commenter_id = ?2 AND site_id = ?1"),
    bind("DELETE FROM identity_mints WHERE commenter_id = ?2 AND site_id = ?1"),
    bind("DELETE FROM erasure_requests WHERE commenter_id = ?2 AND site_id = ?1"),
    // Their comments: a placeholder when someone else answers it, else gone (status 'deleted').
    bind(
      `UPDATE comments SET body = '', body_hash = NULL, ip_hash = NULL, featured_at = NULL, featured_note = NULL,
              answer_status = NULL, deleted_at = coalesce(deleted_at, ?3), updated_at = ?3,
              status = CASE WHEN status IN ('published', 'pending') AND ${OTHERS_REPLY} THEN status ELSE 'deleted' END
       WHERE author_id = ?2 AND +site_id = ?1`,
    ),
    // The identity: no name, no SSO link, no email or avatar, no token (revoked), no ban reason.
    bind(
      `UPDATE commenters SET name = '', external_id = NULL, email = NULL, avatar_url = NULL, token_hash = NULL,
              ban_reason = NULL, erased_at = ?3,
              comment_count = (SELECT count(*) FROM comments c WHERE c.author_id = ?2 AND c.status <> 'deleted')
       WHERE id = ?2 AND site_id = ?1`,
    ),
    // Counters from the rows, in the same batch (a reply posted meanwhile is counted right).
    bind(
      `UPDATE stories SET version = version + 1, updated_at = ?3, comment_count =
         (SELECT count(*) FROM comments c WHERE c.story_id = stories.id AND c.status = 'published' AND c.deleted_at IS NULL)
       WHERE +site_id = ?1 AND id IN (SELECT story_id FROM comments WHERE author_id = ?2 AND +site_id = ?1)`,
    ),
    bind(
      `UPDATE comments SET reply_count =
         (SELECT count(*) FROM comments r WHERE r.root_id = comments.id AND r.status = 'published' AND r.deleted_at IS NULL)
       WHERE +site_id = ?1 AND id IN (SELECT root_id FROM comments WHERE author_id = ?2 AND +site_id = ?1 AND root_id IS NOT NULL)`,
    ),
    recountAuthors(db, e.siteId, [e.commenterId]),
  ];
}

// ---- a reader's erasure confirmed by mail ----

/** A mailed link's request, only under `max` requests of the reader in the last day (decided in the write). */
export function insertErasureRequest(
  db: D1Database,
  r: { hash: string; siteId: string; commenterId: number; now: number; ttlMs: number; max: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO erasure_requests (hash, site_id, commenter_id, created_at, expires_at)
       SELECT ?1, ?2, id, ?3, ?4 FROM commenters WHERE id = ?5 AND site_id = ?2 AND erased_at IS NULL
         AND (SELECT count(*) FROM erasure_requests e WHERE e.commenter_id = ?5 AND e.site_id = ?2 AND e.created_at > ?3 - 86400000) < ?6`,
    )
    .bind(r.hash, r.siteId, r.now, r.now + r.ttlMs, r.commenterId, r.max);
}

export interface ErasureRequestRow {
  commenter_id: number;
  expires_at: number;
  used_at: number | null;
}

export function selectErasureRequest(db: D1Database, siteId: string, hash: string): Typed<ErasureRequestRow> {
  return typed(
    db.prepare("SELECT commenter_id, expires_at, used_at FROM erasure_requests WHERE hash = ?1 AND site_id = ?2").bind(hash, siteId),
  );
}

/**
 * The bans of erased people that have ended since (kept while they ran: erasureStatements), for
 * the scheduled tick: the erased commenters (commenters_erased, a partial index of the few) and
 * their bans (reader_bans_commenter).
 */
export function purgeEndedBansOfErased(db: D1Database, now: number): D1PreparedStatement {
  return db
    .prepare(
      `DELETE FROM reader_bans WHERE until <= ?1
         AND commenter_id IN (SELECT id FROM commenters WHERE erased_at IS NOT NULL)`,
    )
    .bind(now);
}
