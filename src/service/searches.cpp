#include "service/searches.hpp"

#include "domain/text.hpp"
#include "store/project_query.hpp"
#include "store/searches.hpp"

#include <variant>

namespace latitudes::service {

namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

SavedSearchOutcome save_search(const Context& context, long long person_id, const std::string& raw_name, const std::string& query,
                               domain::Lang lang) {
    SavedSearchOutcome outcome;
    const std::string name = trim(raw_name);
    if (name.empty() || name.size() > store::max_search_name || !domain::is_valid_utf8(name)) {
        outcome.kind = SavedSearchOutcome::Kind::invalid_name;
        return outcome;
    }
    const auto parsed = query.size() > max_search_query_text
                            ? std::variant<store::ProjectFilter, store::FilterError>(store::FilterError{})
                            : store::parse_project_query(query, context.skills);
    if (std::holds_alternative<store::FilterError>(parsed)) {
        outcome.kind = SavedSearchOutcome::Kind::invalid_query;
        return outcome;
    }
    // One statement checks the limit and inserts (store/searches.cpp); the transaction keeps the
    // shape of every write.
    store::WriteTransaction tx(context.session);
    const auto id = store::SearchRepository(context.session)
                        .create(person_id, name, store::project_query_string(std::get<store::ProjectFilter>(parsed)),
                                std::string(domain::to_string(lang)), context.now);
    if (!id) {
        outcome.kind = SavedSearchOutcome::Kind::too_many;
        return outcome;
    }
    tx.commit();
    outcome.id = *id;
    return outcome;
}

SavedSearchOutcome delete_search(const Context& context, long long person_id, long long search_id) {
    SavedSearchOutcome outcome;
    store::WriteTransaction tx(context.session);
    if (search_id <= 0 || !store::SearchRepository(context.session).remove(search_id, person_id)) {
        outcome.kind = SavedSearchOutcome::Kind::not_found;
        return outcome;
    }
    tx.commit();
    outcome.kind = SavedSearchOutcome::Kind::deleted;
    outcome.id = search_id;
    return outcome;
}

}  // namespace latitudes::service
