// Featuring: picking published comments for the editors' selection, with an optional note.
import { batchOf } from "../../db/typed";
import { insertAudit } from "../../db/audit";
import { featureComment, unfeatureComment } from "../../db/staff-comments";
import { bumpStoryVersion } from "../../db/stories";
import { selectQueueItems, type QueueItemRow } from "../../db/queues";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { ApiError } from "../../lib/errors";
import type { FeatureInput } from "../../schemas/admin";
import type { QueueItem } from "../../schemas/admin-views";
import { toQueueItem } from "./queues";
import { noteFeatured } from "../notify/record";
import type { StoryNotifier } from "../../live/notify";

type FeaturedAnswer = { comment: QueueItem["comment"] };

async function findItem(db: D1Database, site: SiteRecord, id: number): Promise<QueueItemRow> {
  const row = await selectQueueItems(db, site.id, [id]).first();
  if (!row || row.status === "deleted") {
    throw new ApiError(404, "comment_not_found", `No comment of this site has the id ${id}.`);
  }
  return row;
}

/** Features the comment, or changes the note of one already featured (it keeps its place). */
export async function feature(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  id: number,
  input: FeatureInput,
  now: number,
  live: StoryNotifier,
): Promise<FeaturedAnswer> {
  const row = await findItem(db, site, id);
  if (row.status !== "published") {
    throw new ApiError(409, "comment_not_published", "Only a published comment can be featured: approve it first.");
  }
  const note = input.note ?? null;
  const [, after] = await batchOf(db, [
    featureComment(db, { siteId: site.id, id, note, now }),
    selectQueueItems(db, site.id, [id]),
    bumpStoryVersion(db, site.id, row.story_id),
    insertAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "feature",
      targetType: "comment",
      targetId: id,
      detail: { note, ...(row.featured_at !== null ? { noteChanged: true } : {}) },
      now,
    }),
  ]);
  // Readers see the pick and its note: a new pick or a note changed is a change to them.
  live(row.story_key, { t: "changed", id });
  if (row.featured_at === null) await noteFeatured(db, site, id, now);
  return { comment: toQueueItem(after.results[0]!, [], site, now).comment };
}

/** Takes the comment out of the selection; one that is not featured stays as it is (no audit row). */
export async function unfeature(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  id: number,
  now: number,
  live: StoryNotifier,
): Promise<FeaturedAnswer> {
  const row = await findItem(db, site, id);
  if (row.featured_at === null) return { comment: toQueueItem(row, [], site, now).comment };
  const [, after] = await batchOf(db, [
    unfeatureComment(db, site.id, id),
    selectQueueItems(db, site.id, [id]),
    bumpStoryVersion(db, site.id, row.story_id),
    insertAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "unfeature",
      targetType: "comment",
      targetId: id,
      detail: { note: row.featured_note },
      now,
    }),
  ]);
  if (row.status === "published") live(row.story_key, { t: "changed", id });
  return { comment: toQueueItem(after.results[0]!, [], site, now).comment };
}
