// PLACEHOLDER while issue 4 is being built (framing).
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

Response framing_page(Request& request, Site& site) { return error_page(site, request, 404); }
Response framing_save(Request& request, Site& site) { return error_page(site, request, 404); }
Response framing_comment(Request& request, Site& site) { return error_page(site, request, 404); }

}  // namespace latitudes::web::handlers
