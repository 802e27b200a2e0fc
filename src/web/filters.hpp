#pragma once
// Reads the catalogue filters from a query string, shared by /projects and /api/v1/projects.
#include "store/projects.hpp"
#include "web/http.hpp"

#include <string>
#include <variant>
#include <vector>

namespace latitudes::web {

struct FilterError {
    std::string param;   // the offending parameter
    std::string value;   // what was sent
};

// `cursor_param` is "after" on pages and "cursor" in the API; `allow_limit` lets the API choose
// a page size (1..100). Parameters: q, sdg, skill, level, format, status, sort (new | closing),
// the cursor ("ID.KEY" as the pages write it, or a bare id) and limit; others are ignored.
std::variant<store::ProjectFilter, FilterError> parse_project_filter(const Request& request,
                                                                    const std::vector<store::Skill>& skills,
                                                                    const std::string& cursor_param,
                                                                    bool allow_limit);

// The same for a query string ("sdg=4&q=eau"), as saved searches keep it.
std::variant<store::ProjectFilter, FilterError> parse_project_query(std::string_view query,
                                                                   const std::vector<store::Skill>& skills);

// The canonical query string of a filter's criteria and sort (no cursor, no page size): fixed
// order, empty values left out, sort only when not the default. "" for the whole catalogue.
std::string project_query_string(const store::ProjectFilter& filter);

inline constexpr std::size_t max_query_length = 200;

}  // namespace latitudes::web
