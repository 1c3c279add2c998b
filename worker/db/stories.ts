// SQL for the stories table. Stories are addressed by (site, key); ids stay internal.
import type { StoryView } from "../schemas/views";

export interface StoryRow {
  id: number;
  key: string;
  url: string | null;
  title: string | null;
  status: "open" | "closed";
  comment_count: number;
}

const STORY_COLUMNS = "id, key, url, title, status, comment_count";

export function toStoryView(row: StoryRow): StoryView {
  return { key: row.key, url: row.url, title: row.title, status: row.status, commentCount: row.comment_count };
}

export function selectStoryByKey(db: D1Database, siteId: string, key: string): D1PreparedStatement {
  return db.prepare(`SELECT ${STORY_COLUMNS} FROM stories WHERE site_id = ? AND key = ?`).bind(siteId, key);
}

/** Creates the story on first use; an existing one is left as it is. */
export function insertStoryIfMissing(
  db: D1Database,
  story: { siteId: string; key: string; url: string | null; title: string | null; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO stories (site_id, key, url, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, key) DO NOTHING`,
    )
    .bind(story.siteId, story.key, story.url, story.title, story.now, story.now);
}

export function countNewComment(db: D1Database, siteId: string, key: string, now: number): D1PreparedStatement {
  return db
    .prepare("UPDATE stories SET comment_count = comment_count + 1, updated_at = ? WHERE site_id = ? AND key = ?")
    .bind(now, siteId, key);
}
