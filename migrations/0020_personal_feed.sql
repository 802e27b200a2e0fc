-- The personal feed on Mon espace (issue 13): for each person who has opened it, when it was
-- last shown to them (entries after that are "new since your last visit"), and the opt-in daily
-- e-mail digest: on or off, the instant up to which entries were mailed, and when the last
-- digest went (at most one a day). A person who never opened the feed has no row: everything
-- is new to them, and no digest goes.
CREATE TABLE feed_readers (
  person_id      INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
  seen_at        TEXT,
  digest         INTEGER NOT NULL DEFAULT 0 CHECK (digest IN (0, 1)),
  digest_from    TEXT,
  digest_sent_at TEXT
);
-- The digest job reads the readers who opted in, in person order.
CREATE INDEX feed_readers_digest ON feed_readers (person_id) WHERE digest = 1;
