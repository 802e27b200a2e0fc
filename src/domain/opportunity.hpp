#pragma once
// Opportunities of every format but semester projects: the fields each format needs,
// and the life of an application to one. Pure rules, no I/O.
#include "domain/project.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

// ---------------------------------------------------------------------------------------------
// Format-specific details

// Which details a format asks for (the others stay empty).
struct DetailFields {
    bool place = false;  // city, or empty when fully remote
    bool hours_per_week = false;
    bool compensation = false;  // internships: monthly gratification in euros (required)
    bool partner = false;       // shared job and Friday volunteering: the partner company;
                                // research topic: the chair's partners
    bool frequency = false;     // Friday volunteering: weekly or monthly
    bool sessions = false;      // mentoring: number of sessions
    bool seeking = false;       // venture support: co-founder, expert or company expertise
    bool applications = false;  // people apply (every format but student projects)
};
DetailFields detail_fields(Format format);

inline constexpr std::array<std::string_view, 2> frequencies{"weekly", "monthly"};
inline constexpr std::array<std::string_view, 3> seekings{"cofounder", "expert", "company_expertise"};
inline constexpr int min_internship_gratification = 600;  // euros a month (French legal minimum, rounded)

struct OpportunityDetails {
    std::string place;
    bool remote = false;
    int hours_per_week = 0;
    int compensation = 0;  // euros a month
    std::string partner;
    std::string frequency;  // "weekly" | "monthly" | ""
    int sessions = 0;
    std::string seeking;   // one of seekings, or ""
    int capacity = 1;      // places; applications stop when this many are accepted
    std::string deadline;  // last day to apply, YYYY-MM-DD, or "" for none
};

// The details as typed in a form (numbers as text).
struct DetailsInput {
    std::string place, remote, hours_per_week, compensation, partner, frequency, sessions, seeking, capacity, deadline;
};

enum class DetailProblem {
    place,
    hours_per_week,
    compensation,
    partner,
    frequency,
    sessions,
    seeking,
    capacity,
    deadline,
    encoding
};
std::string_view to_string(DetailProblem problem);

struct CheckedDetails {
    OpportunityDetails details;
    std::vector<DetailProblem> problems;  // each at most once, in enum order
    bool ok() const { return problems.empty(); }
};
// Fields the format does not use are ignored. `remote` is "1"/"on" for true.
CheckedDetails check_details(Format format, const DetailsInput& input);

// A calendar date YYYY-MM-DD that exists.
bool is_valid_date(std::string_view text);
// A date as a person may type it where the browser offers no date picker: "31/01/2027" or
// "1/2/2027" (day first, as in French) becomes "2027-01-31"; anything else is returned as it was
// (trimmed), for is_valid_date to judge.
std::string date_as_typed(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Applications

enum class ApplicationStatus { pending, call_requested, accepted, declined, withdrawn, expired };
inline constexpr std::array all_application_statuses{ApplicationStatus::pending,   ApplicationStatus::call_requested,
                                                     ApplicationStatus::accepted,  ApplicationStatus::declined,
                                                     ApplicationStatus::withdrawn, ApplicationStatus::expired};
std::string_view to_string(ApplicationStatus status);
std::optional<ApplicationStatus> parse_application_status(std::string_view text);

// Still waiting for the owner (pending or a call asked for): can be decided, withdrawn, expire.
bool is_awaiting(ApplicationStatus status);

// The owner's decisions: accept, decline, or ask for a call first.
bool can_decide(ApplicationStatus from, ApplicationStatus to);
bool can_withdraw(ApplicationStatus status);

// Why one may not apply ("" when one may): checked in this order.
namespace apply_refusal {
inline constexpr std::string_view none = "";
inline constexpr std::string_view not_applicable = "no_applications_for_format";  // semester projects
inline constexpr std::string_view not_open = "not_open";                          // not published
inline constexpr std::string_view deadline_passed = "deadline_passed";
inline constexpr std::string_view full = "full";
inline constexpr std::string_view already_applied = "already_applied";
}  // namespace apply_refusal

struct ApplyContext {
    Format format = Format::internship;
    Status status = Status::published;
    std::string deadline;  // YYYY-MM-DD or ""
    std::string today;     // YYYY-MM-DD
    int capacity = 1;
    long long accepted = 0;
    bool already_applied = false;  // an application of this person that is not withdrawn
};
std::string_view can_apply(const ApplyContext& context);

// When an unanswered application is reminded to the owner, and when it expires (configurable;
// peers learned that without them applications rot).
struct ApplicationTimers {
    std::chrono::hours reminder_after{24 * 5};
    std::chrono::hours expiry_after{24 * 21};
};
using TimePoint = std::chrono::system_clock::time_point;
bool reminder_due(ApplicationStatus status, TimePoint created, bool already_reminded, TimePoint now,
                  const ApplicationTimers& timers);
bool expiry_due(ApplicationStatus status, TimePoint created, TimePoint now, const ApplicationTimers& timers);

inline constexpr std::size_t max_application_message = 4000;

}  // namespace latitudes::domain
