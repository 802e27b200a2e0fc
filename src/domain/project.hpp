#pragma once
// Pure rules about projects and opportunities: levels, formats, statuses, who sees what.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace latitudes::domain {

enum class Level { collaborator, entrepreneur, researcher };
enum class Format { student_project, internship, shared_job, friday_volunteering, mentoring, venture_support, research_topic };
enum class Status { draft, submitted, framing, ready, published, in_progress, delivered, evaluated, declined, cancelled };

inline constexpr std::array all_levels{Level::collaborator, Level::entrepreneur, Level::researcher};
inline constexpr std::array all_formats{Format::student_project,     Format::internship, Format::shared_job,
                                        Format::friday_volunteering, Format::mentoring,  Format::venture_support,
                                        Format::research_topic};
inline constexpr std::array all_statuses{Status::draft,     Status::submitted,   Status::framing,   Status::ready,
                                         Status::published, Status::in_progress, Status::delivered, Status::evaluated,
                                         Status::declined,  Status::cancelled};
// What the public catalogue may show: everything from publication on, nothing declined or cancelled.
inline constexpr std::array public_statuses{Status::published, Status::in_progress, Status::delivered, Status::evaluated};

// Stable identifiers, as stored in the database and used in URLs and catalogues.
std::string_view to_string(Level level);
std::string_view to_string(Format format);
std::string_view to_string(Status status);
std::optional<Level> parse_level(std::string_view text);
std::optional<Format> parse_format(std::string_view text);
std::optional<Status> parse_status(std::string_view text);

// Each format belongs to exactly one level of engagement.
Level level_of(Format format);
bool is_public(Status status);

// The SDGs are numbered 1 to 17.
inline constexpr int sdg_count = 17;
inline bool is_valid_sdg(int id) { return id >= 1 && id <= sdg_count; }

// Team size bounds are valid when 1 <= min <= max.
bool is_valid_team_size(int min_size, int max_size);

}  // namespace latitudes::domain
