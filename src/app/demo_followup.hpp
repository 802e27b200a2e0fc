#pragma once
// Demo data of the teams' follow-up (`latitudes seed --demo`, from seed_demo_teams): the demo
// student's team with milestones in every state (done, in progress, upcoming, one overdue) and
// four weeks of updates with hours and comments; another team of the same campaign silent for
// more than two weeks (flagged on /admin/teams and for its teacher coordination@demo...).
#include "store/database.hpp"

#include <chrono>

namespace latitudes::app {

void seed_demo_followup(soci::session& session, long long student_team, std::chrono::system_clock::time_point now);

}  // namespace latitudes::app
