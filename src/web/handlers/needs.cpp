// PLACEHOLDER while issue 4 is being built (needs).
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

Response need_form(Request& request, Site& site) { return error_page(site, request, 404); }
Response need_create(Request& request, Site& site) { return error_page(site, request, 404); }
Response need_page(Request& request, Site& site) { return error_page(site, request, 404); }
Response need_update(Request& request, Site& site) { return error_page(site, request, 404); }
Response project_status(Request& request, Site& site) { return error_page(site, request, 404); }
Response admin_needs(Request& request, Site& site) { return error_page(site, request, 404); }
Response api_need_create(Request& request, Site& site) { return error_page(site, request, 404); }
Response api_need(Request& request, Site& site) { return error_page(site, request, 404); }

}  // namespace latitudes::web::handlers
