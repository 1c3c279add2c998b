-- The complete reader experience: sign-in through the site (SSO), edits and deletions by the
-- author, reactions, and a per-story version for cheap "anything new?" questions.

-- SSO readers: the site's own user id (JWT sub), and what the site says of them.
ALTER TABLE commenters ADD COLUMN external_id TEXT;
ALTER TABLE commenters ADD COLUMN email TEXT;
ALTER TABLE commenters ADD COLUMN avatar_url TEXT;
CREATE UNIQUE INDEX commenters_external ON commenters (site_id, external_id) WHERE external_id IS NOT NULL;

-- Edits and deletions. A deleted comment that still has replies keeps its place as a placeholder:
-- its text is erased (body = ''), deleted_at is set, and its status stays as it was so that the
-- thread page's range scan still meets it. One without replies becomes status 'deleted'.
ALTER TABLE comments ADD COLUMN edited_at INTEGER;
ALTER TABLE comments ADD COLUMN deleted_at INTEGER;

-- Reactions: one per reader per comment ("J'apprécie" / "Like").
ALTER TABLE comments ADD COLUMN reaction_count INTEGER NOT NULL DEFAULT 0;
CREATE TABLE reactions (
  comment_id INTEGER NOT NULL REFERENCES comments(id),
  site_id    TEXT NOT NULL REFERENCES sites(id),
  reader_key TEXT NOT NULL,                       -- "c:<commenter id>"
  created_at INTEGER NOT NULL,
  PRIMARY KEY (comment_id, reader_key)
);
CREATE INDEX reactions_reader ON reactions (site_id, reader_key, comment_id);

-- Sort "top": most reactions first, then newest; one range scan per page.
CREATE INDEX comments_story_top_reactions ON comments (story_id, status, reaction_count, id) WHERE root_id IS NULL;

-- Bumped by every change a reader could see on the story (post, edit, delete, reaction,
-- moderation): the thread's ETag, so polling readers get 304 while nothing changed.
ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
