#include "domain/project.hpp"

#include <algorithm>

namespace latitudes::domain {

namespace {
constexpr std::array<std::string_view, 3> level_names{"collaborator", "entrepreneur", "researcher"};
constexpr std::array<std::string_view, 7> format_names{
    "student_project", "internship", "shared_job", "friday_volunteering", "mentoring", "venture_support", "research_topic"};
constexpr std::array<std::string_view, 10> status_names{"draft",       "submitted", "framing",   "ready",    "published",
                                                        "in_progress", "delivered", "evaluated", "declined", "cancelled"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse(const std::array<std::string_view, N>& names, std::string_view text) {
    for (std::size_t i = 0; i != N; ++i)
        if (names[i] == text) return static_cast<Enum>(i);
    return std::nullopt;
}
}  // namespace

std::string_view to_string(Level level) { return level_names.at(static_cast<std::size_t>(level)); }
std::string_view to_string(Format format) { return format_names.at(static_cast<std::size_t>(format)); }
std::string_view to_string(Status status) { return status_names.at(static_cast<std::size_t>(status)); }
std::optional<Level> parse_level(std::string_view text) { return parse<Level>(level_names, text); }
std::optional<Format> parse_format(std::string_view text) { return parse<Format>(format_names, text); }
std::optional<Status> parse_status(std::string_view text) { return parse<Status>(status_names, text); }

Level level_of(Format format) {
    switch (format) {
        case Format::venture_support: return Level::entrepreneur;
        case Format::research_topic: return Level::researcher;
        default: return Level::collaborator;
    }
}

bool is_public(Status status) {
    return std::find(public_statuses.begin(), public_statuses.end(), status) != public_statuses.end();
}

bool is_valid_team_size(int min_size, int max_size) { return min_size >= 1 && min_size <= max_size; }

}  // namespace latitudes::domain
