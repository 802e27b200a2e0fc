-- Schools, cohorts and semester campaigns: a school (an organisation of kind school) is a partner
-- for some semesters; its coordinators (its members) make cohorts of students and campaigns in
-- which the students rank the projects offered; allocation runs are stored with their input, seed
-- and statistics; publishing one forms the teams (teams, team_members).

-- Which schools are partners for which semesters (recorded by staff).
CREATE TABLE school_semesters (
  school_id   INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  semester_id INTEGER NOT NULL REFERENCES semesters (id),
  PRIMARY KEY (school_id, semester_id)
);

CREATE TABLE cohorts (
  id          {{pk}},
  school_id   INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  semester_id INTEGER NOT NULL REFERENCES semesters (id),
  course      TEXT NOT NULL,
  teachers    TEXT NOT NULL DEFAULT '',   -- as the coordinator writes them
  created_by  INTEGER REFERENCES people (id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX cohorts_school ON cohorts (school_id, semester_id);

-- A student of a cohort, by e-mail: person_id is set when the address has an account (at once, or
-- when they sign up through the invitation). Removing a student sets removed_at: history stays.
CREATE TABLE cohort_students (
  id             {{pk}},
  cohort_id      INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  email          TEXT NOT NULL,
  first_name     TEXT NOT NULL DEFAULT '',
  last_name      TEXT NOT NULL DEFAULT '',
  student_number TEXT NOT NULL DEFAULT '',
  group_name     TEXT NOT NULL DEFAULT '',
  person_id      INTEGER REFERENCES people (id) ON DELETE SET NULL,
  added_at       TEXT NOT NULL,
  removed_at     TEXT,
  UNIQUE (cohort_id, email)
);
CREATE INDEX cohort_students_person ON cohort_students (person_id);
CREATE INDEX cohort_students_email ON cohort_students (email);

CREATE TABLE campaigns (
  id                {{pk}},
  school_id         INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  semester_id       INTEGER NOT NULL REFERENCES semesters (id),
  title             TEXT NOT NULL,
  opens_at          TEXT NOT NULL,   -- ISO instants, UTC
  closes_at         TEXT NOT NULL,
  choices           INTEGER NOT NULL,   -- how many projects each student ranks at most
  min_choices       INTEGER NOT NULL,   -- and at least
  created_by        INTEGER REFERENCES people (id) ON DELETE SET NULL,
  created_at        TEXT NOT NULL,
  published_run_id  INTEGER,
  published_at      TEXT,
  opened_mail_at    TEXT,   -- the "it is open" mails went out
  reminded_3d_at    TEXT,   -- the reminders 3 days and 1 day before it closes went out
  reminded_1d_at    TEXT,
  CHECK (opens_at < closes_at),
  CHECK (min_choices >= 1 AND min_choices <= choices)
);
CREATE INDEX campaigns_school ON campaigns (school_id, semester_id);

CREATE TABLE campaign_cohorts (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  cohort_id   INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  PRIMARY KEY (campaign_id, cohort_id)
);
CREATE INDEX campaign_cohorts_cohort ON campaign_cohorts (cohort_id);

-- The projects offered, with the team size for this campaign and an optional supervisor (a mentor
-- or teacher) who follows at most supervisor_limit students across their projects.
CREATE TABLE campaign_projects (
  campaign_id      INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  project_id       INTEGER NOT NULL REFERENCES projects (id),
  team_min         INTEGER NOT NULL,
  team_max         INTEGER NOT NULL,
  supervisor_id    INTEGER REFERENCES people (id) ON DELETE SET NULL,
  supervisor_limit INTEGER,
  PRIMARY KEY (campaign_id, project_id),
  CHECK (team_min >= 1 AND team_max >= team_min),
  CHECK (supervisor_limit IS NULL OR supervisor_limit >= 1)
);

-- A student fixed to a project before any run, with the reason (audited).
CREATE TABLE campaign_pre_allocations (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  project_id  INTEGER NOT NULL REFERENCES projects (id),
  reason      TEXT NOT NULL,
  created_by  INTEGER REFERENCES people (id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (campaign_id, person_id)
);

-- A student's ordered choices (position 1 is the first choice), replaced whole at every save.
CREATE TABLE rankings (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 1),
  project_id  INTEGER NOT NULL REFERENCES projects (id),
  saved_at    TEXT NOT NULL,
  PRIMARY KEY (campaign_id, person_id, position),
  UNIQUE (campaign_id, person_id, project_id)
);

-- One run of the engine: its input (the engine's campaign JSON), seed, result and statistics, so
-- that any run can be reproduced and compared.
CREATE TABLE allocation_runs (
  id               {{pk}},
  campaign_id      INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  algorithm        TEXT NOT NULL CHECK (algorithm IN ('stable', 'welfare')),
  respect_min_size INTEGER NOT NULL CHECK (respect_min_size IN (0, 1)),
  seed             TEXT NOT NULL,   -- a 64-bit unsigned number, as text (PostgreSQL has no such integer)
  input            TEXT NOT NULL,
  result           TEXT NOT NULL,
  stats            TEXT NOT NULL,
  created_by       INTEGER REFERENCES people (id) ON DELETE SET NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX allocation_runs_campaign ON allocation_runs (campaign_id, id);

-- Who gets what in a run: the engine's answer, then the coordinator's moves (moved = 1).
CREATE TABLE allocation_assignments (
  run_id     INTEGER NOT NULL REFERENCES allocation_runs (id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  project_id INTEGER REFERENCES projects (id),   -- NULL: unassigned
  rank       INTEGER NOT NULL DEFAULT 0,         -- 0: not one of their choices (or unassigned)
  moved      INTEGER NOT NULL DEFAULT 0 CHECK (moved IN (0, 1)),
  PRIMARY KEY (run_id, person_id)
);
CREATE INDEX allocation_assignments_project ON allocation_assignments (run_id, project_id);

-- Every manual move, with the blocking pairs before and after (the stable algorithm has none).
CREATE TABLE allocation_moves (
  id              {{pk}},
  run_id          INTEGER NOT NULL REFERENCES allocation_runs (id) ON DELETE CASCADE,
  person_id       INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  from_project_id INTEGER REFERENCES projects (id),
  to_project_id   INTEGER REFERENCES projects (id),
  blocking_before INTEGER NOT NULL,
  blocking_after  INTEGER NOT NULL,
  actor_id        INTEGER REFERENCES people (id) ON DELETE SET NULL,
  at              TEXT NOT NULL
);

-- The team a published run formed, with the campaign it came from.
ALTER TABLE teams ADD COLUMN campaign_id INTEGER REFERENCES campaigns (id);
