-- Issue 10 ("Abuse-proof"): a person is not a token. Likes and reports count people (networks and
-- standing), not tokens, and staff sign-ins are throttled per email and per network.

-- The guard of a like's or a report's batch (the pattern of post_guards, 0009): its first
-- statements insert one row whose columns are the rules' answers, computed from the rows as the
-- batch sees them; the last statement deletes it. A rule that says no fails its named CHECK and
-- the whole batch (a minted identity included) is rolled back; the service maps the constraint's
-- name to the reader's refusal. A column left NULL is a rule that does not apply. Empty between batches.
CREATE TABLE person_guards (
  id         INTEGER PRIMARY KEY,
  target_ok  INTEGER CONSTRAINT guard_target CHECK (target_ok = 1),            -- the comment may be liked / reported
  mint_ok    INTEGER CONSTRAINT guard_mint CHECK (mint_ok = 1),                -- one more identity from this network
  network_ok INTEGER CONSTRAINT guard_like_network CHECK (network_ok = 1)      -- one more like from this network
);

-- The network (keyed IP hash, worker/lib/hash.ts) a guest's like came from: one network adds at
-- most a handful of likes to one comment. NULL: a reader signed in through the site, or older rows.
ALTER TABLE reactions ADD COLUMN network TEXT;
CREATE INDEX reactions_network ON reactions (comment_id, network) WHERE network IS NOT NULL;

-- Reader identities minted for a like (a reader with no token), per network: minting is
-- rate-limited per network. No foreign key: erasing a person must never be blocked by this log.
CREATE TABLE identity_mints (
  commenter_id INTEGER PRIMARY KEY,
  site_id      TEXT NOT NULL,
  network      TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX identity_mints_network ON identity_mints (site_id, network, created_at);

-- Reports: the reporter's network and standing. The hiding threshold sums, over the distinct
-- networks of a comment's open reports, the highest weight each network brought (see db/reports.ts).
-- Reports written before this migration count as one full-weight network each, as they did.
ALTER TABLE reports ADD COLUMN network TEXT;
ALTER TABLE reports ADD COLUMN weight REAL NOT NULL DEFAULT 1;
UPDATE reports SET network = reporter_key;
-- (A comment's reports are found by the unique key's index, comment_id first: a handful of rows.)

-- Staff sign-in attempts, per email and network (network '*': the email across every network).
-- An attempt is counted here (a claim, in one statement) before its password is checked, so a
-- burst checks at most as many passwords as the rule allows; a success deletes the email's row
-- for that network. `claim` is the latest counted attempt's random id, read back to know whether
-- this attempt was the one counted. Replaces login_throttle (one count per email, from anywhere).
CREATE TABLE sign_in_attempts (
  email           TEXT NOT NULL COLLATE NOCASE,
  network         TEXT NOT NULL,
  failures        INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL,                 -- the last counted attempt (counted as failed until proven right)
  locked_until    INTEGER,
  claim           TEXT NOT NULL,
  PRIMARY KEY (email, network)
);
CREATE INDEX sign_in_attempts_stale ON sign_in_attempts (last_failure_at);
DROP TABLE login_throttle;
