// SQL for where comments sit in a story: a permalink's page and replies page, the newest id, and
// what is new for a polling reader since the id they last saw.
import type { ThreadSort } from "../schemas/views";
import { SELECT_COMMENT, type CommentRow } from "./comments";
import type { StoryRow } from "./stories";
import { typed, type Typed } from "./typed";

/** Where a comment sits is counted up to this many comments before it (services/threads.ts readContext). */
export const POSITION_COUNT_MAX = 1000;

/** Comments counted before one, up to a bound (the bound means that many or more). */
export interface CountedRow {
  n: number;
}

/** The top-level comment of this comment's thread (the comment itself when top-level): two primary-key lookups. */
export function selectThreadRootOf(db: D1Database, siteId: string, id: number): Typed<CommentRow> {
  return typed(
    db
      .prepare(
        `${SELECT_COMMENT} WHERE c.id = (SELECT coalesce(root_id, id) FROM comments WHERE id = ?1 AND site_id = ?2) AND c.site_id = ?2`,
      )
      .bind(id, siteId),
  );
}

// Top-level published comments of story ?1, read from comments_story_top (by id) or, for "top",
// comments_story_top_reactions.
const TOPS = "story_id = ?1 AND root_id IS NULL AND status = 'published'";

/**
 * How many top-level published comments of the story come before this one in the sort's order,
 * counted up to `max` only (POSITION_COUNT_MAX unless given; `max` means `max` or more): each count
 * is a LIMIT-ed range of the sort's index, so it costs the same whatever the story's size or the
 * comment's place.
 * For "top", before (reactions, id) are the rest of its reaction group (newer ids) and the groups
 * above it: two ranges, not the row value (reaction_count, id) > (?3, ?2), which SQLite ranges on
 * reaction_count alone (the rowid in a row value: see db/comments.ts) and so walks the whole group.
 */
export function countTopsBefore(
  db: D1Database,
  q: { storyId: number; sort: ThreadSort; id: number; reactions: number; max?: number },
): Typed<CountedRow> {
  const capped = (index: string, where: string) =>
    `(SELECT count(*) FROM (SELECT 1 FROM comments INDEXED BY ${index} WHERE ${TOPS} AND ${where} LIMIT ?4))`;
  const sql =
    q.sort === "top"
      ? `SELECT min(${capped("comments_story_top_reactions", "reaction_count = ?3 AND id > ?2")}
                  + ${capped("comments_story_top_reactions", "reaction_count > ?3")}, ?4) AS n`
      : `SELECT ${capped("comments_story_top", q.sort === "newest" ? "id > ?2" : "id < ?2")} AS n`;
  return typed(db.prepare(sql).bind(q.storyId, q.id, q.reactions, q.max ?? POSITION_COUNT_MAX));
}

/**
 * The top-level comment at this position (0 = first) in the sort's order: the same index walk, as
 * long as the offset; the caller asks it only for a position counted by countTopsBefore (< max).
 */
export function selectTopAt(
  db: D1Database,
  q: { storyId: number; sort: ThreadSort; offset: number },
): Typed<{ id: number; reaction_count: number }> {
  const order = q.sort === "top" ? "reaction_count DESC, id DESC" : q.sort === "newest" ? "id DESC" : "id ASC";
  const index = q.sort === "top" ? "comments_story_top_reactions" : "comments_story_top";
  return typed(
    db
      .prepare(`SELECT id, reaction_count FROM comments INDEXED BY ${index} WHERE ${TOPS} ORDER BY ${order} LIMIT 1 OFFSET ?2`)
      .bind(q.storyId, q.offset),
  );
}

/**
 * How many published replies of the thread come before this one (oldest first), counted up to
 * `max` only (POSITION_COUNT_MAX unless given): a LIMIT-ed range of comments_thread.
 */
export function countRepliesBefore(db: D1Database, q: { rootId: number; id: number; max?: number }): Typed<CountedRow> {
  return typed(
    db
      .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM comments WHERE root_id = ?1 AND status = 'published' AND id < ?2 LIMIT ?3)`)
      .bind(q.rootId, q.id, q.max ?? POSITION_COUNT_MAX),
  );
}

/** The published reply of the thread at this position (0 = first, oldest first): comments_thread, as long as the offset. */
export function selectReplyAt(db: D1Database, q: { rootId: number; offset: number }): Typed<{ id: number }> {
  return typed(
    db
      .prepare("SELECT id FROM comments WHERE root_id = ?1 AND status = 'published' ORDER BY id ASC LIMIT 1 OFFSET ?2")
      .bind(q.rootId, q.offset),
  );
}

// The newest published comment id of story `s` (0: none): the last entry of the story's
// published range of comments_story_status, whose entries end with the id.
const LATEST_ID = `coalesce((SELECT c.id FROM comments c WHERE c.story_id = s.id AND c.status = 'published'
                             ORDER BY c.id DESC LIMIT 1), 0)`;

/** A story's row and its newest published comment id. */
export type StoryWithLatestRow = StoryRow & { latest_id: number };

/** The story as selectStoryByKey reads it, and its newest published comment id (`latest_id`). */
export function selectStoryWithLatest(db: D1Database, siteId: string, key: string): Typed<StoryWithLatestRow> {
  return typed(db.prepare(`SELECT s.*, ${LATEST_ID} AS latest_id FROM stories s WHERE s.site_id = ? AND s.key = ?`).bind(siteId, key));
}

// The reader, from their credential's token hash: null when anonymous or unknown.
const READER_ID = "(SELECT id FROM commenters WHERE token_hash = ?4 AND site_id = ?1)";

// What is new for a reader: published, not a deleted comment's placeholder, newer than `after`
// and not their own. A range scan of comments_story_status (story_id, status, id) from `after`.
// ?1 site, ?2 story key, ?3 after, ?4 the reader's token hash (null: anonymous).
const NEW_COMMENTS = `c.story_id = (SELECT id FROM stories WHERE site_id = ?1 AND key = ?2)
  AND c.status = 'published' AND c.id > ?3 AND c.deleted_at IS NULL
  AND c.author_id IS NOT ${READER_ID}`;

export interface NewsWhere {
  siteId: string;
  storyKey: string;
  afterId: number;
  tokenHash: string | null;
}

/**
 * What a polling reader needs besides the comments: the story's version and count, the newest
 * id, the reader's commenter id, and how many comments are new, counted up to `countMax` only
 * (so that a poll from far back costs no more than one from the newest id).
 */
export function selectNews(db: D1Database, q: NewsWhere & { countMax: number }): Typed<NewsRow> {
  return typed(
    db
      .prepare(
        `SELECT s.version, s.comment_count,
              (SELECT count(*) FROM (SELECT 1 FROM comments c WHERE ${NEW_COMMENTS} LIMIT ?5)) AS new_count,
              ${LATEST_ID} AS latest_id, ${READER_ID} AS reader_id
       FROM stories s WHERE s.site_id = ?1 AND s.key = ?2`,
      )
      .bind(q.siteId, q.storyKey, q.afterId, q.tokenHash, q.countMax),
  );
}

export interface NewsRow {
  version: number;
  comment_count: number;
  new_count: number;
  latest_id: number;
  reader_id: number | null;
}

/**
 * The first `rows` new comments, oldest first, each with whether the reader reacted to it (a
 * lookup of the reactions primary key), so the poll needs no second round trip. The `+` keeps
 * site_id out of index choice (comments_site would walk every later comment of the site).
 * Sort them by id: the outer query does not promise the inner order.
 */
export function selectNewComments(db: D1Database, q: NewsWhere & { rows: number }): Typed<NewCommentRow> {
  return typed(
    db
      .prepare(
        // 'c:' || id is readerKey(id), spelled in SQL from the stored integer
        `SELECT n.*, EXISTS (SELECT 1 FROM reactions r
                           WHERE r.comment_id = n.id AND r.reader_key = 'c:' || ${READER_ID}) AS reacted
       FROM (${SELECT_COMMENT}
             WHERE ${NEW_COMMENTS} AND +c.site_id = ?1
             ORDER BY c.id ASC LIMIT ?5) AS n`,
      )
      .bind(q.siteId, q.storyKey, q.afterId, q.tokenHash, q.rows),
  );
}

export interface NewCommentRow extends CommentRow {
  /** 1 when the reader reacted to it */
  reacted: number;
}
