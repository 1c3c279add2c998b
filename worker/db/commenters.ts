// SQL for the commenters table: the site-scoped identity behind each comment.
import { typed, type Typed } from "./typed";

/** commenters.banned_until for a ban with no end ("for good"); any other value is a suspension's end. */
export const BAN_FOREVER = Number.MAX_SAFE_INTEGER;

/** What the moderation pipeline and the reader routes know of a commenter. */
export interface CommenterRow {
  id: number;
  name: string;
  comment_count: number;
  approved_count: number;
  banned_until: number | null;
  ban_reason: string | null;
  staff_id: number | null;
  kind: "guest" | "sso";
  avatar_url: string | null;
  /** 1: staff hold every comment and edit of this person for review */
  premoderate: number;
}

/** The site's commenter holding this token (by its SHA-256, or an SSO reader's derived hash): commenters_token. */
export function selectCommenterByToken(db: D1Database, siteId: string, tokenHash: string): Typed<CommenterRow> {
  return typed(
    db
      .prepare(
        `SELECT id, name, comment_count, approved_count, banned_until, ban_reason, staff_id, kind, avatar_url, premoderate
       FROM commenters WHERE token_hash = ? AND site_id = ?`,
      )
      .bind(tokenHash, siteId),
  );
}

/**
 * A guest commenter, created with the comment that introduces them (same batch, just before the
 * comment's insert), holding the hash of the token they were given.
 */
export function insertGuestCommenter(
  db: D1Database,
  c: { siteId: string; name: string; tokenHash: string; published: boolean; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO commenters (site_id, kind, name, comment_count, approved_count, token_hash, created_at)
       VALUES (?, 'guest', ?, 1, ?, ?, ?)`,
    )
    .bind(c.siteId, c.name, c.published ? 1 : 0, c.tokenHash, c.now);
}

/**
 * A reader signed in through the site: created on first use, and named, mailed and pictured as
 * the site's latest token says. `tokenHash` is the key derived from the site and `sub` (see
 * auth/reader.ts), by which every other query finds them.
 */
export function upsertSsoCommenter(
  db: D1Database,
  c: { siteId: string; externalId: string; tokenHash: string; name: string; email: string | null; avatar: string | null; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO commenters (site_id, kind, name, comment_count, token_hash, external_id, email, avatar_url, created_at)
       VALUES (?1, 'sso', ?2, 0, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (site_id, external_id) WHERE external_id IS NOT NULL
       DO UPDATE SET name = excluded.name, email = excluded.email, avatar_url = excluded.avatar_url`,
    )
    .bind(c.siteId, c.name, c.tokenHash, c.externalId, c.email, c.avatar, c.now);
}

/**
 * A guest introduced by a reaction rather than a comment: no name yet (their first comment
 * names them), holding the hash of the token they are given.
 */
export function insertReactingGuest(db: D1Database, c: { siteId: string; tokenHash: string; now: number }): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO commenters (site_id, kind, name, comment_count, approved_count, token_hash, created_at)
       VALUES (?, 'guest', '', 0, 0, ?, ?)`,
    )
    .bind(c.siteId, c.tokenHash, c.now);
}

/** A known commenter posts again: counted, and named as they now sign. */
export function countCommenterPost(
  db: D1Database,
  c: { siteId: string; id: number; name: string; published: boolean },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE commenters SET name = ?, comment_count = comment_count + 1, approved_count = approved_count + ?
       WHERE id = ? AND site_id = ?`,
    )
    .bind(c.name, c.published ? 1 : 0, c.id, c.siteId);
}

/**
 * A reader signed in through the site posts: counted, found by their token hash, since the same
 * batch may just have created them (upsertSsoCommenter, whose upsert leaves no usable rowid).
 */
export function countCommenterPostByToken(
  db: D1Database,
  c: { siteId: string; tokenHash: string; published: boolean },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE commenters SET comment_count = comment_count + 1, approved_count = approved_count + ?
       WHERE token_hash = ? AND site_id = ?`,
    )
    .bind(c.published ? 1 : 0, c.tokenHash, c.siteId);
}

/**
 * Before an SSO reader's profile is saved (same batch, just before upsertSsoCommenter): when the
 * name or picture readers see changes, every story where they have comments moves on its version,
 * so that no thread answers 304 with the old name. Nothing moves when the profile is unchanged.
 * The `+` keeps SQLite on the stories' primary key rather than walking the site's stories.
 */
export function bumpStoriesOfRenamed(
  db: D1Database,
  r: { siteId: string; tokenHash: string; name: string; avatar: string | null },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE stories SET version = version + 1
       WHERE id IN (SELECT story_id FROM comments
                    WHERE author_id = (SELECT id FROM commenters WHERE site_id = ?1 AND token_hash = ?2))
         AND +site_id = ?1
         AND EXISTS (SELECT 1 FROM commenters WHERE site_id = ?1 AND token_hash = ?2
                     AND (name IS NOT ?3 OR avatar_url IS NOT ?4))`,
    )
    .bind(r.siteId, r.tokenHash, r.name, r.avatar);
}

// ---- staff: author history, bans, staff commenters ----

/** What staff see of an author (the queue items and the ban answers). */
export interface AuthorHistoryRow {
  id: number;
  name: string;
  staff_id: number | null;
  comment_count: number;
  approved_count: number;
  rejected_count: number;
  reported_count: number;
  banned_until: number | null;
  ban_reason: string | null;
}

export const AUTHOR_HISTORY_COLUMNS =
  "id, name, staff_id, comment_count, approved_count, rejected_count, reported_count, banned_until, ban_reason";

export function selectAuthorHistory(db: D1Database, siteId: string, id: number): Typed<AuthorHistoryRow> {
  return typed(db.prepare(`SELECT ${AUTHOR_HISTORY_COLUMNS} FROM commenters WHERE id = ? AND site_id = ?`).bind(id, siteId));
}

/**
 * A ban (until BAN_FOREVER) or a suspension (until a time), with the reason the author is shown.
 * A staff member's commenter is never banned (the services refuse it first; the write says it too).
 */
export function banCommenter(db: D1Database, b: { siteId: string; id: number; until: number; reason: string }): D1PreparedStatement {
  return db
    .prepare("UPDATE commenters SET banned_until = ?, ban_reason = ? WHERE id = ? AND site_id = ? AND staff_id IS NULL")
    .bind(b.until, b.reason, b.id, b.siteId);
}

export function unbanCommenter(db: D1Database, siteId: string, id: number): D1PreparedStatement {
  return db.prepare("UPDATE commenters SET banned_until = NULL, ban_reason = NULL WHERE id = ? AND site_id = ?").bind(id, siteId);
}

/**
 * approved_count and rejected_count from the rows, after a moderation action: the author's
 * published and rejected comments (comments_author).
 */
export function recountAuthors(db: D1Database, siteId: string, authorIds: number[]): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE commenters SET
         approved_count = (SELECT count(*) FROM comments c WHERE c.author_id = commenters.id AND c.status = 'published'),
         rejected_count = (SELECT count(*) FROM comments c WHERE c.author_id = commenters.id AND c.status = 'rejected')
       WHERE id IN (SELECT value FROM json_each(?1)) AND site_id = ?2`,
    )
    .bind(JSON.stringify(authorIds), siteId);
}

/**
 * The commenter that stands for a staff member on a site (kind 'guest' with staff_id set: it has
 * no token, so no reader can post as it), created on their first reply and named as they are now;
 * counts the reply being posted in the same batch.
 */
export function upsertStaffCommenter(
  db: D1Database,
  s: { siteId: string; staffId: number; name: string; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO commenters (site_id, kind, name, comment_count, approved_count, staff_id, created_at)
       VALUES (?1, 'guest', ?2, 1, 1, ?3, ?4)
       ON CONFLICT (site_id, staff_id) WHERE staff_id IS NOT NULL
       DO UPDATE SET name = excluded.name, comment_count = comment_count + 1, approved_count = approved_count + 1`,
    )
    .bind(s.siteId, s.name, s.staffId, s.now);
}

// ---- staff: a person as a whole ----

/** What the person view shows of a commenter: the author history and who they are. */
export interface PersonRow extends AuthorHistoryRow {
  kind: "guest" | "sso";
  email: string | null;
  created_at: number;
  premoderate: number;
  /** set when the person was erased (GDPR Art. 17): their name is then blank */
  erased_at: number | null;
}

export function selectPerson(db: D1Database, siteId: string, id: number): Typed<PersonRow> {
  return typed(
    db
      .prepare(
        `SELECT ${AUTHOR_HISTORY_COLUMNS}, kind, email, created_at, premoderate, erased_at FROM commenters WHERE id = ? AND site_id = ?`,
      )
      .bind(id, siteId),
  );
}

/**
 * "Always pre-moderate this person", set or lifted, as two statements for one batch: the audit row
 * first, written only when the setting really changes (read in the batch, so two clicks at once
 * leave one row), then the change itself. Staff commenters are not moderated: never set on them.
 */
export function setPremoderation(
  db: D1Database,
  p: { siteId: string; id: number; on: boolean; staffId: number; now: number },
): D1PreparedStatement[] {
  const value = p.on ? 1 : 0;
  return [
    db
      .prepare(
        `INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at)
         SELECT site_id, ?1, ?2, 'commenter', CAST(id AS TEXT), '{}', ?3 FROM commenters
         WHERE id = ?4 AND site_id = ?5 AND staff_id IS NULL AND premoderate <> ?6`,
      )
      .bind(p.staffId, p.on ? "premoderate" : "unpremoderate", p.now, p.id, p.siteId, value),
    db.prepare("UPDATE commenters SET premoderate = ? WHERE id = ? AND site_id = ? AND staff_id IS NULL").bind(value, p.id, p.siteId),
  ];
}
