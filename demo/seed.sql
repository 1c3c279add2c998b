-- Demo data for `npm start`: two sites, a story on each and a few comments. This file is run on
-- the registry, DB (database palabre): both sites' rows, and the journal's data. The band lives in
-- the second database, DB_2 (palabre-2, demo/seed-2.sql), as a large tenant would (issue 14).
-- Idempotent: existing rows are left as they are, so a second run keeps what readers posted.
-- The demo is served on both http://localhost:8787 and http://127.0.0.1:8787 (the end-to-end
-- tests open the page on one and call the API on the other), so both origins are allowed. The
-- journal plays a newspaper whose articles live on https://www.lequotidien.example (its pages'
-- canonical URLs, which the widget proposes as a new story's URL): that origin is allowed too,
-- as a real site's would be, or new stories from its pages would be refused.

INSERT INTO sites (id, name, allowed_origins, settings, created_at) VALUES
  ('demo-journal', 'Le Quotidien', '["http://localhost:8787","http://127.0.0.1:8787","https://www.lequotidien.example"]', '{}', 1795219200000)
ON CONFLICT (id) DO NOTHING;
-- The band's row here is the registry's: it says the band lives in DB_2 (writes to its rows here
-- are refused, migration 0019). A database seeded before issue 14 keeps the band in DB, data and all.
INSERT INTO sites (id, name, allowed_origins, settings, created_at, db, moving) VALUES
  ('demo-band', 'The Velvet Owls', '["http://localhost:8787","http://127.0.0.1:8787"]', '{}', 1795219200000, 'DB_2', 'away')
ON CONFLICT (id) DO NOTHING;
-- A database seeded before the journal's origin was added gets it, unless an admin changed the list.
UPDATE sites SET allowed_origins = '["http://localhost:8787","http://127.0.0.1:8787","https://www.lequotidien.example"]'
WHERE id = 'demo-journal' AND allowed_origins = '["http://localhost:8787","http://127.0.0.1:8787"]';

-- The sites' rules (moderation, colour, language). Filled only while a site still has the settings
-- an earlier seed gave it ('{}' or just its language), so an admin's later edits are kept.
UPDATE sites SET settings = json_object(
    'defaultLocale', 'fr',
    'color', '#a4161a',
    'charter', 'Le Quotidien accueille vos avis, pas les insultes : restez courtois, pas d''attaques personnelles ni de propos injurieux.',
    'bannedWords', json_array('connard', 'enfoiré'),
    'suspectWords', json_array('arnaque', 'escroc'))
WHERE id = 'demo-journal' AND settings IN ('{}', '{"defaultLocale":"fr"}');
-- The band's readers may post as guests or sign in through the band's fan club (SSO). The SSO
-- secret is public because this is a demo: the band page signs tokens in the browser with it. A
-- real site keeps its secret on its server, signs there, and never sends the secret to a browser.
UPDATE sites SET settings = json_object(
    'defaultLocale', 'en',
    'color', '#ffcf33',
    'ssoSecret', 'demo-band-sso-secret-not-for-production-2026',
    'loginUrl', 'http://localhost:8787/demo/band/#fan-club')
WHERE id = 'demo-band' AND settings IN ('{}', '{"defaultLocale":"en"}', '{"defaultLocale":"en","color":"#ffcf33"}');

-- The journal's story key is the article's canonical URL, as on a real newspaper; its url is
-- where the demo serves it, so links from the dashboard and the home page's selection work.
INSERT INTO stories (site_id, key, url, title, created_at, updated_at) VALUES
  ('demo-journal', 'https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour',
   'http://localhost:8787/demo/journal/',
   'Trains de nuit : le grand retour ? — Le Quotidien', 1795219200000, 1795219200000)
ON CONFLICT (site_id, key) DO NOTHING;

-- Fixed ids: on a fresh database the seed runs first, so these ids are free; later runs ignore them.
INSERT OR IGNORE INTO commenters (id, site_id, kind, name, comment_count, created_at) VALUES
  (1, 'demo-journal', 'guest', 'Claire M.', 1, 1795226400000),
  (2, 'demo-journal', 'guest', 'Yannick', 1, 1795230000000),
  (3, 'demo-journal', 'guest', 'Sophie L.', 1, 1795233600000),
  (4, 'demo-journal', 'guest', 'Bertrand', 1, 1795237200000);

INSERT OR IGNORE INTO comments (id, site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status, created_at, updated_at)
  SELECT 1, 'demo-journal', id, NULL, NULL, NULL, 0, 1,
         'J''ai pris le Paris–Briançon le mois dernier : **complet** trois semaines à l''avance. La demande est là, il manque surtout des voitures.',
         'published', 1795226400000, 1795226400000
  FROM stories WHERE site_id = 'demo-journal' AND key = 'https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour';
INSERT OR IGNORE INTO comments (id, site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status, created_at, updated_at)
  SELECT 2, 'demo-journal', id, 1, 1, 1, 1, 2,
         '> il manque surtout des voitures

Exactement. Et les couchettes rénovées sont *vraiment* plus confortables qu''avant.',
         'published', 1795230000000, 1795230000000
  FROM stories WHERE site_id = 'demo-journal' AND key = 'https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour';
INSERT OR IGNORE INTO comments (id, site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status, created_at, updated_at)
  SELECT 3, 'demo-journal', id, NULL, NULL, NULL, 0, 3,
         'Le rapport de l''Autorité de régulation des transports détaille les coûts ligne par ligne : https://www.autorite-transports.fr/ — à lire avant de conclure.',
         'published', 1795233600000, 1795233600000
  FROM stories WHERE site_id = 'demo-journal' AND key = 'https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour';
INSERT OR IGNORE INTO comments (id, site_id, story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status, created_at, updated_at)
  SELECT 4, 'demo-journal', id, NULL, NULL, NULL, 0, 4,
         'Quid des tarifs ? Pour une famille de quatre, l''avion reste moins cher sur la plupart des trajets.',
         'published', 1795237200000, 1795237200000
  FROM stories WHERE site_id = 'demo-journal' AND key = 'https://www.lequotidien.example/societe/2026/11/21/trains-de-nuit-le-grand-retour';

-- Counters follow the rows (recomputed, so the seed stays right however often it runs).
UPDATE stories SET comment_count =
  (SELECT count(*) FROM comments c WHERE c.story_id = stories.id AND c.status = 'published')
WHERE site_id = 'demo-journal';
-- The demo authors' comments are published, so each has one approved (the new-commenter rule reads it).
UPDATE commenters SET approved_count =
  (SELECT count(*) FROM comments c WHERE c.author_id = commenters.id AND c.status = 'published')
WHERE id BETWEEN 1 AND 4 AND site_id = 'demo-journal' AND approved_count = 0;
UPDATE comments SET reply_count =
  (SELECT count(*) FROM comments r WHERE r.root_id = comments.id AND r.status = 'published')
WHERE site_id = 'demo-journal' AND root_id IS NULL;
-- Two demo readers asked something: they wait in the staff's To answer queue until someone answers
-- (or says no answer is needed). Only while nobody has decided, so a later run keeps the decision.
UPDATE comments SET answer_status = 'waiting'
WHERE id = 4 AND site_id = 'demo-journal' AND answer_status IS NULL;
