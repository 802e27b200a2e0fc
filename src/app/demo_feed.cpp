#include "app/demo_feed.hpp"

#include "app/demo_campaigns.hpp"
#include "app/demo_needs.hpp"
#include "store/activity.hpp"
#include "store/feed.hpp"
#include "store/query.hpp"

#include <stdexcept>

namespace latitudes::app {

namespace {

using namespace std::chrono_literals;

long long person_by_email(soci::session& session, const std::string& email) {
    return store::Query("SELECT COALESCE(MAX(id), 0) FROM people WHERE email = :e").bind("e", email).scalar(session);
}

}  // namespace

void seed_demo_feed(soci::session& s, const DemoTeamsReport& teams, std::chrono::system_clock::time_point now) {
    const long long student = person_by_email(s, demo_student_email);
    const long long contact = person_by_email(s, demo_beneficiary_email);
    const long long coordinator = person_by_email(s, demo_coordinator_email);
    if (!student || !contact || !coordinator) throw std::runtime_error("demo feed: the demo accounts come first");
    const auto team = teams.student_team;
    const std::string path = "/teams/" + std::to_string(team);
    std::string project, organisation_path;
    long long beneficiary = 0;
    store::Query("SELECT p.title, o.id, o.slug FROM teams t JOIN projects p ON p.id = t.project_id "
                 "JOIN organisations o ON o.id = p.beneficiary_id WHERE t.id = :t")
        .bind("t", team)
        .for_each(s, [&](const soci::row& r) {
            project = store::column_text(r, 0);
            beneficiary = store::column_int(r, 1);
            organisation_path = "/orgs/" + store::column_text(r, 2);
        });
    if (!beneficiary) throw std::runtime_error("demo feed: the demo student's team");
    store::WriteTransaction tx(s);
    // What happened in the demo student's team and its beneficiary over the last weeks, as the
    // services would have recorded it (the other parts add their own kinds: documents, updates...).
    const struct {
        long long team, organisation, actor;
        const char* kind;
        std::string detail, path;
        std::chrono::hours ago;
    } entries[] = {
        {0, beneficiary, student, "framing_commented", project, path, 4 * 24h},
        {team, 0, coordinator, "framing_commented", project, path, 3 * 24h},
        {team, 0, contact, "framing_revised", project, path, 30h},
        {team, 0, coordinator, "framing_commented", project, path, 3h},
        {team, 0, student, "team_joined", project, path, 5h},
        {0, beneficiary, coordinator, "member_made_admin", "Nadia", organisation_path, 2h},
    };
    for (const auto& e : entries)
        store::record_activity(s, {e.team, e.organisation, e.actor, e.kind, e.detail, e.path}, now - e.ago);
    // Both last opened their feed two days ago: what came since is new to them.
    store::FeedRepository feed(s);
    feed.mark_seen(student, store::iso_utc(now - 48h));
    feed.mark_seen(contact, store::iso_utc(now - 48h));
    // Nadia asked for the daily digest; the last one went yesterday.
    feed.set_digest(contact, true, now - 3 * 24h);
    store::Query("UPDATE feed_readers SET digest_sent_at = :at, digest_from = :at WHERE person_id = :p")
        .bind("at", store::iso_utc(now - 26h))
        .bind("p", contact)
        .execute(s);
    tx.commit();
}

}  // namespace latitudes::app
