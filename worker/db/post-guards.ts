// SQL for the post's guard (table post_guards, migration 0009): the rules that limit posting
// (bans, flood per author and per network, duplicates) answered by the first statement of the
// post's own batch, from the rows as that batch sees them. D1 runs batches one at a time, each as
// one transaction: a rule that says no fails its named CHECK, and the whole batch is rolled back.
import { COVERING_BANS } from "./reader-bans";

/** The guard's constraints, as SQLite names them in the error of a batch that a rule refused. */
export type GuardName = "banned" | "flood_author" | "flood_ip" | "duplicate" | "story";

const GUARD_ERROR = /CHECK constraint failed: guard_(banned|flood_author|flood_ip|duplicate|story)\b/;

/** Which rule refused the batch, or null when it failed for another reason. */
export function failedGuard(err: unknown): GuardName | null {
  const message = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? "")}` : String(err);
  return (GUARD_ERROR.exec(message)?.[1] as GuardName | undefined) ?? null;
}

export interface GuardQuery {
  siteId: string;
  /** the poster's token hash; null for a new guest */
  tokenHash: string | null;
  now: number;
  /** the network a guest's ban may cover (null: not checked) */
  banNetwork: string | null;
  /** the poster's email in lower case (null: none) */
  email: string | null;
  /** the poster's network for the flood rule (null: the IP is unknown) */
  ipHash: string | null;
  floodSince: number;
  maxPerAuthor: number;
  maxPerIp: number;
  duplicateSince: number;
  bodyHash: string;
}

// ?1..?5 as COVERING_BANS reads them. The author is the commenter holding the token (none for a
// new guest, whose windows are empty). A maximum of 0 turns a flood rule off, as in moderation/flood.
const AUTHOR = "(SELECT id FROM commenters WHERE site_id = ?1 AND token_hash = ?2)";
const GUARD_SQL = `
  INSERT INTO post_guards (id, ban_ok, author_ok, ip_ok, dup_ok)
  SELECT 1,
    NOT EXISTS (SELECT 1 FROM commenters WHERE site_id = ?1 AND token_hash = ?2 AND banned_until > ?3)
      AND NOT EXISTS (${COVERING_BANS}),
    ?8 <= 0 OR (SELECT count(*) FROM comments WHERE author_id = ${AUTHOR} AND created_at > ?7) < ?8,
    ?9 <= 0 OR ?6 IS NULL OR (SELECT count(*) FROM comments WHERE site_id = ?1 AND ip_hash = ?6 AND created_at > ?7) < ?9,
    NOT EXISTS (SELECT 1 FROM comments WHERE author_id = ${AUTHOR} AND created_at > ?10 AND +body_hash = ?11)`;

/** The first statement of a post's batch (before any insert: later ones read last_insert_rowid()). */
export function insertPostGuard(db: D1Database, q: GuardQuery): D1PreparedStatement {
  return db
    .prepare(GUARD_SQL)
    .bind(
      q.siteId,
      q.tokenHash,
      q.now,
      q.banNetwork,
      q.email,
      q.ipHash,
      q.floodSince,
      q.maxPerAuthor,
      q.maxPerIp,
      q.duplicateSince,
      q.bodyHash,
    );
}

/**
 * Right after the story's insert (which a network over its story creations is refused): the
 * story must exist, or the batch stops here, before the comment's insert would fail less clearly.
 */
export function checkPostStory(db: D1Database, siteId: string, storyKey: string): D1PreparedStatement {
  return db
    .prepare("UPDATE post_guards SET story_ok = EXISTS (SELECT 1 FROM stories WHERE site_id = ?1 AND key = ?2) WHERE id = 1")
    .bind(siteId, storyKey);
}

/** The last statement of the batch: the guard's row goes with it, so the table stays empty. */
export function deletePostGuard(db: D1Database): D1PreparedStatement {
  return db.prepare("DELETE FROM post_guards WHERE id = 1");
}
