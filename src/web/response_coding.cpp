#include "web/response_coding.hpp"

namespace latitudes::web {

namespace {

bool compressible_type(std::string_view type) {
    for (std::string_view prefix : {"text/", "application/json", "application/xml", "image/svg+xml"})
        if (type.rfind(prefix, 0) == 0) return true;
    return false;
}

AcceptedCodings accepted_by(const Request& request) {
    return parse_accept_encoding(request.header("accept-encoding"), request.headers.count("accept-encoding") != 0);
}

// BREACH: the size of a compressed answer that holds a secret (a session's CSRF token) next to
// text an attacker chose (a search) tells the secret, guess by guess. An answer to a browser with
// any cookie but the language one, or that sets a cookie, may hold one: it goes uncompressed.
// Bearer-token API calls are not made by browsers on their own, so they are compressed.
bool may_hold_a_secret(const Request& request, const Response& response) {
    if (response.has_header("Set-Cookie")) return true;
    const std::string cookies = request.header("cookie");
    for (std::size_t start = 0; start < cookies.size();) {
        auto end = cookies.find(';', start);
        if (end == std::string::npos) end = cookies.size();
        const auto first = cookies.find_first_not_of(' ', start);
        if (first < end && cookies.compare(first, 5, "lang=") != 0) return true;
        start = end + 1;
    }
    return false;
}

}  // namespace

std::optional<Coding> negotiated_coding(const Request& request) { return best_coding(accepted_by(request), true, true); }

void add_vary(Response& response, std::string_view field) {
    for (auto& [name, value] : response.headers) {
        if (name != "Vary") continue;
        if (value.find(field) == std::string::npos) value += ", " + std::string(field);
        return;
    }
    response.header("Vary", std::string(field));
}

bool encode_response(const Request& request, Response& response) {
    if (response.stream || response.has_header("Content-Encoding") || response.status == 204 || response.status == 304 ||
        !compressible_type(response.content_type) || may_hold_a_secret(request, response))
        return true;
    add_vary(response, "Accept-Encoding");
    const AcceptedCodings accepted = accepted_by(request);
    const auto coding = best_coding(accepted, true, true);
    if (!coding) return false;
    const bool identity_acceptable = accepted.identity > 0;
    if (*coding == Coding::identity || response.body.empty() ||
        (identity_acceptable && response.body.size() < min_compressed_body))
        return true;
    std::string compressed = *coding == Coding::br ? brotli_compress(response.body, dynamic_brotli_quality)
                                                   : gzip_compress(response.body, dynamic_gzip_level);
    if (identity_acceptable && compressed.size() >= response.body.size()) return true;
    response.body = std::move(compressed);
    response.header("Content-Encoding", std::string(to_string(*coding)));
    return true;
}

}  // namespace latitudes::web
