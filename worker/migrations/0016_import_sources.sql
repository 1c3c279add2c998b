-- Issue 12 point 2: imports from Disqus, WordPress and Palabre's own export. Each row written by
-- an import records where it came from, so that running the same import again writes nothing new
-- and an interrupted one completes (worker/import/sql.ts: every insert checks this table first).
-- Author source ids are hashes (worker/import/records.ts authorKey), never a name or an email in
-- clear; erasing a commenter (GDPR) deletes their rows here too.
CREATE TABLE import_sources (
  site_id     TEXT NOT NULL REFERENCES sites(id),
  source      TEXT NOT NULL CHECK (source IN ('disqus', 'wordpress', 'palabre')),
  kind        TEXT NOT NULL CHECK (kind IN ('story', 'commenter', 'comment')),
  source_id   TEXT NOT NULL,                       -- the id in the source file (a hash for authors)
  palabre_id  INTEGER NOT NULL,                    -- stories.id, commenters.id or comments.id
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, source, kind, source_id)
) WITHOUT ROWID;
-- From a Palabre row back to its source rows (erasure, deleting a story).
CREATE INDEX import_sources_row ON import_sources (kind, palabre_id);
