#include "web/handlers/handlers.hpp"

namespace latitudes::web::handlers {

void register_routes(Router& router) {
    router.add("GET", "/", home);
    router.add("GET", "/projects", projects);
    router.add("GET", "/projects/{slug}", project);
    router.add("GET", "/impact", impact);
    router.add("GET", "/partners", partners);
    router.add("GET", "/about", about);
    router.add("GET", "/api/v1/projects", api_projects);
    router.add("GET", "/api/v1/projects/{slug}", api_project);
    router.add("GET", "/api/v1/stats", api_stats);
    router.add("GET", "/healthz", healthz);
    router.add("GET", "/metrics", metrics);
}

}  // namespace latitudes::web::handlers
