#pragma once
// Teams and their workspaces: a team of a school (formed by a campaign, or recorded with its
// school and semester) or of an opportunity (its accepted applicants: no school, no semester),
// who belongs to a workspace and as what (domain/team.hpp), and the teams a person works in.
#include "domain/team.hpp"
#include "store/accounts.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct TeamPerson {
    long long person_id = 0;
    std::string name, email;  // email "" for a student recorded without an account
};

struct TeamRecord {
    long long id = 0, project_id = 0, organisation_id = 0;
    std::string project_slug, project_title, project_status, project_format;
    std::string organisation_slug, organisation_name;  // the beneficiary
    long long school_id = 0;                           // 0: an opportunity's team
    std::string school_slug, school_name;
    long long semester_id = 0;
    std::string semester_code, semester_label_fr, semester_label_en, semester_starts_on, semester_ends_on;
    long long campaign_id = 0;  // 0: not formed by a campaign
    std::string campaign_title;
    std::string formed_at;  // ISO instant
    std::vector<TeamPerson> students;
    std::optional<TeamPerson> supervisor;  // named by the campaign for this project
};

// A team as listed on a person's pages: with what they are in it.
struct TeamOfPerson {
    long long team_id = 0;
    std::string project_slug, project_title, project_status, organisation_name, school_name, semester_code;
    domain::TeamStanding standing;
};

class TeamRepository {
public:
    explicit TeamRepository(soci::session& session) : s_(session) {}

    std::optional<TeamRecord> find(long long team_id);
    // What `person_id` is in the team's workspace; `staff` is the person's platform role.
    domain::TeamStanding standing_of(const TeamRecord& team, long long person_id, bool staff);
    // Every person of the workspace but staff, once each, with the standing they hold: who the
    // weekly mails, reminders and the feed are for.
    std::vector<std::pair<TeamPerson, domain::TeamStanding>> people(const TeamRecord& team);
    // The teams in which the person is a student, the supervisor, a teacher of the school or a
    // member of the beneficiary, newest first. Staff see every team elsewhere (/admin).
    std::vector<TeamOfPerson> teams_of(long long person_id);
    // The team of an opportunity (created when its first applicant is accepted) with the person
    // added; returns the team's id. Inside the caller's transaction.
    long long join_opportunity_team(long long project_id, long long person_id, Clock::time_point now);

private:
    soci::session& s_;
};

// Migration 0015's data step: school_id and semester_id of teams become nullable, with one team
// per opportunity, and the applications accepted before form their opportunity's team.
void open_teams_to_opportunities(soci::session& session);

}  // namespace latitudes::store
