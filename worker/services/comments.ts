// Posting: a comment or reply, checked against its story and parent, run through the moderation
// pipeline, and saved (with its author, counters and reasons) in one batch. The limits (bans,
// flood, duplicates) are decided again by the first statement of that batch, from the rows it
// sees (db/post-guards.ts): a post refused there writes nothing, an SSO reader's profile included.
import { resultOf, typed } from "../db/typed";
import type { SiteRecord } from "../db/sites";
import { countNewComment, insertStoryIfMissing, selectOldestCreation, selectStoryByKey } from "../db/stories";
import { countCommenterPost, countCommenterPostByToken, insertGuestCommenter } from "../db/commenters";
import { checkPostStory, deletePostGuard, insertPostGuard } from "../db/post-guards";
import { avatarUrl, countNewReply, insertComment, type CommentRow } from "../db/comments";
import { signInRequired, type ReaderCredential } from "../auth/reader";
import { invalidToken } from "../lib/bearer";
import { reasonMessage, type ApiLocale } from "../locales/reasons";
import { ApiError } from "../lib/errors";
import { asksQuestion } from "../../common/text/question";
import { UNKNOWN_IP, bodyHash, ipHash, randomToken, sha256Hex } from "../lib/hash";
import { ssoReaderStatements } from "./readers";
import { storyCreationLimit, storyFlood, storyProposal } from "./stories";
import { POST_KEY_TTL_MS, readPostKey, replayPost, replayStored } from "./post-keys";
import { forgetPostKeys, insertPostKeyForLastComment, postKeyCommentSql, selectPostKey } from "../db/post-keys";
import { loadPostFacts } from "../moderation/facts";
import { moderate, refusalError } from "../moderation/pipeline";
import { banScope, failedGuard, guardRefusal, postGuardQuery, type GuardPost } from "../moderation/guard";
import { viewStory } from "../moderation/story-closed";
import { insertReplyNotificationsOfNewest } from "../db/subscriptions";
import { ruleStatement } from "./dsa/statements";
import type { PostCommentInput } from "../schemas/reader";
import type { AuthorView, CommentStatus, CommentView, PostCommentResponse } from "../schemas/views";

/** Deepest nesting stored: a reply to a comment at this depth is shown beside it, not under it. */
export const MAX_REPLY_DEPTH = 3;

interface Placement {
  parentId: number | null;
  replyToId: number | null;
  rootId: number | null;
  depth: number;
}

/** Where a reply goes in its thread: under its parent, or beside it once the depth cap is reached. */
export function placeReply(parent: Pick<CommentRow, "id" | "parent_id" | "root_id" | "depth"> | null): Placement {
  if (!parent) return { parentId: null, replyToId: null, rootId: null, depth: 0 };
  const rootId = parent.root_id ?? parent.id;
  if (parent.depth >= MAX_REPLY_DEPTH) {
    return { parentId: parent.parent_id, replyToId: parent.id, rootId, depth: parent.depth };
  }
  return { parentId: parent.id, replyToId: parent.id, rootId, depth: parent.depth + 1 };
}

/** The view of a comment just saved, from what was written (no read back). */
export function savedCommentView(c: {
  id: number;
  place: Placement;
  parent: Pick<CommentRow, "id" | "author_name"> | null;
  author: AuthorView;
  body: string;
  status: CommentStatus;
  now: number;
}): CommentView {
  return {
    id: c.id,
    parentId: c.place.parentId,
    rootId: c.place.rootId,
    depth: c.place.depth,
    replyTo: c.parent && c.place.parentId !== c.parent.id ? { id: c.parent.id, authorName: c.parent.author_name } : null,
    author: c.author,
    body: c.body,
    status: c.status,
    createdAt: new Date(c.now).toISOString(),
    replyCount: 0,
    featured: null,
    reactions: 0,
    reacted: false,
    own: true,
    editedAt: null,
    deleted: false,
  };
}

/**
 * A reader's comment awaits a staff answer when it asks something (a "?" in its own words) or
 * answers a staff comment. `answered` is the comment it replies to, if any.
 */
export function awaitsAnswer(body: string, answered: Pick<CommentRow, "author_staff"> | null): boolean {
  return asksQuestion(body) || answered?.author_staff === 1;
}

/** Who is posting, as the request says: their credential (guest token or SSO token, if any) and their IP. */
export interface Poster {
  credential: ReaderCredential | null;
  ip: string;
  /** the post's Idempotency-Key header, if the client sent one */
  idempotencyKey?: string;
}

export async function postComment(
  db: D1Database,
  site: SiteRecord,
  input: PostCommentInput,
  poster: Poster,
  now: number,
  locale: ApiLocale,
): Promise<PostCommentResponse> {
  const parentId = input.parentId ?? null;
  const { credential } = poster;
  const key = await readPostKey(site, poster.idempotencyKey, input);
  if (!site.settings.guestPosting && credential?.kind !== "sso") throw signInRequired();
  // A reader signed in through the site signs with the name the site gives them.
  if (credential?.kind !== "sso" && !input.author) {
    throw new ApiError(400, "validation_failed", "Invalid request. author: author is required", [
      { path: ["author"], message: "author is required", code: "invalid_type" },
    ]);
  }
  const sso = credential?.kind === "sso" ? credential : null;
  const authorName = sso ? sso.claims.name : input.author!.name;
  const tokenHash = credential?.tokenHash ?? null;
  const [ipHashed, bodyHashed] = await Promise.all([ipHash(site.id, poster.ip), bodyHash(input.body)]);
  // The facts (for a clear answer) and the batch's guard (the decision) read the same values.
  const guardPost: GuardPost = {
    tokenHash,
    sso: sso !== null,
    email: sso?.claims.email ?? null,
    ipHash: poster.ip === UNKNOWN_IP ? null : ipHashed,
    bodyHash: bodyHashed,
    now,
  };
  const factsQuery = {
    storyKey: input.story,
    parentId,
    body: input.body,
    confirm: input.confirm === true,
    tokenHash,
    ipHash: guardPost.ipHash,
    bodyHash: bodyHashed,
    now,
    ...banScope(site, guardPost),
    scoring: { ip: poster.ip, author: authorName, permalink: input.url ?? null },
  };
  // The key's row is read with the facts (one round trip for both); a retry of a post already
  // stored gets the first result back, before any rule decides again.
  const { facts, story, parent, author, scoreStatements, also } = await loadPostFacts(
    db,
    site,
    factsQuery,
    key ? selectPostKey(db, site.id, key.keyHash) : undefined,
  );
  const replayed = key && also ? await replayStored(db, site, key, also, now, locale) : null;
  if (replayed) return replayed;

  // An SSO reader's commenter may not exist yet: it is saved in the post's batch, with the post.
  if (credential?.kind === "guest" && !author) throw invalidToken();
  if (parentId !== null) {
    if (parent?.status !== "published") {
      throw new ApiError(404, "parent_not_found", "The comment you are replying to does not exist or was removed.");
    }
    if (!story || parent.story_id !== story.id) {
      throw new ApiError(400, "parent_story_mismatch", "The comment you are replying to belongs to another story.");
    }
  }

  const decision = moderate(facts);
  if (decision.outcome === "refuse") throw refusalError(decision);
  // What the request says of a story it creates, as the site's story rule allows it.
  const proposal = story ? { url: null, title: null } : storyProposal(site, input.url, input.title);

  const storyLimit = storyCreationLimit(now);

  const place = placeReply(parent);
  const published = decision.status === "published";
  // A new guest gets a token now; only its hash is stored, the token itself is answered once.
  const newGuest = !author && !sso;
  const newToken = newGuest ? (key?.guestToken ?? randomToken()) : null;
  const newTokenHash = newToken !== null ? await sha256Hex(newToken) : null;
  // An automated hold or rejection owes its statement of reasons, in the post's batch. Without a
  // post key it comes right after the comment's insert (last_insert_rowid); with one, after the
  // key, which holds the comment's id.
  const held = ruleStatement(db, site, {
    status: decision.status,
    reasons: decision.reasons,
    comment: key ? postKeyCommentSql(site.id, key.keyHash) : { sql: "last_insert_rowid()" },
    now,
  });
  // A published reply's notifications are written in the same batch (one round trip less), after
  // every statement that takes an id from last_insert_rowid().
  const notifications =
    published && place.replyToId !== null && site.settings.replyNotifications ? insertReplyNotificationsOfNewest(db, site.id, now) : [];
  const inserting = typed<{ id: number }>(
    insertComment(db, {
      siteId: site.id,
      storyKey: input.story,
      authorId: sso ? null : (author?.id ?? null),
      authorTokenHash: sso ? sso.tokenHash : null,
      ...place,
      body: input.body,
      status: decision.status,
      reasons: decision.reasons,
      ipHash: ipHashed,
      bodyHash: bodyHashed,
      awaitsAnswer: awaitsAnswer(input.body, parent),
      now,
    }),
  );
  const storyAfter = selectStoryByKey(db, site.id, input.story);
  const statements = [
    // First: the rules decided with the write. A rule that says no rolls the whole batch back.
    insertPostGuard(db, postGuardQuery(site, guardPost)),
    // The SSO profile is saved with the post, never by a refused one.
    ...(sso ? ssoReaderStatements(db, site, sso, now) : []),
    // A network may create only so many stories (the insert refuses more); the guard then stops the
    // batch. As for the flood rule, posts without a known IP are not one network (behind Cloudflare
    // every request has one).
    insertStoryIfMissing(db, { siteId: site.id, key: input.story, ...proposal, now, ipHash: guardPost.ipHash, limit: storyLimit }),
    checkPostStory(db, site.id, input.story),
    countNewComment(db, { siteId: site.id, key: input.story, published, startsClock: decision.status !== "rejected", now }),
    ...(place.rootId !== null && published ? [countNewReply(db, site.id, place.rootId)] : []),
    // The comment's insert must come right after the guest's: it takes its id from last_insert_rowid().
    sso
      ? countCommenterPostByToken(db, { siteId: site.id, tokenHash: sso.tokenHash, published })
      : author
        ? countCommenterPost(db, { siteId: site.id, id: author.id, name: authorName, published })
        : insertGuestCommenter(db, { siteId: site.id, name: authorName, tokenHash: newTokenHash!, published, now }),
    inserting,
    // Right after the comment's insert: it takes the comment's id from last_insert_rowid().
    ...(key
      ? [
          insertPostKeyForLastComment(db, { siteId: site.id, keyHash: key.keyHash, requestHash: key.requestHash, now }),
          forgetPostKeys(db, site.id, now - POST_KEY_TTL_MS),
        ]
      : []),
    ...(held ? [held] : []),
    // The automatic score (worker/moderation/scoring), stored on the comment just inserted.
    ...scoreStatements(),
    ...notifications,
    deletePostGuard(db),
    storyAfter,
  ];
  // The statements the batch that went through ran (the retry below leaves the notifications out).
  let ran = statements;
  let results: D1Result<unknown>[] | null = null;
  let failure: unknown = null;
  try {
    results = await db.batch(statements);
  } catch (err) {
    failure = err;
  }
  if (!results && notifications.length > 0 && failedGuard(failure) === null) {
    // A notification never costs the post (subscriptions/faults.test.ts: their table unusable):
    // the batch wrote nothing, so the post is stored again without them, its notifications lost
    // and said so, as they would be recorded apart.
    console.error("reply notifications not recorded (reply)", site.id, failure);
    try {
      ran = statements.filter((st) => !notifications.includes(st));
      results = await db.batch(ran);
    } catch (err) {
      failure = err;
    }
  }
  if (!results) {
    const err = failure;
    // Two tries of the same post at once: the other one stored it first, and this batch, refused by
    // a unique key (the post's key, or the guest's token that comes from it) or by the guard (the
    // same text), wrote nothing.
    const first = key ? await replayPost(db, site, key, now, locale) : null;
    if (first) return first;
    const guard = failedGuard(err);
    if (guard === null) throw err;
    if (guard === "story") {
      const network = { siteId: site.id, ipHash: guardPost.ipHash ?? ipHashed, since: storyLimit.since };
      const oldest = await selectOldestCreation(db, network).first();
      throw storyFlood(oldest?.oldest ?? null, now);
    }
    // A rule refused the post in its batch: the facts read again say why, as clearly as before.
    const again = moderate((await loadPostFacts(db, site, factsQuery)).facts);
    throw refusalError(again.outcome === "refuse" ? again : guardRefusal(guard, site));
  }
  const id = resultOf(results, ran, inserting).results[0]!.id;
  const savedStory = resultOf(results, ran, storyAfter).results[0]!;

  return {
    comment: savedCommentView({
      id,
      place,
      parent,
      author: {
        name: authorName,
        staff: author !== null && author.staff_id !== null,
        // As the batch just stored it from the token, so the answer matches the thread's next read.
        avatar: sso ? avatarUrl(sso.claims.avatar) : null,
      },
      body: input.body,
      status: decision.status,
      now,
    }),
    story: viewStory(savedStory, site.settings, now),
    reasons: decision.reasons.map((r) => ({ ...r, message: reasonMessage(r.code, locale) })),
    ...(newToken ? { commenterToken: newToken } : {}),
  };
}
