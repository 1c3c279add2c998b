-- Issue 14 point 1: a database per large tenant. Every D1 binding of the Worker (DB, DB_2, …) has
-- this same schema. DB is also the registry: its `sites` table has a row for every site, whose `db`
-- names the binding that holds the site's data; staff accounts, their sessions, roles and
-- invitations live only there. A site's data (stories, comments, reports, the outbox, the audit
-- log…) lives only in its own database, next to that database's copy of the site's row and copies
-- of the staff rows and roles it refers to (foreign keys), never the staff's passwords.
--
-- `db` in a database's copy of a site row says where that database believes the site lives: a
-- copy that names another binding is a forwarding note (the site moved), which makes an isolate
-- with an old idea of the site's home ask the registry again.
ALTER TABLE sites ADD COLUMN db TEXT NOT NULL DEFAULT 'DB' CHECK (db GLOB 'DB' OR db GLOB 'DB_[A-Z0-9]*');

-- Where a move (`npm run move`, worker/services/move) stands for this database's copy of the site:
--   NULL       the site lives here and takes writes;
--   arriving   the site is being copied into this database (by the move only: nothing routes here);
--   copying    the site is being copied to another database: it still takes writes, and each
--              write to its rows is noted in site_move_log, to be copied again at the switch;
--   switching  the final switch: writes to the site's rows are refused (503 site_moving);
--   purging    moved away: its old rows here are being deleted, nothing else is written;
--   away       the site lives in another database (`db`): writes to its rows here are refused.
ALTER TABLE sites ADD COLUMN moving TEXT CHECK (moving IN ('arriving', 'copying', 'switching', 'purging', 'away'));

-- The rows written during a move's copy, by table and primary key (a JSON array of the key's
-- values): the switch copies these again, or deletes them from the target when they are gone.
CREATE TABLE site_move_log (
  site_id TEXT NOT NULL,
  tbl     TEXT NOT NULL,
  pk      TEXT NOT NULL,
  PRIMARY KEY (site_id, tbl, pk)
) WITHOUT ROWID;
