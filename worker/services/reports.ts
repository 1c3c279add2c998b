// Readers' reports: one per reader per comment; once the comment's open reports, counted over
// distinct networks and weighted by the reporters' standing (db/reports.ts), reach the site's
// threshold, the comment is hidden (pending, reason "reported") until a moderator reviews it.
// The report, its guard, its counters and the hiding are one batch.
import type { ReaderCredential } from "../auth/reader";
import { selectCommenterByToken } from "../db/commenters";
import { batchOf, resultOf, typed } from "../db/typed";
import { ssoReaderStatements } from "./readers";
import { selectComment, type CommentRow } from "../db/comments";
import { clearGuards, failedGuard, GUARD } from "../db/identities";
import { countReport, hideIfReported, insertReport, insertReportGuard, selectExistingReport } from "../db/reports";
import type { SiteRecord } from "../db/sites";
import { invalidToken } from "../lib/bearer";
import { ApiError } from "../lib/errors";
import { ipHash } from "../lib/hash";
import type { ReportInput } from "../schemas/reader";
import type { ReportResponse } from "../schemas/views";
import { mailStatements } from "./dsa/author-mail";
import { reportsStatement } from "./dsa/statements";
import { selectStoryById } from "../db/stories";
import type { StoryNotifier } from "../live/notify";

export interface Reporter {
  credential: ReaderCredential | null;
  ip: string;
}

const alreadyReported = () => new ApiError(409, "already_reported", "You have already reported this comment; a moderator will look at it.");
const notFound = () => new ApiError(404, "comment_not_found", "This comment does not exist or is no longer visible.");

/** The SSO reader's profile as their token says, saved in the report's batch (rolled back with it). */
function ssoUpsert(db: D1Database, site: SiteRecord, credential: ReaderCredential | null, now: number): D1PreparedStatement[] {
  // The same statements as a post's: a rename also moves the ETag of the reader's other threads.
  return credential?.kind === "sso" ? ssoReaderStatements(db, site, credential, now) : [];
}

export async function reportComment(
  db: D1Database,
  site: SiteRecord,
  commentId: number,
  input: ReportInput,
  reporter: Reporter,
  now: number,
  live: StoryNotifier,
): Promise<ReportResponse> {
  const tokenHash = reporter.credential?.tokenHash ?? null;
  const network = await ipHash(site.id, reporter.ip);
  // Reads first, for clear answers; the write's batch decides again (guard, unique key).
  const [commentResult, existingResult, commenterResult] = await batchOf(db, [
    typed<CommentRow>(selectComment(db, site.id, commentId)),
    selectExistingReport(db, { siteId: site.id, commentId, tokenHash, ipHash: network }),
    ...(reporter.credential?.kind === "guest" ? [selectCommenterByToken(db, site.id, reporter.credential.tokenHash)] : []),
  ]);
  if (commenterResult && !commenterResult.results[0]) throw invalidToken();
  const comment = commentResult.results[0];
  if (comment?.status !== "published" || comment.deleted_at !== null) throw notFound();
  if (existingResult.results.length > 0) throw alreadyReported();

  // The hide's statement of reasons ('restricted'), recorded only if this report hid it.
  const hiding = reportsStatement(db, site, { commentId, now });
  // The story's key, for the live notice of a hide (read in the same round trip).
  const story = selectStoryById(db, site.id, comment.story_id);
  const statements = [
    ...ssoUpsert(db, site, reporter.credential, now),
    insertReportGuard(db, site.id, commentId),
    insertReport(db, { siteId: site.id, commentId, tokenHash, network, reason: input.reason, note: input.note ?? null, now }),
    ...countReport(db, { siteId: site.id, commentId, authorId: comment.author_id }),
    ...hideIfReported(db, {
      siteId: site.id,
      commentId,
      storyId: comment.story_id,
      rootId: comment.root_id,
      threshold: site.settings.reportThreshold,
      now,
    }),
    hiding,
    story,
    clearGuards(db),
  ];
  let results: D1Result<unknown>[];
  try {
    results = await db.batch(statements);
  } catch (err) {
    if (failedGuard(err) === GUARD.target) throw notFound();
    // Two reports from one reader at the same moment: the unique key keeps one, the batch rolls back.
    if (err instanceof Error && /UNIQUE constraint failed: reports\./.test(err.message)) throw alreadyReported();
    throw err;
  }
  const hidden = resultOf(results, statements, hiding).results.map((r) => r.id);
  // Readers' reports took it out of the thread: its readers see it go.
  const storyKey = resultOf(results, statements, story).results[0]?.key;
  if (hidden.length > 0 && storyKey !== undefined) live(storyKey, { t: "changed", id: commentId });
  await mailStatements(db, site, hidden, now);
  return { report: { reason: input.reason, createdAt: new Date(now).toISOString() } };
}
