// The SQL an import runs: plain statements with their values inlined (wrangler's --file takes no
// parameters; sqlText is the one quoting function), which the worker tests run on D1 unchanged.
// Every statement is idempotent on its own: a row is written only when import_sources
// (0016_import_sources.sql) has no row for its source id, so an interrupted import run again
// completes, and a finished one run again writes nothing.
import { sqlText } from "../cli/staff-sql";
// services/comments.ts MAX_REPLY_DEPTH (not imported: that module pulls the whole Worker into the
// CLI bundle); test/worker/import checks that both agree.
export const MAX_REPLY_DEPTH = 3;
import type { ImportSource, SourceStatus } from "./records";

type Value = string | number | null;
const v = (value: Value) => (value === null ? "NULL" : typeof value === "number" ? String(Math.trunc(value)) : sqlText(value));

function source(site: string, src: ImportSource, kind: string, id: string, alias = ""): string {
  return `${alias}site_id = ${v(site)} AND ${alias}source = ${v(src)} AND ${alias}kind = ${v(kind)} AND ${alias}source_id = ${v(id)}`;
}

function mapping(site: string, src: ImportSource, kind: string, id: string, palabreId: string, now: number): string {
  // changes() = 1: the row was just written by the statement before; else nothing is recorded.
  return `INSERT OR IGNORE INTO import_sources (site_id, source, kind, source_id, palabre_id, imported_at)
  SELECT ${v(site)}, ${v(src)}, ${v(kind)}, ${v(id)}, ${palabreId}, ${now} WHERE changes() = 1;`;
}

export interface StoryRow {
  sourceId: string;
  key: string;
  url: string | null;
  title: string | null;
  createdAt: number;
  closed: boolean;
}

/** The story, unless the site already has one with this key (then the comments join it). */
export function storySql(site: string, src: ImportSource, s: StoryRow, now: number): string[] {
  return [
    `INSERT INTO stories (site_id, key, url, title, status, created_at, updated_at)
  VALUES (${v(site)}, ${v(s.key)}, ${v(s.url)}, ${v(s.title)}, ${v(s.closed ? "closed" : "open")}, ${s.createdAt}, ${now})
  ON CONFLICT (site_id, key) DO NOTHING;`,
    `INSERT OR IGNORE INTO import_sources (site_id, source, kind, source_id, palabre_id, imported_at)
  SELECT ${v(site)}, ${v(src)}, 'story', ${v(s.sourceId)}, id, ${now} FROM stories WHERE site_id = ${v(site)} AND key = ${v(s.key)};`,
  ];
}

export interface CommenterRow {
  key: string;
  name: string;
  createdAt: number;
  sso?: { externalId: string; email: string | null; avatarUrl: string | null } | undefined;
}

export function commenterSql(site: string, src: ImportSource, c: CommenterRow, now: number): string[] {
  if (c.sso) {
    // An SSO reader the site already knows (same `sub`) keeps their row: the comments join it.
    return [
      `INSERT INTO commenters (site_id, kind, name, external_id, email, avatar_url, created_at)
  SELECT ${v(site)}, 'sso', ${v(c.name)}, ${v(c.sso.externalId)}, ${v(c.sso.email)}, ${v(c.sso.avatarUrl)}, ${c.createdAt}
  WHERE NOT EXISTS (SELECT 1 FROM import_sources WHERE ${source(site, src, "commenter", c.key)})
  ON CONFLICT (site_id, external_id) WHERE external_id IS NOT NULL DO NOTHING;`,
      `INSERT OR IGNORE INTO import_sources (site_id, source, kind, source_id, palabre_id, imported_at)
  SELECT ${v(site)}, ${v(src)}, 'commenter', ${v(c.key)}, id, ${now} FROM commenters WHERE site_id = ${v(site)} AND external_id = ${v(c.sso.externalId)};`,
    ];
  }
  return [
    `INSERT INTO commenters (site_id, kind, name, created_at)
  SELECT ${v(site)}, 'guest', ${v(c.name)}, ${c.createdAt}
  WHERE NOT EXISTS (SELECT 1 FROM import_sources WHERE ${source(site, src, "commenter", c.key)});`,
    mapping(site, src, "commenter", c.key, "last_insert_rowid()", now),
  ];
}

export interface CommentRow {
  sourceId: string;
  storyKey: string;
  parentId: string | null;
  authorKey: string;
  body: string;
  status: SourceStatus;
  /** a deleted comment that others answered stays as a placeholder (as in worker/db/comments.ts) */
  hasReplies: boolean;
  createdAt: number;
}

/** Palabre's status, body and dates for a source status. */
function palabreState(c: CommentRow): { status: string; body: string; reasons: string; deletedAt: number | null; heldAt: number | null } {
  switch (c.status) {
    case "approved":
      return { status: "published", body: c.body, reasons: "[]", deletedAt: null, heldAt: null };
    case "pending":
      return { status: "pending", body: c.body, reasons: "[]", deletedAt: null, heldAt: c.createdAt };
    case "spam":
      return {
        status: "rejected",
        body: c.body,
        reasons: JSON.stringify([{ code: "moderator", detail: "spam" }]),
        deletedAt: null,
        heldAt: null,
      };
    case "rejected":
      return { status: "rejected", body: c.body, reasons: "[]", deletedAt: null, heldAt: null };
    case "deleted":
      return { status: c.hasReplies ? "published" : "deleted", body: "", reasons: "[]", deletedAt: c.createdAt, heldAt: null };
  }
}

/**
 * The comment, placed under its parent as the Worker places a reply (services/comments.ts
 * placeReply: beside it once MAX_REPLY_DEPTH is reached). Written only when its story, author
 * and parent are there, so a missing one never turns a reply into a top-level comment.
 */
export function commentSql(site: string, src: ImportSource, c: CommentRow, now: number): string[] {
  const s = palabreState(c);
  const parent = c.parentId === null ? null : `(SELECT palabre_id FROM import_sources WHERE ${source(site, src, "comment", c.parentId)})`;
  const place =
    parent === null
      ? "NULL, NULL, NULL, 0"
      : `iif(p.depth >= ${MAX_REPLY_DEPTH}, p.parent_id, p.id), p.id, coalesce(p.root_id, p.id), min(p.depth + 1, ${MAX_REPLY_DEPTH})`;
  return [
    `INSERT INTO comments (site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status, reasons,
                      created_at, updated_at, deleted_at, held_at)
  SELECT ${v(site)}, st.id, ${place}, a.palabre_id, ${v(s.body)}, ${v(s.status)}, ${v(s.reasons)},
         ${c.createdAt}, ${c.createdAt}, ${v(s.deletedAt)}, ${v(s.heldAt)}
  FROM stories st
  JOIN import_sources a ON ${source(site, src, "commenter", c.authorKey, "a.")}
  ${parent === null ? "" : `JOIN comments p ON p.id = ${parent} AND p.site_id = ${v(site)}`}
  WHERE st.site_id = ${v(site)} AND st.key = ${v(c.storyKey)}
    AND NOT EXISTS (SELECT 1 FROM import_sources WHERE ${source(site, src, "comment", c.sourceId)});`,
    mapping(site, src, "comment", c.sourceId, "last_insert_rowid()", now),
  ];
}

/**
 * Counters from the rows, for the stories and authors this source brought (whatever run wrote
 * them): what the Worker keeps up to date one comment at a time. Safe to run again.
 */
export function finishSql(site: string, src: ImportSource, now: number): string[] {
  const stories = `SELECT palabre_id FROM import_sources WHERE site_id = ${v(site)} AND source = ${v(src)} AND kind = 'story'`;
  const authors = `SELECT palabre_id FROM import_sources WHERE site_id = ${v(site)} AND source = ${v(src)} AND kind = 'commenter'`;
  const shown = "c.status = 'published' AND c.deleted_at IS NULL";
  return [
    `UPDATE comments SET reply_count = (SELECT count(*) FROM comments c WHERE c.root_id = comments.id AND ${shown})
  WHERE root_id IS NULL AND story_id IN (${stories});`,
    `UPDATE stories SET comment_count = (SELECT count(*) FROM comments c WHERE c.story_id = stories.id AND ${shown}),
    first_comment_at = (SELECT min(created_at) FROM comments c WHERE c.story_id = stories.id),
    version = version + 1, updated_at = ${now}
  WHERE id IN (${stories});`,
    `UPDATE commenters SET comment_count = (SELECT count(*) FROM comments c WHERE c.author_id = commenters.id),
    approved_count = (SELECT count(*) FROM comments c WHERE c.author_id = commenters.id AND c.status = 'published'),
    rejected_count = (SELECT count(*) FROM comments c WHERE c.author_id = commenters.id AND c.status = 'rejected')
  WHERE id IN (${authors});`,
  ];
}

export function siteExistsSql(site: string): string {
  return `SELECT id FROM sites WHERE id = ${v(site)};`;
}
