// Readers' reports: one per reader per comment; at the site's threshold the comment is hidden
// (pending, reason "reported") until a moderator reviews it. All in one batch.
import { selectCommenterByToken, type CommenterRow } from "../db/commenters";
import { selectComment, type CommentRow } from "../db/comments";
import { countReport, hideIfReported, insertReport, selectExistingReport } from "../db/reports";
import type { SiteRecord } from "../db/sites";
import { invalidToken } from "../lib/bearer";
import { ApiError } from "../lib/errors";
import { ipHash } from "../lib/hash";
import { saveSsoReader } from "./readers";
import type { ReportInput } from "../schemas/reader";
import type { ReportResponse } from "../schemas/views";
import type { Poster } from "./comments";

const alreadyReported = () =>
  new ApiError(409, "already_reported", "You have already reported this comment; a moderator will look at it.");

export async function reportComment(
  db: D1Database,
  site: SiteRecord,
  commentId: number,
  input: ReportInput,
  reporter: Poster,
  now: number,
): Promise<ReportResponse> {
  await saveSsoReader(db, site, reporter.credential, now);
  const tokenHash = reporter.credential?.tokenHash ?? null;
  const ipHashed = await ipHash(site.id, reporter.ip);
  const [commentResult, existingResult, commenterResult] = await db.batch<unknown>([
    selectComment(db, site.id, commentId),
    selectExistingReport(db, { siteId: site.id, commentId, tokenHash, ipHash: ipHashed }),
    ...(tokenHash !== null ? [selectCommenterByToken(db, site.id, tokenHash)] : []),
  ]);
  const comment = (commentResult!.results as CommentRow[])[0];
  const commenter = commenterResult ? (commenterResult.results as CommenterRow[])[0] : undefined;
  if (tokenHash !== null && !commenter) throw invalidToken();
  if (!comment || comment.status !== "published") {
    throw new ApiError(404, "comment_not_found", "This comment does not exist or is no longer visible.");
  }
  if (existingResult!.results.length > 0) throw alreadyReported();

  const statements = [
    insertReport(db, {
      siteId: site.id,
      commentId,
      reporter: commenter ? { commenterId: commenter.id } : { ipHash: ipHashed },
      reason: input.reason,
      note: input.note ?? null,
      now,
    }),
    ...countReport(db, { siteId: site.id, commentId, authorId: comment.author_id }),
    ...hideIfReported(db, {
      siteId: site.id,
      commentId,
      storyId: comment.story_id,
      rootId: comment.root_id,
      threshold: site.settings.reportThreshold,
      now,
    }),
  ];
  try {
    await db.batch(statements);
  } catch (err) {
    // Two reports from one reader at the same moment: the unique key keeps one, the batch rolls back.
    if (err instanceof Error && /UNIQUE constraint failed: reports\./.test(err.message)) throw alreadyReported();
    throw err;
  }
  return { report: { reason: input.reason, createdAt: new Date(now).toISOString() } };
}
