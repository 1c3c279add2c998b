-- The community manager's desk: comments awaiting a staff answer, reply templates, a person's
-- notes and pre-moderation, the edit history of comments, and the indexes of figures and audit filters.

-- To answer. 'waiting': a reader's comment asks something (a "?" in its own text) or answers a
-- staff comment; 'answered': a staff member replied to it; 'dismissed': staff said no answer is
-- needed. NULL: nothing to answer. answered_at is the first staff answer (time to first answer).
ALTER TABLE comments ADD COLUMN answer_status TEXT CHECK (answer_status IN ('waiting', 'answered', 'dismissed'));
ALTER TABLE comments ADD COLUMN answered_at INTEGER;
-- The To answer queue, oldest first: only published, not deleted, waiting comments are in it.
CREATE INDEX comments_to_answer ON comments (site_id, id)
  WHERE answer_status = 'waiting' AND status = 'published' AND deleted_at IS NULL;
-- Time to first answer over a period: answered questions by posting time.
CREATE INDEX comments_answered ON comments (site_id, created_at) WHERE answered_at IS NOT NULL;

-- When a comment was first held for review (by the rules at posting or edit, or by readers'
-- reports): the "held" figure and the time to moderation (moderated_at - held_at).
ALTER TABLE comments ADD COLUMN held_at INTEGER;

-- Edit history: every edit keeps the text it replaces. comments.revision counts the edits; a
-- report records the revision its reporter saw, so it always points at that text.
ALTER TABLE comments ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE TABLE comment_revisions (
  id          INTEGER PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id),
  comment_id  INTEGER NOT NULL REFERENCES comments(id),
  revision    INTEGER NOT NULL,                     -- 0: the text as first posted
  body        TEXT NOT NULL,
  written_at  INTEGER NOT NULL,                     -- when this text was posted or edited in
  replaced_at INTEGER NOT NULL,                     -- when the next edit replaced it
  UNIQUE (comment_id, revision)
);
ALTER TABLE reports ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- A person: moderators' notes, and "always pre-moderate this person".
ALTER TABLE commenters ADD COLUMN premoderate INTEGER NOT NULL DEFAULT 0;
CREATE TABLE commenter_notes (
  id           INTEGER PRIMARY KEY,
  site_id      TEXT NOT NULL REFERENCES sites(id),
  commenter_id INTEGER NOT NULL REFERENCES commenters(id),
  staff_id     INTEGER NOT NULL REFERENCES staff(id),
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX commenter_notes_commenter ON commenter_notes (commenter_id, id);

-- Reply templates ("réponses types"), per site, in the order staff arrange them.
CREATE TABLE reply_templates (
  id         INTEGER PRIMARY KEY,
  site_id    TEXT NOT NULL REFERENCES sites(id),
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX reply_templates_site ON reply_templates (site_id, id);

-- Figures: a period of a site's comments and reports is one range scan.
CREATE INDEX comments_site_created ON comments (site_id, created_at);
CREATE INDEX reports_site_created ON reports (site_id, created_at);

-- The audit log filtered by action or by staff member stays a range scan.
CREATE INDEX audit_log_site_action ON audit_log (site_id, action, id);
CREATE INDEX audit_log_site_staff ON audit_log (site_id, staff_id, id);
-- A person's history (the entries about them and about their comments): one lookup per target.
CREATE INDEX audit_log_site_target ON audit_log (site_id, target_type, target_id);
-- A period of the log: where it starts and ends is found by time, then read by id.
CREATE INDEX audit_log_site_created ON audit_log (site_id, created_at);
