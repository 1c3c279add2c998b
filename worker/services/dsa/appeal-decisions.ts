// The staff side of appeals (DSA Art. 20): the Appeals queue and a moderator's decision. Kept apart
// from the author's side (appeals.ts) so that the reader API's code cannot reach staff-only errors.
import { decideAppeal, insertDecisionGuard, restoreComment, selectAppeal, touchStoryOfComment } from "../../db/appeals";
import { insertAudit } from "../../db/audit";
import { clearGuards, failedGuard, GUARD } from "../../db/identities";
import { recountAuthors } from "../../db/commenters";
import { selectAppealsPage } from "../../db/queues";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { recountStories, recountThreads } from "../../db/staff-comments";
import { insertStatement, selectStatement, toStatementView } from "../../db/statements";
import { batchOf, resultOf } from "../../db/typed";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { ApiError } from "../../lib/errors";
import { dsaWords } from "../../locales/dsa";
import type { PageQuery } from "../../schemas/admin";
import type { QueueResponse } from "../../schemas/admin-views";
import type { AppealDecisionResponse } from "../../schemas/dsa-views";
import type { AppealDecisionInput } from "../../schemas/dsa";
import { reportsByComment, toQueueItem } from "../admin/queues";
import { mailAppealOutcome } from "./author-mail";
import { appealView } from "./appeals";
import { selectStoryById } from "../../db/stories";
import type { StoryNotifier } from "../../live/notify";

/** GET …/queues/appeals: open appeals, oldest first, each with its comment and the statement appealed. */
export async function readAppealsQueue(db: D1Database, site: SiteRecord, q: PageQuery, now: number): Promise<QueueResponse> {
  const afterId = q.cursor ? decodeCursor(q.cursor, "appeals") : 0;
  const [appealsResult, itemsResult, reportsResult, statementsResult, countsResult] = await batchOf(
    db,
    selectAppealsPage(db, { siteId: site.id, afterId, rows: q.limit + 1 }),
  );
  const appeals = appealsResult.results;
  const items = new Map(itemsResult.results.map((r) => [r.id, r]));
  const reports = reportsByComment(reportsResult.results);
  const statements = new Map(statementsResult.results.map((s) => [s.id, s]));
  const counts = countsResult.results[0]!;
  const page = appeals.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    queue: "appeals",
    items: page.flatMap((a) => {
      const row = items.get(a.comment_id);
      const statement = statements.get(a.statement_id);
      if (!row || !statement) return [];
      return [
        {
          ...toQueueItem(row, reports.get(row.id) ?? [], site, now),
          appeal: { ...appealView(a), body: a.body },
          statement: toStatementView(statement, now),
        },
      ];
    }),
    nextCursor: appeals.length > q.limit && last ? encodeCursor("appeals", last.id) : null,
    counts: {
      pending: counts.pending,
      reported: counts.reported,
      toAnswer: counts.to_answer,
      appeals: counts.appeals,
      notices: counts.notices,
    },
    charterClauses: site.settings.charterClauses,
  };
}

/**
 * A moderator's decision. The batch's guard decides (still open; not the moderator who took the
 * decision appealed while the site has another): two decisions at once, one passes, the other
 * writes nothing. A reversal publishes the comment, recounts and records a 'restored' statement;
 * either way the audit row and the story's version (the author's `own` shows the outcome).
 */
export async function decideOnAppeal(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  appealId: number,
  input: AppealDecisionInput,
  now: number,
  live: StoryNotifier,
): Promise<AppealDecisionResponse> {
  const appeal = await selectAppeal(db, site.id, appealId).first();
  if (!appeal) throw new ApiError(404, "appeal_not_found", "This site has no appeal with this id.");
  const decidedAlready = () => new ApiError(409, "appeal_decided", "This appeal has already been decided.");
  const sameModerator = () =>
    new ApiError(403, "appeal_needs_other_moderator", "An appeal is decided by another moderator than the one who took the decision.");
  if (appeal.status !== "open") throw decidedAlready();
  if (appeal.statement_staff_id === staff.id && appeal.site_staff > 1) throw sameModerator();

  const reverse = input.outcome === "reverse";
  const explanation = input.explanation ?? null;
  const w = dsaWords[site.settings.defaultLocale];
  const restoring = reverse
    ? // Only if the comment is published now (an author's deletion meanwhile leaves it deleted).
      insertStatement(db, {
        siteId: site.id,
        comment: appeal.comment_id,
        decision: "restored",
        source: "appeal",
        facts: w.restored,
        automatedDetection: false,
        automatedDecision: false,
        groundKind: "terms",
        ground: "charter",
        groundLabel: w.charter,
        explanation,
        staffId: staff.id,
        appealId,
        onlyIfStatus: "published",
        now,
      })
    : null;
  const saving = selectAppeal(db, site.id, appealId);
  // The story's key, for the live notice of a restored comment (read in the same round trip).
  const story = selectStoryById(db, site.id, appeal.story_id);
  const batch: D1PreparedStatement[] = [
    insertDecisionGuard(db, { siteId: site.id, id: appealId, staffId: staff.id }),
    decideAppeal(db, { siteId: site.id, id: appealId, staffId: staff.id, status: reverse ? "reversed" : "upheld", explanation, now }),
    ...(restoring
      ? [
          restoreComment(db, { siteId: site.id, commentId: appeal.comment_id, staffId: staff.id, now }),
          restoring,
          recountStories(db, site.id, [appeal.story_id]),
          recountThreads(db, site.id, appeal.root_id !== null ? [appeal.root_id] : []),
          recountAuthors(db, site.id, [appeal.author_id]),
        ]
      : [touchStoryOfComment(db, site.id, appeal.comment_id)]),
    insertAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "appeal_decision",
      targetType: "comment",
      targetId: appeal.comment_id,
      detail: { appeal: appealId, statement: appeal.statement_id, outcome: input.outcome, ...(explanation ? { explanation } : {}) },
      now,
    }),
    clearGuards(db),
    saving,
    story,
  ];
  let results: D1Result<unknown>[];
  try {
    results = await db.batch(batch);
  } catch (err) {
    if (failedGuard(err) !== GUARD.target) throw err;
    // Another decision came first (or the rule said no): nothing was written; say what stands.
    const current = await selectAppeal(db, site.id, appealId).first();
    throw current && current.status === "open" ? sameModerator() : decidedAlready();
  }
  const saved = resultOf(results, batch, saving).results[0]!;
  const restored = restoring ? (resultOf(results, batch, restoring).results[0] ?? null) : null;
  // Published again (the statement is recorded only then): new to the story's live readers.
  const storyKey = resultOf(results, batch, story).results[0]?.key;
  if (restored && storyKey !== undefined) live(storyKey, { t: "new", id: appeal.comment_id, root: appeal.root_id });
  const statement = restored ? await selectStatement(db, site.id, restored.id).first() : null;
  await mailAppealOutcome(db, site, { statementId: appeal.statement_id, reversed: reverse, explanation }, now);
  return { appeal: appealView(saved), statement: statement ? toStatementView(statement, now) : null };
}
