#include "web/handlers/handlers.hpp"

namespace latitudes::web::handlers {

void register_routes(Router& router) {
    // Public pages and API reads: the same for every anonymous visitor, so the micro-cache may
    // keep them for its TTL. Health and metrics are never cached.
    constexpr bool cacheable = true;
    router.add("GET", "/", home, cacheable);
    router.add("GET", "/projects", projects, cacheable);
    router.add("GET", "/projects/{slug}", project, cacheable);
    router.add("GET", "/impact", impact, cacheable);
    router.add("GET", "/partners", partners, cacheable);
    router.add("GET", "/about", about, cacheable);
    router.add("GET", "/api/v1/projects", api_projects, cacheable);
    router.add("GET", "/api/v1/projects/{slug}", api_project, cacheable);
    router.add("GET", "/api/v1/stats", api_stats, cacheable);
    router.add("GET", "/signup", signup_form);
    router.add("POST", "/signup", signup);
    router.add("GET", "/confirm", confirm);
    router.add("GET", "/password/forgot", password_forgot_form);
    router.add("POST", "/password/forgot", password_forgot);
    router.add("GET", "/password/reset", password_reset_form);
    router.add("POST", "/password/reset", password_reset);
    router.add("GET", "/login", login_form);
    router.add("POST", "/login", login);
    router.add("POST", "/logout", logout);
    router.add("GET", "/me", me);
    router.add("POST", "/me/password", me_password);
    router.add("GET", "/me/export", me_export);
    router.add("POST", "/me/delete", me_delete);
    router.add("GET", "/orgs/new", organisation_form);
    router.add("POST", "/orgs/new", organisation_create);
    router.add("GET", "/orgs/{slug}", organisation);
    router.add("POST", "/orgs/{slug}/verify", organisation_verify);
    router.add("GET", "/healthz", healthz);
    router.add("GET", "/metrics", metrics);
}

}  // namespace latitudes::web::handlers
