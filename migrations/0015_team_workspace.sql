-- The team workspace (/teams/{id}). A team is now either a school's (formed by a campaign, or
-- recorded with its school and semester) or an opportunity's: the accepted applicants of an
-- internship, a shared job, Friday volunteering, mentoring... which has no school and no
-- semester. The C++ data step of this migration (store/teams.cpp) makes school_id and
-- semester_id nullable (SQLite cannot drop NOT NULL in place: it rebuilds the table), adds
-- the one-team-per-opportunity index, and forms the teams of applications accepted before.

-- When the team was formed: its milestones and weekly updates count from there.
ALTER TABLE teams ADD COLUMN formed_at TEXT;
UPDATE teams SET formed_at = (SELECT c.published_at FROM campaigns c WHERE c.id = teams.campaign_id)
  WHERE campaign_id IS NOT NULL;
UPDATE teams SET formed_at = (SELECT s.starts_on || 'T00:00:00Z' FROM semesters s WHERE s.id = teams.semester_id)
  WHERE formed_at IS NULL;

-- What happened in a team or an organisation, for the personal feed on Mon espace: written in
-- the same transaction as the change it tells of. `kind` names a catalogue text
-- (feed.kind.<kind>), `detail` what it is about (a document's name, a milestone's title), `path`
-- where to look.
CREATE TABLE activity (
  id              {{pk}},
  team_id         INTEGER REFERENCES teams (id) ON DELETE CASCADE,
  organisation_id INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
  actor_id        INTEGER REFERENCES people (id) ON DELETE SET NULL,
  kind            TEXT NOT NULL,
  detail          TEXT NOT NULL DEFAULT '',
  path            TEXT NOT NULL DEFAULT '',
  at              TEXT NOT NULL,
  CHECK (team_id IS NOT NULL OR organisation_id IS NOT NULL)
);
CREATE INDEX activity_team ON activity (team_id, at);
CREATE INDEX activity_organisation ON activity (organisation_id, at);
