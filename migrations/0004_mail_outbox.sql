-- Outgoing e-mail, queued in the database (an outbox) so that a relay failure never loses a mail:
-- a flow inserts its mail in the same transaction as the action it reports (sign-up, reset,
-- invitation), and a sender delivers what is due, retrying with back-off (see docs/EMAIL.md).
-- Instants are ISO-8601 UTC text (YYYY-MM-DDTHH:MM:SSZ), which sorts and compares as text.
CREATE TABLE mail_outbox (
  id              {{pk}},
  to_address      TEXT NOT NULL,
  lang            TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
  template        TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body_text       TEXT NOT NULL,
  body_html       TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,
  created_at      TEXT NOT NULL DEFAULT ({{now}}),
  sent_at         TEXT,
  last_error      TEXT NOT NULL DEFAULT ''
);
-- The sender's question: which queued mails are due now?
CREATE INDEX mail_outbox_status_next ON mail_outbox (status, next_attempt_at);
