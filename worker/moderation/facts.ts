// Reads what the phases need about a new comment, in one batch: its story and parent, its author,
// the author's and the IP's recent comments, the author's last identical comment, and any ban
// covering the post besides the author's own. These facts give the reader a clear answer; the
// limits themselves are decided again in the post's own batch (db/post-guards.ts).
import { resultOf, typed, type Typed } from "../db/typed";
import { selectCommenterByToken, type CommenterRow } from "../db/commenters";
import { selectComment, type CommentRow } from "../db/comments";
import { selectAuthorWindow, selectIpWindow, selectLastDuplicate, type WindowRow } from "../db/comment-windows";
import { selectCoveringBan, type CoveringBanRow } from "../db/reader-bans";
import type { SiteRecord } from "../db/sites";
import { selectStoryByKey, type StoryRow } from "../db/stories";
import { storyFacts } from "./story-closed";
import { scoreComment } from "./scoring";
import { upsertScore } from "../db/scores";
import { moderate } from "./pipeline";
import type { ModerationFacts, WindowCount } from "./types";

export interface PostFacts<A = unknown> {
  facts: ModerationFacts;
  story: StoryRow | null;
  parent: CommentRow | null;
  /** the commenter holding the token; null without a token or when no commenter holds it */
  author: CommenterRow | null;
  /**
   * The row the `also` statement read (its first), when one was given: read in the same batch, so
   * that the post's other reads cost no round trip of their own (an Idempotency-Key's row).
   */
  also?: A | null;
  /**
   * The score taken with these facts, to store in the comment's own batch: after the insert of a
   * new comment (any place after it), or for comment `id` (an edit). Empty when nothing was scored.
   */
  scoreStatements(id?: number): D1PreparedStatement[];
}

function toWindow(row: WindowRow | undefined): WindowCount {
  return { count: row?.n ?? 0, nthAt: row?.nth_at ?? null };
}

export async function loadPostFacts<A = unknown>(
  db: D1Database,
  site: SiteRecord,
  post: {
    storyKey: string;
    parentId: number | null;
    body: string;
    confirm: boolean;
    /** SHA-256 of the commenter token, or null for a new guest */
    tokenHash: string | null;
    /** null when the IP is unknown */
    ipHash: string | null;
    bodyHash: string;
    now: number;
    /**
     * An edit of this comment: it is not counted against itself (flood windows, duplicates), so
     * an edit takes the slot its comment already has and may keep its own text.
     */
    editingId?: number;
    /** the network a guest's ban may cover (see postGuardQuery); absent or null: not checked */
    banNetwork?: string | null;
    /** the poster's email in lower case (a reader signed in through the site); absent or null: none */
    email?: string | null;
    /**
     * What the scoring providers may be told besides the text: the poster's IP (Akismet requires
     * it: without it Akismet is not asked) and name, the story's page.
     */
    scoring?: { ip?: string; author?: string; permalink?: string | null };
  },
  /**
   * A statement to read with the facts. When it finds a row, nothing is scored (no service asked):
   * the post is then not to be decided again (a retry of a post already stored).
   */
  also?: Typed<A>,
): Promise<PostFacts<A>> {
  const rules = site.settings;
  const floodSince = post.now - rules.floodWindowSeconds * 1000;
  const { tokenHash, ipHash } = post;
  // Each read is null when it does not apply; the batch runs those that do, in this order.
  const reads = {
    story: selectStoryByKey(db, site.id, post.storyKey),
    parent: post.parentId !== null ? typed<CommentRow>(selectComment(db, site.id, post.parentId)) : null,
    author: tokenHash !== null ? selectCommenterByToken(db, site.id, tokenHash) : null,
    byAuthor:
      tokenHash !== null
        ? typed<WindowRow>(
            selectAuthorWindow(db, {
              siteId: site.id,
              tokenHash,
              since: floodSince,
              nth: rules.floodMaxPerAuthor,
              excludeId: post.editingId,
            }),
          )
        : null,
    duplicate:
      tokenHash !== null
        ? typed<{ at: number | null }>(
            selectLastDuplicate(db, {
              siteId: site.id,
              tokenHash,
              bodyHash: post.bodyHash,
              since: post.now - rules.duplicateWindowSeconds * 1000,
              excludeId: post.editingId,
            }),
          )
        : null,
    byIp:
      ipHash !== null
        ? typed<WindowRow>(
            selectIpWindow(db, {
              siteId: site.id,
              ipHash,
              since: floodSince,
              nth: rules.floodMaxPerIp,
              excludeId: post.editingId,
            }),
          )
        : null,
    coveringBan: null as Typed<CoveringBanRow> | null,
    also: also ?? null,
  };
  const banNetwork = post.banNetwork ?? null;
  const email = post.email ?? null;
  if (banNetwork !== null || email !== null) {
    reads.coveringBan = selectCoveringBan(db, { siteId: site.id, tokenHash, now: post.now, network: banNetwork, email });
  }
  const statements = Object.values(reads).filter((s) => s !== null);
  const results = await db.batch(statements);
  const first = <R>(read: Typed<R> | null): R | undefined => (read ? resultOf(results, statements, read).results[0] : undefined);

  const alsoRow = also ? (first(reads.also) ?? null) : undefined;
  const story = first(reads.story) ?? null;
  const parent = first(reads.parent) ?? null;
  const author = first(reads.author) ?? null;
  const facts: ModerationFacts = {
    now: post.now,
    rules,
    body: post.body,
    confirm: post.confirm,
    story: story && storyFacts(story),
    author: author && {
      bannedUntil: author.banned_until,
      banReason: author.ban_reason,
      commentCount: author.comment_count,
      approvedCount: author.approved_count,
      premoderate: author.premoderate === 1,
    },
    coveringBan: first(reads.coveringBan) ?? null,
    byAuthor: author ? toWindow(first(reads.byAuthor)) : null,
    byIp: ipHash !== null ? toWindow(first(reads.byIp)) : null,
    lastDuplicateAt: author ? (first(reads.duplicate)?.at ?? null) : null,
  };
  if (alsoRow) return { story, parent, author, also: alsoRow, scoreStatements: () => [], facts };
  // The services are asked only for a post the rules do not refuse anyway (closed story, ban, flood,
  // duplicate, the charter's words): a flood of refused posts must not become a flood of paid calls.
  // So they wait for the reads; the built-in scorer always runs.
  const external = moderate(facts).outcome !== "refuse";
  const scoring = await scoreComment({ body: post.body, rules, site, ...post.scoring }, { external });
  return {
    story,
    parent,
    author,
    ...(also ? { also: alsoRow } : {}),
    scoreStatements: (id) => upsertScore(db, { siteId: site.id, outcome: scoring, now: post.now, id }),
    facts: { ...facts, scoring },
  };
}
