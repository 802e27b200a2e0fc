#pragma once
// What happened in a team or an organisation (migration 0015's `activity`), written by each
// write in its own transaction, read by the personal feed on Mon espace.
#include "store/accounts.hpp"

#include <string>

namespace latitudes::store {

struct ActivityEntry {
    long long team_id = 0;          // 0: not about a team
    long long organisation_id = 0;  // 0: not about an organisation (at least one of the two)
    long long actor_id = 0;         // 0: the platform itself (a job)
    std::string kind;               // a catalogue text: feed.kind.<kind>
    std::string detail;             // what it is about, as the actor wrote it (a name, a title)
    std::string path;               // where to look ("/teams/12#documents")
};

void record_activity(soci::session& session, const ActivityEntry& entry, Clock::time_point now);

}  // namespace latitudes::store
