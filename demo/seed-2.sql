-- Demo data for `npm start` in the second database, DB_2 (palabre-2): the band, The Velvet Owls, as
-- a large tenant in a database of its own (issue 14). The registry's row for it is in demo/seed.sql.
-- Idempotent, like that file: existing rows are left as they are.
INSERT INTO sites (id, name, allowed_origins, settings, created_at, db) VALUES
  ('demo-band', 'The Velvet Owls', '["http://localhost:8787","http://127.0.0.1:8787"]', '{}', 1795219200000, 'DB_2')
ON CONFLICT (id) DO NOTHING;

-- The band's readers may post as guests or sign in through the band's fan club (SSO). The SSO
-- secret is public because this is a demo: the band page signs tokens in the browser with it. A
-- real site keeps its secret on its server, signs there, and never sends the secret to a browser.
UPDATE sites SET settings = json_object(
    'defaultLocale', 'en',
    'color', '#ffcf33',
    'ssoSecret', 'demo-band-sso-secret-not-for-production-2026',
    'loginUrl', 'http://localhost:8787/demo/band/#fan-club')
WHERE id = 'demo-band' AND settings IN ('{}', '{"defaultLocale":"en"}', '{"defaultLocale":"en","color":"#ffcf33"}');

INSERT INTO stories (id, site_id, key, url, title, created_at, updated_at) VALUES
  (1000001, 'demo-band', 'news/2026-european-tour', 'http://localhost:8787/demo/band/',
   'European tour 2026: eleven cities, one new album — The Velvet Owls', 1795219200000, 1795219200000)
ON CONFLICT (site_id, key) DO NOTHING;

-- Ids from 1,000,001, far from the journal's in DB (each database numbers its own rows), so that the
-- band can move back to DB (`npm run move -- --site demo-band --to DB`: a move keeps every id).
INSERT OR IGNORE INTO commenters (id, site_id, kind, name, comment_count, created_at) VALUES
  (1000005, 'demo-band', 'guest', 'owlfan_88', 1, 1795226400000),
  (1000006, 'demo-band', 'guest', 'Marta', 1, 1795230000000);

INSERT OR IGNORE INTO comments (id, site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status, created_at, updated_at)
  SELECT 1000005, 'demo-band', id, NULL, NULL, NULL, 0, 1000005,
         'Lisbon on the list, finally!! See you in the front row 🦉',
         'published', 1795226400000, 1795226400000
  FROM stories WHERE site_id = 'demo-band' AND key = 'news/2026-european-tour';
INSERT OR IGNORE INTO comments (id, site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status, created_at, updated_at)
  SELECT 1000006, 'demo-band', id, 1000005, 1000005, 1000005, 1, 1000006,
         'Same here. Any chance of an **acoustic set** like in 2024?',
         'published', 1795230000000, 1795230000000
  FROM stories WHERE site_id = 'demo-band' AND key = 'news/2026-european-tour';

-- Counters follow the rows (recomputed, so the seed stays right however often it runs).
UPDATE stories SET comment_count =
  (SELECT count(*) FROM comments c WHERE c.story_id = stories.id AND c.status = 'published')
WHERE site_id = 'demo-band';
UPDATE commenters SET approved_count =
  (SELECT count(*) FROM comments c WHERE c.author_id = commenters.id AND c.status = 'published')
WHERE id BETWEEN 1000005 AND 1000006 AND site_id = 'demo-band' AND approved_count = 0;
UPDATE comments SET reply_count =
  (SELECT count(*) FROM comments r WHERE r.root_id = comments.id AND r.status = 'published')
WHERE site_id = 'demo-band' AND root_id IS NULL;
-- A demo reader asked something: it waits in the staff's To answer queue.
UPDATE comments SET answer_status = 'waiting'
WHERE id = 1000006 AND site_id = 'demo-band' AND answer_status IS NULL;
