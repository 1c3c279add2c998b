// The audit log of a site, newest first.
import { selectAuditPage, type AuditRow } from "../../db/audit";
import type { SiteRecord } from "../../db/sites";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import type { PageQuery } from "../../schemas/admin";
import type { AuditEntry, AuditResponse } from "../../schemas/admin-views";

function parseDetail(json: string): Record<string, unknown> {
  try {
    const detail: unknown = JSON.parse(json);
    return detail && typeof detail === "object" && !Array.isArray(detail) ? (detail as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.created_at).toISOString(),
    staff: row.staff_id !== null ? { id: row.staff_id, name: row.staff_name ?? "" } : null,
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    detail: parseDetail(row.detail),
  };
}

export async function readAudit(db: D1Database, site: SiteRecord, q: PageQuery): Promise<AuditResponse> {
  const beforeId = q.cursor ? decodeCursor(q.cursor, "audit") : Number.MAX_SAFE_INTEGER;
  const rows = (await selectAuditPage(db, { siteId: site.id, beforeId, rows: q.limit + 1 }).all<AuditRow>()).results;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    entries: page.map(toEntry),
    nextCursor: rows.length > q.limit && last ? encodeCursor("audit", last.id) : null,
  };
}
