#pragma once
// The demo's framing conversation, for `latitudes seed --demo` (make run): an association founded
// by a beneficiary, verified by staff (its members are told), a need submitted (staff are told),
// taken up by staff, its sheet revised and commented on by both sides, and the hourly comment
// digests sent as the jobs would have sent them, so that /dev/outbox shows each of these mails.
// One comment by staff is left for the server's first run of the jobs. Written through the same
// service calls as the pages, at instants relative to `now`.
#include "store/accounts.hpp"
#include "store/database.hpp"

namespace latitudes::app {

// The demo's log-ins (README), with app::demo_password: demo data only, never a real server's.
inline constexpr const char* demo_staff_email = "equipe@demo.latitudes.org";
inline constexpr const char* demo_beneficiary_email = "association@demo.latitudes.org";

struct DemoNeedsReport {
    int accounts = 0, needs = 0, comments = 0, digests = 0;
};

DemoNeedsReport seed_demo_needs(store::Database& database, store::Clock::time_point now);

}  // namespace latitudes::app
