// Deciding a notice of illegal content (POST /api/admin/sites/{site}/notices/{id}/decision). Remove:
// the comment is rejected and a statement of reasons (source 'notice') recorded, with its counters
// and audit row, in one batch; keep: the comment stays as it is. Either way every open notice on
// the comment is decided with it, and each notifier who gave an address is told (Art. 16(5)).
import { recountAuthors } from "../../db/commenters";
import { clearGuards, failedGuard, GUARD } from "../../db/identities";
import {
  decideOpenNotices,
  insertNoticeDecisionAudit,
  insertOpenNoticeGuard,
  rejectNoticedComment,
  REMOVABLE,
  selectNotice,
  selectCommentOfNotice,
  type NoticedCommentRow,
  type NoticeRow,
} from "../../db/notices";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { recountStories, recountThreads } from "../../db/staff-comments";
import { insertStatement, selectLatestStatements, toStatementView } from "../../db/statements";
import { batchOf, resultOf } from "../../db/typed";
import type { Env } from "../../env";
import { ApiError } from "../../lib/errors";
import { excerpt, noticeWords, withHtml } from "../../locales/dsa-notices";
import type { NoticeDecisionInput, NoticeDecisionResponse } from "../../schemas/dsa-notices";
import { queueMail } from "../delivery/send";
import { mailStatements } from "./author-mail";
import { moderatorGround } from "./statements";
import { toNoticeView } from "./notices-queue";
import type { StoryNotifier } from "../../live/notify";

const notFound = (id: number) => new ApiError(404, "notice_not_found", `No notice of this site has the id ${id}.`);
const decided = () => new ApiError(409, "notice_decided", "This notice was already decided; its comment's notices were decided with it.");

export async function decideNotice(
  env: Env,
  site: SiteRecord,
  staff: StaffRow,
  id: number,
  input: NoticeDecisionInput,
  now: number,
  live: StoryNotifier,
): Promise<NoticeDecisionResponse> {
  const db = env.DB;
  // Reads first, for clear answers; the batch decides again (its guard).
  const [noticeResult, commentResult] = await batchOf(db, [selectNotice(db, site.id, id), selectCommentOfNotice(db, site.id, id)]);
  const notice = noticeResult.results[0];
  if (!notice) throw notFound(id);
  if (notice.status !== "open") throw decided();
  const comment = commentResult.results[0];
  // A notice's comment cannot be erased while the notice names it (foreign key); said plainly if it were.
  if (!comment) throw notFound(id);
  const remove = input.outcome === "remove";
  const outcome = remove ? ("removed" as const) : ("kept" as const);
  // The notice's own legal ground unless the moderator names another (a clause of the charter, say).
  const ground = remove ? moderatorGround(site, input.ground ?? notice.ground) : null;
  const locale = site.settings.defaultLocale;
  const w = noticeWords[locale];

  const removal = ground
    ? [
        // Before the rejection, with its condition: a statement only where the comment is removed now.
        insertStatement(db, {
          siteId: site.id,
          comment: comment.id,
          decision: "removed",
          source: "notice",
          facts: w.facts(notice.reference, w.date(notice.created_at)),
          automatedDetection: false,
          automatedDecision: false,
          ...ground,
          explanation: input.explanation ?? null,
          staffId: staff.id,
          noticeId: notice.id,
          when: { sql: REMOVABLE },
          now,
        }),
        rejectNoticedComment(db, { siteId: site.id, commentId: comment.id, staffId: staff.id, now }),
        recountStories(db, site.id, [comment.story_id]),
        recountThreads(db, site.id, comment.root_id !== null ? [comment.root_id] : []),
        recountAuthors(db, site.id, [comment.author_id]),
      ]
    : [];
  const deciding = decideOpenNotices(db, { siteId: site.id, commentId: comment.id, outcome, staffId: staff.id, now });
  const latestStatement = selectLatestStatements(db, site.id, [comment.id]);
  const statements = [
    insertOpenNoticeGuard(db, site.id, notice.id),
    ...removal,
    deciding,
    insertNoticeDecisionAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      commentId: comment.id,
      noticeId: notice.id,
      reference: notice.reference,
      outcome,
      ground: ground?.ground ?? null,
      now,
    }),
    latestStatement,
    clearGuards(db),
  ];
  let results: D1Result<unknown>[];
  try {
    results = await db.batch(statements);
  } catch (err) {
    if (failedGuard(err) === GUARD.target) throw decided();
    throw err;
  }
  // RETURNING promises no order: oldest first, as the queue listed them.
  const decidedRows = resultOf(results, statements, deciding).results.sort((a, b) => a.id - b.id);
  const latest = resultOf(results, statements, latestStatement).results[0];
  const statement = latest && latest.notice_id === notice.id && latest.source === "notice" ? toStatementView(latest, now) : null;
  // Removed now (its statement says so) from the thread its readers see.
  if (statement && comment.status === "published") live(comment.story_key, { t: "changed", id: comment.id });

  await tellNotifiers(
    env,
    site,
    decidedRows,
    { removed: remove, groundLabel: ground?.groundLabel ?? "", explanation: input.explanation ?? null, comment },
    now,
  );
  // The author is owed the statement of reasons (Art. 17), by mail when an address is known.
  if (statement) await mailStatements(db, site, [statement.id], now);

  const self = decidedRows.find((r) => r.id === notice.id) ?? { ...notice, status: "decided" as const, outcome, decided_at: now };
  return {
    notice: {
      ...toNoticeView(self, now),
      status: "decided",
      outcome,
      decidedAt: new Date(self.decided_at ?? now).toISOString(),
      decidedWith: decidedRows.map((r) => r.reference),
    },
    statement,
  };
}

/** The decision mailed to each notifier who gave an address; a mail that cannot be queued is logged, the decision stands. */
async function tellNotifiers(
  env: Env,
  site: SiteRecord,
  rows: NoticeRow[],
  d: { removed: boolean; groundLabel: string; explanation: string | null; comment: NoticedCommentRow },
  now: number,
): Promise<void> {
  const w = noticeWords[site.settings.defaultLocale];
  for (const n of rows) {
    if (!n.email) continue;
    try {
      await queueMail(
        env,
        {
          siteId: site.id,
          to: n.email,
          subject: w.decisionSubject(site.name, n.reference),
          ...withHtml(
            w.decisionText({
              site: site.name,
              reference: n.reference,
              removed: d.removed,
              ground: d.groundLabel,
              explanation: d.explanation,
              excerpt: excerpt(d.comment.body),
            }),
          ),
          topic: "notice",
        },
        now,
      );
    } catch (err) {
      console.error("notice decision mail not queued", site.id, n.reference, err);
    }
  }
}
