#pragma once
// The server-independent shape of a request and a response: handlers take one and return the
// other, so they can be tested without sockets and the HTTP library stays in server.cpp.
#include "domain/policy.hpp"
#include "domain/text.hpp"
#include "domain/url.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace latitudes::web {

// Who is asking: filled by Site::handle from the session cookie; person_id 0 means anonymous.
struct Visitor {
    long long person_id = 0;
    std::string email, display_name;
    domain::Role role = domain::Role::anonymous;  // parsed once, when the visitor is loaded
    std::string session_id;                       // the cookie value, to revoke or rotate it
    std::string csrf_token;                       // what unsafe requests must send back
    bool by_api_token = false;                    // authenticated by a personal API token (no cookie, no CSRF)
    bool logged_in() const { return person_id != 0; }
};

struct Request {
    std::string method = "GET";
    std::string path = "/";                          // decoded path, no query
    std::string target;                              // path and query as received
    std::multimap<std::string, std::string> query;   // decoded query parameters
    std::map<std::string, std::string> headers;      // lower-case names
    std::map<std::string, std::string> path_params;  // filled by the router
    std::string body;
    std::string remote;  // client address, for throttling
    Visitor visitor;
    // 413, 414 or 431 when the server stopped reading the body, target or header fields at its
    // limit (web/restinio_extensions.hpp): what is here is only what came before.
    int refused_status = 0;
    bool public_page = false;  // a public route the same for every anonymous visitor (canonical, hreflang)

    std::string header(const std::string& lower_name) const;
    // The first value of a query parameter, "" when absent.
    std::string param(const std::string& name) const;
    bool has_param(const std::string& name) const { return query.count(name) != 0; }
    std::string cookie(std::string_view name) const;
    bool is_htmx() const { return header("hx-request") == "true"; }
    // The credentials of "Authorization: Bearer <token>" (the scheme in any case, RFC 9110 §11.1),
    // "" when there are none.
    std::string bearer_token() const;
    // Fields of an application/x-www-form-urlencoded or a multipart/form-data body (its parts
    // without a file; empty for other bodies).
    std::multimap<std::string, std::string> form() const;
    // The content of a file sent in a multipart/form-data field, nullopt when none was sent.
    std::optional<std::string> uploaded_file(const std::string& field) const;
    std::string form_value(const std::string& name) const;
    bool is_unsafe() const { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }
};

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    bool close_connection = false;  // the request was over a limit: close once answered
    // A body too large to hold (a document's download): when set, server.cpp sends
    // `stream_length` bytes as Content-Length and writes the pieces `stream` returns, asking for
    // the next one only once the previous one is written (nullopt: the end). If it throws, the
    // connection is closed short of Content-Length, so the client knows the body is incomplete.
    std::function<std::optional<std::string>()> stream;
    std::size_t stream_length = 0;

    Response& header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
    // Exact name, as the handlers write it ("Referrer-Policy").
    bool has_header(std::string_view name) const {
        for (const auto& [n, v] : headers)
            if (n == name) return true;
        return false;
    }
};

// Whether a request may have a body over the usual limit: the no-JavaScript document upload form
// (POST /teams/{id}/documents), whose limit is SiteOptions::document_form_max_bytes. Decided on
// the method and target alone, since the parser applies it before any routing.
bool takes_large_body(std::string_view method, std::string_view target);

// An HTTP date (IMF-fixdate, RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::chrono::system_clock::time_point when);
// Reads the three forms a recipient must accept (IMF-fixdate, RFC 850, asctime); nullopt otherwise.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);
// Whether an If-None-Match value ("*", or a list of entity tags, weak ones W/"…" included) matches
// `etag` by the weak comparison that If-None-Match uses (RFC 9110 §13.1.2, §8.8.3.2).
bool if_none_match_matches(std::string_view header, std::string_view etag);

// RFC 9110's reason phrase for a status ("Conflict" for 409), "Unknown" for one the server never sends.
const char* reason_phrase(int status);

Response json_response(int status, std::string body);
// {"error": {"code": code, "message": message}}
Response json_error(int status, std::string_view code, std::string_view message);
Response redirect(int status, std::string location);

using domain::parse_query;  // domain/url.hpp
using domain::url_decode;
using domain::url_encode;
// The target with the values of secret query parameters (the single-use `token` of e-mailed
// links) replaced by "REDACTED", for logs: a reset link read from a log must not work.
std::string redact_secrets(std::string_view target);
// A whole decimal number of 1 to `max_digits` digits (ids in paths and queries), else nullopt:
// no sign, no spaces, nothing that could overflow.
std::optional<long long> parse_id(std::string_view text, std::size_t max_digits = 18);
using domain::html_escape;  // domain/text.hpp

// The name of the first field of an unsafe request's body (form fields, or the string values of
// a JSON body, named by their nearest key) that holds a control character its kind of field may
// not store (domain::has_control_character), or nullopt. Site::handle refuses such requests
// before any handler runs, so no handler can store one.
std::optional<std::string> field_with_control_character(const Request& request);

// `text` as the inside of a JSON string: quotes, backslashes and control characters escaped,
// and every byte that is not part of well-formed UTF-8 written as \\xHH, so that a log line
// stays valid JSON whatever a client sent.
std::string json_string_escape(std::string_view text);

}  // namespace latitudes::web
