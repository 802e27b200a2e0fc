#include "store/activity.hpp"

#include "store/query.hpp"

#include <stdexcept>

namespace latitudes::store {

void record_activity(soci::session& session, const ActivityEntry& entry, Clock::time_point now) {
    if (entry.team_id == 0 && entry.organisation_id == 0)
        throw std::logic_error("record_activity: an entry is about a team or an organisation");
    Query q("INSERT INTO activity (team_id, organisation_id, actor_id, kind, detail, path, at) VALUES (");
    // NULL rather than 0 for what the entry is not about (foreign keys).
    q.append(entry.team_id ? ":team, " : "NULL, ").append(entry.organisation_id ? ":org, " : "NULL, ");
    q.append(entry.actor_id ? ":actor, " : "NULL, ").append(":kind, :detail, :path, :at)");
    if (entry.team_id) q.bind("team", entry.team_id);
    if (entry.organisation_id) q.bind("org", entry.organisation_id);
    if (entry.actor_id) q.bind("actor", entry.actor_id);
    q.bind("kind", entry.kind).bind("detail", entry.detail).bind("path", entry.path).bind("at", iso_utc(now));
    q.execute(session);
}

}  // namespace latitudes::store
