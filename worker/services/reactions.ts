// Reactions ("J'apprécie" / "Like"): one per reader per comment, at most a handful per network on
// one comment, and reader identities minted for likes only when needed and rate-limited per
// network. Every rule is decided in the like's own batch (a guard row, db/identities.ts), so a
// refused like writes nothing, not even the identity it would have minted.
import { signInRequired, type ReaderCredential } from "../auth/reader";
import { selectCommenterByToken } from "../db/commenters";
import { batchOf, last, typed } from "../db/typed";
import { ssoReaderStatements } from "./readers";
import { selectComment, type CommentRow } from "../db/comments";
import { clearGuards, failedGuard, GUARD, IDENTITY_MINTS, mintReader, selectNextMint } from "../db/identities";
import {
  deleteReaction,
  insertLikeGuard,
  insertReaction,
  LIKES_PER_NETWORK,
  recountReactions,
  selectReactionCount,
  type LikeParams,
} from "../db/reactions";
import type { SiteRecord } from "../db/sites";
import { invalidToken } from "../lib/bearer";
import { ApiError } from "../lib/errors";
import { ipHash, randomToken, sha256Hex, UNKNOWN_IP } from "../lib/hash";
import type { ReactionResponse } from "../schemas/views";

const notFound = () => new ApiError(404, "comment_not_found", "This comment does not exist or is no longer visible.");

// Refusals use the reader codes the widget already words ("flood"), as the size budget asks.
const networkFull = () =>
  new ApiError(429, "flood", `This comment already has ${LIKES_PER_NETWORK} likes from your network, the most one network can give it.`);

function mintsExhausted(retryAfter: number): ApiError {
  return new ApiError(
    429,
    "flood",
    `Too many new readers liking from your network. Please wait ${retryAfter} seconds before liking again.`,
    undefined,
    { details: { retryAfter }, headers: { "Retry-After": String(retryAfter) } },
  );
}

function ssoUpsert(db: D1Database, site: SiteRecord, credential: ReaderCredential, now: number): D1PreparedStatement[] {
  // The same statements as a post's: a rename also moves the ETag of the reader's other threads.
  return credential?.kind === "sso" ? ssoReaderStatements(db, site, credential, now) : [];
}

/**
 * PUT (react) or DELETE (take it back). A reader with no credential who reacts becomes a guest
 * there and then (their token is answered once, as after a first post), unless their network has
 * minted too many identities lately; where the site asks readers to sign in, reacting needs
 * sign-in too. Taking back needs a credential: without one there is nothing to take back. A
 * reader signed in through the site is one person whatever their network: their likes are not
 * capped per network.
 */
export async function setReaction(
  db: D1Database,
  site: SiteRecord,
  commentId: number,
  reacted: boolean,
  credential: ReaderCredential | null,
  now: number,
  ip: string = UNKNOWN_IP,
): Promise<ReactionResponse> {
  if (reacted && !site.settings.guestPosting && credential?.kind !== "sso") throw signInRequired();
  if (!reacted && credential === null) {
    throw new ApiError(401, "credentials_required", "Send the commenter or sign-in token of the reader whose reaction this is.");
  }
  // Reads first, for clear answers; every rule is decided again in the write's batch.
  const [commentResult, readerResult] = await batchOf(db, [
    typed<CommentRow>(selectComment(db, site.id, commentId)),
    ...(credential?.kind === "guest" ? [selectCommenterByToken(db, site.id, credential.tokenHash)] : []),
  ]);
  if (credential?.kind === "guest" && !readerResult!.results[0]) throw invalidToken();
  const comment = commentResult.results[0];
  if (comment?.status !== "published" || comment.deleted_at !== null) throw notFound();

  const newToken = credential === null ? randomToken() : null;
  const tokenHash = credential?.tokenHash ?? (await sha256Hex(newToken!));
  const network = credential?.kind === "sso" ? null : await ipHash(site.id, ip);
  const like: LikeParams = {
    siteId: site.id,
    commentId,
    network,
    tokenHash,
    now,
    minting: newToken !== null,
    mintWindowStart: now - IDENTITY_MINTS.windowMs,
    mintMax: IDENTITY_MINTS.max,
  };
  const write = reacted
    ? [
        insertLikeGuard(db, like),
        ...(newToken !== null ? mintReader(db, { siteId: site.id, tokenHash, network: network!, now }) : []),
        insertReaction(db, like),
      ]
    : [deleteReaction(db, { siteId: site.id, commentId, tokenHash })];
  let results;
  try {
    results = await batchOf(db, [
      ...(credential ? ssoUpsert(db, site, credential, now) : []),
      ...write,
      ...recountReactions(db, site.id, commentId),
      clearGuards(db),
      selectReactionCount(db, site.id, commentId),
    ]);
  } catch (err) {
    const guard = failedGuard(err);
    if (guard === GUARD.target) throw notFound();
    if (guard === GUARD.likeNetwork) throw networkFull();
    if (guard === GUARD.mint) throw mintsExhausted(await mintWait(db, site.id, network!, now));
    throw err;
  }
  const count = last(results).results[0]?.reactions ?? 0;
  return { reacted, reactions: count, ...(newToken !== null ? { commenterToken: newToken } : {}) };
}

/** Seconds until the network may mint again (read after the refusal, only to word it). */
async function mintWait(db: D1Database, siteId: string, network: string, now: number): Promise<number> {
  const row = await selectNextMint(db, { siteId, network, now }).first();
  return Math.max(1, Math.ceil(((row?.free_at ?? now + IDENTITY_MINTS.windowMs) - now) / 1000));
}
