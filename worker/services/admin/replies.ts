// Staff replies: the site's own voice, published at once and nested like a reader's reply.
import { batchOf } from "../../db/typed";
import { insertAuditForLastComment } from "../../db/audit";
import { upsertStaffCommenter } from "../../db/commenters";
import { insertStaffReply, markAnswered, recountStories, recountThreads } from "../../db/staff-comments";
import { selectQueueItems } from "../../db/queues";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { ApiError } from "../../lib/errors";
import type { ReplyInput } from "../../schemas/admin";
import type { StaffReplyResponse } from "../../schemas/admin-views";
import { placeReply, savedCommentView } from "../comments";
import { noteReplies } from "../notify/record";
import type { StoryNotifier } from "../../live/notify";

/**
 * Replies to a published comment of this site. Closed stories and bans do not apply: the site
 * always may answer. The answer names the site, so the dashboard can show where it went.
 */
export async function staffReply(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  input: ReplyInput,
  now: number,
  live: StoryNotifier,
): Promise<StaffReplyResponse> {
  const parent = await selectQueueItems(db, site.id, [input.parentId]).first();
  if (parent?.status !== "published") {
    throw new ApiError(404, "parent_not_found", "The comment you are replying to does not exist on this site or is not published.");
  }
  const place = placeReply(parent);
  const results = await batchOf(db, [
    upsertStaffCommenter(db, { siteId: site.id, staffId: staff.id, name: staff.name, now }),
    insertStaffReply(db, { siteId: site.id, storyId: parent.story_id, staffId: staff.id, ...place, body: input.body, now }),
    insertAuditForLastComment(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "reply",
      detail: { parentId: parent.id },
      now,
    }),
    recountStories(db, site.id, [parent.story_id]),
    recountThreads(db, site.id, place.rootId !== null ? [place.rootId] : []),
    markAnswered(db, { siteId: site.id, id: parent.id, now }),
  ]);
  const id = results[1].results[0]!.id;
  // Published at once: new to the story's live readers.
  live(parent.story_key, { t: "new", id, root: place.rootId });
  await noteReplies(db, site, [id], now);
  return {
    comment: savedCommentView({
      id,
      place,
      parent,
      // A staff member's commenter is given no picture (upsertStaffCommenter sets none): initials.
      author: { name: staff.name, staff: true, avatar: null },
      body: input.body,
      status: "published",
      now,
    }),
    site: { id: site.id, name: site.name },
  };
}
