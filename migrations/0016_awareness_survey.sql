-- The awareness survey (issue 13): at the start and at the end of each semester every student of a
-- cohort answers a short survey that staff design (/admin/surveys). Answers are anonymous as
-- LimeSurvey means it: an answer carries its survey, wave and cohort, never the person; a separate
-- participation record says only who answered which wave (for reminders). Both are written in one
-- transaction, and neither holds a time: the wave's window is all that dates an answer.

-- A survey, in both languages. Its questions are frozen once it has a wave (the service refuses
-- to change them): a new version is a copy (copied_from), so past results keep their questions.
-- The active survey is the one the semesters' waves take.
CREATE TABLE surveys (
  id          {{pk}},
  title_fr    TEXT NOT NULL,
  title_en    TEXT NOT NULL,
  copied_from INTEGER REFERENCES surveys (id) ON DELETE SET NULL,
  active      INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_by  INTEGER REFERENCES people (id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL
);

-- kind: scale (1..scale_max, both ends labelled in both languages), yes_no, sdgs (which of the
-- 17 SDGs matter: several choices), text (free text).
CREATE TABLE survey_questions (
  id        {{pk}},
  survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('scale', 'yes_no', 'sdgs', 'text')),
  label_fr  TEXT NOT NULL,
  label_en  TEXT NOT NULL,
  required  INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
  scale_max INTEGER NOT NULL DEFAULT 5 CHECK (scale_max BETWEEN 2 AND 10),
  low_fr    TEXT NOT NULL DEFAULT '',
  low_en    TEXT NOT NULL DEFAULT '',
  high_fr   TEXT NOT NULL DEFAULT '',
  high_en   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX survey_questions_survey ON survey_questions (survey_id, position);

-- A wave: the start or the end of a cohort's semester, open from opens_on to closes_on (dates,
-- inclusive). The jobs make them from the semester's dates, or staff open one; the jobs mark the
-- invitation and the reminder in the transaction of their mails.
CREATE TABLE survey_waves (
  id          {{pk}},
  survey_id   INTEGER NOT NULL REFERENCES surveys (id),
  cohort_id   INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  moment      TEXT NOT NULL CHECK (moment IN ('start', 'end')),
  opens_on    TEXT NOT NULL,
  closes_on   TEXT NOT NULL,
  invited_at  TEXT,
  reminded_at TEXT,
  created_at  TEXT NOT NULL,
  CHECK (opens_on <= closes_on),
  UNIQUE (cohort_id, moment)
);

-- Who has answered which wave: nothing else (no time, no answer, no id of its own). Keyed by
-- (wave, person) without a rowid on SQLite, so not even the storage order tells who came when.
CREATE TABLE survey_participations (
  wave_id   INTEGER NOT NULL REFERENCES survey_waves (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  PRIMARY KEY (wave_id, person_id)
){{without_rowid}};

-- One submitted answer sheet: its id is random (no sequence to line up with participations), it
-- has no time and no person, and it is stored in the order of that random id (no rowid).
CREATE TABLE survey_answers (
  id        TEXT PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES surveys (id),
  wave_id   INTEGER NOT NULL REFERENCES survey_waves (id) ON DELETE CASCADE,
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE
){{without_rowid}};
CREATE INDEX survey_answers_wave ON survey_answers (wave_id);

-- Its values: a scale's point, 1/0 for yes/no, one row per chosen SDG (number = its id), or a text
-- (number 0).
CREATE TABLE survey_answer_values (
  answer_id   TEXT NOT NULL REFERENCES survey_answers (id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES survey_questions (id),
  number      INTEGER NOT NULL,
  text        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (answer_id, question_id, number)
){{without_rowid}};
CREATE INDEX survey_answer_values_question ON survey_answer_values (question_id, number);
