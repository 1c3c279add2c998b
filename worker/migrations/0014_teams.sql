-- Sites and teams (issue 12): the installation's owners, who create sites, and invitations to a
-- site's team, sent by mail, where the invitee sets their password.

-- An owner may create sites (and becomes admin of each one they create); set only by the staff
-- CLI (`npm run staff -- add --owner`), never through the API.
ALTER TABLE staff ADD COLUMN owner INTEGER NOT NULL DEFAULT 0 CHECK (owner IN (0, 1));

CREATE TABLE invitations (
  id          INTEGER PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id),
  email       TEXT NOT NULL COLLATE NOCASE,          -- lowercased; the account it creates or joins
  role        TEXT NOT NULL CHECK (role IN ('admin', 'moderator')),
  token_hash  TEXT NOT NULL UNIQUE,                  -- SHA-256 of the link's random token (the token is only in the mail)
  invited_by  INTEGER REFERENCES staff(id),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  revoked_at  INTEGER,                               -- withdrawn by an admin, or replaced by a newer invitation
  used_at     INTEGER,                               -- accepted: single use
  claim       TEXT,                                  -- the accepting request's random nonce: only its batch writes the account
  used_by     INTEGER REFERENCES staff(id)
);
-- The team screen's pending invitations, and the cap on them.
CREATE INDEX invitations_pending ON invitations (site_id, email) WHERE used_at IS NULL AND revoked_at IS NULL;
