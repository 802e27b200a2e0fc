#include "web/api_input.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace latitudes::web {

namespace {

// {"error": {"code", "message"[, "parameter"]}}. What the client sent (a name, a media type) may
// be any bytes: what is not UTF-8 is replaced rather than thrown on.
Response refusal(int status, const std::string& code, const std::string& message, const std::string* parameter = nullptr) {
    nlohmann::json body{{"error", {{"code", code}, {"message", message}}}};
    if (parameter) body["error"]["parameter"] = parameter->substr(0, 100);
    return json_response(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string listed(const std::vector<std::string>& names) {
    if (names.empty()) return "none";
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

}  // namespace

std::string media_type_of(std::string_view content_type) {
    auto type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
    std::string lower(type);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower;
}

std::optional<Response> refuse_api_input(const Route& route, const Request& request) {
    const auto& known = route.api.query;
    for (auto it = request.query.begin(); it != request.query.end(); it = request.query.upper_bound(it->first)) {
        const std::string& name = it->first;
        std::string quoted = "'";  // appended, not `"'" + ...`: GCC 12 warns falsely (-Wrestrict) on that
        quoted.append(name, 0, 100).push_back('\'');
        if (std::find(known.begin(), known.end(), name) == known.end())
            return refusal(400, "unknown_parameter",
                           "unknown query parameter " + quoted + " (this route reads: " + listed(known) +
                               "; see docs/api/openapi.yaml)",
                           &name);
        // Every parameter takes one value: a second one is refused rather than silently dropped.
        if (const auto times = request.query.count(name); times > 1)
            return refusal(400, "repeated_parameter",
                           "query parameter " + quoted + " is given " + std::to_string(times) + " times: it takes one value",
                           &name);
    }
    if (!request.is_unsafe()) return std::nullopt;
    const std::string content_type = request.header("content-type");
    if (content_type.empty() && request.body.empty()) return std::nullopt;
    const std::string sent = media_type_of(content_type);
    const std::string& wanted = route.api.body_type;
    if (!wanted.empty() && sent == wanted) return std::nullopt;
    Response refused = refusal(415, "unsupported_media_type",
                               wanted.empty() ? "this route takes no body"
                                              : "the body must be " + wanted + " (Content-Type: " +
                                                    (sent.empty() ? std::string("none") : sent.substr(0, 100)) + ")");
    if (!wanted.empty()) refused.header("Accept", wanted);
    return refused;
}

}  // namespace latitudes::web
