#pragma once
// The catalogue's filters read from query parameters: shared by /projects and /api/v1/projects
// (through web/filters.hpp) and by the weekly digests of saved searches, which keep the query
// string of the page they were saved from.
#include "store/projects.hpp"

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace latitudes::store {

using QueryParams = std::multimap<std::string, std::string>;

struct FilterError {
    std::string param;  // the offending parameter
    std::string value;  // what was sent
};

// `cursor_param` is "after" on pages and "cursor" in the API; `allow_limit` lets the API choose
// a page size (1..100). Parameters: q, sdg, skill, level, format, status, sort (new | closing),
// the cursor ("ID.KEY" as the pages write it, or a bare id) and limit; others are ignored.
std::variant<ProjectFilter, FilterError> project_filter_from(const QueryParams& query, const std::vector<Skill>& skills,
                                                             const std::string& cursor_param, bool allow_limit);

// The same for a query string ("sdg=4&q=eau"), as saved searches keep it (no cursor, no limit).
std::variant<ProjectFilter, FilterError> parse_project_query(std::string_view query, const std::vector<Skill>& skills);

// The canonical query string of a filter's criteria and sort (no cursor, no page size): fixed
// order, empty values left out, sort only when not the default. "" for the whole catalogue.
std::string project_query_string(const ProjectFilter& filter);

inline constexpr std::size_t max_query_length = 200;

}  // namespace latitudes::store
