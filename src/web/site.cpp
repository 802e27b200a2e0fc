#include "web/site.hpp"

#include <cctype>

#include "domain/credentials.hpp"
#include "store/accounts.hpp"
#include "store/api_tokens.hpp"
#include "store/documents.hpp"
#include "web/api_input.hpp"
#include "web/authorisation.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"
#include "web/response_coding.hpp"

#include <spdlog/spdlog.h>

namespace latitudes::web {

namespace {

// Sent with every response. The CSP allows no inline script or style attribute: everything
// dynamic comes from /static files, so an injected tag cannot run.
const std::pair<const char*, const char*> security_headers[] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
     "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "strict-origin-when-cross-origin"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
};

}  // namespace

Site::Site(store::Database& database, SiteOptions opts)
    : db(database), catalogue(render::load_catalogue()), options(std::move(opts)), cache(options.cache_ttl) {
    missing_assets = assets.load(options.assets_root, options.precompressed_dir);
    // Templates name the static files with their fingerprints, so that browsers keep them a year.
    views = std::make_unique<Views>(catalogue, assets.fingerprinted_urls());
    notifier = std::make_unique<mail::Notifier>(*views, options.public_url);
    store::ProjectRepository repo(db);
    sdgs = repo.sdgs();
    skills = repo.skills();
    if (sdgs.size() != static_cast<std::size_t>(domain::sdg_count))
        throw std::runtime_error("the database has " + std::to_string(sdgs.size()) +
                                 " SDGs instead of 17: run `latitudes migrate`");
    handlers::register_routes(router_);
    if (options.file_key) check_file_key(db, *options.file_key);
}

void check_file_key(store::Database& db, const domain::FileKey& key) {
    store::Lease session(db);
    store::DocumentStore documents(*session);
    auto canary = documents.canary();
    if (!canary) {
        store::WriteTransaction tx(*session);
        canary = documents.keep_canary(domain::make_canary(key), store::Clock::now());
        tx.commit();
    }
    if (!domain::canary_matches(key, *canary))
        throw std::runtime_error(
            "the file key (--file-key-file or LATITUDES_FILE_KEY) is not the one this database's documents are encrypted "
            "with: start with the key given before (nothing was changed)");
}

std::string cookie_header(const Site& site, const std::string& name, const std::string& value, long long max_age_seconds) {
    std::string header = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
    if (site.options.secure_cookies) header += "; Secure";
    return header;
}

void Site::load_visitor(Request& request) {
    const std::string sid = request.cookie(session_cookie);
    if (sid.empty()) return;
    store::Lease session(db);
    const auto now = store::Clock::now();
    auto live = store::SessionStore(*session).touch(sid, now);
    if (!live) return;
    auto account = store::AccountRepository(*session).find(live->person_id);
    if (!account || !account->active) return;
    request.visitor = Visitor{account->person_id, account->email, account->display_name, visitor_role(account->role), sid,
                              live->csrf_token};
}

bool Site::load_api_visitor(Request& request) {
    const std::string token = request.bearer_token();
    if (token.empty()) return false;
    if (token.size() > 128) return false;
    store::Lease session(db);
    const auto now = store::Clock::now();
    const auto owner = store::ApiTokenStore(*session).authenticate(token, now);
    if (!owner) return false;
    auto account = store::AccountRepository(*session).find(*owner);
    if (!account || !account->active) return false;
    request.visitor = Visitor{
        account->person_id, account->email, account->display_name, visitor_role(account->role), "", "", true};
    return true;
}

bool Site::csrf_ok(const Request& request) const {
    // A bearer token is never sent by a browser on its own: such requests cannot be forged.
    if (request.visitor.by_api_token) return true;
    const std::string expected = request.visitor.logged_in() ? request.visitor.csrf_token : request.cookie(anonymous_csrf_cookie);
    std::string sent = request.header("x-csrf-token");
    if (sent.empty()) sent = request.form_value("csrf");
    return domain::constant_time_equals(expected, sent);
}

std::string Site::cache_key(const Request& request) const {
    if (!cache.enabled()) return {};
    // Any cookie but the language one may make the answer personal (sessions come later): no cache.
    const std::string cookies = request.header("cookie");
    if (!cookies.empty() && cookies.find(';') != std::string::npos) return {};
    if (!cookies.empty() && cookies.rfind("lang=", 0) != 0) return {};
    const auto lang = page_context(request).lang;
    std::string key = request.method == "HEAD" ? "GET" : request.method;
    key += ' ';
    key += domain::to_string(lang);
    key += request.is_htmx() ? " hx" : " --";
    key += request.header("hx-history-restore-request") == "true" ? "r " : "- ";
    // Each coding is kept apart, compressed once (web/response_coding.hpp).
    const auto coding = negotiated_coding(request);
    key += coding ? to_string(*coding) : "none";
    key += ' ';
    key += request.target;
    return key;
}

// A handler whose write transaction met a PostgreSQL serialisation failure or deadlock had it
// rolled back whole, so the handler runs again from the start (store::retry_on_conflict).
// Handlers keep their writes in one transaction for this reason too: a second run then repeats
// nothing that was kept.
Response Site::run_with_retries(const Route& route, Request& request) {
    int attempt = 0;
    return store::retry_on_conflict(db.engine(), [&] {
        if (++attempt > 1)
            spdlog::info("request {} {}: attempt {} after a database conflict", request.method, request.path, attempt);
        return route.handler(request, *this);
    });
}

namespace {

// Nothing of such a request is stored: 422 in the API with the field's name, 400 on pages.
Response control_character_refusal(Site& site, const Request& request, const std::string& field) {
    if (request.path.rfind("/api/", 0) == 0)
        return json_error(422, "control_character",
                          "field '" + field +
                              "' contains a control character (such as NUL, or a line break in a single-line field)");
    const auto lang = page_context(request).lang;
    return error_page(site, request, 400, message(site, lang, "error.control_character", {{"field", field}}));
}

// A request the server stopped reading at a limit (413 body, 414 target, 431 header fields): the
// error page in the visitor's language, or the JSON error for the API and for clients that send or
// ask for JSON; the connection is closed after it.
Response limit_refusal(Site& site, const Request& request) {
    const int status = request.refused_status;
    const std::string accept = request.header("accept");
    const bool json_client = request.path.rfind("/api/", 0) == 0 ||
                             request.header("content-type").rfind("application/json", 0) == 0 ||
                             (accept.find("application/json") != std::string::npos &&
                              accept.find("text/html") == std::string::npos);
    const auto lang = json_client ? domain::Lang::en : page_context(request).lang;
    const std::string code = error_code(status);
    const bool document_form = takes_large_body(request.method, request.path);
    const std::string detail = status != 413 ? std::string()
                               : document_form
                                   ? message(site, lang, "documents.error.form_too_large",
                                             {{"max", std::to_string(site.options.document_form_max_bytes >> 20)},
                                              {"js_max", std::to_string(site.options.document_limits.max_file_bytes / 1000000)}})
                                   : message(site, lang, "error.payload_too_large.limit",
                                             {{"max", std::to_string(site.options.max_body_bytes / 1024)}});
    Response response = json_client
                            ? json_error(status, code, detail.empty() ? message(site, lang, "error." + code + ".text") : detail)
                            : error_page(site, request, status, detail);
    response.close_connection = true;
    return response;
}

}  // namespace

Response Site::handle(Request& request, std::string& route_name) {
    Response response;
    std::string key;  // the response cache's key, when the answer may be kept
    bool from_cache = false;
    try {
        if (request.refused_status != 0) {
            route_name = "refused";
            response = limit_refusal(*this, request);
        } else if ((request.method == "GET" || request.method == "HEAD") && request.path.rfind("/static/", 0) == 0) {
            route_name = "/static";
            response = handlers::static_file(request, *this);
        } else if (auto match = router_.match(request); match.route) {
            route_name = match.route->pattern;
            const bool api = request.path.rfind("/api/", 0) == 0;
            const bool bearer = api && !request.header("authorization").empty();
            // API requests with a token are that token's owner; everything else, the session's.
            if (bearer) load_api_visitor(request);
            else load_visitor(request);
            const auto action = match.route->action;
            // Organisation actions are decided by the handler, which loads the organisation;
            // here they need a logged-in, active person at least (view_own_space's requirement).
            const auto decision = decide_for(*this, request,
                                             domain::is_organisation_action(action) ? domain::Action::view_own_space : action);
            request.public_page = match.route->cacheable && action == domain::Action::view_public;
            key = match.route->cacheable ? cache_key(request) : std::string();
            if (bearer && !request.visitor.by_api_token) {
                response = json_error(401, "invalid_token", "the API token is unknown, revoked, or its account is deactivated");
                response.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            } else if (api && !decision.allowed && decision.reason == domain::reason::login_required) {
                // An API call without credentials: 401 and how to authenticate, not a CSRF 403.
                response = refusal(*this, request, decision);
            } else if (request.is_unsafe() && !csrf_ok(request)) {
                // Checked before any handler runs: a forged request changes nothing.
                response = expired_form_page(*this, request);
            } else if (!decision.allowed) {
                response = refusal(*this, request, decision);
            } else if (auto refused = api ? refuse_api_input(*match.route, request) : std::nullopt) {
                // What the route does not take (a parameter, a body type) never reaches its handler.
                response = std::move(*refused);
            } else if (auto field = field_with_control_character(request)) {
                response = control_character_refusal(*this, request, *field);
            } else if (auto cached = key.empty() ? std::nullopt : cache.get(key)) {
                response = std::move(*cached);
                from_cache = true;
            } else {
                response = run_with_retries(*match.route, request);
            }
        } else if (match.path_known) {
            route_name = "unmatched";
            response = error_page(*this, request, 405);
            response.header("Allow", match.allowed);
        } else {
            route_name = "unmatched";
            response = error_page(*this, request, 404);
        }
    } catch (const std::exception& e) {
        if (store::is_transient_conflict(e)) {
            // Still in conflict after the retries (or SQLite busy beyond its timeout): the server
            // is overloaded, not broken; nothing was written, and the client may try again.
            spdlog::warn("request {} {} gave up on a busy database: {}", request.method, request.path, e.what());
            const auto busy = [] {
                return json_error(503, "busy", "the database is busy; nothing was changed, try again shortly");
            };
            try {
                response = request.path.rfind("/api/", 0) == 0 ? busy() : error_page(*this, request, 503);
            } catch (const std::exception&) {
                response = busy();
            }
            response.header("Retry-After", "1");
        } else {
            spdlog::error("request {} {} failed: {}", request.method, request.path, e.what());
            try {
                response = error_page(*this, request, 500);
            } catch (const std::exception&) {
                response = json_error(500, "internal_error", "internal error");
            }
        }
    }
    // Compressed here, on the worker; a cached answer was kept compressed. Static files come with
    // their own compressed copies.
    if (!from_cache && route_name != "/static" && !encode_response(request, response) && response.status / 100 == 2) {
        try {
            response = error_page(*this, request, 406);
        } catch (const std::exception&) {
            response = json_error(406, "not_acceptable", "none of the accepted content codings is available");
        }
    }
    // A handler may have set a stricter value (e.g. no referrer on pages with a token in the URL).
    for (const auto& [name, value] : security_headers)
        if (!response.has_header(name)) response.header(name, value);
    if (!key.empty() && !from_cache && response.status == 200) cache.put(key, response);
    return response;
}

}  // namespace latitudes::web
