// A story of 100 000 comments for the flat-reads tests, written straight into D1 (multi-row
// inserts, support.ts seedComments), and the order each listing must give, computed here from the
// same rows: 90 000 top-level comments, most without a reaction (the large equal group a deep
// "top" page used to walk), and one thread of 10 000 replies; a few of each held.
import { env } from "cloudflare:workers";
import { createSite, seedComments, seedStory, type SeedComment, type TestSite } from "../support";

export const BASE = 7_000_000;
export const TOPS = 90_000;
export const REPLIES = 10_000;
export const STORY = "big";
/** authors of the comments, each its own commenter (so the tables' statistics look like a site's) */
export const AUTHORS = 1000;

export interface Top {
  id: number;
  reactions: number;
}

export interface BigStory {
  site: TestSite;
  storyId: number;
  /** the thread of 10 000 replies */
  rootId: number;
  /** published top-level comments, in id order */
  tops: Top[];
  /** published replies of rootId, oldest first */
  replies: number[];
}

const topHeld = (i: number) => i % 1000 === 500;
const replyHeld = (j: number) => j % 1000 === 700;
// one top-level comment in 50 has 1 to 4 reactions; the other 88 200 have none
const reactionsOf = (i: number) => (i % 50 === 0 ? 1 + ((i / 50) % 4) : 0);

export async function seedBigStory(): Promise<BigStory> {
  const site = await createSite();
  const storyId = await seedStory(site.id, STORY);
  const { results: authors } = await env.DB.prepare(
    `INSERT INTO commenters (site_id, kind, name, comment_count, created_at)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
     SELECT ?1, 'guest', 'Reader ' || i, 0, ?3 FROM n RETURNING id`,
  )
    .bind(site.id, AUTHORS, Date.now())
    .all<{ id: number }>();
  const authorId = (i: number) => authors[i % authors.length]!.id;
  const rootId = BASE + 1;
  const rows: SeedComment[] = [];
  const tops: Top[] = [];
  const replies: number[] = [];
  for (let i = 1; i <= TOPS; i++) {
    rows.push({ id: BASE + i, storyId, authorId: authorId(i), status: topHeld(i) ? "pending" : "published" });
    if (!topHeld(i)) tops.push({ id: BASE + i, reactions: reactionsOf(i) });
  }
  for (let j = 1; j <= REPLIES; j++) {
    rows.push({ id: BASE + TOPS + j, storyId, authorId: authorId(j), rootId, status: replyHeld(j) ? "pending" : "published" });
    if (!replyHeld(j)) replies.push(BASE + TOPS + j);
  }
  rows[0]!.replyCount = replies.length;
  for (let i = 0; i < rows.length; i += 10_000) await seedComments(site.id, rows.slice(i, i + 10_000));
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE comments SET reaction_count = 1 + ((id - ?2) / 50) % 4
       WHERE story_id = ?1 AND root_id IS NULL AND (id - ?2) % 50 = 0`,
    ).bind(storyId, BASE),
    env.DB.prepare("UPDATE stories SET comment_count = ?2 WHERE id = ?1").bind(storyId, tops.length + replies.length),
  ]);
  return { site, storyId, rootId, tops, replies };
}

/** The published top-level comments' ids in a sort's order, as the thread pages them. */
export function inOrder(tops: Top[], sort: "newest" | "oldest" | "top"): Top[] {
  const list = [...tops];
  if (sort === "newest") return list.reverse();
  if (sort === "top") return list.sort((a, b) => b.reactions - a.reactions || b.id - a.id);
  return list;
}
