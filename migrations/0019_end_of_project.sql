-- The end of a project (issue 13): a team marks its deliverable delivered, then the beneficiary
-- evaluates it, each student gives feedback (with TEAMMATES-style contribution points, read by
-- the teacher only), the team rates the beneficiary's availability, and the teacher records an
-- assessment. One row per team for each, edited in place when answered again. The project moves
-- to delivered when all its teams are, and to evaluated when every team's awaited answers are in.

-- A team's delivery, and what followed: evaluated_at once the awaited answers are in; the two
-- reminder marks are set by the job in the same transaction as its mails (sent once each).
CREATE TABLE team_deliveries (
  team_id         INTEGER PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
  delivered_by    INTEGER REFERENCES people (id) ON DELETE SET NULL,
  link            TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  delivered_at    TEXT NOT NULL,
  evaluated_at    TEXT,
  reminded_7d_at  TEXT,
  reminded_14d_at TEXT
);
CREATE INDEX team_deliveries_awaiting ON team_deliveries (evaluated_at, delivered_at);

-- The beneficiary's evaluation: scales of 1 to 5, three-way answers, consents (0/1) to quote
-- the comment and to feature the project in the public showcase.
CREATE TABLE beneficiary_evaluations (
  team_id          INTEGER PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
  author_id        INTEGER REFERENCES people (id) ON DELETE SET NULL,
  usefulness       INTEGER NOT NULL CHECK (usefulness BETWEEN 1 AND 5),
  quality          INTEGER NOT NULL CHECK (quality BETWEEN 1 AND 5),
  will_use         TEXT NOT NULL CHECK (will_use IN ('yes', 'maybe', 'no')),
  take_part_again  TEXT NOT NULL CHECK (take_part_again IN ('yes', 'maybe', 'no')),
  comment          TEXT NOT NULL DEFAULT '',
  consent_quote    INTEGER NOT NULL DEFAULT 0 CHECK (consent_quote IN (0, 1)),
  consent_showcase INTEGER NOT NULL DEFAULT 0 CHECK (consent_showcase IN (0, 1)),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);

-- Each student's feedback on the project and on the programme.
CREATE TABLE student_feedback (
  team_id           INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  student_id        INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  project_rating    INTEGER NOT NULL CHECK (project_rating BETWEEN 1 AND 5),
  project_comment   TEXT NOT NULL DEFAULT '',
  programme_rating  INTEGER NOT NULL CHECK (programme_rating BETWEEN 1 AND 5),
  programme_comment TEXT NOT NULL DEFAULT '',
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  PRIMARY KEY (team_id, student_id)
);

-- The points each student gave each teammate (themselves included): 100 per member of the team
-- in all, shared out. Read by the team's teachers only (domain TeamAction::read_contribution_points).
CREATE TABLE contribution_points (
  team_id     INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  giver_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  receiver_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  points      INTEGER NOT NULL CHECK (points >= 0),
  PRIMARY KEY (team_id, giver_id, receiver_id)
);

-- The team's review of the beneficiary: its availability (1 to 5) and a comment.
CREATE TABLE beneficiary_reviews (
  team_id      INTEGER PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
  author_id    INTEGER REFERENCES people (id) ON DELETE SET NULL,
  availability INTEGER NOT NULL CHECK (availability BETWEEN 1 AND 5),
  comment      TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

-- The teacher's assessment of the team: passed or failed, with a comment.
CREATE TABLE team_assessments (
  team_id    INTEGER PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
  author_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
  outcome    TEXT NOT NULL CHECK (outcome IN ('pass', 'fail')),
  comment    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
