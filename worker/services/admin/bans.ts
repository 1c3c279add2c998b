// Banning (for good) or suspending (for some hours) an author on one site, lifting it, and banning
// while rejecting every comment of theirs still shown or awaiting review.
import { batchOf, resultOf } from "../../db/typed";
import { insertAudit } from "../../db/audit";
import { BAN_FOREVER, banCommenter, recountAuthors, selectAuthorHistory, unbanCommenter, type AuthorHistoryRow } from "../../db/commenters";
import { liftReaderBans, replaceReaderBans } from "../../db/reader-bans";
import { UNKNOWN_IP, ipHash } from "../../lib/hash";
import { recountStoriesOfRejected, recountThreadsOfRejected, rejectAllOfAuthor, selectPublishedOfAuthor } from "../../db/staff-comments";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { ApiError } from "../../lib/errors";
import type { BanAndRejectInput, BanInput } from "../../schemas/admin";
import type { AuthorHistory, BanAndRejectResponse } from "../../schemas/admin-views";
import { toAuthorHistory } from "./queues";
import { banRejectStatement } from "../dsa/statements";
import { mailStatements } from "../dsa/author-mail";
import type { StoryNotifier } from "../../live/notify";

export async function findAuthor(db: D1Database, site: SiteRecord, id: number): Promise<AuthorHistoryRow> {
  const row = await selectAuthorHistory(db, site.id, id).first();
  if (!row) throw new ApiError(404, "commenter_not_found", `No commenter of this site has the id ${id}.`);
  return row;
}

/**
 * Staff speak for the site: their commenter is neither banned nor held for review. Whether a
 * commenter is staff never changes, so this check may come before the write (which says it too).
 */
export function refuseStaff(row: AuthorHistoryRow): void {
  if (row.staff_id !== null) {
    throw new ApiError(409, "commenter_is_staff", "This commenter is a staff member of the site: staff are not moderated.");
  }
}

function banUntil(input: BanInput, now: number): number {
  return input.duration === "permanent" ? BAN_FOREVER : now + input.duration.hours * 3_600_000;
}

/**
 * The ban itself, what it covers besides the commenter (their networks when they are a guest and
 * the site's banCoversNetwork is on, their email when they signed in through the site), and its
 * audit row, for one batch: one write, so a post racing the ban sees all of it or none.
 */
async function banStatements(db: D1Database, site: SiteRecord, staff: StaffRow, id: number, input: BanInput, now: number) {
  const until = banUntil(input, now);
  const coverNetwork = site.settings.banCoversNetwork;
  return [
    banCommenter(db, { siteId: site.id, id, until, reason: input.reason }),
    ...replaceReaderBans(db, {
      siteId: site.id,
      commenterId: id,
      until,
      reason: input.reason,
      coverNetwork,
      unknownIpHash: await ipHash(site.id, UNKNOWN_IP),
      now,
    }),
    insertAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "ban",
      targetType: "commenter",
      targetId: id,
      detail: {
        duration: input.duration,
        until: until === BAN_FOREVER ? null : new Date(until).toISOString(),
        reason: input.reason,
      },
      now,
    }),
  ];
}

/** A new ban replaces any earlier one (a suspension may become a ban, or be shortened). */
export async function ban(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  id: number,
  input: BanInput,
  now: number,
): Promise<{ author: AuthorHistory }> {
  refuseStaff(await findAuthor(db, site, id));
  const after = selectAuthorHistory(db, site.id, id);
  const statements = [...(await banStatements(db, site, staff, id, input, now)), after];
  const results = await db.batch(statements);
  return { author: toAuthorHistory(resultOf(results, statements, after).results[0]!, now) };
}

/**
 * The ban, and the rejection of every pending and published comment of the person (not the
 * placeholders of deleted ones), in one batch: the comments rejected are those the write finds
 * (one posted meanwhile is in it), with one "reject" audit row each (withBan), and the story,
 * thread and author counters recomputed from the rows.
 */
export async function banAndReject(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  id: number,
  input: BanAndRejectInput,
  now: number,
  live: StoryNotifier,
): Promise<BanAndRejectResponse> {
  refuseStaff(await findAuthor(db, site, id));
  const scope = { siteId: site.id, authorId: id, now };
  const banning = await banStatements(db, site, staff, id, input, now);
  const rejecting = rejectAllOfAuthor(db, {
    ...scope,
    staffId: staff.id,
    reason: input.rejectReason,
    statement: banRejectStatement(site, input.rejectReason),
  });
  const [, rejection, ...removals] = rejecting;
  const after = selectAuthorHistory(db, site.id, id);
  const visible = selectPublishedOfAuthor(db, scope);
  const statements = [
    ...banning,
    visible,
    ...rejecting,
    recountStoriesOfRejected(db, scope),
    recountThreadsOfRejected(db, scope),
    recountAuthors(db, site.id, [id]),
    after,
  ];
  const results = await db.batch(statements);
  const rejected = resultOf(results, statements, rejection)
    .results.map((r) => r.id)
    .sort((a, b) => a - b);
  // Each removal has its statement of reasons (the two inserts after the rejection), told to its author.
  const statementIds = removals.flatMap((s) => resultOf(results, statements, s).results.map((r) => r.id));
  // What readers saw go: the published ones, read in the batch just before their rejection.
  for (const c of resultOf(results, statements, visible).results) live(c.story_key, { t: "changed", id: c.id });
  await mailStatements(db, site, statementIds, now);
  return { author: toAuthorHistory(resultOf(results, statements, after).results[0]!, now), rejected };
}

/** Lifts a ban or suspension; an author who is not banned stays as they are (no audit row). */
export async function unban(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  id: number,
  now: number,
): Promise<{ author: AuthorHistory }> {
  const row = await findAuthor(db, site, id);
  if (row.banned_until === null) return { author: toAuthorHistory(row, now) };
  const [, , after] = await batchOf(db, [
    unbanCommenter(db, site.id, id),
    liftReaderBans(db, site.id, id),
    selectAuthorHistory(db, site.id, id),
    insertAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "unban",
      targetType: "commenter",
      targetId: id,
      detail: {
        was: row.banned_until === BAN_FOREVER ? "permanent" : new Date(row.banned_until).toISOString(),
        reason: row.ban_reason,
      },
      now,
    }),
  ]);
  return { author: toAuthorHistory(after.results[0]!, now) };
}
