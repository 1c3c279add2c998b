-- Issue 13 point 2: a story's version (stories.version) names what a reader sees of it. The thread's
-- ETag and the Cache API's key for anonymous pages (worker/services/page-cache.ts) hold it, so a
-- change a reader could see must move it on, or a reader is served the page from before.
-- Each write path also bumps it itself (db/stories.ts); these triggers make it a property of the
-- data: a path that forgets, an import, the staff CLI or SQL by hand cannot leave a stale page.
-- A version moved twice by one write is harmless: only equality is ever asked of it.

-- A comment appears, goes, or changes in anything a page shows of it (not the staff-only
-- columns: reports, answers, holds' timestamps, scores).
CREATE TRIGGER comments_version_insert AFTER INSERT ON comments
BEGIN
  UPDATE stories SET version = version + 1 WHERE id = NEW.story_id;
END;

CREATE TRIGGER comments_version_delete AFTER DELETE ON comments
BEGIN
  UPDATE stories SET version = version + 1 WHERE id = OLD.story_id;
END;

CREATE TRIGGER comments_version_update
AFTER UPDATE OF story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status, reply_count,
                featured_at, featured_note, reaction_count, edited_at, deleted_at ON comments
WHEN OLD.story_id IS NOT NEW.story_id OR OLD.parent_id IS NOT NEW.parent_id OR OLD.reply_to_id IS NOT NEW.reply_to_id
  OR OLD.root_id IS NOT NEW.root_id OR OLD.depth IS NOT NEW.depth OR OLD.author_id IS NOT NEW.author_id
  OR OLD.body IS NOT NEW.body OR OLD.status IS NOT NEW.status OR OLD.reply_count IS NOT NEW.reply_count
  OR OLD.featured_at IS NOT NEW.featured_at OR OLD.featured_note IS NOT NEW.featured_note
  OR OLD.reaction_count IS NOT NEW.reaction_count OR OLD.edited_at IS NOT NEW.edited_at
  OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
  UPDATE stories SET version = version + 1 WHERE id IN (OLD.story_id, NEW.story_id);
END;

-- The story itself: its page, status, count or rule changed without its version (not through
-- db/stories.ts, which moves both at once).
CREATE TRIGGER stories_version_update
AFTER UPDATE OF url, title, status, comment_count, premoderation, first_comment_at ON stories
WHEN NEW.version = OLD.version
  AND (OLD.url IS NOT NEW.url OR OLD.title IS NOT NEW.title OR OLD.status IS NOT NEW.status
    OR OLD.comment_count IS NOT NEW.comment_count OR OLD.premoderation IS NOT NEW.premoderation
    OR OLD.first_comment_at IS NOT NEW.first_comment_at)
BEGIN
  UPDATE stories SET version = version + 1 WHERE id = NEW.id;
END;

-- What a page shows of an author (name, picture, staff badge) changed: every story they wrote in
-- (one range of comments_author). Rare: a renamed SSO reader, a staff link, an erasure. An
-- upsert that writes the same values moves nothing.
CREATE TRIGGER commenters_version_update AFTER UPDATE OF name, avatar_url, staff_id ON commenters
WHEN OLD.name IS NOT NEW.name OR OLD.avatar_url IS NOT NEW.avatar_url OR OLD.staff_id IS NOT NEW.staff_id
BEGIN
  UPDATE stories SET version = version + 1
  WHERE id IN (SELECT story_id FROM comments WHERE author_id = NEW.id);
END;
