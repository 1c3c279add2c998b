-- The outbox: every mail and webhook Palabre sends, written before it is enqueued on DELIVERIES,
-- so nothing is silently dropped (a lost queue message is re-sent by the scheduled sweep) and
-- staff can read each delivery, sent or failed, with its last error. In local development, with
-- no mail configured, the outbox is the mailbox.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  site_id         TEXT NOT NULL REFERENCES sites(id),
  kind            TEXT NOT NULL CHECK (kind IN ('mail', 'webhook')),
  topic           TEXT NOT NULL,                        -- alert, confirm, reply, staff-reply, featured…
  recipient       TEXT NOT NULL,                        -- the mail's address or the webhook's URL
  subject         TEXT NOT NULL DEFAULT '',             -- a webhook's `text`
  body            TEXT NOT NULL,                        -- the mail's text, or the webhook's JSON body
  html            TEXT,
  headers         TEXT NOT NULL DEFAULT '{}',           -- extra mail headers (List-Unsubscribe…), JSON
  status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'retrying', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  -- how it was delivered: email (the send_email binding), api (the HTTP provider), outbox (no mail
  -- configured: the row is the mail), http (a webhook)
  via             TEXT,
  next_attempt_at INTEGER,                              -- when the next try is due (queued, retrying)
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
);
-- The dashboard's list, newest first, per site.
CREATE INDEX outbox_site ON outbox (site_id, id);
-- The header's count of failed deliveries.
CREATE INDEX outbox_failed ON outbox (site_id) WHERE status = 'failed';
-- The scheduled sweep: rows still waiting whose try is overdue.
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('queued', 'retrying');
