// SQL for posts' idempotency keys: which comment a key's first try stored, so that a retry gets it back.
import { typed, type Typed } from "./typed";

export interface PostKeyRow {
  comment_id: number;
  request_hash: string;
}

export function selectPostKey(db: D1Database, siteId: string, keyHash: string): Typed<PostKeyRow> {
  return typed(db.prepare("SELECT comment_id, request_hash FROM post_keys WHERE site_id = ? AND key_hash = ?").bind(siteId, keyHash));
}

/**
 * The key of the comment inserted by the statement just before it in the same batch
 * (last_insert_rowid). A second try racing the first fails here on the primary key (or earlier, on
 * the new guest's token, which comes from the same key), and its whole batch with it: it then reads
 * what the first stored.
 */
export function insertPostKeyForLastComment(
  db: D1Database,
  k: { siteId: string; keyHash: string; requestHash: string; now: number },
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO post_keys (site_id, key_hash, request_hash, comment_id, created_at) VALUES (?, ?, ?, last_insert_rowid(), ?)")
    .bind(k.siteId, k.keyHash, k.requestHash, k.now);
}

/** Keys older than `before` no longer protect anything: a client retries within seconds, not days. */
/** The id of the comment a post key was stored with, as an SQL fragment for a later statement of the same batch. */
export function postKeyCommentSql(siteId: string, keyHash: string): { sql: string; params: unknown[] } {
  return { sql: "SELECT comment_id FROM post_keys WHERE site_id = ?1 AND key_hash = ?2", params: [siteId, keyHash] };
}

export function forgetPostKeys(db: D1Database, siteId: string, before: number): D1PreparedStatement {
  return db.prepare("DELETE FROM post_keys WHERE site_id = ? AND created_at < ?").bind(siteId, before);
}
