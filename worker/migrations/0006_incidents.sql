-- Alerts: the incidents opened by the alert rules (worker/services/alerts), and which staff
-- members want the alert mails of a site.

-- An incident: one rule firing on a site (buzz: on one story) from its opening to its resolution.
-- `scope` is the story of a buzz and 0 for the site-wide rules: NULLs are distinct in a UNIQUE
-- index, so story_id alone could not stop a second open incident of a site-wide rule.
CREATE TABLE incidents (
  id                INTEGER PRIMARY KEY,
  site_id           TEXT NOT NULL REFERENCES sites(id),
  rule              TEXT NOT NULL CHECK (rule IN ('buzz', 'reports', 'pending', 'to_answer')),
  story_id          INTEGER REFERENCES stories(id),   -- the story of a buzz; NULL for site-wide rules
  scope             INTEGER NOT NULL,                 -- story_id, or 0
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  figures           TEXT NOT NULL DEFAULT '{}',       -- JSON IncidentFigures, as last measured (peak: the highest)
  opened_at         INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  resolved_at       INTEGER,
  acknowledged_at   INTEGER,
  acknowledged_by   INTEGER REFERENCES staff(id),
  -- When the opening's (and the resolution's) notices were handed to delivery. NULL: still to send,
  -- so that a tick that failed to enqueue them leaves them to the next one. A tick claims a notice
  -- by setting the time before sending, so concurrent ticks send it once.
  open_notice_at    INTEGER,
  resolve_notice_at INTEGER
);
-- At most one open incident per rule and scope: concurrent ticks upsert into the same row.
CREATE UNIQUE INDEX incidents_open ON incidents (site_id, rule, scope) WHERE status = 'open';
-- The list (open first, newest first) is one range scan.
CREATE INDEX incidents_site_list ON incidents (site_id, status, id DESC);
-- The home's and header's count: open incidents nobody has acknowledged yet.
CREATE INDEX incidents_unacknowledged ON incidents (site_id) WHERE status = 'open' AND acknowledged_at IS NULL;
-- Notices still to send (two indexes: SQLite cannot match one partial index with an OR to both claims).
CREATE INDEX incidents_open_notices ON incidents (site_id) WHERE open_notice_at IS NULL;
CREATE INDEX incidents_resolve_notices ON incidents (site_id) WHERE status = 'resolved' AND resolve_notice_at IS NULL;

-- The rules' reads, each a range scan of only the rows it counts:
-- a story's comments over the last 7 days (buzz: its usual rate);
CREATE INDEX comments_story_created ON comments (story_id, created_at);
-- comments held for review, by when they were held;
CREATE INDEX comments_pending_held ON comments (site_id, coalesce(held_at, created_at)) WHERE status = 'pending';
-- questions waiting for an answer, by when they were asked.
CREATE INDEX comments_to_answer_age ON comments (site_id, created_at)
  WHERE answer_status = 'waiting' AND status = 'published' AND deleted_at IS NULL;

-- Staff members who asked for a site's alert mails (sent to their sign-in email).
CREATE TABLE alert_mail (
  staff_id   INTEGER NOT NULL REFERENCES staff(id),
  site_id    TEXT NOT NULL REFERENCES sites(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (staff_id, site_id)
);
CREATE INDEX alert_mail_site ON alert_mail (site_id);
