// The edit history of a comment, for staff only: the texts its author replaced, then the current one.
import { selectRevisions } from "../../db/revisions";
import { batchOf } from "../../db/typed";
import type { SiteRecord } from "../../db/sites";
import { ApiError } from "../../lib/errors";
import type { RevisionsResponse } from "../../schemas/admin-views";

/** The latest earlier texts shown (an author may edit many times within the edit window). */
export const REVISIONS_SHOWN = 200;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Oldest first. A comment its author deleted has no texts left to show: its history is erased
 * with it (staff see that it was deleted, not what it said).
 */
export async function readRevisions(db: D1Database, site: SiteRecord, id: number): Promise<RevisionsResponse> {
  const [comment, revisions] = await batchOf(db, selectRevisions(db, { siteId: site.id, commentId: id, rows: REVISIONS_SHOWN }));
  const row = comment.results[0];
  if (!row) throw new ApiError(404, "comment_not_found", `No comment of this site has the id ${id}.`);
  const deleted = row.deleted_at !== null || row.status === "deleted";
  const earlier = deleted ? [] : revisions.results.reverse();
  return {
    revisions: earlier.map((r) => ({ revision: r.revision, body: r.body, writtenAt: iso(r.written_at), replacedAt: iso(r.replaced_at) })),
    current: { revision: row.revision, body: deleted ? "" : row.body, writtenAt: iso(row.edited_at ?? row.created_at) },
  };
}
