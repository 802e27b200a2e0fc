#pragma once
// Text helpers shared by the mail room's files (rendering, the outbox, the message); not for
// other rooms.
#include <string>
#include <string_view>

namespace latitudes::mail::detail {

// One line: whitespace runs (newlines included) become one space; trimmed.
std::string one_line(std::string_view text);
// Trailing blanks removed from every line, blank lines at the end dropped, one final newline.
std::string tidy_text(std::string_view text);
// Throws std::invalid_argument for an address no mail may be sent to (or a header injected).
void check_address(std::string_view to);
// The first line of an error message (the rest is often a transcript).
inline std::string first_line(std::string_view message) { return std::string(message.substr(0, message.find('\n'))); }

}  // namespace latitudes::mail::detail
