// What operations and browsers ask besides pages: /healthz, /metrics and the static files.
//
// Status codes: 200; 304 (static file unchanged); 401 (/metrics with a token configured, and a
// missing or wrong one); 404 (unknown file, or /metrics without a token configured); 406 (no
// acceptable content coding); 503 (/healthz, the database does not answer).
#include "domain/credentials.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

Response healthz(Request& request, Site& site) {
    if (site.db.ping()) return json_response(200, R"({"status":"ok"})");
    return json_response(
        503, R"({"status":"unavailable","error":{"code":"database_unavailable","message":"the database does not answer"}})");
}

// Request counts and latencies tell an outsider how the site is used: on the main port they are
// only for the configured token (--metrics-token), else served on the admin port (--metrics-port).
Response metrics(Request& request, Site& site) {
    const std::string& expected = site.options.metrics_token;
    if (expected.empty()) return error_page(site, request, 404);
    // Digests of equal length, compared in constant time: neither the token nor its length leaks.
    const std::string sent = request.bearer_token();
    if (sent.empty() || !domain::constant_time_equals(domain::token_digest(expected), domain::token_digest(sent))) {
        Response refused;
        refused.status = 401;
        refused.content_type = "text/plain; charset=utf-8";
        refused.body = "The metrics need the configured bearer token.\n";
        refused.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
        refused.header("Cache-Control", "no-store");
        return refused;
    }
    Response r;
    r.header("Cache-Control", "no-store");
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = site.metrics.prometheus();
    return r;
}

namespace {

// Whether the client's copy is current (RFC 9110 §13.1.2-3, §13.2.2): If-None-Match when sent
// (weak comparison, "*" for any), else If-Modified-Since.
bool not_modified(const Request& request, const std::string& etag, std::chrono::system_clock::time_point modified) {
    if (request.headers.count("if-none-match")) return if_none_match_matches(request.header("if-none-match"), etag);
    if (const auto since = parse_http_date(request.header("if-modified-since"))) return modified <= *since;
    return false;
}

}  // namespace

// Static files, in the coding the client prefers among the copies the build made (Vary says the
// answer depends on Accept-Encoding). An address with the file's fingerprint (?v=, which the
// templates use) is cached for a year: another content has another address.
Response static_file(Request& request, Site& site) {
    const Asset* asset = site.assets.find(request.path);
    Response r;
    r.content_type = "text/plain; charset=utf-8";
    if (!asset) {
        r.status = 404;
        r.body = "Not found\n";
        return r;
    }
    if (!asset->gzip.empty() || !asset->br.empty()) r.header("Vary", "Accept-Encoding");
    const auto coding = best_coding(parse_accept_encoding(request.header("accept-encoding"),
                                                          request.headers.count("accept-encoding") != 0),
                                    !asset->gzip.empty(), !asset->br.empty());
    if (!coding) {
        r.status = 406;
        r.body = "None of the accepted content codings is available for this file.\n";
        return r;
    }
    const std::string etag = asset->etag(*coding);
    r.header("ETag", etag);
    r.header("Last-Modified", asset->last_modified);
    r.header("Cache-Control",
             request.param("v") == asset->fingerprint ? "public, max-age=31536000, immutable" : "public, max-age=3600");
    if (not_modified(request, etag, asset->modified)) {
        r.status = 304;  // no body, and no Content-Length (web/server.cpp)
        r.content_type.clear();
        return r;
    }
    if (*coding != Coding::identity) r.header("Content-Encoding", std::string(to_string(*coding)));
    r.content_type = asset->content_type;
    r.body = asset->content(*coding);
    return r;
}

}  // namespace latitudes::web::handlers
