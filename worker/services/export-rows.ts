// The site export's reads, page by page (keyset on id, so that each page is one index range and
// memory stays bounded whatever the site's size), and how a row becomes Palabre's export format.
// Plain SQL text with ?1 site, ?2 after id, ?3 limit, ?4 the last id when the export began (so
// that every comment's story and author are in the file: what was added later is not, and a
// comment older than that bound has its story and author older too). The Worker binds it on D1,
// and the CLI (worker/cli/export.ts) inlines the same values for `wrangler d1 execute`.
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportComment,
  type ExportCommenter,
  type ExportSite,
  type ExportStory,
} from "../schemas/export";

export const SITE_SQL = "SELECT id, name, allowed_origins, settings, created_at FROM sites WHERE id = ?1";

/** Each table's last id: the export's bounds (primary keys: one step each). */
export const BOUNDS_SQL = `SELECT coalesce((SELECT max(id) FROM stories), 0) AS stories,
  coalesce((SELECT max(id) FROM commenters), 0) AS commenters, coalesce((SELECT max(id) FROM comments), 0) AS comments`;

export interface Bounds {
  stories: number;
  commenters: number;
  comments: number;
}

// stories has no (site_id, id) index: the primary key's range in id order (+site_id keeps the
// planner from the (site_id, key) index, which would sort the site's stories for every page).
export const STORIES_SQL = `SELECT id, key, url, title, status, created_at FROM stories
  WHERE +site_id = ?1 AND id > ?2 AND id <= ?4 ORDER BY id LIMIT ?3`;

// Erased commenters are marked by erased_at (0015_gdpr.sql). No token_hash, no staff_id.
export const COMMENTERS_SQL = `SELECT id, kind, name, external_id, email, avatar_url, erased_at, created_at FROM commenters
  WHERE site_id = ?1 AND id > ?2 AND id <= ?4 ORDER BY id LIMIT ?3`;

export const COMMENTS_SQL = `SELECT id, story_id, parent_id, reply_to_id, author_id, body, status, created_at, updated_at,
       edited_at, deleted_at, featured_at, featured_note FROM comments
  WHERE site_id = ?1 AND id > ?2 AND id <= ?4 ORDER BY id LIMIT ?3`;

/** The CSV's page: each comment with its story and author (one lookup each by primary key). */
export const CSV_SQL = `SELECT c.id, s.key AS story_key, s.url AS story_url, s.title AS story_title, c.parent_id, c.reply_to_id,
       c.author_id, a.name AS author_name, a.kind AS author_kind, c.status, c.created_at, c.edited_at, c.deleted_at,
       c.featured_at, c.featured_note, c.body
  FROM comments c JOIN stories s ON s.id = c.story_id JOIN commenters a ON a.id = c.author_id
  WHERE c.site_id = ?1 AND c.id > ?2 AND c.id <= ?4 ORDER BY c.id LIMIT ?3`;

export interface SiteRowX {
  id: string;
  name: string;
  allowed_origins: string;
  settings: string;
  created_at: number;
}
export interface StoryRowX {
  id: number;
  key: string;
  url: string | null;
  title: string | null;
  status: "open" | "closed";
  created_at: number;
}
export interface CommenterRowX {
  id: number;
  kind: "guest" | "sso";
  name: string;
  external_id: string | null;
  email: string | null;
  avatar_url: string | null;
  erased_at: number | null;
  created_at: number;
}
export interface CommentRowX {
  id: number;
  story_id: number;
  parent_id: number | null;
  reply_to_id: number | null;
  author_id: number;
  body: string;
  status: ExportComment["status"];
  created_at: number;
  updated_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  featured_at: number | null;
  featured_note: string | null;
}
export interface CsvRowX {
  id: number;
  story_key: string;
  story_url: string | null;
  story_title: string | null;
  parent_id: number | null;
  reply_to_id: number | null;
  author_id: number;
  author_name: string;
  author_kind: string;
  status: string;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  featured_at: number | null;
  featured_note: string | null;
  body: string;
}

export interface PageKinds {
  stories: StoryRowX;
  commenters: CommenterRowX;
  comments: CommentRowX;
  csv: CsvRowX;
}
export type PageKind = keyof PageKinds;

export const PAGE_SQL: Record<PageKind, string> = {
  stories: STORIES_SQL,
  commenters: COMMENTERS_SQL,
  comments: COMMENTS_SQL,
  csv: CSV_SQL,
};

/** Where the export's rows come from: D1 in the Worker, wrangler in the CLI. */
export interface ExportSource {
  site(siteId: string): Promise<SiteRowX | null>;
  bounds(): Promise<Bounds>;
  page<K extends PageKind>(kind: K, siteId: string, afterId: number, limit: number, upTo: number): Promise<PageKinds[K][]>;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

function settingsLanguage(json: string): "fr" | "en" {
  try {
    const s = JSON.parse(json) as { defaultLocale?: unknown };
    return s.defaultLocale === "fr" ? "fr" : "en";
  } catch {
    return "en";
  }
}

function origins(json: string): string[] {
  try {
    const list = JSON.parse(json);
    return Array.isArray(list) ? list.filter((o): o is string => typeof o === "string") : [];
  } catch {
    return [];
  }
}

export function exportHeader(site: SiteRowX, now: number): { format: string; version: number; exportedAt: string; site: ExportSite } {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: iso(now),
    site: {
      id: site.id,
      name: site.name,
      allowedOrigins: origins(site.allowed_origins),
      language: settingsLanguage(site.settings),
      createdAt: iso(site.created_at),
    },
  };
}

export const toExportStory = (r: StoryRowX): ExportStory => ({
  id: r.id,
  key: r.key,
  url: r.url,
  title: r.title,
  status: r.status,
  createdAt: iso(r.created_at),
});

export const toExportCommenter = (r: CommenterRowX): ExportCommenter => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  externalId: r.external_id,
  email: r.email,
  avatarUrl: r.avatar_url,
  erased: r.erased_at !== null,
  createdAt: iso(r.created_at),
});

export const toExportComment = (r: CommentRowX): ExportComment => ({
  id: r.id,
  storyId: r.story_id,
  parentId: r.parent_id,
  replyToId: r.reply_to_id,
  authorId: r.author_id,
  body: r.body,
  status: r.status,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  editedAt: isoOrNull(r.edited_at),
  deletedAt: isoOrNull(r.deleted_at),
  featuredAt: isoOrNull(r.featured_at),
  featuredNote: r.featured_note,
});

export const toCsvCells = (r: CsvRowX): (string | number | null)[] => [
  r.id,
  r.story_key,
  r.story_url,
  r.story_title,
  r.parent_id,
  r.reply_to_id,
  r.author_id,
  r.author_name,
  r.author_kind,
  r.status,
  iso(r.created_at),
  isoOrNull(r.edited_at),
  isoOrNull(r.deleted_at),
  isoOrNull(r.featured_at),
  r.featured_note,
  r.body,
];
