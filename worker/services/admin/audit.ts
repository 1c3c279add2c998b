// The audit log of a site, newest first, filtered, readable (names, excerpts, stories), and as CSV.
import { selectAuditPage, type AuditFilter, type AuditRow } from "../../db/audit";
import type { SiteRecord } from "../../db/sites";
import { CSV_BOM, csvLines } from "../../lib/csv";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import type { AuditQuery } from "../../schemas/admin";
import type { AuditEntry, AuditResponse } from "../../schemas/admin-views";
import { plainExcerpt } from "../../../common/text/plain-excerpt";
import { linkableStoryUrl } from "../stories";

/** Characters of a comment shown with its entry. */
export const AUDIT_EXCERPT_CHARS = 160;
/** The CSV export: rows read per statement, and at most this many rows in one file. */
export const CSV_PAGE_ROWS = 1000;
export const CSV_MAX_ROWS = 50_000;

function parseDetail(json: string): Record<string, unknown> {
  try {
    const detail: unknown = JSON.parse(json);
    return detail && typeof detail === "object" && !Array.isArray(detail) ? (detail as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `allowedOrigins`: the site's; a story URL off them is given without a link (issue 10 point 4). */
export function toAuditEntry(row: AuditRow, allowedOrigins: readonly string[]): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.created_at).toISOString(),
    staff: row.staff_id !== null ? { id: row.staff_id, name: row.staff_name ?? "" } : null,
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    detail: parseDetail(row.detail),
    comment:
      row.comment_id !== null
        ? {
            excerpt: plainExcerpt(row.comment_body ?? "", AUDIT_EXCERPT_CHARS),
            author: { id: row.comment_author_id ?? 0, name: row.comment_author_name ?? "" },
            story: { key: row.story_key ?? "", title: row.story_title, url: linkableStoryUrl(allowedOrigins, row.story_url) },
          }
        : null,
    commenter: row.commenter_id !== null ? { id: row.commenter_id, name: row.commenter_name ?? "" } : null,
  };
}

function filterOf(site: SiteRecord, q: AuditQuery): Omit<AuditFilter, "beforeId" | "rows"> {
  return { siteId: site.id, action: q.action, staffId: q.staff, from: q.from, to: q.to };
}

export async function readAudit(db: D1Database, site: SiteRecord, q: AuditQuery): Promise<AuditResponse> {
  const beforeId = q.cursor ? decodeCursor(q.cursor, "audit") : Number.MAX_SAFE_INTEGER;
  const rows = (await selectAuditPage(db, { ...filterOf(site, q), beforeId, rows: q.limit + 1 }).all()).results;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((row) => toAuditEntry(row, site.allowedOrigins)),
    nextCursor: rows.length > q.limit && last ? encodeCursor("audit", last.id) : null,
  };
}

const CSV_HEADER = ["when", "who", "action", "target", "author", "story", "excerpt", "detail"];

function csvRow(e: AuditEntry): string[] {
  return [
    e.at,
    e.staff ? e.staff.name : "system",
    e.action,
    `${e.target.type} ${e.target.id}`,
    e.comment?.author.name ?? e.commenter?.name ?? "",
    e.comment ? (e.comment.story.title ?? e.comment.story.key) : "",
    e.comment?.excerpt ?? "",
    JSON.stringify(e.detail),
  ];
}

/**
 * The filtered log (every page of it, from the cursor if one is given) as CSV, newest first, read
 * CSV_PAGE_ROWS at a time so that each statement stays bounded; at most CSV_MAX_ROWS rows, and
 * `truncated` when more were left out.
 */
export async function auditCsv(db: D1Database, site: SiteRecord, q: AuditQuery): Promise<{ csv: string; truncated: boolean }> {
  const filter = filterOf(site, q);
  let beforeId = q.cursor ? decodeCursor(q.cursor, "audit") : Number.MAX_SAFE_INTEGER;
  const parts = [CSV_BOM, csvLines([CSV_HEADER])];
  let written = 0;
  for (;;) {
    const want = Math.min(CSV_PAGE_ROWS, CSV_MAX_ROWS - written);
    // One row more than wanted says whether anything follows.
    const rows = (await selectAuditPage(db, { ...filter, beforeId, rows: want + 1 }).all()).results;
    const page = rows.slice(0, want);
    parts.push(csvLines(page.map((row) => csvRow(toAuditEntry(row, site.allowedOrigins)))));
    written += page.length;
    const more = rows.length > want;
    if (!more) return { csv: parts.join(""), truncated: false };
    if (written >= CSV_MAX_ROWS) return { csv: parts.join(""), truncated: true };
    beforeId = page[page.length - 1]!.id;
  }
}
