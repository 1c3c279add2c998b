// SQL for the comments table: thread pages, reply pages, single lookups, the insert, featured and
// own pending comments. The moderation pipeline's flood and duplicate facts (comment-windows.ts),
// staff decisions, the author's edits and positions in a thread have their own modules beside it;
// what a reader sees of a row is db/comment-view.ts (re-exported here).
import type { CommentStatus, ReasonView, ThreadSort } from "../schemas/views";
import { withReacted, type MaybeReacted } from "./reactions";
import { unlessStoryVersion } from "./read-batch";
import { typed, type Typed } from "./typed";

export { ANONYMOUS, avatarUrl, parseReasons, toCommentView, type ReaderView } from "./comment-view";

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
  featured_at: number | null;
  featured_note: string | null;
  author_id: number;
  author_name: string;
  /** 1 when the author is a staff member's commenter (SQLite has no boolean) */
  author_staff: number;
  /** the author's picture from the site's sign-in (commenters.avatar_url); null for guests and staff */
  author_avatar: string | null;
  reply_to_name: string | null;
  /** 1 when the comment answered is a staff member's */
  reply_to_staff: number;
  open_reports: number;
  reaction_count: number;
  edited_at: number | null;
  /** set on a deleted comment kept as a placeholder (it has replies) */
  deleted_at: number | null;
}

// Every read returns the same columns, joined to the author and to the author of the comment answered.
export const SELECT_COMMENT = `
  SELECT c.id, c.story_id, c.parent_id, c.root_id, c.reply_to_id, c.depth, c.body, c.status,
         c.reply_count, c.created_at, c.featured_at, c.featured_note, c.author_id, a.name AS author_name,
         a.staff_id IS NOT NULL AS author_staff, a.avatar_url AS author_avatar,
         ra.name AS reply_to_name, ra.staff_id IS NOT NULL AS reply_to_staff,
         c.open_reports, c.reaction_count, c.edited_at, c.deleted_at
  FROM comments c
  JOIN commenters a ON a.id = c.author_id
  LEFT JOIN comments rc ON rc.id = c.reply_to_id
  LEFT JOIN commenters ra ON ra.id = rc.author_id`;

/** Why the comment is where it is, as recorded on it. */
export function selectCommentReasons(db: D1Database, siteId: string, id: number): D1PreparedStatement {
  return db.prepare("SELECT reasons FROM comments WHERE id = ? AND site_id = ?").bind(id, siteId);
}

// One page of a story's top-level comments plus the first replies of each, in one statement:
// the page is one range scan of comments_story_top (by id) or two of comments_story_top_reactions
// (sort "top": most reactions, then newest), each thread's first replies one short range scan of
// comments_thread. Each direction is spelled out so each uses its index as it is.
// INDEXED BY: comments_story_status (story_id, status) also fits the WHERE, and SQLite takes it
// without statistics, reading replies as well as top-level comments.
// ?1 site, ?2 story key, ?3 cursor id (exclusive), ?4 rows to read, ?5 first replies per thread,
// ?6 (top only) the cursor's reaction count: the page continues after (?6, ?3) in that order.
const STORY_TOPS = `story_id = (SELECT id FROM stories WHERE site_id = ?1 AND key = ?2)
      AND root_id IS NULL AND status = 'published'`;

// Sort "top" after (?6, ?3): the rest of the cursor's reaction group (reaction_count = ?6, older
// ids), then the groups below it, each its own range of comments_story_top_reactions. Not the row
// value (reaction_count, id) < (?6, ?3): SQLite ranges an index on a row value only when no term is
// the rowid, so it ranged on reaction_count alone and walked the cursor's whole group, newest id
// first, down to the cursor: a deep page of a story whose comments mostly have no reaction read
// most of the story. The second range reads only what the first leaves (?4 minus its rows; never
// negative, as the first reads at most ?4), so the page is exactly ?4 rows in the sort's order.
const TOP_PAGE = `same_group AS (
    SELECT id FROM comments INDEXED BY comments_story_top_reactions
    WHERE ${STORY_TOPS} AND reaction_count = ?6 AND id < ?3
    ORDER BY id DESC LIMIT ?4
  ),
  lower_groups AS (
    SELECT id FROM comments INDEXED BY comments_story_top_reactions
    WHERE ${STORY_TOPS} AND reaction_count < ?6
    ORDER BY reaction_count DESC, id DESC LIMIT ?4 - (SELECT count(*) FROM same_group)
  ),
  page AS (
    SELECT id FROM same_group UNION ALL SELECT id FROM lower_groups
  ),`;

function threadPageSql(sort: ThreadSort): string {
  const page =
    sort === "top"
      ? TOP_PAGE
      : `page AS (
    SELECT id FROM comments INDEXED BY comments_story_top
    WHERE ${STORY_TOPS} AND id ${sort === "newest" ? "<" : ">"} ?3
    ORDER BY id ${sort === "newest" ? "DESC" : "ASC"} LIMIT ?4
  ),`;
  return `
  WITH ${page}
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

const THREAD_PAGE_SQL = { newest: threadPageSql("newest"), oldest: threadPageSql("oldest"), top: threadPageSql("top") };

/** Where a page starts: after this id (and, for "top", this reaction count). */
export interface PagePosition {
  afterId: number;
  afterReactions: number;
}

/**
 * With `tokenHash`, each row also says whether that reader reacted to it (`reacted`, see
 * withReacted): a reader's page is then still one statement. With `unlessVersion`, nothing is
 * read when the story is at that version (the reader has the page already: db/read-batch.ts).
 */
export function selectThreadPage(
  db: D1Database,
  q: {
    siteId: string;
    storyKey: string;
    sort: ThreadSort;
    rows: number;
    firstReplies: number;
    tokenHash?: string | null;
    unlessVersion?: number | null;
  } & PagePosition,
): Typed<MaybeReacted<CommentRow>> {
  const params = [q.siteId, q.storyKey, q.afterId, q.rows, q.firstReplies, q.afterReactions];
  if (q.tokenHash == null && q.unlessVersion == null) {
    return typed(db.prepare(THREAD_PAGE_SQL[q.sort]).bind(...params.slice(0, q.sort === "top" ? 6 : 5)));
  }
  // ?6 is bound for every sort here, so that the token is always ?7 and the version ?8 (a sort
  // not using ?6 ignores it).
  let sql = THREAD_PAGE_SQL[q.sort];
  // no order: the service sorts the page itself (services/thread-page.ts)
  if (q.tokenHash != null) sql = withReacted(sql, { site: "?1", token: "?7" });
  if (q.unlessVersion != null) sql = unlessStoryVersion(sql, { site: "?1", key: "?2", version: "?8" });
  const bound = [...params, q.tokenHash ?? null, ...(q.unlessVersion != null ? [q.unlessVersion] : [])];
  return typed(db.prepare(sql).bind(...bound));
}

/**
 * One page of a thread's replies, oldest first: one range scan of comments_thread. The unary `+`
 * keeps site_id out of index choice: without table statistics SQLite otherwise walks
 * comments_site (site_id, id), i.e. every later comment of the whole site.
 */
export function selectRepliesPage(
  db: D1Database,
  q: { siteId: string; rootId: number; afterId: number; rows: number; tokenHash?: string | null },
): Typed<MaybeReacted<CommentRow>> {
  const sql = `${SELECT_COMMENT}
       WHERE c.root_id = ?1 AND +c.site_id = ?2 AND c.status = 'published' AND c.id > ?3
       ORDER BY c.id ASC LIMIT ?4`;
  if (q.tokenHash == null) return typed(db.prepare(sql).bind(q.rootId, q.siteId, q.afterId, q.rows));
  // The reader's reactions come with the page (withReacted): one statement still.
  return typed(
    db.prepare(withReacted(sql, { site: "?2", token: "?5", order: "n.id ASC" })).bind(q.rootId, q.siteId, q.afterId, q.rows, q.tokenHash),
  );
}

export function selectComment(db: D1Database, siteId: string, id: number): Typed<CommentRow> {
  return typed(db.prepare(`${SELECT_COMMENT} WHERE c.id = ? AND c.site_id = ?`).bind(id, siteId));
}

/**
 * The insert of a new comment. The author is `authorId`, else the commenter holding
 * `authorTokenHash`, else the guest commenter inserted by the statement just before it in the same
 * batch (last_insert_rowid). The story is
 * looked up by key, so it may be created earlier in the same batch.
 */
export function insertComment(
  db: D1Database,
  c: {
    siteId: string;
    storyKey: string;
    authorId: number | null;
    /** when authorId is null: the commenter holding this token hash (an SSO reader saved in the same batch) */
    authorTokenHash?: string | null;
    parentId: number | null;
    replyToId: number | null;
    rootId: number | null;
    depth: number;
    body: string;
    status: CommentStatus;
    reasons: ReasonView[];
    ipHash: string;
    bodyHash: string;
    /** the comment awaits a staff answer (it asks something, or answers a staff comment) */
    awaitsAnswer: boolean;
    now: number;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO comments (site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status,
                             reasons, ip_hash, body_hash, created_at, updated_at, held_at, answer_status)
       VALUES (?1, (SELECT id FROM stories WHERE site_id = ?1 AND key = ?2), ?3, ?4, ?5, ?6,
               coalesce(?7, (SELECT id FROM commenters WHERE site_id = ?1 AND token_hash = ?15), last_insert_rowid()), ?8, ?9, ?10, ?11, ?12, ?13, ?13,
               CASE WHEN ?9 = 'pending' THEN ?13 END, CASE WHEN ?14 THEN 'waiting' END)
       RETURNING id`,
    )
    .bind(
      c.siteId,
      c.storyKey,
      c.parentId,
      c.replyToId,
      c.rootId,
      c.depth,
      c.authorId,
      c.body,
      c.status,
      JSON.stringify(c.reasons),
      c.ipHash,
      c.bodyHash,
      c.now,
      c.awaitsAnswer ? 1 : 0,
      c.authorTokenHash ?? null,
    );
}

export function countNewReply(db: D1Database, siteId: string, rootId: number): D1PreparedStatement {
  return db.prepare("UPDATE comments SET reply_count = reply_count + 1 WHERE id = ? AND site_id = ?").bind(rootId, siteId);
}

/** A story's featured published comments, most recently featured first: comments_story_featured. */
export function selectStoryFeatured(
  db: D1Database,
  q: { siteId: string; storyKey: string; limit: number; tokenHash?: string | null; unlessVersion?: number | null },
): Typed<MaybeReacted<CommentRow>> {
  let sql = `${SELECT_COMMENT}
       WHERE c.story_id = (SELECT id FROM stories WHERE site_id = ?1 AND key = ?2)
         AND c.featured_at IS NOT NULL AND +c.status = 'published' AND +c.site_id = ?1
       ORDER BY c.featured_at DESC LIMIT ?3`;
  if (q.tokenHash == null && q.unlessVersion == null) return typed(db.prepare(sql).bind(q.siteId, q.storyKey, q.limit));
  if (q.tokenHash != null) sql = withReacted(sql, { site: "?1", token: "?4", order: "n.featured_at DESC" });
  if (q.unlessVersion != null) sql = unlessStoryVersion(sql, { site: "?1", key: "?2", version: "?5", order: "n.featured_at DESC" });
  // D1 refuses more values than the statement's highest parameter
  const bound = [q.siteId, q.storyKey, q.limit, q.tokenHash ?? null, ...(q.unlessVersion != null ? [q.unlessVersion] : [])];
  return typed(db.prepare(sql).bind(...bound));
}

/**
 * The reader's own comments awaiting moderation on a story, oldest first: a range scan of the
 * author's comments (comments_author), which are few; the `+` keep SQLite from reading the
 * story's comments instead.
 */
export function selectOwnPending(
  db: D1Database,
  q: { siteId: string; storyKey: string; tokenHash: string; limit: number },
): D1PreparedStatement {
  return db
    .prepare(
      `${SELECT_COMMENT}
       WHERE c.author_id = (SELECT id FROM commenters WHERE site_id = ?1 AND token_hash = ?2)
         AND +c.story_id = (SELECT id FROM stories WHERE site_id = ?1 AND key = ?3)
         AND +c.status = 'pending' AND +c.site_id = ?1
       ORDER BY c.id ASC LIMIT ?4`,
    )
    .bind(q.siteId, q.tokenHash, q.storyKey, q.limit);
}

export interface FeaturedRow extends CommentRow {
  story_key: string;
  story_url: string | null;
  story_title: string | null;
  story_status: "open" | "closed";
  story_comment_count: number;
  story_premoderation: number | null;
  story_first_comment_at: number | null;
}

/** A site's latest featured published comments across stories, with each one's story: comments_featured. */
export function selectSiteFeatured(db: D1Database, q: { siteId: string; limit: number }): D1PreparedStatement {
  return db
    .prepare(
      `SELECT f.*, s.key AS story_key, s.url AS story_url, s.title AS story_title, s.status AS story_status,
              s.comment_count AS story_comment_count, s.premoderation AS story_premoderation,
              s.first_comment_at AS story_first_comment_at
       FROM (${SELECT_COMMENT}
             WHERE c.site_id = ?1 AND c.featured_at IS NOT NULL AND +c.status = 'published'
             ORDER BY c.featured_at DESC LIMIT ?2) AS f
       JOIN stories s ON s.id = f.story_id
       ORDER BY f.featured_at DESC`,
    )
    .bind(q.siteId, q.limit);
}
