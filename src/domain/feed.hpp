#pragma once
// The personal feed's pure rules: its pages (a keyset cursor over (at, id), newest first), its
// limits, and the text of an entry in a language (feed.kind.<kind> with {actor} and {detail}).
#include "domain/i18n.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace latitudes::domain {

inline constexpr int feed_page_size = 20;    // entries on a page of Mon espace, and the API's default
inline constexpr int max_feed_limit = 100;   // the API's largest page
inline constexpr int feed_digest_size = 20;  // entries in one digest mail (the rest: "and more on Mon espace")

// Where a page of the feed starts: the entries strictly older than (at, id).
struct FeedCursor {
    std::string at;  // ISO-8601 instant, "2027-01-20T10:00:00Z"
    long long id = 0;
};

// "2027-01-20T10:00:00Z" exactly (the form the store writes), with a real date and time.
bool is_instant(std::string_view text);
// "2027-01-20T10:00:00Z.123" <-> FeedCursor; nullopt for anything else.
std::optional<FeedCursor> parse_feed_cursor(std::string_view text);
std::string to_string(const FeedCursor& cursor);

// The sentence of an entry: the catalogue's feed.kind.<kind> (feed.kind.other for a kind it does
// not know, so that a new kind without its text shows something rather than failing), with
// {actor} (feed.actor.platform when empty) and {detail} filled in.
std::string feed_text(const Catalogue& catalogue, Lang lang, const std::string& kind, const std::string& actor,
                      const std::string& detail);

}  // namespace latitudes::domain
