#pragma once
// The input an /api/ route does not take, refused before its handler runs (Site::handle): a query
// parameter it does not read, a parameter given twice, a body of another media type. Pages are
// never checked here: browsers send their forms and query strings as they are.
#include "web/http.hpp"
#include "web/router.hpp"

#include <optional>

namespace latitudes::web {

// 400 unknown_parameter or repeated_parameter (with "parameter"), 415 unsupported_media_type
// (with an Accept header naming what the route takes), or nullopt when the request is fine. A
// body's media type is checked when a Content-Type is sent or the body is not empty.
std::optional<Response> refuse_api_input(const Route& route, const Request& request);

// The media type of a Content-Type value, lower-case, without parameters ("application/json").
std::string media_type_of(std::string_view content_type);

}  // namespace latitudes::web
