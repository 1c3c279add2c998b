-- Issue 11 point 5: automatic scoring. Each comment's latest score (a post is scored before the
-- pipeline runs; an edit is scored again and replaces it), written in the batch that writes the
-- comment, and shown to staff in the queues. A table of its own rather than columns on comments:
-- the comments table is read by every thread page, the scores only by the staff.
CREATE TABLE comment_scores (
  -- a comment removed for good (tests, a site's purge) takes its score with it
  comment_id  INTEGER PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
  site_id     TEXT NOT NULL REFERENCES sites(id),
  -- the highest score any provider gave, 0 (nothing found) to 100
  value       INTEGER NOT NULL CHECK (value BETWEEN 0 AND 100),
  -- what the providers found, a JSON array of strings: the built-in scorer's signals
  -- ("banned_word", "suspect_word", "shouting", "repetition", "link_spam"), the services'
  -- categories ("harassment", "hate", "spam"…), and "<provider>:unavailable" for a provider that
  -- could not answer and was set to fail open (the comment was published unscored by it)
  labels      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(labels) AND json_type(labels) = 'array'),
  -- the provider whose score is `value` ('builtin', 'workers-ai', 'openai', 'akismet'); 'none'
  -- when no provider answered
  provider    TEXT NOT NULL,
  scored_at   INTEGER NOT NULL
);
