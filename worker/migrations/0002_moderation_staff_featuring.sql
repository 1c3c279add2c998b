-- Moderation, staff and featuring: the moderation pipeline's facts, reports, staff accounts with
-- a role per site, sessions, the sign-in throttle and the audit log.

-- Guests prove "this is me" with a random token kept by the widget; only its SHA-256 is stored.
ALTER TABLE commenters ADD COLUMN token_hash TEXT;
CREATE UNIQUE INDEX commenters_token ON commenters (token_hash) WHERE token_hash IS NOT NULL;
-- The author's history, as moderators see it and as the new-commenter rule reads it.
ALTER TABLE commenters ADD COLUMN approved_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE commenters ADD COLUMN rejected_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE commenters ADD COLUMN reported_count INTEGER NOT NULL DEFAULT 0;
-- A ban is a suspension with no end: banned_until holds the end time, or BAN_FOREVER.
ALTER TABLE commenters ADD COLUMN banned_until INTEGER;
ALTER TABLE commenters ADD COLUMN ban_reason TEXT;
-- Set on the commenter that stands for a staff member on a site (staff replies, with a badge).
ALTER TABLE commenters ADD COLUMN staff_id INTEGER REFERENCES staff(id);
CREATE UNIQUE INDEX commenters_staff ON commenters (site_id, staff_id) WHERE staff_id IS NOT NULL;

-- Why the pipeline (or a moderator) decided what it did: JSON [{ "code", "detail"? }].
ALTER TABLE comments ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';
-- Flood and duplicate rules: a salted hash of the poster's IP, a hash of the normalised text.
ALTER TABLE comments ADD COLUMN ip_hash TEXT;
ALTER TABLE comments ADD COLUMN body_hash TEXT;
-- Reports not yet reviewed by a moderator, and all reports ever made.
ALTER TABLE comments ADD COLUMN open_reports INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN report_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN featured_at INTEGER;
ALTER TABLE comments ADD COLUMN featured_note TEXT;
ALTER TABLE comments ADD COLUMN moderated_at INTEGER;
ALTER TABLE comments ADD COLUMN moderated_by INTEGER REFERENCES staff(id);

-- Queues (pending, rejected, recent) walk this index newest first.
CREATE INDEX comments_site_status ON comments (site_id, status, id);
CREATE INDEX comments_reported ON comments (site_id, id) WHERE open_reports > 0;
CREATE INDEX comments_featured ON comments (site_id, featured_at) WHERE featured_at IS NOT NULL;
CREATE INDEX comments_story_featured ON comments (story_id, featured_at) WHERE featured_at IS NOT NULL;
CREATE INDEX comments_ip_recent ON comments (site_id, ip_hash, created_at) WHERE ip_hash IS NOT NULL;
CREATE INDEX comments_author_recent ON comments (author_id, created_at);
-- Counters are recomputed from these after a moderation action (stories and threads).
CREATE INDEX comments_story_status ON comments (story_id, status);

-- Per-story overrides of the site's rules: NULL follows the site.
ALTER TABLE stories ADD COLUMN premoderation INTEGER;           -- 1 = hold every comment, 0 = never
ALTER TABLE stories ADD COLUMN first_comment_at INTEGER;        -- for closing N days after it

CREATE TABLE reports (
  id           INTEGER PRIMARY KEY,
  site_id      TEXT NOT NULL REFERENCES sites(id),
  comment_id   INTEGER NOT NULL REFERENCES comments(id),
  reporter_key TEXT NOT NULL,                       -- "c:<commenter id>" or "ip:<ip hash>"
  reason       TEXT NOT NULL CHECK (reason IN ('spam', 'abuse', 'off-topic', 'other')),
  note         TEXT,
  created_at   INTEGER NOT NULL,
  UNIQUE (comment_id, reporter_key)
);

CREATE TABLE staff (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,                      -- pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

CREATE TABLE staff_roles (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  site_id  TEXT NOT NULL REFERENCES sites(id),
  role     TEXT NOT NULL CHECK (role IN ('admin', 'moderator')),
  PRIMARY KEY (staff_id, site_id)
);
CREATE INDEX staff_roles_site ON staff_roles (site_id);

CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,                      -- SHA-256 of the cookie's random token
  staff_id   INTEGER NOT NULL REFERENCES staff(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- Failed sign-ins per email: slowed, then locked for a while.
CREATE TABLE login_throttle (
  email           TEXT PRIMARY KEY COLLATE NOCASE,
  failures        INTEGER NOT NULL DEFAULT 0,
  last_failure_at INTEGER NOT NULL,
  locked_until    INTEGER
);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id),
  staff_id    INTEGER REFERENCES staff(id),         -- NULL for the system (e.g. the report threshold)
  action      TEXT NOT NULL,                        -- approve, reject, feature, unfeature, ban, unban, reply, settings, hide
  target_type TEXT NOT NULL,                        -- comment, commenter, site
  target_id   TEXT NOT NULL,
  detail      TEXT NOT NULL DEFAULT '{}',           -- JSON: reason code, note, duration, changed keys…
  created_at  INTEGER NOT NULL
);
CREATE INDEX audit_log_site ON audit_log (site_id, id);
