#include "domain/opportunity.hpp"

#include "domain/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

namespace latitudes::domain {

namespace {

constexpr std::array<std::string_view, 10> detail_problem_names{
    "place", "hours_per_week", "compensation", "partner", "frequency", "sessions", "seeking", "capacity", "deadline", "encoding"};
constexpr std::array<std::string_view, 6> application_status_names{"pending",  "call_requested", "accepted",
                                                                   "declined", "withdrawn",      "expired"};

std::optional<int> whole(std::string_view text, int low, int high) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) return std::nullopt;
    return value;
}

}  // namespace

DetailFields detail_fields(Format format) {
    DetailFields f;
    f.applications = format != Format::student_project;
    f.place = f.applications;
    switch (format) {
        case Format::student_project: break;
        case Format::internship: f.hours_per_week = f.compensation = true; break;
        case Format::shared_job: f.partner = true; break;
        case Format::friday_volunteering: f.partner = f.frequency = true; break;
        case Format::mentoring: f.sessions = true; break;
        case Format::venture_support: f.hours_per_week = f.seeking = true; break;
        case Format::research_topic: f.partner = true; break;
    }
    return f;
}

std::string_view to_string(DetailProblem problem) { return detail_problem_names.at(static_cast<std::size_t>(problem)); }

bool is_valid_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    const auto year = whole(text.substr(0, 4), 2000, 2100);
    const auto month = whole(text.substr(5, 2), 1, 12);
    const auto day = whole(text.substr(8, 2), 1, 31);
    if (!year || !month || !day) return false;
    const std::chrono::year_month_day date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                                           std::chrono::day{static_cast<unsigned>(*day)}};
    return date.ok();
}

std::string date_as_typed(std::string_view text) {
    const std::string typed = trimmed(text);
    const auto first = typed.find('/'), second = typed.rfind('/');
    if (first == std::string::npos || first == second) return typed;
    auto two = [](std::string part) { return part.size() == 1 ? "0" + part : part; };
    const std::string day = two(typed.substr(0, first)), month = two(typed.substr(first + 1, second - first - 1));
    const std::string year = typed.substr(second + 1);
    const std::string iso = year + "-" + month + "-" + day;
    return year.size() == 4 && day.size() == 2 && month.size() == 2 && is_valid_date(iso) ? iso : typed;
}

CheckedDetails check_details(Format format, const DetailsInput& in) {
    CheckedDetails out;
    std::set<DetailProblem> problems;
    for (const auto* text : {&in.place, &in.remote, &in.hours_per_week, &in.compensation, &in.partner, &in.frequency,
                             &in.sessions, &in.seeking, &in.capacity, &in.deadline})
        if (!is_valid_utf8(*text)) {
            out.problems.push_back(DetailProblem::encoding);
            return out;
        }
    const auto fields = detail_fields(format);
    if (!fields.applications) return out;  // semester projects: team size lives on the project
    auto& d = out.details;
    d.remote = in.remote == "1" || in.remote == "on" || in.remote == "true";
    if (characters(in.place) > 120) problems.insert(DetailProblem::place);
    else d.place = in.place;
    if (d.place.find_first_not_of(" \t") == std::string::npos) {
        d.place.clear();
        if (!d.remote) problems.insert(DetailProblem::place);  // somewhere, or remote
    }
    if (fields.hours_per_week && !in.hours_per_week.empty()) {
        if (auto h = whole(in.hours_per_week, 1, 60)) d.hours_per_week = *h;
        else problems.insert(DetailProblem::hours_per_week);
    }
    if (fields.compensation) {
        if (auto c = whole(in.compensation, min_internship_gratification, 20000)) d.compensation = *c;
        else problems.insert(DetailProblem::compensation);
    }
    if (fields.partner) {
        if (characters(in.partner) > 200) problems.insert(DetailProblem::partner);
        else d.partner = in.partner;
        // A shared job and a Friday volunteering need their partner company.
        if (format != Format::research_topic && d.partner.find_first_not_of(" \t") == std::string::npos)
            problems.insert(DetailProblem::partner);
    }
    if (fields.frequency) {
        if (std::find(frequencies.begin(), frequencies.end(), in.frequency) == frequencies.end())
            problems.insert(DetailProblem::frequency);
        else d.frequency = in.frequency;
    }
    if (fields.sessions) {
        if (auto s = whole(in.sessions, 1, 100)) d.sessions = *s;
        else problems.insert(DetailProblem::sessions);
    }
    if (fields.seeking) {
        if (std::find(seekings.begin(), seekings.end(), in.seeking) == seekings.end()) problems.insert(DetailProblem::seeking);
        else d.seeking = in.seeking;
    }
    if (in.capacity.empty()) d.capacity = 1;
    else if (auto c = whole(in.capacity, 1, 500)) d.capacity = *c;
    else problems.insert(DetailProblem::capacity);
    if (!in.deadline.empty()) {
        if (is_valid_date(in.deadline)) d.deadline = in.deadline;
        else problems.insert(DetailProblem::deadline);
    }
    out.problems.assign(problems.begin(), problems.end());
    return out;
}

std::string_view to_string(ApplicationStatus status) { return application_status_names.at(static_cast<std::size_t>(status)); }

std::optional<ApplicationStatus> parse_application_status(std::string_view text) {
    for (std::size_t i = 0; i != application_status_names.size(); ++i)
        if (application_status_names[i] == text) return static_cast<ApplicationStatus>(i);
    return std::nullopt;
}

bool is_awaiting(ApplicationStatus status) {
    return status == ApplicationStatus::pending || status == ApplicationStatus::call_requested;
}

bool can_decide(ApplicationStatus from, ApplicationStatus to) {
    if (!is_awaiting(from)) return false;
    if (to == ApplicationStatus::accepted || to == ApplicationStatus::declined) return true;
    return to == ApplicationStatus::call_requested && from == ApplicationStatus::pending;
}

bool can_withdraw(ApplicationStatus status) { return is_awaiting(status); }

std::string_view can_apply(const ApplyContext& c) {
    if (!detail_fields(c.format).applications) return apply_refusal::not_applicable;
    if (c.status != Status::published) return apply_refusal::not_open;
    if (!c.deadline.empty() && !c.today.empty() && c.today > c.deadline) return apply_refusal::deadline_passed;
    if (c.accepted >= c.capacity) return apply_refusal::full;
    if (c.already_applied) return apply_refusal::already_applied;
    return apply_refusal::none;
}

bool reminder_due(ApplicationStatus status, TimePoint created, bool already_reminded, TimePoint now,
                  const ApplicationTimers& timers) {
    return status == ApplicationStatus::pending && !already_reminded && now - created >= timers.reminder_after &&
           now - created < timers.expiry_after;
}

bool expiry_due(ApplicationStatus status, TimePoint created, TimePoint now, const ApplicationTimers& timers) {
    return is_awaiting(status) && now - created >= timers.expiry_after;
}

}  // namespace latitudes::domain
