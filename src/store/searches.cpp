#include "store/searches.hpp"

#include "store/query.hpp"

#include <algorithm>

namespace latitudes::store {

namespace {

const char* const columns = "id, person_id, name, query, lang, created_at, last_sent_at";

SavedSearch read_search(const soci::row& r, std::size_t at = 0) {
    return SavedSearch{column_int(r, at),      column_int(r, at + 1),  column_text(r, at + 2), column_text(r, at + 3),
                       column_text(r, at + 4), column_text(r, at + 5), column_text(r, at + 6)};
}

}  // namespace

std::optional<long long> SearchRepository::create(long long person_id, const std::string& name, const std::string& query,
                                                  const std::string& lang, Clock::time_point now) {
    // One statement, so that the limit holds without a separate count (SQLite serialises writers).
    // The casts give PostgreSQL the types of values in a SELECT list.
    const long long id = Query("INSERT INTO saved_searches (person_id, name, query, lang, created_at, last_sent_at) "
                               "SELECT CAST(:person AS BIGINT), CAST(:name AS TEXT), CAST(:query AS TEXT), CAST(:lang AS TEXT), "
                               "CAST(:now AS TEXT), CAST(:now AS TEXT) WHERE "
                               "(SELECT COUNT(*) FROM saved_searches WHERE person_id = :person) < " +
                               std::to_string(max_saved_searches) + " RETURNING id")
                             .bind("person", person_id)
                             .bind("name", name)
                             .bind("query", query)
                             .bind("lang", lang == "en" ? std::string("en") : std::string("fr"))
                             .bind("now", iso_utc(now))
                             .scalar(s_);
    if (id == 0) return std::nullopt;
    return id;
}

std::vector<SavedSearch> SearchRepository::of_person(long long person_id) {
    std::vector<SavedSearch> list;
    Query("SELECT " + std::string(columns) + " FROM saved_searches WHERE person_id = :person ORDER BY id DESC")
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) { list.push_back(read_search(r)); });
    return list;
}

long long SearchRepository::count_of(long long person_id) {
    return Query("SELECT COUNT(*) FROM saved_searches WHERE person_id = :person").bind("person", person_id).scalar(s_);
}

bool SearchRepository::remove(long long id, long long person_id) {
    return Query("DELETE FROM saved_searches WHERE id = :id AND person_id = :person")
               .bind("id", id)
               .bind("person", person_id)
               .execute(s_) == 1;
}

std::vector<DueSearch> SearchRepository::due(Clock::time_point cutoff, int limit) {
    std::vector<DueSearch> list;
    Query("SELECT s.id, s.person_id, s.name, s.query, s.lang, s.created_at, s.last_sent_at, pe.email, pe.display_name "
          "FROM saved_searches s JOIN people pe ON pe.id = s.person_id JOIN accounts a ON a.person_id = s.person_id "
          "WHERE s.last_sent_at <= :cutoff AND a.active = 1 AND pe.email IS NOT NULL "
          "ORDER BY s.last_sent_at, s.id LIMIT " +
          std::to_string(std::max(1, limit)))
        .bind("cutoff", iso_utc(cutoff))
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({read_search(r), column_text(r, 7), column_text(r, 8)});
        });
    return list;
}

bool SearchRepository::mark_sent(long long id, const std::string& previous, Clock::time_point now) {
    return Query("UPDATE saved_searches SET last_sent_at = :now WHERE id = :id AND last_sent_at = :previous")
               .bind("now", iso_utc(now))
               .bind("id", id)
               .bind("previous", previous)
               .execute(s_) == 1;
}

}  // namespace latitudes::store
