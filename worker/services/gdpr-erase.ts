// A person's erasure (GDPR Art. 17) run as one batch: the statements of worker/db/gdpr.ts, then
// what became of their comments. No checks and no errors here: the staff API and the reader's own
// erasure check who may erase whom first (and answer with their own codes).
import { batchOf, last, typed } from "../db/typed";
import { erasureStatements, purgeEndedBansOfErased } from "../db/gdpr";
import { selectPublishedOfAuthor } from "../db/staff-comments";
import type { StoryNotifier } from "../live/notify";

export interface ErasureResult {
  erased: true;
  commenterId: number;
  /** their comments kept as "deleted" placeholders because someone else answers them */
  placeholders: number;
  /** their comments gone (status 'deleted', no text) */
  removed: number;
}

export async function runErasure(
  db: D1Database,
  siteId: string,
  id: number,
  who: { staffId: number | null; by: "staff" | "reader" },
  now: number,
  live: StoryNotifier,
): Promise<ErasureResult> {
  const [visible, ...results] = await batchOf(db, [
    // What readers see of them now, read before the erasure blanks or removes it (worker/live).
    selectPublishedOfAuthor(db, { siteId, authorId: id }),
    ...erasureStatements(db, { siteId, commenterId: id, staffId: who.staffId, now, by: who.by }),
    typed<{ placeholders: number | null; removed: number | null }>(
      db
        .prepare(
          `SELECT sum(status <> 'deleted') AS placeholders, sum(status = 'deleted') AS removed
           FROM comments WHERE author_id = ?1 AND site_id = ?2`,
        )
        .bind(id, siteId),
    ),
  ]);
  const counts = last(results).results[0];
  for (const c of visible.results) live(c.story_key, { t: "changed", id: c.id });
  return { erased: true, commenterId: id, placeholders: counts?.placeholders ?? 0, removed: counts?.removed ?? 0 };
}

/**
 * For the scheduled tick: an erasure keeps a ban still running on the person's network or email
 * (erasing oneself must not lift one's own ban); once it has ended, nothing else would ever delete
 * that row and its hash.
 */
export async function purgeErasedLeftovers(db: D1Database, now: number): Promise<void> {
  await purgeEndedBansOfErased(db, now).run();
}
