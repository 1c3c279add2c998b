// Banning (for good) or suspending (for some hours) an author on one site, and lifting it.
import { insertAudit } from "../../db/audit";
import {
  BAN_FOREVER,
  banCommenter,
  selectAuthorHistory,
  unbanCommenter,
  type AuthorHistoryRow,
} from "../../db/commenters";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { ApiError } from "../../lib/errors";
import type { BanInput } from "../../schemas/admin";
import type { AuthorHistory } from "../../schemas/admin-views";
import { toAuthorHistory } from "./queues";

async function findAuthor(db: D1Database, site: SiteRecord, id: number): Promise<AuthorHistoryRow> {
  const row = await selectAuthorHistory(db, site.id, id).first<AuthorHistoryRow>();
  if (!row) throw new ApiError(404, "commenter_not_found", `No commenter of this site has the id ${id}.`);
  return row;
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
  await findAuthor(db, site, id);
  const until = input.duration === "permanent" ? BAN_FOREVER : now + input.duration.hours * 3_600_000;
  const [, after] = await db.batch<unknown>([
    banCommenter(db, { siteId: site.id, id, until, reason: input.reason }),
    selectAuthorHistory(db, site.id, id),
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
  ]);
  return { author: toAuthorHistory((after!.results as AuthorHistoryRow[])[0]!, now) };
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
  const [, after] = await db.batch<unknown>([
    unbanCommenter(db, site.id, id),
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
  return { author: toAuthorHistory((after!.results as AuthorHistoryRow[])[0]!, now) };
}
