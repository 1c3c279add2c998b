// The bench's data, written straight into D1: one site whose settings lift the flood and duplicate
// limits (the post target sends hundreds of comments a second from one network), a thousand
// guests, stories of given sizes and many small "cold" stories. Each story's comments come from
// one INSERT … SELECT over a recursive sequence (tens of thousands of rows a second, no bound
// parameters), in this shape, k being a comment's rank in its story:
//   - a third are top-level (k % 3 = 0);
//   - k % 3 = 1 answers the top-level comment just before it (depth 1);
//   - k % 3 = 2 answers an older top-level comment, one of the last 17 or, one time in ten, the
//     story's first (a long thread, for the replies page), at depth 1 or, every other time, under
//     that thread's first reply (depth 2);
//   - a quarter have 1 to 6 reactions (rows in `reactions`, and reaction_count);
// then each top-level comment's reply_count, and the stories' comment_count and version, as the
// worker keeps them.
export const SITE = "bench";
export const ORIGIN = "https://bench.example";
export const COMMENTERS = 1000;
/** comments in each cold story: 20 top-level, each with replies, like a first page of a large one */
export const COLD_SIZE = 60;

const LOREM =
  "Merci pour cet article tres complet. Je ne suis pas d accord avec la conclusion : les chiffres " +
  "cites datent de deux ans et la situation a beaucoup change depuis, surtout dans les petites " +
  "communes ou les services ferment les uns apres les autres. Quelqu un a-t-il les donnees de cette " +
  "annee ? Sinon le reste est juste, et la partie sur les transports m a appris beaucoup de choses " +
  "que je ne savais pas. A suivre, en esperant une suite sur les regions de l ouest et du centre.";

/** `count` stories of `size` comments each, ids from story0 and base0 (the comments' first id). */
function commentsInsert({ story0, base0, count, size, t0 }) {
  const total = count * size;
  const k = `(n % ${size})`;
  const top = `(${base0} + n - k + root_k)`;
  return `INSERT INTO comments (id, site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body,
      status, reply_count, reaction_count, created_at, updated_at)
    WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ${total - 1}),
    placed AS (
      SELECT n, ${k} AS k,
        CASE WHEN ${k} % 3 = 0 THEN NULL
             WHEN ${k} % 3 = 1 THEN ${k} - 1
             WHEN ${k} % 30 = 2 THEN 0
             ELSE max(0, ${k} - 2 - 3 * ((${k} * 7919) % 17)) END AS root_k
      FROM seq),
    rows AS (
      SELECT ${base0} + n AS id, ${story0} + n / ${size} AS story_id,
        CASE WHEN root_k IS NULL THEN NULL ELSE ${top} END AS root_id,
        CASE WHEN root_k IS NULL THEN NULL WHEN k % 3 = 2 AND (k / 3) % 2 = 1 THEN ${top} + 1 ELSE ${top} END AS parent_id,
        CASE WHEN root_k IS NULL THEN 0 WHEN k % 3 = 2 AND (k / 3) % 2 = 1 THEN 2 ELSE 1 END AS depth,
        '#' || n || ' ' || substr('${LOREM}', 1 + (n * 31) % 150, 40 + (n * 37) % 320) AS body,
        ${t0} + n * 1000 AS created_at
      FROM placed)
    SELECT id, '${SITE}', story_id, parent_id, parent_id, root_id, depth, 1 + (id * 7) % ${COMMENTERS}, body,
      'published', 0, CASE WHEN id % 4 = 0 THEN 1 + (id * 13) % 6 ELSE 0 END, created_at, created_at
    FROM rows`;
}

/** Reactions matching reaction_count, from distinct guests, and each top-level comment's reply_count. */
function countsUpdates(first, last) {
  return [
    `INSERT INTO reactions (comment_id, site_id, reader_key, created_at)
      WITH RECURSIVE m(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM m WHERE i < 6)
      SELECT c.id, '${SITE}', 'c:' || (1 + (c.id + m.i * 97) % ${COMMENTERS}), c.created_at + m.i
      FROM comments c JOIN m ON m.i <= c.reaction_count
      WHERE c.id BETWEEN ${first} AND ${last} AND c.reaction_count > 0`,
    `UPDATE comments SET reply_count =
        (SELECT count(*) FROM comments r WHERE r.root_id = comments.id AND r.status = 'published')
      WHERE id BETWEEN ${first} AND ${last} AND root_id IS NULL`,
  ];
}

function storiesInsert({ story0, count, size, key, t0 }) {
  return `INSERT INTO stories (id, site_id, key, url, title, status, comment_count, version, created_at, updated_at, first_comment_at)
    WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ${count - 1})
    SELECT ${story0} + n, '${SITE}', ${key}, '${ORIGIN}/articles/' || ${key}, 'Article ' || ${key}, 'open',
      ${size}, ${size}, ${t0}, ${t0}, ${t0} FROM seq`;
}

/**
 * Seeds the site, its guests, one story per size (key `s<size>`) and `cold` stories of
 * COLD_SIZE comments (keys `cold-0`…). Returns the stories' keys and first comment ids.
 */
export async function seed(db, { sizes, cold }) {
  const now = Date.now();
  const settings = JSON.stringify({ floodMaxPerAuthor: 0, floodMaxPerIp: 0, duplicateWindowSeconds: 0 });
  await db.batch([
    db
      .prepare(`INSERT INTO sites (id, name, allowed_origins, settings, created_at) VALUES (?, ?, ?, ?, ?)`)
      .bind(SITE, "Bench", JSON.stringify([ORIGIN]), settings, now),
    db.prepare(`INSERT INTO commenters (id, site_id, kind, name, comment_count, created_at)
      WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${COMMENTERS})
      SELECT n, '${SITE}', 'guest', 'Lecteur ' || n, 0, ${now} FROM seq`),
  ]);
  const stories = {};
  let story0 = 1;
  let base0 = 1;
  const groups = [
    ...sizes.map((size) => ({ count: 1, size, key: `'s${size}'`, name: `s${size}` })),
    ...(cold > 0 ? [{ count: cold, size: COLD_SIZE, key: `'cold-' || n`, name: "cold" }] : []),
  ];
  for (const g of groups) {
    const total = g.count * g.size;
    const t0 = now - total * 1000 - 60_000;
    // One batch per group: D1 runs a batch as one transaction.
    await db.batch([
      db.prepare(storiesInsert({ story0, count: g.count, size: g.size, key: g.key, t0 })),
      db.prepare(commentsInsert({ story0, base0, count: g.count, size: g.size, t0 })),
      ...countsUpdates(base0, base0 + total - 1).map((sql) => db.prepare(sql)),
    ]);
    stories[g.name] = { firstStory: story0, firstComment: base0, count: g.count, size: g.size };
    story0 += g.count;
    base0 += total;
  }
  return stories;
}

/** The top-level comment of the story `key` with the most replies (the replies page's thread). */
export async function longestThread(db, key) {
  const row = await db
    .prepare(`SELECT c.id, c.reply_count FROM comments c JOIN stories s ON s.id = c.story_id
      WHERE s.site_id = ? AND s.key = ? AND c.root_id IS NULL ORDER BY c.reply_count DESC LIMIT 1`)
    .bind(SITE, key)
    .first();
  return row;
}
