// Idempotent posts: the Idempotency-Key a client sends with a post, what is kept of it (hashes
// only), and the first result that a retry gets back instead of a second copy.
import { selectCommenterByToken } from "../db/commenters";
import { parseReasons, selectComment, selectCommentReasons, toCommentView, type CommentRow } from "../db/comments";
import { selectPostKey, type PostKeyRow } from "../db/post-keys";
import type { SiteRecord } from "../db/sites";
import { selectStoryById } from "../db/stories";
import { batchOf, typed } from "../db/typed";
import { ApiError } from "../lib/errors";
import { sha256Hex } from "../lib/hash";
import { reasonMessage, type ApiLocale } from "../locales/reasons";
import { viewStory } from "../moderation/story-closed";
import type { PostCommentInput } from "../schemas/reader";
import type { PostCommentResponse } from "../schemas/views";

/** A random value per post, as the widget makes them (a UUID, or 16+ random bytes in base64url). */
const KEY = /^[A-Za-z0-9_-]{22,128}$/;

/** How long a key protects its post: clients retry within seconds; a day leaves room for a slow network. */
export const POST_KEY_TTL_MS = 24 * 3600_000;

export interface PostKey {
  keyHash: string;
  /** what the first try asked: a retry must ask the same */
  requestHash: string;
  /**
   * The token a new guest introduced by this post gets. It comes from the key, which only the client
   * knows, so that a retry can be answered the very token the lost answer carried; the database
   * keeps hashes only, so it cannot be derived from what is stored.
   */
  guestToken: string;
}

/** Tokens are unique across sites (commenters_token): the site is part of what makes one. */
async function derivedToken(siteId: string, key: string): Promise<string> {
  const seed = `palabre-guest-token:${siteId}:${key}`;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(seed)));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

export async function readPostKey(site: SiteRecord, header: string | undefined, input: PostCommentInput): Promise<PostKey | null> {
  if (header === undefined) return null;
  if (!KEY.test(header)) {
    throw new ApiError(
      400,
      "invalid_idempotency_key",
      "Idempotency-Key must be 22 to 128 letters, digits, '-' or '_': a new random value for each post.",
    );
  }
  const request = JSON.stringify([input.story, input.parentId ?? null, input.body, input.confirm === true]);
  const [keyHash, requestHash, guestToken] = await Promise.all([
    sha256Hex(`key:${header}`),
    sha256Hex(request),
    derivedToken(site.id, header),
  ]);
  return { keyHash, requestHash, guestToken };
}

/**
 * The first result of a post tried before with this key, or null when none was stored (the first
 * try was refused, or never arrived: this one is then a post like any other). The same key for
 * another post is refused, so a client bug cannot pass one comment off as another.
 */
export async function replayPost(
  db: D1Database,
  site: SiteRecord,
  key: PostKey,
  now: number,
  locale: ApiLocale,
): Promise<PostCommentResponse | null> {
  return replayStored(db, site, key, await selectPostKey(db, site.id, key.keyHash).first(), now, locale);
}

/**
 * replayPost, with the key's row already read (null: none), e.g. in the batch that reads the post's
 * facts, so that a post that is not a retry pays no round trip for its key.
 */
export async function replayStored(
  db: D1Database,
  site: SiteRecord,
  key: PostKey,
  found: PostKeyRow | null,
  now: number,
  locale: ApiLocale,
): Promise<PostCommentResponse | null> {
  if (!found) return null;
  if (found.request_hash !== key.requestHash) {
    throw new ApiError(422, "idempotency_key_reused", "This Idempotency-Key was sent with another post: use a new key for each post.");
  }
  const [commentResult, reasonsResult, guestResult] = await batchOf(db, [
    typed<CommentRow>(selectComment(db, site.id, found.comment_id)),
    typed<{ reasons: string }>(selectCommentReasons(db, site.id, found.comment_id)),
    selectCommenterByToken(db, site.id, await sha256Hex(key.guestToken)),
  ]);
  const row = commentResult.results[0];
  if (!row) return null;
  const story = await selectStoryById(db, site.id, row.story_id).first();
  const guest = guestResult.results[0];
  const reasons = parseReasons(reasonsResult.results[0]?.reasons ?? "[]");
  return {
    comment: toCommentView(row, { commenterId: row.author_id, reacted: new Set() }),
    story: viewStory(story!, site.settings, now),
    reasons: reasons.map((r) => ({ ...r, message: reasonMessage(r.code, locale) })),
    // The first try introduced this guest: the lost answer carried their token.
    ...(guest && guest.id === row.author_id ? { commenterToken: key.guestToken } : {}),
  };
}
