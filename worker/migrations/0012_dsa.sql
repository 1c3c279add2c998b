-- Issue 11: the EU Digital Services Act. A statement of reasons for every decision that removes,
-- holds or restricts a comment (Art. 17), notices of illegal content from anyone (Art. 16),
-- appeals by the author (Art. 20), and what the transparency export counts (Art. 15, 24).

-- One row per decision on a comment. Never updated except to link its appeal's outcome: a reversal
-- is a new row (decision 'restored'), so the history of a comment reads in id order.
CREATE TABLE statements (
  id                  INTEGER PRIMARY KEY,
  site_id             TEXT NOT NULL REFERENCES sites(id),
  comment_id          INTEGER NOT NULL REFERENCES comments(id),
  -- what was decided: removed (rejected), held (pending review), restricted (hidden after reports,
  -- awaiting review), restored (an appeal or a notice decision reversed an earlier one)
  decision            TEXT NOT NULL CHECK (decision IN ('removed', 'held', 'restricted', 'restored')),
  -- who or what decided: a moderator, an automated rule of the pipeline, the report threshold,
  -- the automatic scorer, a notice's decision, an appeal's decision
  source              TEXT NOT NULL CHECK (source IN ('moderator', 'rule', 'reports', 'scoring', 'notice', 'appeal')),
  -- the facts and circumstances, in words the author can read (English or French: the site's locale)
  facts               TEXT NOT NULL,
  automated_detection INTEGER NOT NULL CHECK (automated_detection IN (0, 1)),
  automated_decision  INTEGER NOT NULL CHECK (automated_decision IN (0, 1)),
  -- illegal: ground is a legal ground code of common/dsa/grounds.ts; terms: ground is "charter"
  -- or "clause:N" (N the 1-based clause of the site's charterClauses at decision time)
  ground_kind         TEXT NOT NULL CHECK (ground_kind IN ('illegal', 'terms')),
  ground              TEXT NOT NULL,
  -- the ground as worded when decided (a clause's text may change later; the statement must not)
  ground_label        TEXT NOT NULL,
  explanation         TEXT,                          -- the moderator's optional free text
  staff_id            INTEGER REFERENCES staff(id),  -- NULL when automated
  notice_id           INTEGER REFERENCES notices(id),
  appeal_id           INTEGER REFERENCES appeals(id), -- set on the 'restored'/upheld row an appeal produced
  -- the author may contest until then (6 months); NULL for 'restored' (nothing to contest)
  contest_until       INTEGER,
  created_at          INTEGER NOT NULL
);
CREATE INDEX statements_comment ON statements (comment_id, id);
CREATE INDEX statements_site_time ON statements (site_id, created_at);

-- A notice of illegal content (Art. 16): anyone, no account. The reference is what the notifier
-- is given at once; the email (optional) hears the decision.
CREATE TABLE notices (
  id          INTEGER PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id),
  comment_id  INTEGER NOT NULL REFERENCES comments(id),
  reference   TEXT NOT NULL UNIQUE,                 -- e.g. N-7KQ2-M4XD, random, shown to the notifier
  ground      TEXT NOT NULL,                        -- a legal ground code
  explanation TEXT NOT NULL,
  name        TEXT,
  email       TEXT COLLATE NOCASE,
  ip_hash     TEXT,                                 -- keyed network hash, for the per-network limit
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
  outcome     TEXT CHECK (outcome IN ('removed', 'kept')),
  decided_by  INTEGER REFERENCES staff(id),
  decided_at  INTEGER,
  created_at  INTEGER NOT NULL
);
CREATE INDEX notices_open ON notices (site_id, status, id);
CREATE INDEX notices_network ON notices (site_id, ip_hash, created_at);
CREATE INDEX notices_comment ON notices (comment_id);

-- An appeal (Art. 20): once per decision, by the comment's author, within 6 months of it.
CREATE TABLE appeals (
  id           INTEGER PRIMARY KEY,
  site_id      TEXT NOT NULL REFERENCES sites(id),
  comment_id   INTEGER NOT NULL REFERENCES comments(id),
  statement_id INTEGER NOT NULL UNIQUE REFERENCES statements(id),
  body         TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'reversed')),
  explanation  TEXT,                                -- the deciding moderator's words to the author
  decided_by   INTEGER REFERENCES staff(id),
  decided_at   INTEGER,
  created_at   INTEGER NOT NULL
);
CREATE INDEX appeals_open ON appeals (site_id, status, id);
