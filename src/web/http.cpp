#include "web/http.hpp"

#include "domain/text.hpp"
#include "web/multipart.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <ctime>

namespace latitudes::web {

std::string Request::header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

std::string Request::bearer_token() const {
    const std::string authorization = header("authorization");
    constexpr std::string_view scheme = "bearer ";
    if (authorization.size() <= scheme.size()) return {};
    for (std::size_t i = 0; i < scheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(authorization[i])) != scheme[i]) return {};
    std::string token = authorization.substr(scheme.size());
    token.erase(0, token.find_first_not_of(' '));
    return token;
}

std::multimap<std::string, std::string> Request::form() const {
    const std::string type = header("content-type");
    if (type.rfind("multipart/form-data", 0) == 0) {
        auto parts = parse_multipart(type, body);
        return parts ? std::move(parts->fields) : std::multimap<std::string, std::string>{};
    }
    if (type.rfind("application/x-www-form-urlencoded", 0) != 0) return {};
    return parse_query(body);
}

std::optional<std::string> Request::uploaded_file(const std::string& field) const {
    const std::string type = header("content-type");
    if (type.rfind("multipart/form-data", 0) != 0) return std::nullopt;
    auto parts = parse_multipart(type, body);
    if (!parts || !parts->files.count(field)) return std::nullopt;
    return std::move(parts->files[field].content);
}

std::string Request::form_value(const std::string& name) const {
    const auto fields = form();
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
}

std::string Request::cookie(std::string_view name) const {
    const std::string all = header("cookie");
    std::size_t pos = 0;
    while (pos < all.size()) {
        auto end = all.find(';', pos);
        if (end == std::string::npos) end = all.size();
        std::string_view item(all.data() + pos, end - pos);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        if (auto eq = item.find('='); eq != std::string_view::npos && item.substr(0, eq) == name)
            return std::string(item.substr(eq + 1));
        pos = end + 1;
    }
    return {};
}

std::string http_date(std::chrono::system_clock::time_point when) {
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buffer[40];
    // strftime's %a and %b follow the C locale, which the server never changes.
    std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return buffer;
}

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
    const std::string value(text);
    for (const char* format : {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"}) {
        std::tm utc{};
        const char* end = strptime(value.c_str(), format, &utc);
        if (end && *end == '\0') return std::chrono::system_clock::from_time_t(timegm(&utc));
    }
    return std::nullopt;
}

bool if_none_match_matches(std::string_view header, std::string_view etag) {
    const auto opaque = [](std::string_view tag) {
        while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
        while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
        if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
        return tag;
    };
    const std::string_view wanted = opaque(etag);
    while (true) {
        const auto comma = header.find(',');
        const std::string_view tag = opaque(header.substr(0, comma));
        if (tag == "*" || (!tag.empty() && tag == wanted)) return true;
        if (comma == std::string_view::npos) return false;
        header.remove_prefix(comma + 1);
    }
}

// RFC 9110's reason phrase of every status the server sends.
const char* reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 303: return "See Other";
        case 304: return "Not Modified";
        case 307: return "Temporary Redirect";
        case 308: return "Permanent Redirect";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 406: return "Not Acceptable";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 410: return "Gone";
        case 411: return "Length Required";
        case 412: return "Precondition Failed";
        case 413: return "Content Too Large";
        case 414: return "URI Too Long";
        case 415: return "Unsupported Media Type";
        case 422: return "Unprocessable Content";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "Unknown";
    }
}

Response json_response(int status, std::string body) {
    Response r;
    r.status = status;
    r.content_type = "application/json; charset=utf-8";
    r.body = std::move(body);
    return r;
}

Response json_error(int status, std::string_view code, std::string_view message) {
    nlohmann::json doc{{"error", {{"code", code}, {"message", message}}}};
    return json_response(status, doc.dump());
}

Response redirect(int status, std::string location) {
    Response r;
    r.status = status;
    r.header("Location", std::move(location));
    return r;
}

std::string redact_secrets(std::string_view target) {
    const auto question = target.find('?');
    if (question == std::string_view::npos) return std::string(target);
    std::string out(target.substr(0, question + 1));
    std::string_view query = target.substr(question + 1);
    bool first = true;
    while (true) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        if (!first) out += '&';
        first = false;
        const auto equals = pair.find('=');
        const std::string name = url_decode(pair.substr(0, equals), true);
        if (equals != std::string_view::npos && name == "token") {
            out.append(pair.substr(0, equals + 1));
            out += "REDACTED";
        } else {
            out.append(pair);
        }
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return out;
}

std::optional<long long> parse_id(std::string_view text, std::size_t max_digits) {
    if (text.empty() || text.size() > std::min<std::size_t>(max_digits, 18) ||
        text.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    return std::stoll(std::string(text));
}

namespace {

std::optional<std::string> json_field_with_control_character(const nlohmann::json& value, const std::string& key) {
    if (value.is_string()) {
        if (domain::has_control_character(value.get_ref<const std::string&>(), domain::is_multi_line_field(key))) return key;
    } else if (value.is_object()) {
        for (const auto& [name, item] : value.items())
            if (auto bad = json_field_with_control_character(item, name)) return bad;
    } else if (value.is_array()) {
        for (const auto& item : value)
            if (auto bad = json_field_with_control_character(item, key)) return bad;
    }
    return std::nullopt;
}

// Length of the well-formed UTF-8 sequence at `text[i]` (1 to 4), or 0 when it is not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    std::size_t length = c < 0x80                   ? 1
                         : (c >= 0xc2 && c <= 0xdf) ? 2
                         : (c >= 0xe0 && c <= 0xef) ? 3
                         : (c >= 0xf0 && c <= 0xf4) ? 4
                                                    : 0;
    if (length <= 1 || i + length > text.size()) return length == 1 ? 1 : 0;
    return domain::is_valid_utf8(text.substr(i, length)) ? length : 0;
}

}  // namespace

std::optional<std::string> field_with_control_character(const Request& request) {
    if (!request.is_unsafe() || request.body.empty()) return std::nullopt;
    const std::string type = request.header("content-type");
    if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
        for (const auto& [name, value] : request.form())
            if (domain::has_control_character(value, domain::is_multi_line_field(name))) return name;
        return std::nullopt;
    }
    // A body that does not parse is the handler's to refuse, with its own message.
    const auto doc = nlohmann::json::parse(request.body, nullptr, false);
    if (doc.is_discarded()) return std::nullopt;
    return json_field_with_control_character(doc, "");
}

std::string json_string_escape(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = utf8_sequence_length(text, i);
        if (length == 0) {  // not UTF-8: keep the byte's value, readable and valid JSON
            out += "\\\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
            ++i;
        } else if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x20 || c == 0x7f) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

bool takes_large_body(std::string_view method, std::string_view target) {
    if (method != "POST") return false;
    target = target.substr(0, target.find('?'));
    constexpr std::string_view prefix = "/teams/", suffix = "/documents";
    if (target.substr(0, prefix.size()) != prefix || target.size() <= prefix.size() + suffix.size() ||
        target.substr(target.size() - suffix.size()) != suffix)
        return false;
    const auto id = target.substr(prefix.size(), target.size() - prefix.size() - suffix.size());
    return id.size() <= 18 && id.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace latitudes::web
