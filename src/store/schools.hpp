#pragma once
// What a school's space shows: its teams and figures, and the published student projects a
// campaign of a semester may offer.
#include "store/campaigns.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct SchoolTeam {
    long long team_id = 0, members = 0;
    std::string project_slug, project_title, beneficiary, semester_code;
};

// A team formed by a published campaign for a project the person supervises, with its members.
struct SupervisedTeam {
    std::string campaign, project_slug, project_title;
    std::vector<std::pair<std::string, std::string>> members;  // (name, e-mail)
};

// What the engine needs to report teams missing a required skill: the skills (slug, level) each
// offered project requires, and those each student of the campaign declared in their profile.
struct CampaignSkills {
    std::map<long long, std::vector<std::pair<std::string, int>>> projects, students;
};

struct SchoolFigures {
    long long cohorts = 0, students = 0, campaigns = 0, teams = 0, students_in_teams = 0;
};

class SchoolRepository {
public:
    explicit SchoolRepository(soci::session& session) : s_(session) {}

    std::vector<SchoolTeam> teams(long long school_id);
    SchoolFigures figures(long long school_id);
    // The teams of published campaigns whose project the person supervises.
    std::vector<SupervisedTeam> supervised_teams(long long person_id);
    // A run's manual moves so far, and the blocking pairs after the latest (nullopt: no move).
    struct MovesSoFar {
        long long count = 0;
        std::optional<int> blocking_pairs;
    };
    MovesSoFar moves(long long run_id);
    CampaignSkills campaign_skills(long long campaign_id);
    // Published student projects of the semester, by title (team sizes as framed).
    std::vector<OfferedProject> offerable_projects(long long semester_id);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
