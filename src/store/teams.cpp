#include "store/teams.hpp"

#include "store/query.hpp"

#include <algorithm>

namespace latitudes::store {

namespace {

// The team, its project and beneficiary, its school, semester and campaign (LEFT JOINs: an
// opportunity's team has none of the three).
constexpr const char* team_select =
    "SELECT t.id, t.project_id, p.slug, p.title, p.status, p.format, o.id, o.slug, o.name, "
    "COALESCE(t.school_id, 0), COALESCE(sc.slug, ''), COALESCE(sc.name, ''), COALESCE(t.semester_id, 0), "
    "COALESCE(se.code, ''), COALESCE(se.label_fr, ''), COALESCE(se.label_en, ''), COALESCE(se.starts_on, ''), "
    "COALESCE(se.ends_on, ''), COALESCE(t.campaign_id, 0), COALESCE(c.title, ''), COALESCE(t.formed_at, '') "
    "FROM teams t JOIN projects p ON p.id = t.project_id JOIN organisations o ON o.id = p.beneficiary_id "
    "LEFT JOIN organisations sc ON sc.id = t.school_id LEFT JOIN semesters se ON se.id = t.semester_id "
    "LEFT JOIN campaigns c ON c.id = t.campaign_id ";

TeamRecord team_of_row(const soci::row& r) {
    TeamRecord t;
    t.id = column_int(r, 0);
    t.project_id = column_int(r, 1);
    t.project_slug = column_text(r, 2);
    t.project_title = column_text(r, 3);
    t.project_status = column_text(r, 4);
    t.project_format = column_text(r, 5);
    t.organisation_id = column_int(r, 6);
    t.organisation_slug = column_text(r, 7);
    t.organisation_name = column_text(r, 8);
    t.school_id = column_int(r, 9);
    t.school_slug = column_text(r, 10);
    t.school_name = column_text(r, 11);
    t.semester_id = column_int(r, 12);
    t.semester_code = column_text(r, 13);
    t.semester_label_fr = column_text(r, 14);
    t.semester_label_en = column_text(r, 15);
    t.semester_starts_on = column_text(r, 16);
    t.semester_ends_on = column_text(r, 17);
    t.campaign_id = column_int(r, 18);
    t.campaign_title = column_text(r, 19);
    t.formed_at = column_text(r, 20);
    return t;
}

bool member_of(soci::session& s, long long organisation_id, long long person_id) {
    return organisation_id != 0 && person_id != 0 &&
           Query("SELECT COUNT(*) FROM memberships WHERE organisation_id = :o AND person_id = :p")
                   .bind("o", organisation_id)
                   .bind("p", person_id)
                   .scalar(s) > 0;
}

}  // namespace

std::optional<TeamRecord> TeamRepository::find(long long team_id) {
    std::optional<TeamRecord> found;
    Query(std::string(team_select) + "WHERE t.id = :id").bind("id", team_id).for_each(s_, [&](const soci::row& r) {
        found = team_of_row(r);
    });
    if (!found) return found;
    Query("SELECT pe.id, pe.display_name, COALESCE(pe.email, '') FROM team_members tm JOIN people pe ON pe.id = tm.person_id "
          "WHERE tm.team_id = :id ORDER BY pe.display_name, pe.id")
        .bind("id", team_id)
        .for_each(s_, [&](const soci::row& r) {
            found->students.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2)});
        });
    if (found->campaign_id)
        Query("SELECT pe.id, pe.display_name, COALESCE(pe.email, '') FROM campaign_projects cp JOIN people pe "
              "ON pe.id = cp.supervisor_id WHERE cp.campaign_id = :c AND cp.project_id = :p")
            .bind("c", found->campaign_id)
            .bind("p", found->project_id)
            .for_each(s_, [&](const soci::row& r) {
                found->supervisor = TeamPerson{column_int(r, 0), column_text(r, 1), column_text(r, 2)};
            });
    return found;
}

domain::TeamStanding TeamRepository::standing_of(const TeamRecord& team, long long person_id, bool staff) {
    domain::TeamStanding standing;
    standing.staff = staff;
    if (person_id == 0) return standing;
    standing.student = std::any_of(team.students.begin(), team.students.end(),
                                   [&](const TeamPerson& p) { return p.person_id == person_id; });
    standing.supervisor = team.supervisor && team.supervisor->person_id == person_id;
    standing.teacher = member_of(s_, team.school_id, person_id);
    standing.beneficiary = member_of(s_, team.organisation_id, person_id);
    return standing;
}

std::vector<std::pair<TeamPerson, domain::TeamStanding>> TeamRepository::people(const TeamRecord& team) {
    std::vector<std::pair<TeamPerson, domain::TeamStanding>> all;
    auto add = [&](const TeamPerson& person, auto set) {
        for (auto& [p, standing] : all)
            if (p.person_id == person.person_id) {
                set(standing);
                return;
            }
        domain::TeamStanding standing;
        set(standing);
        all.emplace_back(person, standing);
    };
    for (const auto& s : team.students) add(s, [](domain::TeamStanding& st) { st.student = true; });
    if (team.supervisor) add(*team.supervisor, [](domain::TeamStanding& st) { st.supervisor = true; });
    const auto members = [&](long long organisation_id, auto set) {
        if (organisation_id == 0) return;
        std::vector<TeamPerson> found;
        Query("SELECT pe.id, pe.display_name, COALESCE(pe.email, '') FROM memberships m JOIN people pe ON pe.id = m.person_id "
              "WHERE m.organisation_id = :o ORDER BY pe.display_name, pe.id")
            .bind("o", organisation_id)
            .for_each(s_, [&](const soci::row& r) {
                found.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2)});
            });
        for (const auto& p : found) add(p, set);
    };
    members(team.school_id, [](domain::TeamStanding& st) { st.teacher = true; });
    members(team.organisation_id, [](domain::TeamStanding& st) { st.beneficiary = true; });
    return all;
}

std::vector<TeamOfPerson> TeamRepository::teams_of(long long person_id) {
    std::vector<TeamOfPerson> list;
    // One pass over the four ways in; a person may hold several standings in one team.
    Query("SELECT t.id, p.slug, p.title, p.status, o.name, COALESCE(sc.name, ''), COALESCE(se.code, ''), "
          "(SELECT COUNT(*) FROM team_members tm WHERE tm.team_id = t.id AND tm.person_id = :p1), "
          "(SELECT COUNT(*) FROM campaign_projects cp WHERE cp.campaign_id = t.campaign_id AND cp.project_id = t.project_id "
          "   AND cp.supervisor_id = :p2), "
          "(SELECT COUNT(*) FROM memberships m WHERE m.organisation_id = t.school_id AND m.person_id = :p3), "
          "(SELECT COUNT(*) FROM memberships m WHERE m.organisation_id = p.beneficiary_id AND m.person_id = :p4) "
          "FROM teams t JOIN projects p ON p.id = t.project_id JOIN organisations o ON o.id = p.beneficiary_id "
          "LEFT JOIN organisations sc ON sc.id = t.school_id LEFT JOIN semesters se ON se.id = t.semester_id "
          "WHERE t.id IN (SELECT team_id FROM team_members WHERE person_id = :p5) "
          "   OR t.id IN (SELECT t2.id FROM teams t2 JOIN campaign_projects cp ON cp.campaign_id = t2.campaign_id "
          "               AND cp.project_id = t2.project_id WHERE cp.supervisor_id = :p6) "
          "   OR t.school_id IN (SELECT organisation_id FROM memberships WHERE person_id = :p7) "
          "   OR p.beneficiary_id IN (SELECT organisation_id FROM memberships WHERE person_id = :p8) "
          "ORDER BY COALESCE(t.formed_at, '') DESC, t.id DESC")
        .bind("p1", person_id)
        .bind("p2", person_id)
        .bind("p3", person_id)
        .bind("p4", person_id)
        .bind("p5", person_id)
        .bind("p6", person_id)
        .bind("p7", person_id)
        .bind("p8", person_id)
        .for_each(s_, [&](const soci::row& r) {
            TeamOfPerson t;
            t.team_id = column_int(r, 0);
            t.project_slug = column_text(r, 1);
            t.project_title = column_text(r, 2);
            t.project_status = column_text(r, 3);
            t.organisation_name = column_text(r, 4);
            t.school_name = column_text(r, 5);
            t.semester_code = column_text(r, 6);
            t.standing.student = column_int(r, 7) > 0;
            t.standing.supervisor = column_int(r, 8) > 0;
            t.standing.teacher = column_int(r, 9) > 0;
            t.standing.beneficiary = column_int(r, 10) > 0;
            list.push_back(std::move(t));
        });
    return list;
}

long long TeamRepository::join_opportunity_team(long long project_id, long long person_id, Clock::time_point now) {
    long long team = Query("SELECT COALESCE(MAX(id), 0) FROM teams WHERE project_id = :p AND school_id IS NULL")
                         .bind("p", project_id)
                         .scalar(s_);
    if (team == 0)
        team = Query("INSERT INTO teams (project_id, formed_at) VALUES (:p, :at) RETURNING id")
                   .bind("p", project_id)
                   .bind("at", iso_utc(now))
                   .scalar(s_);
    Query("INSERT INTO team_members (team_id, person_id) VALUES (:team, :person) ON CONFLICT DO NOTHING")
        .bind("team", team)
        .bind("person", person_id)
        .execute(s_);
    return team;
}

void open_teams_to_opportunities(soci::session& session) {
    if (session.get_backend_name() == "postgresql") {
        session << "ALTER TABLE teams ALTER COLUMN school_id DROP NOT NULL";
        session << "ALTER TABLE teams ALTER COLUMN semester_id DROP NOT NULL";
    } else {
        // SQLite: a new table, the rows copied with their ids. Dropping `teams` while foreign
        // keys are on would cascade to team_members, so its rows are kept aside and put back.
        session << "CREATE TABLE teams_nullable ("
                   " id INTEGER PRIMARY KEY,"
                   " project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,"
                   " school_id INTEGER REFERENCES organisations (id),"
                   " semester_id INTEGER REFERENCES semesters (id),"
                   " campaign_id INTEGER REFERENCES campaigns (id),"
                   " formed_at TEXT,"
                   " UNIQUE (project_id, school_id, semester_id))";
        session << "INSERT INTO teams_nullable (id, project_id, school_id, semester_id, campaign_id, formed_at) "
                   "SELECT id, project_id, school_id, semester_id, campaign_id, formed_at FROM teams";
        session << "CREATE TEMPORARY TABLE team_members_kept AS SELECT team_id, person_id FROM team_members";
        session << "DROP TABLE team_members";
        session << "DROP TABLE teams";
        session << "ALTER TABLE teams_nullable RENAME TO teams";
        session << "CREATE TABLE team_members ("
                   " team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,"
                   " person_id INTEGER NOT NULL REFERENCES people (id),"
                   " PRIMARY KEY (team_id, person_id))";
        session << "INSERT INTO team_members (team_id, person_id) SELECT team_id, person_id FROM team_members_kept";
        session << "DROP TABLE team_members_kept";
        session << "CREATE INDEX teams_semester ON teams (semester_id)";
        session << "CREATE INDEX team_members_person ON team_members (person_id)";
    }
    session << "CREATE UNIQUE INDEX teams_of_opportunities ON teams (project_id) WHERE school_id IS NULL";
    session << "CREATE INDEX teams_school ON teams (school_id)";
    // Applications accepted before this version: their opportunity's team, formed when the first
    // of them was accepted, with every accepted applicant.
    session << "INSERT INTO teams (project_id, formed_at) SELECT a.project_id, MIN(a.updated_at) FROM applications a "
               "JOIN projects p ON p.id = a.project_id WHERE a.status = 'accepted' AND p.format <> 'student_project' "
               "GROUP BY a.project_id";
    session << "INSERT INTO team_members (team_id, person_id) SELECT t.id, a.person_id FROM applications a "
               "JOIN teams t ON t.project_id = a.project_id AND t.school_id IS NULL WHERE a.status = 'accepted'";
}

}  // namespace latitudes::store
