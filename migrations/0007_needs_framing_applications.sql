-- From a beneficiary's need to a published opportunity (issue 4). A need is a project row from its
-- first draft on (status draft); what the beneficiary wrote stays in `needs`, the framing sheet
-- in `framing_revisions` (every save is a new, complete revision: nothing is ever overwritten),
-- the conversation in `framing_comments`, every move in `status_changes`.

CREATE TABLE needs (
  project_id    INTEGER PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  problem       TEXT NOT NULL DEFAULT '',   -- the social problem
  beneficiaries TEXT NOT NULL DEFAULT '',   -- who benefits
  existing      TEXT NOT NULL DEFAULT '',   -- what exists today
  data_tools    TEXT NOT NULL DEFAULT '',   -- the data and tools they have
  hopes         TEXT NOT NULL DEFAULT '',   -- what they hope for
  constraints   TEXT NOT NULL DEFAULT '',   -- constraints and deadlines
  contact_name  TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  created_by    INTEGER REFERENCES people (id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- content: the whole sheet as a JSON object (statement, users, scope, out_of_scope, deliverables,
-- skills [{skill, level}], effort, duration, team_min, team_max, teaching_value, risks,
-- positive_impacts, negative_impacts, details {...format-specific}).
CREATE TABLE framing_revisions (
  id         {{pk}},
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  number     INTEGER NOT NULL,
  author_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  content    TEXT NOT NULL,
  UNIQUE (project_id, number)
);

CREATE TABLE framing_comments (
  id         {{pk}},
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  author_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX framing_comments_project ON framing_comments (project_id, id);

CREATE TABLE status_changes (
  id          {{pk}},
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  from_status TEXT NOT NULL,
  to_status   TEXT NOT NULL,
  actor_id    INTEGER REFERENCES people (id) ON DELETE SET NULL,
  reason      TEXT NOT NULL DEFAULT '',
  at          TEXT NOT NULL
);
CREATE INDEX status_changes_project ON status_changes (project_id, id);

-- Format-specific details of opportunities (every format but semester projects).
CREATE TABLE opportunity_details (
  project_id     INTEGER PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  place          TEXT NOT NULL DEFAULT '',
  remote         INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1)),
  hours_per_week INTEGER,
  compensation   INTEGER,                  -- euros a month (internships)
  partner        TEXT NOT NULL DEFAULT '',
  frequency      TEXT NOT NULL DEFAULT '' CHECK (frequency IN ('', 'weekly', 'monthly')),
  sessions       INTEGER,
  seeking        TEXT NOT NULL DEFAULT '' CHECK (seeking IN ('', 'cofounder', 'expert', 'company_expertise')),
  capacity       INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 1),
  deadline       TEXT                      -- YYYY-MM-DD, last day to apply
);

CREATE TABLE applications (
  id            {{pk}},
  project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  message       TEXT NOT NULL,
  shared        TEXT NOT NULL DEFAULT '{}',   -- the parts of the profile the applicant chose to share (JSON)
  status        TEXT NOT NULL CHECK (status IN ('pending', 'call_requested', 'accepted', 'declined', 'withdrawn', 'expired')),
  owner_message TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  reminded_at   TEXT,
  UNIQUE (project_id, person_id)
);
CREATE INDEX applications_person ON applications (person_id);
CREATE INDEX applications_status_created ON applications (status, created_at);

-- Saved searches: the catalogue's query string; the weekly digest sends what is new since last_sent_at.
CREATE TABLE saved_searches (
  id           {{pk}},
  person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  query        TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_sent_at TEXT NOT NULL
);
CREATE INDEX saved_searches_person ON saved_searches (person_id);
