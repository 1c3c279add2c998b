-- Readers hear back: a reader asks to be told by mail of answers to one of their comments. The
-- address is confirmed once per reader and site (double opt-in), then each subscribed comment's
-- replies, staff replies and featuring are recorded as pending notifications that the scheduled
-- tick groups into mails (at most one per thread per hour per address).

-- An address a reader gave (a guest typed it, or the site's SSO token carried it), per site.
CREATE TABLE notify_addresses (
  id              INTEGER PRIMARY KEY,
  site_id         TEXT NOT NULL REFERENCES sites(id),
  commenter_id    INTEGER NOT NULL REFERENCES commenters(id),
  email           TEXT NOT NULL COLLATE NOCASE,
  -- pending until the confirmation link is followed; stopped by an unsubscribe (a new
  -- subscription asks for confirmation again)
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'stopped')),
  locale          TEXT NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  -- each kind of notification can be turned off from the unsubscribe page
  on_reply        INTEGER NOT NULL DEFAULT 1,
  on_staff_reply  INTEGER NOT NULL DEFAULT 1,
  on_featured     INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  confirmed_at    INTEGER,
  UNIQUE (site_id, commenter_id, email)
);
-- The confirmation-mail flood limit counts an address's confirmations across sites.
CREATE INDEX notify_addresses_email ON notify_addresses (email);

-- A comment whose answers are to be mailed to an address of its author.
CREATE TABLE reply_subscriptions (
  id          INTEGER PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id),
  comment_id  INTEGER NOT NULL REFERENCES comments(id),
  address_id  INTEGER NOT NULL REFERENCES notify_addresses(id),
  created_at  INTEGER NOT NULL,
  UNIQUE (comment_id, address_id)
);
-- An address's subscriptions (and the foreign-key check when an address is updated).
CREATE INDEX reply_subscriptions_address ON reply_subscriptions (address_id);

-- The links of the mails: only the SHA-256 of each random token is stored. A confirmation token
-- lives 48 h and is used once; an unsubscribe token (one per mail) is used once too.
CREATE TABLE notify_tokens (
  hash        TEXT PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id),
  address_id  INTEGER NOT NULL REFERENCES notify_addresses(id),
  kind        TEXT NOT NULL CHECK (kind IN ('confirm', 'unsubscribe')),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);
CREATE INDEX notify_tokens_address ON notify_tokens (address_id, kind, created_at);

-- Something to tell an address about one of its subscribed comments, until it is mailed.
CREATE TABLE reply_notifications (
  id          INTEGER PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id),
  address_id  INTEGER NOT NULL REFERENCES notify_addresses(id),
  comment_id  INTEGER NOT NULL REFERENCES comments(id),   -- the subscribed comment
  thread_id   INTEGER NOT NULL,                           -- its thread's top-level comment: mails are grouped by it
  kind        TEXT NOT NULL CHECK (kind IN ('reply', 'staff-reply', 'featured')),
  event_id    INTEGER NOT NULL REFERENCES comments(id),   -- the reply, or the featured comment itself
  created_at  INTEGER NOT NULL,
  mailed_at   INTEGER,
  -- an approval or a featuring done twice is told once
  UNIQUE (address_id, kind, event_id)
);
CREATE INDEX reply_notifications_due ON reply_notifications (address_id, thread_id) WHERE mailed_at IS NULL;
CREATE INDEX reply_notifications_mailed ON reply_notifications (address_id, thread_id, mailed_at) WHERE mailed_at IS NOT NULL;
