// Appeals (DSA Art. 20): the author contests the latest decision on their comment, within 6
// months, once per decision; a moderator other than the one who decided (when the site has more
// than one) upholds or reverses it; a reversal publishes the comment again and records a
// 'restored' statement. The author is told either way (their thread's `own`, and a mail).
import type { ReaderCredential } from "../../auth/reader";
import { insertAppeal, touchStoryOfAppeal } from "../../db/appeals";
import { selectCommenterByToken } from "../../db/commenters";
import { selectComment, type CommentRow } from "../../db/comments";
import type { SiteRecord } from "../../db/sites";
import { selectLatestStatements, toStatementView, type StatementRow } from "../../db/statements";
import { batchOf, typed, type Results } from "../../db/typed";
import { invalidToken } from "../../lib/bearer";
import { ApiError } from "../../lib/errors";
import type { AppealResponse, AppealStatus, AppealView } from "../../schemas/dsa-views";
import type { AppealInput } from "../../schemas/dsa";

const commentNotFound = () => new ApiError(404, "comment_not_found", "This comment does not exist or is no longer visible.");
const notAuthor = () => new ApiError(403, "not_author", "Only the author of this comment may contest a decision on it.");
const nothingToAppeal = () =>
  new ApiError(404, "nothing_to_appeal", "No decision removing, holding or hiding this comment stands that could be contested.");
const appealExists = () => new ApiError(409, "appeal_exists", "This decision has already been contested; a moderator will answer.");
const windowClosed = (until: number) =>
  new ApiError(
    410,
    "appeal_window_closed",
    `A decision can be contested for 6 months; this one could be until ${new Date(until).toISOString()}.`,
  );

/** Why no appeal can be made against this statement now, or null when one can. */
function refusal(statement: StatementRow | undefined, comment: CommentRow, now: number): ApiError | null {
  if (!statement || statement.decision === "restored" || !["pending", "rejected"].includes(comment.status)) return nothingToAppeal();
  if (statement.appeal_row_id !== null) return appealExists();
  if (statement.contest_until === null || now > statement.contest_until)
    return windowClosed(statement.contest_until ?? statement.created_at);
  return null;
}

export function appealView(row: {
  id: number;
  status: AppealStatus;
  created_at: number;
  decided_at: number | null;
  explanation: string | null;
}): AppealView {
  return {
    id: row.id,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at !== null ? new Date(row.decided_at).toISOString() : null,
    explanation: row.explanation,
  };
}

/**
 * The author's appeal. The reads give clear refusals; the insert decides again (author, latest
 * statement, window), and the UNIQUE statement_id keeps one appeal per decision however many
 * arrive at once.
 */
export async function appealComment(
  db: D1Database,
  site: SiteRecord,
  commentId: number,
  input: AppealInput,
  credential: ReaderCredential | null,
  now: number,
): Promise<AppealResponse> {
  if (credential === null) {
    throw new ApiError(
      401,
      "credentials_required",
      "Only the author may contest a decision on this comment: send their commenter or sign-in token.",
    );
  }
  const [authorResult, commentResult, statementResult] = await batchOf(db, [
    selectCommenterByToken(db, site.id, credential.tokenHash),
    typed<CommentRow>(selectComment(db, site.id, commentId)),
    selectLatestStatements(db, site.id, [commentId]),
  ]);
  const author = authorResult.results[0];
  const comment = commentResult.results[0];
  if (!author) throw credential.kind === "guest" ? invalidToken() : notAuthor();
  if (!comment || comment.status === "deleted" || comment.deleted_at !== null) throw commentNotFound();
  if (comment.author_id !== author.id) throw notAuthor();
  const refused = refusal(statementResult.results[0], comment, now);
  if (refused) throw refused;

  const statements = [
    insertAppeal(db, { siteId: site.id, commentId, authorId: author.id, body: input.body, now }),
    touchStoryOfAppeal(db, { siteId: site.id, commentId }),
    selectLatestStatements(db, site.id, [commentId]),
  ] as const;
  let results: Results<typeof statements>;
  try {
    results = await batchOf(db, statements);
  } catch (err) {
    if (err instanceof Error && /UNIQUE constraint failed: appeals\.statement_id/.test(err.message)) throw appealExists();
    throw err;
  }
  const statement = results[2].results[0];
  if (results[0].results.length === 0) {
    // The comment or its decision changed between the reads and the insert: say what stands now.
    throw refusal(statement, comment, now) ?? nothingToAppeal();
  }
  const view = toStatementView(statement!, now);
  return { appeal: view.appeal!, statement: view };
}
