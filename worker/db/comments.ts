// SQL for the comments table: thread pages, reply pages, single lookups, the insert, and the reads
// and writes of the moderation pipeline (flood and duplicate facts, featured and own comments, reports).
import type { CommentStatus, CommentView, ReasonView, ThreadSort } from "../schemas/views";
import { readerKey } from "./reactions";

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
  reply_to_name: string | null;
  /** 1 when the comment answered is a staff member's */
  reply_to_staff: number;
  open_reports: number;
  reaction_count: number;
  edited_at: number | null;
  /** set on a deleted comment kept as a placeholder (it has replies) */
  deleted_at: number | null;
}

/** What the reader is to the comments viewed: their commenter id and the comments they reacted to. */
export interface ReaderView {
  commenterId: number | null;
  reacted: ReadonlySet<number>;
}

export const ANONYMOUS: ReaderView = { commenterId: null, reacted: new Set() };

// Every read returns the same columns, joined to the author and to the author of the comment answered.
const SELECT_COMMENT = `
  SELECT c.id, c.story_id, c.parent_id, c.root_id, c.reply_to_id, c.depth, c.body, c.status,
         c.reply_count, c.created_at, c.featured_at, c.featured_note, c.author_id, a.name AS author_name,
         a.staff_id IS NOT NULL AS author_staff, ra.name AS reply_to_name, ra.staff_id IS NOT NULL AS reply_to_staff,
         c.open_reports, c.reaction_count, c.edited_at, c.deleted_at
  FROM comments c
  JOIN commenters a ON a.id = c.author_id
  LEFT JOIN comments rc ON rc.id = c.reply_to_id
  LEFT JOIN commenters ra ON ra.id = rc.author_id`;

/** comments.reasons as stored (JSON [{ code, detail? }]); a row that is not such a list reads as none. */
export function parseReasons(json: string): ReasonView[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((r): r is ReasonView => typeof r?.code === "string") : [];
  } catch {
    return [];
  }
}

/** Why the comment is where it is, as recorded on it. */
export function selectCommentReasons(db: D1Database, siteId: string, id: number): D1PreparedStatement {
  return db.prepare("SELECT reasons FROM comments WHERE id = ? AND site_id = ?").bind(id, siteId);
}

export function toCommentView(row: CommentRow, reader: ReaderView = ANONYMOUS): CommentView {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    parentId: row.parent_id,
    rootId: row.root_id,
    depth: row.depth,
    replyTo:
      row.reply_to_id !== null && row.reply_to_id !== row.parent_id
        ? { id: row.reply_to_id, authorName: row.reply_to_name ?? "" }
        : null,
    // A placeholder says nothing of who wrote it.
    author: { name: deleted ? "" : row.author_name, staff: !deleted && row.author_staff === 1 },
    body: deleted ? "" : row.body,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    replyCount: row.root_id === null ? row.reply_count : 0,
    featured: row.featured_at !== null ? { note: row.featured_note, at: new Date(row.featured_at).toISOString() } : null,
    reactions: row.reaction_count,
    reacted: reader.reacted.has(row.id),
    own: !deleted && reader.commenterId !== null && row.author_id === reader.commenterId,
    editedAt: row.edited_at !== null ? new Date(row.edited_at).toISOString() : null,
    deleted,
  };
}

// One page of a story's top-level comments plus the first replies of each, in one statement:
// the page is one range scan of comments_story_top (by id) or comments_story_top_reactions (sort
// "top": most reactions, then newest), each thread's first replies one short range scan of
// comments_thread. Each direction is spelled out so each uses its index as it is.
// INDEXED BY: comments_story_status (story_id, status) also fits the WHERE, and SQLite takes it
// without statistics, reading replies as well as top-level comments.
// ?1 site, ?2 story key, ?3 cursor id (exclusive), ?4 rows to read, ?5 first replies per thread,
// ?6 (top only) the cursor's reaction count: the page continues after (?6, ?3) in that order.
function threadPageSql(sort: ThreadSort): string {
  const page =
    sort === "top"
      ? `SELECT id FROM comments INDEXED BY comments_story_top_reactions
    WHERE story_id = (SELECT id FROM stories WHERE site_id = ?1 AND key = ?2)
      AND root_id IS NULL AND status = 'published' AND (reaction_count, id) < (?6, ?3)
    ORDER BY reaction_count DESC, id DESC LIMIT ?4`
      : `SELECT id FROM comments INDEXED BY comments_story_top
    WHERE story_id = (SELECT id FROM stories WHERE site_id = ?1 AND key = ?2)
      AND root_id IS NULL AND status = 'published' AND id ${sort === "newest" ? "<" : ">"} ?3
    ORDER BY id ${sort === "newest" ? "DESC" : "ASC"} LIMIT ?4`;
  return `
  WITH page AS (
    ${page}
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

const THREAD_PAGE_SQL = { newest: threadPageSql("newest"), oldest: threadPageSql("oldest"), top: threadPageSql("top") };

/** Where a page starts: after this id (and, for "top", this reaction count). */
export interface PagePosition {
  afterId: number;
  afterReactions: number;
}

export function selectThreadPage(
  db: D1Database,
  q: { siteId: string; storyKey: string; sort: ThreadSort; rows: number; firstReplies: number } & PagePosition,
): D1PreparedStatement {
  const params = [q.siteId, q.storyKey, q.afterId, q.rows, q.firstReplies];
  return db.prepare(THREAD_PAGE_SQL[q.sort]).bind(...params, ...(q.sort === "top" ? [q.afterReactions] : []));
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
 * The insert of a new comment. The author is `authorId`, or, when null, the guest commenter
 * inserted by the statement just before it in the same batch (last_insert_rowid). The story is
 * looked up by key, so it may be created earlier in the same batch.
 */
export function insertComment(
  db: D1Database,
  c: {
    siteId: string;
    storyKey: string;
    authorId: number | null;
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
               coalesce(?7, last_insert_rowid()), ?8, ?9, ?10, ?11, ?12, ?13, ?13,
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
    );
}

export function countNewReply(db: D1Database, siteId: string, rootId: number): D1PreparedStatement {
  return db
    .prepare("UPDATE comments SET reply_count = reply_count + 1 WHERE id = ? AND site_id = ?")
    .bind(rootId, siteId);
}

/**
 * Flood facts for one author (the commenter behind a token hash): how many comments since `since`,
 * and when the `nth` newest of them was posted (null when there are fewer), which says when the
 * author may post again. Range scans of comments_author_recent.
 */
export function selectAuthorWindow(
  db: D1Database,
  q: { siteId: string; tokenHash: string; since: number; nth: number; excludeId?: number },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT count(*) AS n,
              (SELECT created_at FROM comments
               WHERE author_id = (SELECT id FROM commenters WHERE site_id = ?1 AND token_hash = ?2) AND created_at > ?3
                 AND +id <> ?5
               ORDER BY created_at DESC LIMIT 1 OFFSET ?4) AS nth_at
       FROM comments
       WHERE author_id = (SELECT id FROM commenters WHERE site_id = ?1 AND token_hash = ?2) AND created_at > ?3
         AND +id <> ?5`,
    )
    .bind(q.siteId, q.tokenHash, q.since, Math.max(q.nth - 1, 0), q.excludeId ?? 0);
}

/** The same flood facts for one IP hash on a site: range scans of comments_ip_recent. */
export function selectIpWindow(
  db: D1Database,
  q: { siteId: string; ipHash: string; since: number; nth: number; excludeId?: number },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT count(*) AS n,
              (SELECT created_at FROM comments WHERE site_id = ?1 AND ip_hash = ?2 AND created_at > ?3 AND +id <> ?5
               ORDER BY created_at DESC LIMIT 1 OFFSET ?4) AS nth_at
       FROM comments WHERE site_id = ?1 AND ip_hash = ?2 AND created_at > ?3 AND +id <> ?5`,
    )
    .bind(q.siteId, q.ipHash, q.since, Math.max(q.nth - 1, 0), q.excludeId ?? 0);
}

export interface WindowRow {
  n: number;
  nth_at: number | null;
}

/**
 * When the author last posted this very text (same body hash) since `since`, or null: a range
 * scan of comments_author_recent over the window, the hash checked on each row.
 */
export function selectLastDuplicate(
  db: D1Database,
  q: { siteId: string; tokenHash: string; bodyHash: string; since: number; excludeId?: number },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT max(created_at) AS at FROM comments
       WHERE author_id = (SELECT id FROM commenters WHERE site_id = ?1 AND token_hash = ?2)
         AND created_at > ?3 AND +body_hash = ?4 AND +id <> ?5`,
    )
    .bind(q.siteId, q.tokenHash, q.since, q.bodyHash, q.excludeId ?? 0);
}

/** A story's featured published comments, most recently featured first: comments_story_featured. */
export function selectStoryFeatured(
  db: D1Database,
  q: { siteId: string; storyKey: string; limit: number },
): D1PreparedStatement {
  return db
    .prepare(
      `${SELECT_COMMENT}
       WHERE c.story_id = (SELECT id FROM stories WHERE site_id = ?1 AND key = ?2)
         AND c.featured_at IS NOT NULL AND +c.status = 'published' AND +c.site_id = ?1
       ORDER BY c.featured_at DESC LIMIT ?3`,
    )
    .bind(q.siteId, q.storyKey, q.limit);
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

// ---- staff moderation ----
// Status changes and featuring by staff, and the counters recomputed from the rows afterwards.
// Lists of ids are bound as one JSON array (json_each), so a bulk action is one statement.

export interface ModerationTargetRow {
  id: number;
  story_id: number;
  root_id: number | null;
  author_id: number;
  status: CommentStatus;
  open_reports: number;
  featured_at: number | null;
}

/** The comments named, as far as they belong to the site. */
export function selectModerationTargets(db: D1Database, siteId: string, ids: number[]): D1PreparedStatement {
  return db
    .prepare(
      `SELECT id, story_id, root_id, author_id, status, open_reports, featured_at FROM comments
       WHERE id IN (SELECT value FROM json_each(?1)) AND site_id = ?2`,
    )
    .bind(JSON.stringify(ids), siteId);
}

// The comment's reasons without any earlier moderator decision (a new decision replaces it).
const REASONS_WITHOUT_MODERATOR = `(SELECT json_group_array(json(r.value)) FROM json_each(comments.reasons) AS r
   WHERE json_extract(r.value, '$.code') IS NOT 'moderator')`;

/** Approval publishes and closes the open reports (they have been reviewed). */
export function approveComments(
  db: D1Database,
  a: { siteId: string; ids: number[]; staffId: number; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET status = 'published', open_reports = 0, moderated_at = ?1, moderated_by = ?2,
              updated_at = ?1, reasons = ${REASONS_WITHOUT_MODERATOR}
       WHERE id IN (SELECT value FROM json_each(?3)) AND site_id = ?4`,
    )
    .bind(a.now, a.staffId, JSON.stringify(a.ids), a.siteId);
}

/** Rejection hides the comment, records the moderator's reason, closes reports and unfeatures it. */
export function rejectComments(
  db: D1Database,
  r: { siteId: string; ids: number[]; staffId: number; reason: string; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET status = 'rejected', open_reports = 0, featured_at = NULL, featured_note = NULL,
              moderated_at = ?1, moderated_by = ?2, updated_at = ?1,
              reasons = json_insert(${REASONS_WITHOUT_MODERATOR}, '$[#]', json_object('code', 'moderator', 'detail', ?3))
       WHERE id IN (SELECT value FROM json_each(?4)) AND site_id = ?5`,
    )
    .bind(r.now, r.staffId, r.reason, JSON.stringify(r.ids), r.siteId);
}

/**
 * stories.comment_count from the rows (published comments, replies included, placeholders of
 * deleted comments not): comments_story_status. Every caller changes what readers see of the
 * story, so its version moves on too (the thread's ETag).
 */
const RECOUNT_STORIES = `UPDATE stories SET version = version + 1, comment_count =
  (SELECT count(*) FROM comments c WHERE c.story_id = stories.id AND c.status = 'published' AND c.deleted_at IS NULL)`;

export function recountStories(db: D1Database, siteId: string, storyIds: number[]): D1PreparedStatement {
  return db
    .prepare(`${RECOUNT_STORIES} WHERE id IN (SELECT value FROM json_each(?1)) AND site_id = ?2`)
    .bind(JSON.stringify(storyIds), siteId);
}

/** A thread root's reply_count from the rows (its published replies, placeholders not): comments_thread. */
const RECOUNT_THREADS = `UPDATE comments SET reply_count =
  (SELECT count(*) FROM comments r WHERE r.root_id = comments.id AND r.status = 'published' AND r.deleted_at IS NULL)`;

export function recountThreads(db: D1Database, siteId: string, rootIds: number[]): D1PreparedStatement {
  return db
    .prepare(`${RECOUNT_THREADS} WHERE id IN (SELECT value FROM json_each(?1)) AND site_id = ?2`)
    .bind(JSON.stringify(rootIds), siteId);
}

// A person's comments still shown or awaiting review: pending or published, neither deleted nor a
// deleted comment's placeholder. ?1 author, ?2 site. The `+` keep the read in comments_author (the
// person's comments) rather than comments_site_status (all the site's pending ones).
const OPEN_OF_AUTHOR = "author_id = ?1 AND +site_id = ?2 AND +status IN ('pending', 'published') AND deleted_at IS NULL";

/**
 * Ban and reject: every open comment of a person rejected, as two statements for one batch. The
 * set is decided by the write itself (a comment posted meanwhile is not missed): first one
 * "reject" audit row per comment with the status it had, then the rejection, which returns the
 * ids rejected. Reasons, reports and featuring change as in rejectComments.
 */
export function rejectAllOfAuthor(
  db: D1Database,
  r: { siteId: string; authorId: number; staffId: number; reason: string; now: number },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT site_id, ?3, 'reject', 'comment', CAST(id AS TEXT),
                json_object('from', status, 'reason', ?4, 'withBan', json('true')), ?5
         FROM comments WHERE ${OPEN_OF_AUTHOR} ORDER BY id`,
      )
      .bind(r.authorId, r.siteId, r.staffId, r.reason, r.now),
    db
      .prepare(
        `UPDATE comments SET status = 'rejected', open_reports = 0, featured_at = NULL, featured_note = NULL,
                moderated_at = ?5, moderated_by = ?3, updated_at = ?5,
                reasons = json_insert(${REASONS_WITHOUT_MODERATOR}, '$[#]', json_object('code', 'moderator', 'detail', ?4))
         WHERE ${OPEN_OF_AUTHOR}
         RETURNING id`,
      )
      .bind(r.authorId, r.siteId, r.staffId, r.reason, r.now),
  ];
}

// The comments rejectAllOfAuthor has just rejected (same author, same moderation time). The rows to
// recount are looked up by key from those (the outer `+site_id` keeps SQLite from walking the site).
const REJECTED_WITH_AUTHOR = "author_id = ?1 AND +site_id = ?2 AND +status = 'rejected' AND +moderated_at = ?3";

/** recountStories for the stories of the comments rejectAllOfAuthor just rejected (comments_author). */
export function recountStoriesOfRejected(db: D1Database, r: { siteId: string; authorId: number; now: number }): D1PreparedStatement {
  return db
    .prepare(`${RECOUNT_STORIES} WHERE id IN (SELECT story_id FROM comments WHERE ${REJECTED_WITH_AUTHOR}) AND +site_id = ?2`)
    .bind(r.authorId, r.siteId, r.now);
}

/** recountThreads for the threads of the replies rejectAllOfAuthor just rejected (comments_author). */
export function recountThreadsOfRejected(db: D1Database, r: { siteId: string; authorId: number; now: number }): D1PreparedStatement {
  return db
    .prepare(
      `${RECOUNT_THREADS}
       WHERE id IN (SELECT root_id FROM comments WHERE ${REJECTED_WITH_AUTHOR} AND root_id IS NOT NULL) AND +site_id = ?2`,
    )
    .bind(r.authorId, r.siteId, r.now);
}

/** Featuring keeps the first featuring time (the selection's order) and sets the note. Published only. */
export function featureComment(
  db: D1Database,
  f: { siteId: string; id: number; note: string | null; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET featured_at = coalesce(featured_at, ?1), featured_note = ?2
       WHERE id = ?3 AND site_id = ?4 AND status = 'published'`,
    )
    .bind(f.now, f.note, f.id, f.siteId);
}

export function unfeatureComment(db: D1Database, siteId: string, id: number): D1PreparedStatement {
  return db
    .prepare("UPDATE comments SET featured_at = NULL, featured_note = NULL WHERE id = ? AND site_id = ?")
    .bind(id, siteId);
}

/**
 * A staff reply, published at once, by the staff member's commenter on the site (upserted just
 * before in the same batch). Moderated by its own author: nobody needs to review it.
 */
export function insertStaffReply(
  db: D1Database,
  r: {
    siteId: string;
    storyId: number;
    staffId: number;
    parentId: number | null;
    replyToId: number | null;
    rootId: number | null;
    depth: number;
    body: string;
    now: number;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO comments (site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status,
                             moderated_at, moderated_by, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT id FROM commenters WHERE site_id = ?1 AND staff_id = ?7), ?8,
               'published', ?9, ?7, ?9, ?9)
       RETURNING id`,
    )
    .bind(r.siteId, r.storyId, r.parentId, r.replyToId, r.rootId, r.depth, r.staffId, r.body, r.now);
}

/**
 * A staff reply answers the comment it replies to (not its siblings, not its thread): it leaves
 * the To answer queue, and its first answer time is kept for the figures. A comment that asked
 * nothing is left as it is.
 */
export function markAnswered(db: D1Database, a: { siteId: string; id: number; now: number }): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET answer_status = 'answered', answered_at = coalesce(answered_at, ?1)
       WHERE id = ?2 AND site_id = ?3 AND answer_status IS NOT NULL`,
    )
    .bind(a.now, a.id, a.siteId);
}

// ---- the author's own comments: edits and deletions ----

/**
 * The author's new text and what the pipeline decided for it, as two statements for one batch:
 * the text being replaced is kept as a revision (staff read the history; reports point at the
 * revision their reporter saw), then the comment takes the new text. Nothing happens unless the
 * comment is still the author's and not deleted (checked again here, in the write itself). An
 * edit may make a comment ask something (or stop asking) until staff have answered or dismissed it.
 */
export function editComment(
  db: D1Database,
  e: {
    siteId: string;
    id: number;
    authorId: number;
    body: string;
    bodyHash: string;
    status: CommentStatus;
    reasons: ReasonView[];
    /** the new text asks something (or the comment answers a staff comment) */
    awaitsAnswer: boolean;
    now: number;
  },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO comment_revisions (site_id, comment_id, revision, body, written_at, replaced_at)
         SELECT site_id, id, revision, body, coalesce(edited_at, created_at), ?1 FROM comments
         WHERE id = ?2 AND site_id = ?3 AND author_id = ?4 AND deleted_at IS NULL AND status <> 'deleted'`,
      )
      .bind(e.now, e.id, e.siteId, e.authorId),
    db
      .prepare(
        `UPDATE comments SET body = ?1, body_hash = ?2, status = ?3, reasons = ?4, edited_at = ?5, updated_at = ?5,
                revision = revision + 1,
                held_at = CASE WHEN ?3 = 'pending' THEN coalesce(held_at, ?5) ELSE held_at END,
                answer_status = CASE WHEN answer_status IN ('answered', 'dismissed') THEN answer_status
                                     WHEN ?9 THEN 'waiting' END
         WHERE id = ?6 AND site_id = ?7 AND author_id = ?8 AND deleted_at IS NULL AND status <> 'deleted'`,
      )
      .bind(e.body, e.bodyHash, e.status, JSON.stringify(e.reasons), e.now, e.id, e.siteId, e.authorId, e.awaitsAnswer ? 1 : 0),
  ];
}

// Replies that keep a deleted comment as a placeholder: a thread root's replies, or the replies
// shown under (parent_id) or answering (reply_to_id) a reply; held ones too, since approving them
// later must not leave them under nothing. ?1 comment, ?2 its root (null for a root).
const HAS_REPLIES = `EXISTS (SELECT 1 FROM comments r
   WHERE r.root_id = coalesce(?2, ?1) AND r.status IN ('published', 'pending')
     AND (?2 IS NULL OR r.parent_id = ?1 OR r.reply_to_id = ?1))`;

/**
 * Deletion by the author: the text is erased at once; a comment with replies stays as a
 * placeholder (status kept, deleted_at set), one without disappears (status 'deleted'). Decided
 * in the write itself, so that a reply arriving meanwhile is never left under nothing. It also
 * leaves the editors' selection.
 */
export function deleteOwnComment(
  db: D1Database,
  d: { siteId: string; id: number; rootId: number | null; authorId: number; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET body = '', deleted_at = ?3, updated_at = ?3, featured_at = NULL, featured_note = NULL,
              status = CASE WHEN ${HAS_REPLIES} THEN status ELSE 'deleted' END
       WHERE id = ?1 AND site_id = ?4 AND author_id = ?5 AND deleted_at IS NULL AND status <> 'deleted'`,
    )
    .bind(d.id, d.rootId, d.now, d.siteId, d.authorId);
}

/**
 * Which of these comments the reader reacted to: one range scan of reactions_reader. The reader
 * is the commenter holding the token hash (an unknown one matches nothing).
 */
export function selectReaderReactions(
  db: D1Database,
  q: { siteId: string; commenterId: number; commentIds: number[] },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT comment_id FROM reactions
       WHERE site_id = ?1 AND reader_key = ?2 AND comment_id IN (SELECT value FROM json_each(?3))`,
    )
    .bind(q.siteId, readerKey(q.commenterId), JSON.stringify(q.commentIds));
}

// ---- permalinks: where a comment sits in its thread ----

/**
 * How many top-level published comments of the story come before this one in the sort's order
 * (range scans of comments_story_top, or comments_story_top_reactions for "top").
 */
export function countTopsBefore(
  db: D1Database,
  q: { storyId: number; sort: ThreadSort; id: number; reactions: number },
): D1PreparedStatement {
  const before =
    q.sort === "top" ? "(reaction_count, id) > (?3, ?2)" : q.sort === "newest" ? "id > ?2" : "id < ?2";
  const index = q.sort === "top" ? "comments_story_top_reactions" : "comments_story_top";
  return db
    .prepare(
      `SELECT count(*) AS n FROM comments INDEXED BY ${index}
       WHERE story_id = ?1 AND root_id IS NULL AND status = 'published' AND ${before}`,
    )
    .bind(q.storyId, q.id, ...(q.sort === "top" ? [q.reactions] : []));
}

/** The top-level comment at this position (0 = first) in the sort's order: the same index walk. */
export function selectTopAt(
  db: D1Database,
  q: { storyId: number; sort: ThreadSort; offset: number },
): D1PreparedStatement {
  const order = q.sort === "top" ? "reaction_count DESC, id DESC" : q.sort === "newest" ? "id DESC" : "id ASC";
  const index = q.sort === "top" ? "comments_story_top_reactions" : "comments_story_top";
  return db
    .prepare(
      `SELECT id, reaction_count FROM comments INDEXED BY ${index}
       WHERE story_id = ?1 AND root_id IS NULL AND status = 'published'
       ORDER BY ${order} LIMIT 1 OFFSET ?2`,
    )
    .bind(q.storyId, q.offset);
}

/** How many published replies of the thread come before this one (oldest first): comments_thread. */
export function countRepliesBefore(db: D1Database, q: { rootId: number; id: number }): D1PreparedStatement {
  return db
    .prepare("SELECT count(*) AS n FROM comments WHERE root_id = ?1 AND status = 'published' AND id < ?2")
    .bind(q.rootId, q.id);
}

/** The published reply of the thread at this position (0 = first, oldest first): comments_thread. */
export function selectReplyAt(db: D1Database, q: { rootId: number; offset: number }): D1PreparedStatement {
  return db
    .prepare("SELECT id FROM comments WHERE root_id = ?1 AND status = 'published' ORDER BY id ASC LIMIT 1 OFFSET ?2")
    .bind(q.rootId, q.offset);
}

/**
 * What a polling reader needs, in one statement: the story's version and count, how many
 * published comments are newer than `after` and not the reader's (comments_story_status, whose
 * entries end with the id), and the newest id.
 */
export function selectNews(
  db: D1Database,
  q: { siteId: string; storyKey: string; afterId: number; readerId: number | null },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT s.version, s.comment_count,
              (SELECT count(*) FROM comments c
               WHERE c.story_id = s.id AND c.status = 'published' AND c.id > ?3
                 AND c.deleted_at IS NULL AND c.author_id IS NOT ?4) AS new_count,
              coalesce((SELECT c.id FROM comments c WHERE c.story_id = s.id AND c.status = 'published'
                        ORDER BY c.id DESC LIMIT 1), 0) AS latest_id
       FROM stories s WHERE s.site_id = ?1 AND s.key = ?2`,
    )
    .bind(q.siteId, q.storyKey, q.afterId, q.readerId);
}

export interface NewsRow {
  version: number;
  comment_count: number;
  new_count: number;
  latest_id: number;
}
