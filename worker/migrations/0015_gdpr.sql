-- A person's data (GDPR Art. 15, 17, 20): erased commenters are marked, and a reader's own
-- erasure asked from the widget waits for the click on a mailed link when an email is known.

-- When the commenter was erased: their name reads as blank and their identity fields are gone;
-- the row stays so that the placeholders of their comments keep an author (see README).
ALTER TABLE commenters ADD COLUMN erased_at INTEGER;
-- The erased few, for the scheduled purge of their bans once those end.
CREATE INDEX commenters_erased ON commenters (erased_at) WHERE erased_at IS NOT NULL;

CREATE TABLE erasure_requests (
  hash         TEXT PRIMARY KEY,                    -- SHA-256 of the mailed link's random token
  site_id      TEXT NOT NULL REFERENCES sites(id),
  commenter_id INTEGER NOT NULL REFERENCES commenters(id),
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  used_at      INTEGER
);
CREATE INDEX erasure_requests_commenter ON erasure_requests (commenter_id);
