#pragma once
// Saved searches (table saved_searches of migrations 0007 and 0008): a person keeps a
// catalogue query under a name and receives, once a week, what was published since the last
// digest. Every method works on the caller's session (the digest job marks a search sent in the
// transaction that queues its mail).
#include "store/accounts.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

inline constexpr int max_saved_searches = 20;       // per person
inline constexpr std::size_t max_search_name = 80;  // bytes of UTF-8

struct SavedSearch {
    long long id = 0, person_id = 0;
    std::string name, query, lang;  // query: the catalogue's canonical query string; lang: fr | en
    std::string created_at, last_sent_at;
};

// A search whose digest is due, with where to send it.
struct DueSearch {
    SavedSearch search;
    std::string email, display_name;
};

class SearchRepository {
public:
    explicit SearchRepository(soci::session& session) : s_(session) {}

    // Saves a search; nullopt when the person already has max_saved_searches. The first digest
    // covers what is published from now on (last_sent_at = now).
    std::optional<long long> create(long long person_id, const std::string& name, const std::string& query,
                                    const std::string& lang, Clock::time_point now);
    // The person's searches, newest first.
    std::vector<SavedSearch> of_person(long long person_id);
    long long count_of(long long person_id);
    // Deletes one of the person's own searches; false when there is none with this id for them.
    bool remove(long long id, long long person_id);

    // Searches whose last digest was sent at or before `cutoff`, of active accounts with an
    // address, oldest first.
    std::vector<DueSearch> due(Clock::time_point cutoff, int limit);
    // Moves last_sent_at from `previous` to `now`; false when someone else did it meanwhile (two
    // job runners at once): the caller then sends nothing.
    bool mark_sent(long long id, const std::string& previous, Clock::time_point now);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
