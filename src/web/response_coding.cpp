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
    if (response.has_header("Content-Encoding") || response.status == 204 || response.status == 304 ||
        !compressible_type(response.content_type))
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
