#pragma once
// Everything a request handler needs, shared by all worker threads: the database, messages,
// templates, static files, reference data and metrics.
#include "domain/document.hpp"
#include "domain/file_crypto.hpp"
#include "domain/i18n.hpp"
#include "mail/notifier.hpp"
#include "render/views.hpp"
#include "service/service.hpp"
#include "store/database.hpp"
#include "store/facets.hpp"
#include "store/projects.hpp"
#include "web/assets.hpp"
#include "web/http.hpp"
#include "web/metrics.hpp"
#include "web/response_cache.hpp"
#include "web/router.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace latitudes::web {

using render::Views;  // templates are rendered by the render room, shared with mail

struct SiteOptions {
    std::filesystem::path assets_root;        // folder holding static/ and node_modules/
    std::filesystem::path precompressed_dir;  // the build's gzip/Brotli copies of them ("" for none)
    std::size_t max_body_bytes = 1 << 20;
    std::chrono::milliseconds cache_ttl{1000};         // 0 disables the response cache
    bool secure_cookies = false;                       // add Secure to cookies (set when served over HTTPS)
    std::string public_url = "http://127.0.0.1:8080";  // origin used in links sent by e-mail
    bool development_mode = false;                     // `serve --dev`: /dev/outbox shows queued mails
    std::string contact_email;                         // where people write to the programme (partners, privacy); "" = not shown
    std::string metrics_token;                         // GET /metrics on the main port needs it as a bearer token ("": 404 there)
    // The server key that wraps every document's key (--file-key-file, LATITUDES_FILE_KEY): never
    // stored. Without one, the documents answer 503 and the rest of the site works.
    std::optional<domain::FileKey> file_key;
    domain::DocumentLimits document_limits;           // size of a file, and of one upload request's chunk
    std::size_t document_form_max_bytes = 32u << 20;  // the body of the no-JavaScript upload form (held in memory)
};

inline constexpr const char* session_cookie = "sid";
inline constexpr const char* anonymous_csrf_cookie = "csrf";

class Site {
public:
    // Loads catalogues, templates, static files and reference data; throws std::runtime_error.
    Site(store::Database& database, SiteOptions options);

    // Routes and answers one request; never throws (errors become 500 pages), adds the
    // security headers, and records metrics. `route_name` receives the matched pattern.
    Response handle(Request& request, std::string& route_name);

    store::Database& db;
    domain::Catalogue catalogue;
    std::unique_ptr<Views> views;
    std::unique_ptr<mail::Notifier> notifier;  // mails in the recipient's language, links to public_url

    // What a service call needs, on the handler's leased session, now.
    service::Context service_context(soci::session& session) const { return {session, store::Clock::now(), *notifier, skills}; }
    Assets assets;
    Metrics metrics;
    std::vector<store::Sdg> sdgs;
    std::vector<store::Skill> skills;
    SiteOptions options;
    std::vector<std::string> missing_assets;
    ResponseCache cache;
    // The catalogue's counts per filter value, reloaded every 2 s at most (see store/facets.hpp).
    store::FacetCache facets{std::chrono::seconds(2)};

private:
    // The cache key of a request, or "" when its answer may differ between visitors.
    std::string cache_key(const Request& request) const;
    // Fills request.visitor from the session cookie (one query, only when the cookie is there).
    void load_visitor(Request& request);
    // Unsafe requests must send back the session's CSRF token (or, before login, the one in
    // the csrf cookie) as the "csrf" form field or the X-CSRF-Token header.
    bool csrf_ok(const Request& request) const;
    // Fills request.visitor from "Authorization: Bearer <personal API token>" (API routes only);
    // false when the token is not valid.
    bool load_api_visitor(Request& request);
    // Runs the route's handler, again after a transient database conflict (PostgreSQL only).
    Response run_with_retries(const Route& route, Request& request);

    Router router_;

public:
    const Router& router() const { return router_; }
};

// Stores the key's canary on the first start with a key; throws std::runtime_error when the key is
// not the one of the canary (a wrong key would write files nobody could read with the right one).
void check_file_key(store::Database& db, const domain::FileKey& key);

// "name=value; Path=/; HttpOnly; SameSite=Lax" (+ Max-Age, + Secure when configured).
std::string cookie_header(const Site& site, const std::string& name, const std::string& value, long long max_age_seconds);

// Loads the embedded fr and en catalogues.

}  // namespace latitudes::web
