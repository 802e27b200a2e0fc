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

// The mails of a campaign's window (src/jobs/campaigns.cpp): "the choices are open" to every
// student once it opened, then reminders to those who saved no ranking 3 days and 1 day before it
// closes. One mail at a time: a first run inside the last day sends the 1-day reminder only, and
// an "open" mail sent late stands for the reminders whose time had come (it gives the closing
// date and what to rank). Nothing outside the window: a campaign first seen after it closed gets
// no mail at all (see the job for why it is not marked either).
enum class CampaignMail { none, opened, reminder_3d, reminder_1d };
struct CampaignMailsSent {
    bool opened = false, reminded_3d = false, reminded_1d = false;
};
inline constexpr std::chrono::hours campaign_reminder_3d{24 * 3}, campaign_reminder_1d{24};  // before it closes
using CampaignClock = std::chrono::system_clock;
CampaignMail campaign_mail_due(CampaignClock::time_point now, CampaignClock::time_point opens, CampaignClock::time_point closes,
                               const CampaignMailsSent& sent);
// What is sent once `mail` went out at `now`: the mail itself, and for an "open" mail the
// reminders whose time had come.
CampaignMailsSent campaign_mails_after(CampaignMail mail, CampaignClock::time_point now, CampaignClock::time_point closes,
                                       CampaignMailsSent sent);

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
