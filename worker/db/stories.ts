// SQL for the stories table. Stories are addressed by (site, key); ids stay internal.
import { typed, type Typed } from "./typed";
import type { StoryView } from "../schemas/views";

export interface StoryRow {
  id: number;
  key: string;
  url: string | null;
  title: string | null;
  status: "open" | "closed";
  comment_count: number;
  /** 1 = hold every comment, 0 = never, null = as the site says */
  premoderation: number | null;
  first_comment_at: number | null;
  /** moved on by every change readers could see (the thread's ETag) */
  version: number;
}

const STORY_COLUMNS = "id, key, url, title, status, comment_count, premoderation, first_comment_at, version";

/** `closed` overrides the stored status: a story also closes by itself (see moderation/story-closed). */
export function toStoryView(row: Omit<StoryRow, "version">, closed = row.status === "closed"): StoryView {
  return {
    key: row.key,
    url: row.url,
    title: row.title,
    status: closed ? "closed" : "open",
    commentCount: row.comment_count,
  };
}

export function selectStoryByKey(db: D1Database, siteId: string, key: string): Typed<StoryRow> {
  return typed(db.prepare(`SELECT ${STORY_COLUMNS} FROM stories WHERE site_id = ? AND key = ?`).bind(siteId, key));
}

export function selectStoryById(db: D1Database, siteId: string, id: number): Typed<StoryRow> {
  return typed(db.prepare(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = ? AND site_id = ?`).bind(id, siteId));
}

/**
 * Creates the story on first use; an existing one is left as it is. With `ipHash`, the creating
 * network is stored and the creation is refused (nothing inserted) when that network already
 * created `limit.max` stories since `limit.since`: decided inside this one statement, so that
 * concurrent requests cannot all pass a count read earlier. Read the row back in the same batch.
 */
export function insertStoryIfMissing(
  db: D1Database,
  story: {
    siteId: string;
    key: string;
    url: string | null;
    title: string | null;
    now: number;
    ipHash?: string | null;
    limit?: { since: number; max: number };
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO stories (site_id, key, url, title, created_ip_hash, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?6
       WHERE ?5 IS NULL OR ?7 IS NULL
          OR (SELECT COUNT(*) FROM stories WHERE site_id = ?1 AND created_ip_hash = ?5 AND created_at > ?7) < ?8
       ON CONFLICT (site_id, key) DO NOTHING`,
    )
    .bind(
      story.siteId,
      story.key,
      story.url,
      story.title,
      story.ipHash ?? null,
      story.now,
      story.limit?.since ?? null,
      story.limit?.max ?? 0,
    );
}

/** When the network's oldest story creation in the window was: it leaves the window first. */
export function selectOldestCreation(
  db: D1Database,
  q: { siteId: string; ipHash: string; since: number },
): Typed<{ oldest: number | null }> {
  return typed(
    db
      .prepare("SELECT min(created_at) AS oldest FROM stories WHERE site_id = ? AND created_ip_hash = ? AND created_at > ?")
      .bind(q.siteId, q.ipHash, q.since),
  );
}

/** Staff correct a story's URL and title (undefined: unchanged; null: removed). */
export function updateStoryPage(
  db: D1Database,
  u: { siteId: string; key: string; url?: string | null; title?: string | null; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE stories SET
         url = CASE WHEN ?1 THEN ?2 ELSE url END,
         title = CASE WHEN ?3 THEN ?4 ELSE title END,
         version = version + 1,
         updated_at = ?5
       WHERE site_id = ?6 AND key = ?7`,
    )
    .bind(u.url !== undefined ? 1 : 0, u.url ?? null, u.title !== undefined ? 1 : 0, u.title ?? null, u.now, u.siteId, u.key);
}

/**
 * After a comment is saved: counts it when it is published, and starts the story's clock for
 * closeAfterDays with its first comment that is not rejected.
 */
export function countNewComment(
  db: D1Database,
  q: { siteId: string; key: string; published: boolean; startsClock: boolean; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE stories SET comment_count = comment_count + ?1, updated_at = ?2, version = version + 1,
              first_comment_at = CASE WHEN ?3 THEN coalesce(first_comment_at, ?2) ELSE first_comment_at END
       WHERE site_id = ?4 AND key = ?5`,
    )
    .bind(q.published ? 1 : 0, q.now, q.startsClock ? 1 : 0, q.siteId, q.key);
}

/**
 * A moderator's change to one story: close or reopen it, or set its own a priori rule (null:
 * as the site says). Reopening restarts the closeAfterDays clock, or the rule would close it again.
 */
export function updateStoryModeration(
  db: D1Database,
  u: { siteId: string; key: string; status?: "open" | "closed"; premoderation?: number | null; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE stories SET
         status = coalesce(?1, status),
         version = version + 1,
         premoderation = CASE WHEN ?2 THEN ?3 ELSE premoderation END,
         first_comment_at = CASE WHEN ?1 = 'open' THEN NULL ELSE first_comment_at END,
         updated_at = ?4
       WHERE site_id = ?5 AND key = ?6`,
    )
    .bind(u.status ?? null, u.premoderation !== undefined ? 1 : 0, u.premoderation ?? null, u.now, u.siteId, u.key);
}

/** Something readers see on the story changed (e.g. a comment featured): its thread's ETag moves on. */
export function bumpStoryVersion(db: D1Database, siteId: string, storyId: number): D1PreparedStatement {
  return db.prepare("UPDATE stories SET version = version + 1 WHERE id = ? AND site_id = ?").bind(storyId, siteId);
}

/**
 * Published comments per story key, for the (distinct) keys given as one JSON array: one lookup
 * of stories' (site_id, key) key per key. CROSS JOIN keeps the keys outermost: otherwise SQLite
 * may read every story and test each against the list.
 */
export function selectStoryCounts(db: D1Database, siteId: string, keys: string[]): Typed<{ key: string; comment_count: number }> {
  return typed(
    db
      .prepare(
        `SELECT s.key, s.comment_count FROM json_each(?2) AS j CROSS JOIN stories s
       WHERE s.site_id = ?1 AND s.key = j.value`,
      )
      .bind(siteId, JSON.stringify(keys)),
  );
}
