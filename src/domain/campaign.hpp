#pragma once
// Semester campaigns: the rules of a campaign (its window, how many choices a student ranks,
// the team sizes of the projects offered), of a student's ranking, of pre-allocations and of
// the coordinator's manual moves. Pure: the service layer reads and writes, this decides.
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

// Where a campaign stands, from its dates and whether a run was published.
enum class CampaignState {
    scheduled,  // the window has not opened yet
    open,       // students rank
    closed,     // the window closed; the coordinator runs the engine and moves students
    published,  // the teams are formed
};
std::string_view to_string(CampaignState state);
CampaignState campaign_state(std::string_view now_iso, std::string_view opens_at, std::string_view closes_at, bool published);

inline constexpr int max_campaign_choices = 20;
inline constexpr std::size_t max_campaign_title = 120;  // characters
inline constexpr int max_team_size = 50;

struct CampaignProjectInput {
    std::string slug;
    std::string team_min, team_max;  // as typed (empty: the framed size)
    std::string supervisor_email;    // optional
    std::string supervisor_limit;    // optional, a whole number ≥ 1
};
struct CampaignInput {
    std::string title;
    std::string opens_at, closes_at;  // "YYYY-MM-DDTHH:MM" (local form value) or ISO instants
    std::string choices, min_choices;
    std::vector<long long> cohort_ids;
    std::vector<CampaignProjectInput> projects;
};
// Problem codes, in the order of the form: "title", "opens_at", "closes_at", "window" (closes
// before it opens), "choices", "min_choices", "cohorts", "projects", "team_size:<slug>",
// "supervisor_limit:<slug>", "duplicate_project:<slug>".
std::vector<std::string> check_campaign(const CampaignInput& input);

// "2027-01-15T18:00" or "2027-01-15T18:00:00Z" as an ISO instant (seconds, Z); nullopt otherwise.
std::optional<std::string> parse_instant(std::string_view text);

// What is wrong with a student's ranking (ordered project slugs), "" when it may be saved.
namespace ranking_refusal {
inline constexpr std::string_view none = "";
inline constexpr std::string_view not_open = "not_open";                // outside the window
inline constexpr std::string_view too_few = "too_few";                  // fewer than min_choices
inline constexpr std::string_view too_many = "too_many";                // more than choices
inline constexpr std::string_view duplicate = "duplicate";              // the same project twice
inline constexpr std::string_view unknown_project = "unknown_project";  // not offered here
}  // namespace ranking_refusal
std::string_view check_ranking(const std::vector<std::string>& ranking, const std::set<std::string>& offered, int min_choices,
                               int max_choices, CampaignState state);

// A reason for a pre-allocation or a manual move: required, one line or a few, ≤ 500 characters.
inline constexpr std::size_t max_allocation_reason = 500;

}  // namespace latitudes::domain
