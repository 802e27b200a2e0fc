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
// a page size (1..100).
std::variant<store::ProjectFilter, FilterError> parse_project_filter(const Request& request,
                                                                    const std::vector<store::Skill>& skills,
                                                                    const std::string& cursor_param,
                                                                    bool allow_limit);

inline constexpr std::size_t max_query_length = 200;

}  // namespace latitudes::web
