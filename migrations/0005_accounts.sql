-- Accounts, sessions, single-use links, memberships, API tokens, audit log and login throttling.
-- A person (people) may have one account to log in with; people.email is the login e-mail,
-- people.kind its platform role. Secrets are never stored: sessions, links and API tokens are
-- kept as SHA-256 digests of the random values handed to the browser or the user.
-- Instants are ISO-8601 UTC text written by the application (YYYY-MM-DDTHH:MM:SSZ), so that
-- they compare as text the same way on both engines.

CREATE TABLE accounts (
  person_id          INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
  password_hash      TEXT NOT NULL,
  email_confirmed_at TEXT,
  active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at         TEXT NOT NULL,
  last_login_at      TEXT
);

CREATE TABLE sessions (
  id_digest    TEXT PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  revoked_at   TEXT
);
CREATE INDEX sessions_person ON sessions (person_id);

-- Single-use links: e-mail confirmation, password reset, invitation, change of e-mail.
CREATE TABLE one_time_tokens (
  digest          TEXT PRIMARY KEY,
  purpose         TEXT NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password', 'invitation', 'change_email')),
  person_id       INTEGER REFERENCES people (id) ON DELETE CASCADE,
  organisation_id INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
  email           TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  used_at         TEXT
);
CREATE INDEX one_time_tokens_person ON one_time_tokens (person_id, purpose);

CREATE TABLE memberships (
  person_id       INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  role            TEXT NOT NULL CHECK (role IN ('member', 'admin')),
  created_at      TEXT NOT NULL,
  PRIMARY KEY (person_id, organisation_id)
);
CREATE INDEX memberships_organisation ON memberships (organisation_id);

CREATE TABLE api_tokens (
  id           {{pk}},
  person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  digest       TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

-- Staff actions, readable by staff. actor_id is kept NULL-able so that erasing a person keeps
-- the record without the name.
CREATE TABLE audit_log (
  id          {{pk}},
  at          TEXT NOT NULL,
  actor_id    INTEGER REFERENCES people (id) ON DELETE SET NULL,
  action      TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target_id   INTEGER,
  details     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);

-- Failed log-in and reset attempts, per account and per address, for throttling.
CREATE TABLE auth_attempts (
  attempt_key TEXT NOT NULL,   -- "email:<normalised e-mail>" or "ip:<address>"
  at          TEXT NOT NULL
);
CREATE INDEX auth_attempts_key_at ON auth_attempts (attempt_key, at);
