#pragma once
// The personal feed: the `activity` entries (migration 0015) of the teams a person is of
// (TeamRepository::teams_of: student, supervisor, teacher, beneficiary) and of the organisations
// they are a member of, never their own, newest first; and each reader's marks (migration 0020):
// when the feed was last shown to them, and their opt-in daily digest.
#include "domain/feed.hpp"
#include "store/accounts.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct FeedItem {
    long long id = 0;
    std::string kind, detail, path, at;
    long long actor_id = 0;  // 0: the platform (a job), or an account since erased
    std::string actor_name;  // "" then
    long long team_id = 0, organisation_id = 0;
    std::string source;  // where it happened: the team's project, or the organisation
};

struct FeedQuery {
    long long person_id = 0;
    std::optional<domain::FeedCursor> before;  // the entries strictly older than this
    std::string since;                         // "" or an instant: only the entries strictly after it
    int limit = domain::feed_page_size;
};

struct FeedPage {
    std::vector<FeedItem> items;
    std::optional<domain::FeedCursor> next;  // where the following page starts, if there is one
};

struct FeedReader {
    std::string seen_at;  // "" : never shown
    bool digest = false;
    std::string digest_from, digest_sent_at;
};

// One opted-in reader whose digest may be due (not sent yet today).
struct DueDigest {
    long long person_id = 0;
    std::string email, display_name, digest_from, digest_sent_at;
};

class FeedRepository {
public:
    explicit FeedRepository(soci::session& session) : s_(session) {}

    FeedPage page(const FeedQuery& query);
    FeedReader reader(long long person_id);
    // The feed was shown up to `newest` (the newest entry shown): entries after it stay new. Never
    // moves back. One upsert; false if it changed nothing.
    bool mark_seen(long long person_id, const std::string& newest);
    // Opting in starts the digest from `now` (what happened before is on Mon espace).
    void set_digest(long long person_id, bool on, Clock::time_point now);
    // Opted-in readers with a mailable, active account whose last digest went before `day_start`,
    // after `after_person` in person order.
    std::vector<DueDigest> due_digests(const std::string& day_start, long long after_person, int limit);
    // The digest went at `now` with the entries up to `upto`, if the reader's marks still hold what
    // was read and the digest is still on (two runners: one wins). In the caller's transaction.
    bool mark_digest_sent(const DueDigest& read, const std::string& upto, Clock::time_point now);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
