-- Idempotent posts: a POST with an Idempotency-Key stores its comment once. A retry whose first
-- answer was lost (the comment was stored) gets that first result back instead of a second copy.
-- Only hashes are kept: of the key (it also seeds a new guest's token) and of the request.
CREATE TABLE post_keys (
  site_id      TEXT NOT NULL REFERENCES sites(id),
  key_hash     TEXT NOT NULL,
  request_hash TEXT NOT NULL,                       -- story, parent, body and confirm of the first try
  comment_id   INTEGER NOT NULL REFERENCES comments(id),
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (site_id, key_hash)
);
-- Keys are kept a day: forgotten in later posts' batches, oldest first.
CREATE INDEX post_keys_age ON post_keys (site_id, created_at);
