-- A team's follow-up (issue 13): the milestone template staff maintain (/admin/milestone-templates),
-- the milestones each team gets from it when it is formed, the weekly updates its students post
-- with the comments under them, and the marks of the jobs that mail about them. The C++ data step
-- of this migration (store/milestones.cpp) gives the teams formed before their milestones.

-- One step of the template, in order. `anchor` says from when it is dated (the team's formation,
-- or the semester's end, `offset_weeks` before when negative); a weekly step repeats every week
-- until the semester's end.
CREATE TABLE milestone_templates (
  id             {{pk}},
  position       INTEGER NOT NULL,
  title_fr       TEXT NOT NULL,
  title_en       TEXT NOT NULL,
  description_fr TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  anchor         TEXT NOT NULL CHECK (anchor IN ('formed', 'semester_end')),
  offset_weeks   INTEGER NOT NULL,
  owner_role     TEXT NOT NULL CHECK (owner_role IN ('team', 'supervisor', 'beneficiary')),
  weekly         INTEGER NOT NULL DEFAULT 0 CHECK (weekly IN (0, 1))
);
INSERT INTO milestone_templates (position, title_fr, title_en, description_fr, description_en, anchor, offset_weeks, owner_role, weekly) VALUES
  (1, 'Lancement : comprendre le problème du bénéficiaire', 'Kick-off: understanding the beneficiary''s problem',
   'Rencontre avec le bénéficiaire : son problème, ses usagers, ce qui existe déjà, ce qui serait un succès.',
   'Meeting with the beneficiary: their problem, their users, what exists already, what success would be.',
   'formed', 1, 'beneficiary', 0),
  (2, 'Séance hebdomadaire', 'Weekly session',
   'Point d''équipe de la semaine avec l''encadrant·e : avancement, prochaines étapes, blocages.',
   'The team''s weekly check-in with the supervisor: progress, next steps, blockers.',
   'formed', 2, 'team', 1),
  (3, 'Revue de mi-parcours', 'Mid-term review',
   'Démonstration de l''avancement au bénéficiaire et à l''encadrant·e ; ajustement du périmètre.',
   'Progress shown to the beneficiary and the supervisor; the scope adjusted.',
   'semester_end', -8, 'supervisor', 0),
  (4, 'Livraison', 'Delivery',
   'Le livrable, sa documentation et sa passation au bénéficiaire.',
   'The deliverable, its documentation and its handover to the beneficiary.',
   'semester_end', -1, 'team', 0),
  (5, 'Atelier de réflexion sur les impacts', 'Reflection workshop on impacts',
   'Les impacts positifs et négatifs du projet : pour le bénéficiaire, ses usagers, l''environnement.',
   'The project''s positive and negative impacts: for the beneficiary, its users, the environment.',
   'semester_end', 0, 'supervisor', 0);

-- A team's milestones: copied from the template when the team is formed (a later change of the
-- template leaves them be), then dated, assigned and added to by the team's planners.
CREATE TABLE milestones (
  id             {{pk}},
  team_id        INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  step_id        INTEGER REFERENCES milestone_templates (id) ON DELETE SET NULL,
  occurrence     INTEGER NOT NULL DEFAULT 0,
  title_fr       TEXT NOT NULL,
  title_en       TEXT NOT NULL,
  description_fr TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  due_on         TEXT NOT NULL,
  owner_id       INTEGER REFERENCES people (id) ON DELETE SET NULL,
  state          TEXT NOT NULL DEFAULT 'todo' CHECK (state IN ('todo', 'in_progress', 'done')),
  done_at        TEXT,
  -- When its owner was told it is overdue: once per milestone (set with the mail).
  reminded_at    TEXT,
  created_at     TEXT NOT NULL
);
CREATE INDEX milestones_team ON milestones (team_id, due_on);
CREATE INDEX milestones_due ON milestones (state, due_on);

-- One weekly update per student, team and week (`week`: its Monday); posting again the same week
-- replaces it. Hours are kept in minutes.
CREATE TABLE team_updates (
  id         {{pk}},
  team_id    INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  week       TEXT NOT NULL,
  done       TEXT NOT NULL,
  next       TEXT NOT NULL DEFAULT '',
  blockers   TEXT NOT NULL DEFAULT '',
  minutes    INTEGER NOT NULL CHECK (minutes >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (team_id, person_id, week)
);
CREATE INDEX team_updates_team ON team_updates (team_id, updated_at);

CREATE TABLE team_update_comments (
  id         {{pk}},
  update_id  INTEGER NOT NULL REFERENCES team_updates (id) ON DELETE CASCADE,
  person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX team_update_comments_update ON team_update_comments (update_id, id);

-- The weekly mail's mark: one row per person and week, inserted with the mail, so a second run
-- (or a second server) finds it and sends nothing.
CREATE TABLE weekly_update_mails (
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  week      TEXT NOT NULL,
  sent_at   TEXT NOT NULL,
  PRIMARY KEY (person_id, week)
);
