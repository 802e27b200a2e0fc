-- Latitudes schema, first version.
-- Portable SQL for SQLite and PostgreSQL. The migrator replaces two tokens:
--   {{pk}}  an auto-generated integer primary key
--   {{now}} the current UTC timestamp expression
-- Dates are ISO-8601 text (YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ for instants):
-- they sort correctly and read the same on both engines.

-- The 17 UN Sustainable Development Goals (reference data, filled by migration 0002).
CREATE TABLE sdgs (
  id      INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 17),
  name_fr TEXT NOT NULL,
  name_en TEXT NOT NULL,
  color   TEXT NOT NULL
);

-- Skills taxonomy: a flat list of skills grouped by category.
CREATE TABLE skills (
  id       {{pk}},
  slug     TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,
  name_fr  TEXT NOT NULL,
  name_en  TEXT NOT NULL
);

CREATE TABLE organisations (
  id          {{pk}},
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('school', 'association', 'social_enterprise',
                                            'company', 'public_institution', 'partner')),
  city        TEXT NOT NULL DEFAULT '',
  country     TEXT NOT NULL DEFAULT 'FR',
  website     TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  is_partner  INTEGER NOT NULL DEFAULT 0 CHECK (is_partner IN (0, 1)),
  verified    INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
  created_at  TEXT NOT NULL DEFAULT ({{now}})
);

-- Everyone who takes part: students, professionals, beneficiaries, teachers, staff.
-- Accounts (credentials, sessions) come in a later migration and refer to this table.
CREATE TABLE people (
  id           {{pk}},
  email        TEXT UNIQUE,
  display_name TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('student', 'professional', 'beneficiary',
                                             'coordinator', 'company', 'researcher', 'staff')),
  school_id    INTEGER REFERENCES organisations (id),
  created_at   TEXT NOT NULL DEFAULT ({{now}})
);

CREATE TABLE semesters (
  id        {{pk}},
  code      TEXT NOT NULL UNIQUE,   -- e.g. 2025-S1
  label_fr  TEXT NOT NULL,
  label_en  TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on   TEXT NOT NULL,
  CHECK (starts_on <= ends_on)
);

CREATE TABLE projects (
  id             {{pk}},
  slug           TEXT NOT NULL UNIQUE,
  title          TEXT NOT NULL,
  summary        TEXT NOT NULL,
  problem        TEXT NOT NULL DEFAULT '',
  description    TEXT NOT NULL DEFAULT '',
  beneficiary_id INTEGER NOT NULL REFERENCES organisations (id),
  level          TEXT NOT NULL CHECK (level IN ('collaborator', 'entrepreneur', 'researcher')),
  format         TEXT NOT NULL CHECK (format IN ('student_project', 'internship', 'shared_job',
                                                 'friday_volunteering', 'mentoring',
                                                 'venture_support', 'research_topic')),
  status         TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'framing', 'ready',
                                                 'published', 'in_progress', 'delivered',
                                                 'evaluated', 'declined', 'cancelled')),
  team_min       INTEGER NOT NULL DEFAULT 1 CHECK (team_min >= 1),
  team_max       INTEGER NOT NULL DEFAULT 1,
  starts_on      TEXT,
  ends_on        TEXT,
  semester_id    INTEGER REFERENCES semesters (id),
  featured       INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
  -- Accent-folded, singularised words of the title, summary, problem and beneficiary,
  -- each preceded by a space, so that "LIKE '% word%'" finds a word by its start.
  search_text    TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL DEFAULT ({{now}}),
  published_at   TEXT,
  CHECK (team_max >= team_min),
  CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
);
CREATE INDEX projects_status_id ON projects (status, id);
CREATE INDEX projects_beneficiary ON projects (beneficiary_id);
CREATE INDEX projects_semester ON projects (semester_id);

CREATE TABLE project_sdgs (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  sdg_id     INTEGER NOT NULL REFERENCES sdgs (id),
  PRIMARY KEY (project_id, sdg_id)
);
CREATE INDEX project_sdgs_sdg ON project_sdgs (sdg_id, project_id);

CREATE TABLE project_skills (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  skill_id   INTEGER NOT NULL REFERENCES skills (id),
  level      INTEGER NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 3),
  PRIMARY KEY (project_id, skill_id)
);
CREATE INDEX project_skills_skill ON project_skills (skill_id, project_id);

-- A team of students from one school working on one project during one semester.
CREATE TABLE teams (
  id          {{pk}},
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  school_id   INTEGER NOT NULL REFERENCES organisations (id),
  semester_id INTEGER NOT NULL REFERENCES semesters (id),
  UNIQUE (project_id, school_id, semester_id)
);
CREATE INDEX teams_semester ON teams (semester_id);

CREATE TABLE team_members (
  team_id   INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  PRIMARY KEY (team_id, person_id)
);
CREATE INDEX team_members_person ON team_members (person_id);
