// The showcase of delivered projects (issue 4). PLACEHOLDER while the feature is being built.
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

Response showcase(Request& request, Site& site) { return error_page(site, request, 404); }
Response api_showcase(Request& request, Site& site) { return error_page(site, request, 404); }

}  // namespace latitudes::web::handlers
