#pragma once
// Percent-encoding of URLs and query strings: pure text, shared by the web room (requests),
// the store room (saved searches keep their query string) and the mails (links).
#include <map>
#include <string>
#include <string_view>

namespace latitudes::domain {

// Percent-decoding ('+' as space in queries); invalid escapes are kept verbatim.
std::string url_decode(std::string_view text, bool plus_as_space);
std::string url_encode(std::string_view text);
std::multimap<std::string, std::string> parse_query(std::string_view query);

}  // namespace latitudes::domain
