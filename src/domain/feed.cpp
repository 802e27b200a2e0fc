#include "domain/feed.hpp"

#include <cctype>
#include <cstdlib>

namespace latitudes::domain {

namespace {

bool digits(std::string_view text, std::size_t from, std::size_t count, int min, int max) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
        value = value * 10 + (text[i] - '0');
    }
    return value >= min && value <= max;
}

// One pass over the template: a value holding "{actor}" or "{detail}" is never expanded.
std::string filled(const std::string& text, const std::string& actor, const std::string& detail) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 7, "{actor}") == 0) {
            out += actor;
            i += 7;
        } else if (text.compare(i, 8, "{detail}") == 0) {
            out += detail;
            i += 8;
        } else out += text[i++];
    }
    return out;
}

}  // namespace

bool is_instant(std::string_view t) {
    // YYYY-MM-DDTHH:MM:SSZ; the day is checked against 31 only: the store compares the text.
    return t.size() == 20 && t[4] == '-' && t[7] == '-' && t[10] == 'T' && t[13] == ':' && t[16] == ':' && t[19] == 'Z' &&
           digits(t, 0, 4, 1970, 9999) && digits(t, 5, 2, 1, 12) && digits(t, 8, 2, 1, 31) && digits(t, 11, 2, 0, 23) &&
           digits(t, 14, 2, 0, 59) && digits(t, 17, 2, 0, 59);
}

std::optional<FeedCursor> parse_feed_cursor(std::string_view text) {
    if (text.size() < 22 || text.size() > 40 || text[20] != '.') return std::nullopt;
    const auto at = text.substr(0, 20), id = text.substr(21);
    if (!is_instant(at) || id.front() == '0') return std::nullopt;
    for (char c : id)
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    if (id.size() > 18) return std::nullopt;
    return FeedCursor{std::string(at), std::strtoll(std::string(id).c_str(), nullptr, 10)};
}

std::string to_string(const FeedCursor& cursor) { return cursor.at + "." + std::to_string(cursor.id); }

std::string feed_text(const Catalogue& catalogue, Lang lang, const std::string& kind, const std::string& actor,
                      const std::string& detail) {
    const std::string key = "feed.kind." + kind;
    const std::string& text = catalogue.has(lang, key) ? catalogue.get(lang, key) : catalogue.get(lang, "feed.kind.other");
    return filled(text, actor.empty() ? catalogue.get(lang, "feed.actor.platform") : actor, detail);
}

}  // namespace latitudes::domain
