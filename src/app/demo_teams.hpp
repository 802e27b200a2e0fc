#pragma once
// Demo data of team workspaces (`latitudes seed --demo`, after the campaigns and needs): the
// beneficiary's contact of the demo student's team, and an internship whose accepted applicant
// forms an opportunity's team. Each part of the workspace (milestones, updates, documents,
// evaluations, the survey, the feed) adds its own states from here.
#include "store/database.hpp"

#include <chrono>

namespace latitudes::app {

struct DemoTeamsReport {
    long long student_team = 0;      // the demo student's team (a published campaign formed it)
    long long opportunity_team = 0;  // the internship's team
};

DemoTeamsReport seed_demo_teams(store::Database& database, std::chrono::system_clock::time_point now);

}  // namespace latitudes::app
