// SQL for reactions ("J'apprécie" / "Like"): one row per reader per comment, at most a handful
// per network on one comment (guests), and the comment's count recomputed from those rows in the
// same batch, so concurrent toggles stay exact. Every statement of a like's batch finds its reader
// by token hash (a guest's, an SSO reader's derived one, or the identity minted in the batch).
import { typed, type Typed } from "./typed";
import { mintAllowed } from "./identities";

/** At most this many guest likes on one comment from one network (keyed IP hash). */
export const LIKES_PER_NETWORK = 3;

/** reactions.reader_key: the reader is a commenter (guest or SSO). */
export function readerKey(commenterId: number): string {
  return `c:${commenterId}`;
}

/**
 * `sql` (rows of comments, with their `id`) with a `reacted` column: 1 when the reader holding
 * the token hash bound at `token` (a parameter such as "?7") reacted to the comment, found in the
 * same statement (one lookup of the reactions key per row) so that a reader's page needs no
 * second round trip. `site` is the site's parameter; `order` the order of the rows, which the
 * wrapping query does not promise to keep by itself (none: the caller sorts them).
 */
export function withReacted(sql: string, p: { site: string; token: string; order?: string }): string {
  // 'c:' || id is readerKey(id), spelled in SQL from the stored integer
  return `SELECT n.*, EXISTS (SELECT 1 FROM reactions r WHERE r.comment_id = n.id
            AND r.reader_key = 'c:' || (SELECT id FROM commenters WHERE token_hash = ${p.token} AND site_id = ${p.site})) AS reacted
          FROM (${sql}) AS n${p.order ? ` ORDER BY ${p.order}` : ""}`;
}

/** A row of a read that takes withReacted when given a reader (`reacted` 1 or 0), and is read as it is (no `reacted`) otherwise. */
export type MaybeReacted<R> = R & { reacted?: number };

// Parameters shared by a like's statements: ?1 site, ?2 comment, ?3 network (NULL for a reader
// signed in through the site: not capped per network), ?4 the reader's token hash, ?5 now,
// ?6 the start of the identity mints' window, ?7 1 when the like mints its reader.
const KEY = "('c:' || (SELECT id FROM commenters WHERE token_hash = ?4 AND site_id = ?1))";
const REACTABLE = `EXISTS (SELECT 1 FROM comments WHERE id = ?2 AND site_id = ?1 AND status = 'published' AND deleted_at IS NULL)`;
// A reader who already likes it keeps their like (a repeated PUT is not one more).
const NETWORK_HAS_ROOM = `(?3 IS NULL OR EXISTS (SELECT 1 FROM reactions WHERE comment_id = ?2 AND reader_key = ${KEY})
  OR (SELECT count(*) FROM reactions WHERE comment_id = ?2 AND network = ?3) < ${LIKES_PER_NETWORK})`;

export interface LikeParams {
  siteId: string;
  commentId: number;
  network: string | null;
  tokenHash: string;
  now: number;
  /** the reader has no identity yet: one is minted in the batch (after the guard) */
  minting: boolean;
  mintWindowStart: number;
  mintMax: number;
}

/** The like's guard (person_guards): the comment can be liked, the network may mint, the network has room. */
export function insertLikeGuard(db: D1Database, p: LikeParams): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO person_guards (target_ok, mint_ok, network_ok)
       SELECT ${REACTABLE}, CASE WHEN ?7 = 1 THEN ${mintAllowed("?3", "?6", p.mintMax)} END, ${NETWORK_HAS_ROOM}`,
    )
    .bind(p.siteId, p.commentId, p.network, p.tokenHash, p.now, p.mintWindowStart, p.minting ? 1 : 0);
}

/** The reader's like (idempotent: a second one is ignored), after its guard. */
export function insertReaction(db: D1Database, p: LikeParams): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO reactions (comment_id, site_id, reader_key, created_at, network)
       SELECT ?2, ?1, 'c:' || id, ?5, ?3 FROM commenters WHERE token_hash = ?4 AND site_id = ?1`,
    )
    .bind(p.siteId, p.commentId, p.network, p.tokenHash, p.now);
}

export function deleteReaction(db: D1Database, r: { siteId: string; commentId: number; tokenHash: string }): D1PreparedStatement {
  return db
    .prepare(
      `DELETE FROM reactions WHERE comment_id = ?2 AND site_id = ?1
         AND reader_key = ('c:' || (SELECT id FROM commenters WHERE token_hash = ?3 AND site_id = ?1))`,
    )
    .bind(r.siteId, r.commentId, r.tokenHash);
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
export function selectReactionCount(db: D1Database, siteId: string, commentId: number): Typed<{ reactions: number }> {
  return typed(db.prepare("SELECT reaction_count AS reactions FROM comments WHERE id = ? AND site_id = ?").bind(commentId, siteId));
}
