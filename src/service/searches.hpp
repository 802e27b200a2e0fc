#pragma once
// Saved searches: a logged-in person keeps a catalogue query under a name (at most
// store::max_saved_searches) and receives a weekly digest of what was published since.
#include "domain/i18n.hpp"
#include "service/service.hpp"

#include <string>

namespace latitudes::service {

inline constexpr std::size_t max_search_query_text = 1000;

struct SavedSearchOutcome {
    enum class Kind { saved, deleted, invalid_name, invalid_query, too_many, not_found } kind = Kind::saved;
    long long id = 0;
};

// The name is trimmed; the query must be one the catalogue accepts, and is kept in canonical form.
SavedSearchOutcome save_search(const Context& context, long long person_id, const std::string& name, const std::string& query,
                               domain::Lang lang);
// Someone else's search is not_found, like one that does not exist.
SavedSearchOutcome delete_search(const Context& context, long long person_id, long long search_id);

}  // namespace latitudes::service
