#pragma once
// The demo's schools at work, for `latitudes seed --demo` (make run): a coordinator of three
// schools and a student in their cohorts can log in, and there is a campaign in each state — one
// published (both runs, teams formed and told), one closed and not allocated yet (with students
// who did not rank and a pre-allocation), one open. Written through the same service calls as the
// pages, at instants relative to `now` so that each campaign is in its state whenever it runs.
#include "store/accounts.hpp"
#include "store/database.hpp"

namespace latitudes::app {

// The demo's log-ins (README): demo data only, never a real server's.
inline constexpr const char* demo_coordinator_email = "coordination@demo.latitudes.org";
inline constexpr const char* demo_student_email = "etudiante@demo.latitudes.org";
inline constexpr const char* demo_password = "latitudes demo 2027";

struct DemoCampaignsReport {
    int accounts = 0, students = 0, campaigns = 0;
};

DemoCampaignsReport seed_demo_campaigns(store::Database& database, store::Clock::time_point now);

}  // namespace latitudes::app
