-- Issue 10 ("Abuse-proof"): the post's rules decided in the post's own batch, and bans that stick.

-- The post's guard: the first statement of a post's batch inserts one row whose columns are the
-- rules' answers, computed from the rows as the batch sees them (flood per author and per network,
-- duplicate, bans); the last statement deletes it. A D1 batch is one transaction, and batches run
-- one after another: a rule that says no fails its named CHECK and the whole batch, comment
-- included, is rolled back. The service maps the constraint's name to the reader's refusal.
-- The table is empty between batches.
CREATE TABLE post_guards (
  id        INTEGER PRIMARY KEY,
  ban_ok    INTEGER NOT NULL CONSTRAINT guard_banned CHECK (ban_ok = 1),
  author_ok INTEGER NOT NULL CONSTRAINT guard_flood_author CHECK (author_ok = 1),
  ip_ok     INTEGER NOT NULL CONSTRAINT guard_flood_ip CHECK (ip_ok = 1),
  dup_ok    INTEGER NOT NULL CONSTRAINT guard_duplicate CHECK (dup_ok = 1),
  -- set after the story's conditional insert: the story exists (its network may create no more)
  story_ok  INTEGER NOT NULL DEFAULT 1 CONSTRAINT guard_story CHECK (story_ok = 1)
);

-- What a ban or suspension covers besides the commenter it names: the networks (IP hashes) a
-- guest's comments came from (site setting banCoversNetwork), and the email a reader signed in
-- through the site was known by. Written with the ban, removed when it is lifted or replaced;
-- `until` is the ban's end (commenters.banned_until). A network ban spares guests who were
-- commenters before it (see worker/db/reader-bans.ts).
CREATE TABLE reader_bans (
  id           INTEGER PRIMARY KEY,
  site_id      TEXT NOT NULL REFERENCES sites(id),
  commenter_id INTEGER NOT NULL REFERENCES commenters(id),
  kind         TEXT NOT NULL CHECK (kind IN ('network', 'email')),
  value        TEXT NOT NULL,                       -- the IP hash, or the email in lower case
  until        INTEGER NOT NULL,
  reason       TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
-- A post's check: one lookup per kind.
CREATE INDEX reader_bans_value ON reader_bans (site_id, kind, value, until);
-- Lifting or replacing a ban.
CREATE INDEX reader_bans_commenter ON reader_bans (commenter_id);
