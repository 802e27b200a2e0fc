// Saved searches (issue 4). PLACEHOLDER while the feature is being built.
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

Response my_searches(Request& request, Site& site) { return error_page(site, request, 404); }
Response search_save(Request& request, Site& site) { return error_page(site, request, 404); }
Response search_delete(Request& request, Site& site) { return error_page(site, request, 404); }

}  // namespace latitudes::web::handlers
