// The author's own comments: editing one (within the site's window, through the moderation
// pipeline again) and deleting one (a placeholder when it has replies), each in one batch.
import { batchOf, last, typed, type Typed } from "../db/typed";
import type { ReaderCredential } from "../auth/reader";
import { recountAuthors, selectCommenterByToken, type CommenterRow } from "../db/commenters";
import { selectComment, toCommentView, type CommentRow } from "../db/comments";
import { EDITED_FEATURED, deleteOwnComment, editComment, ownStatementRow, type OwnCommentRow } from "../db/own-comments";
import { toStatementView } from "../db/statements";
import type { ReaderView } from "../db/comments";
import { recountStories, recountThreads } from "../db/staff-comments";
import { deleteRevisionsOfDeleted } from "../db/revisions";
import type { SiteRecord } from "../db/sites";
import { selectStoryById } from "../db/stories";
import { ApiError } from "../lib/errors";
import { UNKNOWN_IP, bodyHash, ipHash } from "../lib/hash";
import { loadPostFacts } from "../moderation/facts";
import { moderate, refusalError } from "../moderation/pipeline";
import { reasonMessage, type ApiLocale } from "../locales/reasons";
import type { EditCommentInput } from "../schemas/reader";
import type { CommentView, EditCommentResponse, ReasonView } from "../schemas/views";
import { ssoReaderStatements } from "./readers";
import { invalidToken } from "../lib/bearer";
import { awaitsAnswer } from "./comments";
import type { StoryNotifier } from "../live/notify";
import { featuredEditStatement, ruleStatement } from "./dsa/statements";

const notFound = () => new ApiError(404, "comment_not_found", "This comment does not exist or is no longer visible.");

const credentialsRequired = () =>
  new ApiError(401, "credentials_required", "Only the author may change this comment: send their commenter or sign-in token.");

/** The comment and its author, or the refusal: unknown or deleted (404), someone else's (403). */
async function ownComment(
  db: D1Database,
  site: SiteRecord,
  id: number,
  credential: ReaderCredential | null,
  _now: number,
): Promise<{ row: CommentRow; author: CommenterRow }> {
  if (credential === null) throw credentialsRequired();
  // Read, not saved: an SSO reader's profile is saved with the change itself (profileStatements),
  // so a refused edit or deletion saves nothing. An author has a commenter already.
  const [authorResult, rowResult] = await batchOf(db, [selectCommenterByToken(db, site.id, credential.tokenHash), readBack(db, site, id)]);
  const author = authorResult.results[0];
  if (!author)
    throw credential.kind === "guest" ? invalidToken() : new ApiError(403, "not_author", "Only the author of this comment may change it.");
  const row = rowResult.results[0];
  if (!row || row.status === "deleted" || row.deleted_at !== null) throw notFound();
  if (row.author_id !== author.id) {
    throw new ApiError(403, "not_author", "Only the author of this comment may change it.");
  }
  return { row, author };
}

/** An SSO reader's profile as their token says, saved in the batch of the change they make. */
function profileStatements(db: D1Database, site: SiteRecord, credential: ReaderCredential | null, now: number) {
  return credential?.kind === "sso" ? ssoReaderStatements(db, site, credential, now) : [];
}

function readBack(db: D1Database, site: SiteRecord, id: number): Typed<CommentRow> {
  return typed(selectComment(db, site.id, id));
}

/**
 * An edit runs the whole pipeline again, as a post would, except that the comment is not
 * counted against itself (flood, duplicates). Its outcome is the comment's new status: a held
 * edit makes it pending with its reasons, banned words refuse it unless confirmed. Two things an
 * edit may never do: bring back a rejected comment, or publish one hidden by readers' reports
 * (it stays pending for the moderators, the new reasons added to "reported"); and an edit of a
 * featured comment takes it out of the selection and holds it for review (see editComment), so
 * that no rewritten text stands under the editors' note.
 */
export async function editOwnComment(
  db: D1Database,
  site: SiteRecord,
  id: number,
  input: EditCommentInput,
  editor: { credential: ReaderCredential | null; ip: string },
  now: number,
  locale: ApiLocale,
  live: StoryNotifier,
): Promise<EditCommentResponse> {
  const { row, author } = await ownComment(db, site, id, editor.credential, now);
  if (row.status === "rejected") {
    throw new ApiError(409, "comment_not_editable", "A rejected comment cannot be edited.");
  }
  const windowMs = site.settings.editWindowMinutes * 60_000;
  if (now - row.created_at > windowMs) {
    throw new ApiError(
      403,
      "edit_window_closed",
      `A comment can be edited for ${site.settings.editWindowMinutes} minutes after it is posted; you may still delete it.`,
    );
  }
  const story = await selectStoryById(db, site.id, row.story_id).first();
  if (!story) throw notFound();

  const [ipHashed, bodyHashed] = await Promise.all([ipHash(site.id, editor.ip), bodyHash(input.body)]);
  const { facts, scoreStatements } = await loadPostFacts(db, site, {
    storyKey: story.key,
    parentId: null,
    body: input.body,
    confirm: input.confirm === true,
    tokenHash: editor.credential!.tokenHash,
    ipHash: editor.ip === UNKNOWN_IP ? null : ipHashed,
    bodyHash: bodyHashed,
    now,
    editingId: row.id,
    scoring: { ip: editor.ip === UNKNOWN_IP ? undefined : editor.ip, author: author.name },
  });
  const decision = moderate(facts);
  if (decision.outcome === "refuse") throw refusalError(decision);

  const reported: ReasonView[] = row.status === "pending" ? reportedReasons(row) : [];
  const status = reported.length > 0 && decision.status === "published" ? "pending" : decision.status;
  const reasons = [...reported, ...decision.reasons];
  const [revision, unfeatureAudit, write] = editComment(db, {
    siteId: site.id,
    id,
    authorId: author.id,
    body: input.body,
    bodyHash: bodyHashed,
    status,
    reasons,
    awaitsAnswer: awaitsAnswer(input.body, { author_staff: row.reply_to_staff }),
    now,
  });
  // Statements of reasons: the pipeline's own hold or rejection of the new text (after the write:
  // only if it went through), or else the hold of a featured comment (before the write, which
  // clears featured_at; its condition is the write's own).
  const stillMine = { sql: "c.author_id = ?1 AND c.deleted_at IS NULL AND c.status <> 'deleted'", params: [author.id] };
  const ruleHold = ruleStatement(db, site, { status: decision.status, reasons: decision.reasons, comment: id, now });
  const featuredHold = decision.status === "published" ? featuredEditStatement(db, site, { id, when: stillMine, now }) : null;
  const results = await batchOf(db, [
    revision!,
    unfeatureAudit!,
    ...(featuredHold ? [featuredHold] : []),
    write!,
    ...(ruleHold ? [ruleHold] : []),
    recountStories(db, site.id, [row.story_id]),
    recountThreads(db, site.id, row.root_id !== null ? [row.root_id] : []),
    recountAuthors(db, site.id, [author.id]),
    ...profileStatements(db, site, editor.credential, now),
    // The new text's score replaces the old one (nothing reads results by index after this point).
    ...scoreStatements(id),
    readBack(db, site, id),
  ]);
  const saved = last(results).results[0];
  if (!saved) throw notFound();
  // Readers saw it: its text (or its place, held again) changed. A held comment the edit published is new to them.
  if (row.status === "published") live(story.key, { t: "changed", id });
  else if (saved.status === "published") live(story.key, { t: "new", id, root: row.root_id });
  // The edit took a featured comment out of the selection (the audit row says so): the author is
  // told it is read again before it shows.
  const unfeatured = (results[1]!.meta.changes ?? 0) > 0 && decision.status !== "rejected";
  const told = unfeatured ? [...decision.reasons, EDITED_FEATURED] : decision.reasons;
  return {
    comment: ownView(saved, author),
    reasons: told.map((r) => ({ ...r, message: reasonMessage(r.code, locale) })),
  };
}

/** The "reported" reason of a comment hidden by readers' reports, if that is why it is pending. */
function reportedReasons(row: CommentRow): ReasonView[] {
  return row.open_reports > 0 ? [{ code: "reported" }] : [];
}

/** Deletion, at any time: see deleteOwnComment for what remains. Counters follow the rows. */
export async function deleteComment(
  db: D1Database,
  site: SiteRecord,
  id: number,
  credential: ReaderCredential | null,
  now: number,
  live: StoryNotifier,
): Promise<{ comment: CommentView }> {
  const { row, author } = await ownComment(db, site, id, credential, now);
  const [, , , , , story, ...rest] = await batchOf(db, [
    deleteOwnComment(db, { siteId: site.id, id, rootId: row.root_id, authorId: author.id, now }),
    deleteRevisionsOfDeleted(db, { siteId: site.id, commentId: id, authorId: author.id }),
    recountStories(db, site.id, [row.story_id]),
    recountThreads(db, site.id, row.root_id !== null ? [row.root_id] : []),
    recountAuthors(db, site.id, [author.id]),
    // The story's key, for the live notice (read in the same round trip).
    selectStoryById(db, site.id, row.story_id),
    ...profileStatements(db, site, credential, now),
    readBack(db, site, id),
  ]);
  const saved = last(rest).results[0]!;
  const storyKey = story.results[0]?.key;
  if (row.status === "published" && storyKey !== undefined) live(storyKey, { t: "changed", id });
  return { comment: ownView(saved, author) };
}

function ownView(row: CommentRow, author: CommenterRow): CommentView {
  return toCommentView(row, { commenterId: author.id, reacted: new Set() });
}

/**
 * An own held or removed comment as its author reads it in a thread's `own`: with the latest
 * statement of reasons on it (null when none was recorded, e.g. a comment older than them).
 */
export function ownCommentView(row: OwnCommentRow, reader: ReaderView, now: number): CommentView {
  const statement = ownStatementRow(row);
  return { ...toCommentView(row, reader), statement: statement ? toStatementView(statement, now) : null };
}
