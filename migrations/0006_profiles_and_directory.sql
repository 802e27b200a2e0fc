-- Profiles (issue 3): what a student or a tech professional brings (skills with a level, causes
-- they care about, availability) and where they study or work. One row per person, created on
-- first save; people.school_id (migration 0001) names the school organisation of a student.

CREATE TABLE profiles (
  person_id      INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
  study_year     INTEGER CHECK (study_year IS NULL OR study_year BETWEEN 1 AND 8),
  employer       TEXT NOT NULL DEFAULT '',
  availability   TEXT NOT NULL DEFAULT '',     -- free text: "2 jours par semaine dès février"
  hours_per_week INTEGER CHECK (hours_per_week IS NULL OR hours_per_week BETWEEN 1 AND 60),
  bio            TEXT NOT NULL DEFAULT '',
  updated_at     TEXT NOT NULL
);

CREATE TABLE person_skills (
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  skill_id  INTEGER NOT NULL REFERENCES skills (id),
  level     INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
  PRIMARY KEY (person_id, skill_id)
);

CREATE TABLE person_sdgs (
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  sdg_id    INTEGER NOT NULL REFERENCES sdgs (id),
  PRIMARY KEY (person_id, sdg_id)
);

-- Staff search people by name or e-mail and list organisations; the audit log is read newest first.
CREATE INDEX people_display_name ON people (display_name);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX one_time_tokens_organisation ON one_time_tokens (organisation_id, purpose);
