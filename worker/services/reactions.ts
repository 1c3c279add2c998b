// Reactions ("J'apprécie" / "Like"): one per reader per comment, toggled idempotently, counted
// from the rows in the same batch so that concurrent toggles leave the exact count.
import { signInRequired, type ReaderCredential } from "../auth/reader";
import { insertReactingGuest } from "../db/commenters";
import { selectComment, type CommentRow } from "../db/comments";
import { deleteReaction, insertReaction, recountReactions, selectReactionCount } from "../db/reactions";
import type { SiteRecord } from "../db/sites";
import { ApiError } from "../lib/errors";
import { randomToken, sha256Hex } from "../lib/hash";
import type { ReactionResponse } from "../schemas/views";
import { writingReader } from "./readers";

const notFound = () => new ApiError(404, "comment_not_found", "This comment does not exist or is no longer visible.");

/**
 * PUT (react) or DELETE (take it back). A reader with no credential who reacts becomes a guest
 * there and then (their token is answered once, as after a first post); where the site asks
 * readers to sign in, reacting needs sign-in too. Taking back needs a credential: without one
 * there is nothing to take back.
 */
export async function setReaction(
  db: D1Database,
  site: SiteRecord,
  commentId: number,
  reacted: boolean,
  credential: ReaderCredential | null,
  now: number,
): Promise<ReactionResponse> {
  if (reacted && !site.settings.guestPosting && credential?.kind !== "sso") throw signInRequired();
  if (!reacted && credential === null) {
    throw new ApiError(401, "credentials_required", "Send the commenter or sign-in token of the reader whose reaction this is.");
  }
  const reader = await writingReader(db, site, credential, now);
  const comment = await selectComment(db, site.id, commentId).first<CommentRow>();
  if (!comment || comment.status !== "published" || comment.deleted_at !== null) throw notFound();

  const newToken = reader ? null : randomToken();
  const results = await db.batch<unknown>([
    // The reaction's insert must come right after the guest's: it takes its reader from last_insert_rowid().
    ...(newToken !== null ? [insertReactingGuest(db, { siteId: site.id, tokenHash: await sha256Hex(newToken), now })] : []),
    reacted
      ? insertReaction(db, { siteId: site.id, commentId, commenterId: reader?.id ?? null, now })
      : deleteReaction(db, { siteId: site.id, commentId, commenterId: reader!.id }),
    ...recountReactions(db, site.id, commentId),
    selectReactionCount(db, site.id, commentId),
  ]);
  const count = (results[results.length - 1]!.results as { reactions: number }[])[0]?.reactions ?? 0;
  return { reacted, reactions: count, ...(newToken !== null ? { commenterToken: newToken } : {}) };
}
