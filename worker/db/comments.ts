// SQL for the comments table: thread pages, reply pages, single lookups and the insert.
import type { CommentStatus, CommentView } from "../schemas/views";

export interface CommentRow {
  id: number;
  story_id: number;
  parent_id: number | null;
  root_id: number | null;
  reply_to_id: number | null;
  depth: number;
  body: string;
  status: CommentStatus;
  reply_count: number;
  created_at: number;
  author_name: string;
  reply_to_name: string | null;
}

// Every read returns the same columns, joined to the author and to the author of the comment answered.
const SELECT_COMMENT = `
  SELECT c.id, c.story_id, c.parent_id, c.root_id, c.reply_to_id, c.depth, c.body, c.status,
         c.reply_count, c.created_at, a.name AS author_name, ra.name AS reply_to_name
  FROM comments c
  JOIN commenters a ON a.id = c.author_id
  LEFT JOIN comments rc ON rc.id = c.reply_to_id
  LEFT JOIN commenters ra ON ra.id = rc.author_id`;

export function toCommentView(row: CommentRow): CommentView {
  return {
    id: row.id,
    parentId: row.parent_id,
    rootId: row.root_id,
    depth: row.depth,
    replyTo:
      row.reply_to_id !== null && row.reply_to_id !== row.parent_id
        ? { id: row.reply_to_id, authorName: row.reply_to_name ?? "" }
        : null,
    author: { name: row.author_name, staff: false },
    body: row.body,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    replyCount: row.root_id === null ? row.reply_count : 0,
    featured: null,
  };
}

// One page of a story's top-level comments plus the first replies of each, in one statement:
// the page is one range scan of comments_story_top, each thread's first replies one short range
// scan of comments_thread. Both directions are spelled out so each uses the index as it is.
// ?1 site, ?2 story key, ?3 cursor id (exclusive), ?4 rows to read, ?5 first replies per thread.
function threadPageSql(direction: "newest" | "oldest"): string {
  const [cmp, order] = direction === "newest" ? ["<", "DESC"] : [">", "ASC"];
  return `
  WITH page AS (
    SELECT id FROM comments
    WHERE story_id = (SELECT id FROM stories WHERE site_id = ?1 AND key = ?2)
      AND root_id IS NULL AND status = 'published' AND id ${cmp} ?3
    ORDER BY id ${order} LIMIT ?4
  ),
  firsts AS (
    SELECT r.id FROM page p
    JOIN comments r ON r.id IN (
      SELECT x.id FROM comments x
      WHERE x.root_id = p.id AND x.status = 'published'
      ORDER BY x.id ASC LIMIT ?5)
  )
  ${SELECT_COMMENT}
  WHERE c.site_id = ?1 AND c.id IN (SELECT id FROM page UNION ALL SELECT id FROM firsts)`;
}

const THREAD_PAGE_SQL = { newest: threadPageSql("newest"), oldest: threadPageSql("oldest") };

export function selectThreadPage(
  db: D1Database,
  q: { siteId: string; storyKey: string; sort: "newest" | "oldest"; afterId: number; rows: number; firstReplies: number },
): D1PreparedStatement {
  return db.prepare(THREAD_PAGE_SQL[q.sort]).bind(q.siteId, q.storyKey, q.afterId, q.rows, q.firstReplies);
}

/**
 * One page of a thread's replies, oldest first: one range scan of comments_thread. The unary `+`
 * keeps site_id out of index choice: without table statistics SQLite otherwise walks
 * comments_site (site_id, id), i.e. every later comment of the whole site.
 */
export function selectRepliesPage(
  db: D1Database,
  q: { siteId: string; rootId: number; afterId: number; rows: number },
): D1PreparedStatement {
  return db
    .prepare(
      `${SELECT_COMMENT}
       WHERE c.root_id = ? AND +c.site_id = ? AND c.status = 'published' AND c.id > ?
       ORDER BY c.id ASC LIMIT ?`,
    )
    .bind(q.rootId, q.siteId, q.afterId, q.rows);
}

export function selectComment(db: D1Database, siteId: string, id: number): D1PreparedStatement {
  return db.prepare(`${SELECT_COMMENT} WHERE c.id = ? AND c.site_id = ?`).bind(id, siteId);
}

/**
 * The insert of a new comment, to run in the same batch right after insertGuestCommenter:
 * the author is that commenter (last_insert_rowid), the story is looked up by key.
 */
export function insertCommentAfterCommenter(
  db: D1Database,
  c: {
    siteId: string;
    storyKey: string;
    parentId: number | null;
    replyToId: number | null;
    rootId: number | null;
    depth: number;
    body: string;
    status: CommentStatus;
    now: number;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO comments (site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status, created_at, updated_at)
       VALUES (?1, (SELECT id FROM stories WHERE site_id = ?1 AND key = ?2), ?3, ?4, ?5, ?6, last_insert_rowid(), ?7, ?8, ?9, ?9)
       RETURNING id`,
    )
    .bind(c.siteId, c.storyKey, c.parentId, c.replyToId, c.rootId, c.depth, c.body, c.status, c.now);
}

export function countNewReply(db: D1Database, siteId: string, rootId: number): D1PreparedStatement {
  return db
    .prepare("UPDATE comments SET reply_count = reply_count + 1 WHERE id = ? AND site_id = ?")
    .bind(rootId, siteId);
}
