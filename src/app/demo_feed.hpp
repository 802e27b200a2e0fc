#pragma once
// Demo states of the personal feed (`latitudes seed --demo`), called last by seed_demo_teams so
// that every other part's entries are in: the demo student's and the beneficiary contact's feeds
// with entries new since their last visit and older ones, and the contact opted in to the daily
// digest (one sent yesterday, so today's run has something new to send).
#include "app/demo_teams.hpp"

namespace latitudes::app {

// On seed_demo_teams' session (the seeding pool may hold one connection only).
void seed_demo_feed(soci::session& session, const DemoTeamsReport& teams, std::chrono::system_clock::time_point now);

}  // namespace latitudes::app
