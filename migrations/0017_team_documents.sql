-- The team's documents (issue 13): each document has versions; each version is a file encrypted
-- at rest (domain/file_crypto.hpp), kept in the database in chunks so that every app server on
-- one PostgreSQL serves it. A file's key is stored wrapped by the server key (configuration, never
-- here). Chunks are {{bytes}}: BYTEA on PostgreSQL (a SOCI blob there is a large object, which
-- outlives its row unless unlinked by hand), and base64 TEXT on SQLite (SOCI binds strings as
-- text there); see docs/ARCHITECTURE.md, "Documents".

CREATE TABLE documents (
  id          {{pk}},
  team_id     INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('agreement', 'specification', 'deliverable', 'other')),
  title       TEXT NOT NULL,
  created_by  INTEGER REFERENCES people (id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX documents_team ON documents (team_id);

CREATE TABLE document_versions (
  id           {{pk}},
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  number       INTEGER NOT NULL,
  filename     TEXT NOT NULL,
  media_type   TEXT NOT NULL,
  size_bytes   INTEGER NOT NULL,
  chunk_count  INTEGER NOT NULL,
  wrapped_key  TEXT NOT NULL,   -- base64: the file's key wrapped by the server key
  header       TEXT NOT NULL,   -- base64: the secretstream header (not secret)
  uploaded_by  INTEGER REFERENCES people (id) ON DELETE SET NULL,
  uploaded_at  TEXT NOT NULL,
  UNIQUE (document_id, number)
);

-- An upload being sent, chunk by chunk. The stream's state between chunks is here, wrapped by the
-- server key, so that any app server can take the next chunk. Until `finish` moves its chunks to a
-- version in one transaction, nothing of it is a document; an abandoned one is deleted (with its
-- chunks) by a job once its lease has run out, or at once by cancel.
CREATE TABLE document_uploads (
  id            {{pk}},
  team_id       INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  document_id   INTEGER REFERENCES documents (id) ON DELETE CASCADE,  -- a new version of it; NULL: a new document
  kind          TEXT NOT NULL,
  title         TEXT NOT NULL,
  filename      TEXT NOT NULL,
  media_type    TEXT NOT NULL,
  size_bytes    INTEGER NOT NULL,
  chunk_bytes   INTEGER NOT NULL,
  next_index    INTEGER NOT NULL DEFAULT 0,
  wrapped_key   TEXT NOT NULL,
  header        TEXT NOT NULL,
  wrapped_state TEXT NOT NULL,
  created_by    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL
);
CREATE INDEX document_uploads_expiry ON document_uploads (expires_at);

-- Exactly one of upload_id (being sent) and version_id (kept) is set.
CREATE TABLE document_chunks (
  id          {{pk}},
  upload_id   INTEGER REFERENCES document_uploads (id) ON DELETE CASCADE,
  version_id  INTEGER REFERENCES document_versions (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  data        {{bytes}} NOT NULL,
  CHECK ((upload_id IS NULL) <> (version_id IS NULL))
);
CREATE UNIQUE INDEX document_chunks_upload ON document_chunks (upload_id, seq);
CREATE UNIQUE INDEX document_chunks_version ON document_chunks (version_id, seq);

-- Every download: who read which version, when. The beneficiary's contacts and staff read it.
CREATE TABLE document_downloads (
  id          {{pk}},
  version_id  INTEGER NOT NULL REFERENCES document_versions (id) ON DELETE CASCADE,
  person_id   INTEGER REFERENCES people (id) ON DELETE SET NULL,
  at          TEXT NOT NULL
);
CREATE INDEX document_downloads_version ON document_downloads (version_id, at);

-- A known text wrapped by the server key on first start, checked at each start: a wrong key is
-- refused before it can write files nobody could read.
CREATE TABLE file_key_canary (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  canary  TEXT NOT NULL,
  created_at TEXT NOT NULL
);
