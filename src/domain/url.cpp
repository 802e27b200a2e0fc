#include "domain/url.hpp"

namespace latitudes::domain {

std::string url_decode(std::string_view text, bool plus_as_space) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else if (plus_as_space && text[i] == '+') {
            out += ' ';
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string url_encode(std::string_view text) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
            c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

std::multimap<std::string, std::string> parse_query(std::string_view query) {
    std::multimap<std::string, std::string> params;
    std::size_t pos = 0;
    while (pos < query.size()) {
        auto end = query.find('&', pos);
        if (end == std::string_view::npos) end = query.size();
        auto item = query.substr(pos, end - pos);
        if (!item.empty()) {
            auto eq = item.find('=');
            if (eq == std::string_view::npos) params.emplace(url_decode(item, true), "");
            else params.emplace(url_decode(item.substr(0, eq), true), url_decode(item.substr(eq + 1), true));
        }
        pos = end + 1;
    }
    return params;
}

}  // namespace latitudes::domain
