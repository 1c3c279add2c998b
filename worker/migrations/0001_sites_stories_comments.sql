-- Sites, stories, commenters and comments: the reader side of Palabre.
-- Times are Unix epoch milliseconds. Every row carries its site_id so every query can be scoped.

CREATE TABLE sites (
  id              TEXT PRIMARY KEY,                 -- slug used in URLs and the embed, e.g. demo-journal
  name            TEXT NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '[]',       -- JSON array of origins allowed to embed and call the API
  settings        TEXT NOT NULL DEFAULT '{}',       -- JSON; missing keys take the defaults in worker/schemas/site-settings.ts
  created_at      INTEGER NOT NULL
);

CREATE TABLE stories (
  id            INTEGER PRIMARY KEY,
  site_id       TEXT NOT NULL REFERENCES sites(id),
  key           TEXT NOT NULL,                      -- the story attribute: canonical URL or a site's own id
  url           TEXT,
  title         TEXT,
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  comment_count INTEGER NOT NULL DEFAULT 0,         -- published comments, replies included
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  UNIQUE (site_id, key)
);

CREATE TABLE commenters (
  id            INTEGER PRIMARY KEY,
  site_id       TEXT NOT NULL REFERENCES sites(id),
  kind          TEXT NOT NULL DEFAULT 'guest' CHECK (kind IN ('guest', 'sso')),
  name          TEXT NOT NULL,
  comment_count INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);
CREATE INDEX commenters_site ON commenters (site_id, id);

CREATE TABLE comments (
  id          INTEGER PRIMARY KEY,                  -- increasing: the id order is the posting order
  site_id     TEXT NOT NULL REFERENCES sites(id),
  story_id    INTEGER NOT NULL REFERENCES stories(id),
  parent_id   INTEGER REFERENCES comments(id),      -- where the reply is shown (depth-capped)
  reply_to_id INTEGER REFERENCES comments(id),      -- the comment actually answered
  root_id     INTEGER REFERENCES comments(id),      -- the thread's top-level comment; NULL when top-level
  depth       INTEGER NOT NULL DEFAULT 0,
  author_id   INTEGER NOT NULL REFERENCES commenters(id),
  body        TEXT NOT NULL,                        -- the author's source text, NFC
  status      TEXT NOT NULL DEFAULT 'published'
              CHECK (status IN ('published', 'pending', 'rejected', 'deleted')),
  reply_count INTEGER NOT NULL DEFAULT 0,           -- published replies in the thread (top-level only)
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- A page of top-level comments is one range scan of this index (either direction).
CREATE INDEX comments_story_top ON comments (story_id, status, id) WHERE root_id IS NULL;
-- A page of a thread's replies is one range scan of this one.
CREATE INDEX comments_thread ON comments (root_id, status, id) WHERE root_id IS NOT NULL;
CREATE INDEX comments_site ON comments (site_id, id);
CREATE INDEX comments_author ON comments (author_id, id);
