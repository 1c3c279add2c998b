// Approving and rejecting comments in bulk: statuses, the counters that follow and one audit row
// per comment, all in one batch.
import { resultOf } from "../../db/typed";
import { insertCommentAudits } from "../../db/audit";
import { recountAuthors } from "../../db/commenters";
import {
  approveComments,
  recountStories,
  recountThreads,
  rejectComments,
  selectModerationTargets,
  type ModerationTargetRow,
} from "../../db/staff-comments";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { ApiError } from "../../lib/errors";
import type { ModerationInput } from "../../schemas/admin";
import type { ModerationResponse } from "../../schemas/admin-views";
import { noteReplies } from "../notify/record";
import { mailStatements } from "../dsa/author-mail";
import { moderatorGround, moderatorStatements } from "../dsa/statements";
import type { StoryNotifier } from "../../live/notify";

/** What the action would change on this comment; null when it is already where the action puts it. */
function needsAction(row: ModerationTargetRow, action: ModerationInput["action"]): boolean {
  if (action === "approve") return row.status !== "published" || row.open_reports > 0;
  return row.status !== "rejected" || row.open_reports > 0;
}

/**
 * The stories' live readers learn of what they can see: an approval publishes a held comment (new
 * to them); a rejection removes a published one. Approving a published comment only closes its
 * reports, and rejecting a held one removes nothing they saw: no notice.
 */
function tellReaders(targets: ModerationTargetRow[], action: ModerationInput["action"], live: StoryNotifier): void {
  for (const t of targets) {
    if (action === "approve" && t.status !== "published") live(t.story_key, { t: "new", id: t.id, root: t.root_id });
    if (action === "reject" && t.status === "published") live(t.story_key, { t: "changed", id: t.id });
  }
}

/** A bulk action named comments this site does not have: it is refused whole. */
export function unknownComments(missing: number[]): ApiError {
  return new ApiError(
    404,
    "comment_not_found",
    `No comment of this site has the id${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; nothing was changed.`,
  );
}

/**
 * Every id must be a comment of this site: one that is not (another site's, deleted, unknown)
 * refuses the whole request and nothing changes, so a moderator never believes a bulk action
 * went through when part of it could not. Comments already in the target state are left alone
 * (no audit row) and are not listed as updated.
 */
export async function moderate(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  input: ModerationInput,
  now: number,
  live: StoryNotifier,
): Promise<ModerationResponse> {
  const ids = [...new Set(input.ids)];
  const rows = (await selectModerationTargets(db, site.id, ids).all()).results;
  const found = new Map(rows.filter((r) => r.status !== "deleted").map((r) => [r.id, r]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw unknownComments(missing);

  // The ground is checked against the site's clauses before anything is written.
  const ground = input.action === "reject" ? moderatorGround(site, input.ground) : null;
  if (input.action === "approve" && (input.ground !== undefined || input.explanation !== undefined)) {
    throw new ApiError(400, "validation_failed", "Invalid request. ground and explanation go with a rejection only", [
      { path: [input.ground !== undefined ? "ground" : "explanation"], message: "goes with a rejection only", code: "custom" },
    ]);
  }
  const targets = ids.map((id) => found.get(id)!).filter((row) => needsAction(row, input.action));
  if (targets.length === 0) return { updated: [] };

  const targetIds = targets.map((t) => t.id);
  const reason = input.reason ?? "other";
  const storyIds = [...new Set(targets.map((t) => t.story_id))];
  const rootIds = [...new Set(targets.flatMap((t) => (t.root_id !== null ? [t.root_id] : [])))];
  const authorIds = [...new Set(targets.map((t) => t.author_id))];
  const entries = targets.map((t) => ({
    id: t.id,
    detail: {
      from: t.status,
      ...(input.action === "reject" ? { reason, ground: ground!.ground } : {}),
      ...(t.open_reports > 0 ? { openReports: t.open_reports } : {}),
      ...(input.action === "reject" && t.featured_at !== null ? { unfeatured: true } : {}),
    },
  }));

  // A statement of reasons for each comment this rejection removes (one already rejected, only
  // re-rejected to close its reports, was removed by an earlier decision), after the rejection in
  // the same batch so that it records only what the rejection did.
  const removed = targets.filter((t) => t.status !== "rejected").map((t) => t.id);
  const statements =
    input.action === "reject"
      ? moderatorStatements(db, site, {
          ids: removed,
          staffId: staff.id,
          reason: input.reason ?? null,
          ground: ground!,
          explanation: input.explanation ?? null,
          now,
        })
      : [];
  const batch = [
    input.action === "approve"
      ? approveComments(db, { siteId: site.id, ids: targetIds, staffId: staff.id, now })
      : rejectComments(db, { siteId: site.id, ids: targetIds, staffId: staff.id, reason, now }),
    ...statements,
    recountStories(db, site.id, storyIds),
    recountThreads(db, site.id, rootIds),
    recountAuthors(db, site.id, authorIds),
    insertCommentAudits(db, { siteId: site.id, staffId: staff.id, action: input.action, entries, now }),
  ];
  const results = await db.batch(batch);
  tellReaders(targets, input.action, live);
  if (input.action === "approve") await noteReplies(db, site, targetIds, now);
  const statementIds = statements.flatMap((s) => resultOf(results, batch, s).results.map((x) => x.id));
  await mailStatements(db, site, statementIds, now);
  return { updated: targetIds };
}
