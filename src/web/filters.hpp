#pragma once
// The catalogue filters of a request (store/project_query.hpp does the reading).
#include "store/project_query.hpp"
#include "web/http.hpp"

namespace latitudes::web {

using store::FilterError;
using store::max_query_length;
using store::parse_project_query;
using store::project_query_string;

inline std::variant<store::ProjectFilter, FilterError> parse_project_filter(const Request& request,
                                                                            const std::vector<store::Skill>& skills,
                                                                            const std::string& cursor_param, bool allow_limit) {
    return store::project_filter_from(request.query, skills, cursor_param, allow_limit);
}

}  // namespace latitudes::web
