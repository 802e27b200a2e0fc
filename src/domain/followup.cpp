#include "domain/followup.hpp"

#include "domain/text.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace latitudes::domain {

namespace {

std::optional<std::chrono::sys_days> parse_day(const std::string& date) {
    if (date.size() < 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(date.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
    const std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!day.ok()) return std::nullopt;
    return std::chrono::sys_days{day};
}

std::string text_of(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return out;
}

template <std::size_t N>
bool one_of(const std::string_view (&values)[N], std::string_view value) {
    return std::find(std::begin(values), std::end(values), value) != std::end(values);
}

std::optional<int> whole_number(const std::string& text) {
    const std::string t = trimmed(text);
    int value = 0;
    const char* end = t.data() + t.size();
    const auto [ptr, ec] = std::from_chars(t.data(), end, value);
    if (t.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

void check_text_field(std::vector<FieldProblem>& problems, const std::string& field, const std::string& text, bool required,
                      std::size_t max) {
    if (!is_valid_utf8(text)) problems.push_back({field, "encoding"});
    else if (required && is_blank(text)) problems.push_back({field, "missing"});
    else if (characters(text) > max) problems.push_back({field, "too_long"});
}

}  // namespace

std::vector<FieldProblem> check_milestone_step(const MilestoneStepInput& input, MilestoneStep& step) {
    std::vector<FieldProblem> problems;
    const auto position = whole_number(input.position);
    if (!position || *position < 1 || *position > 999) problems.push_back({"position", "invalid"});
    check_text_field(problems, "title_fr", input.title_fr, true, max_milestone_title);
    check_text_field(problems, "title_en", input.title_en, true, max_milestone_title);
    check_text_field(problems, "description_fr", input.description_fr, false, max_milestone_description);
    check_text_field(problems, "description_en", input.description_en, false, max_milestone_description);
    if (!one_of(milestone_anchors, input.anchor)) problems.push_back({"anchor", "invalid"});
    const auto offset = whole_number(input.offset_weeks);
    if (!offset || *offset < -max_offset_weeks || *offset > max_offset_weeks) problems.push_back({"offset_weeks", "invalid"});
    if (!one_of(milestone_owner_roles, input.owner_role)) problems.push_back({"owner_role", "invalid"});
    if (!problems.empty()) return problems;
    step.position = *position;
    step.title_fr = trimmed(input.title_fr);
    step.title_en = trimmed(input.title_en);
    step.description_fr = trimmed(input.description_fr);
    step.description_en = trimmed(input.description_en);
    step.anchor = input.anchor;
    step.offset_weeks = *offset;
    step.owner_role = input.owner_role;
    step.weekly = input.weekly;
    return problems;
}

std::string add_days(const std::string& date, int days) {
    const auto day = parse_day(date);
    return day ? text_of(*day + std::chrono::days{days}) : std::string();
}

std::string week_of(const std::string& date) {
    const auto day = parse_day(date);
    if (!day) return {};
    const std::chrono::weekday weekday{*day};
    // Monday is 1 in ISO terms; Sunday (0) belongs to the week that began six days before.
    const int back = (static_cast<int>(weekday.c_encoding()) + 6) % 7;
    return text_of(*day - std::chrono::days{back});
}

std::vector<PlannedMilestone> plan_milestones(const std::vector<MilestoneStep>& steps, const std::string& formed_on,
                                              const std::string& semester_ends_on) {
    const std::string end = parse_day(semester_ends_on) ? semester_ends_on.substr(0, 10)
                                                        : add_days(formed_on, 7 * opportunity_weeks);
    std::vector<PlannedMilestone> planned;
    if (end.empty()) return planned;
    for (const auto& step : steps) {
        const std::string& base = step.anchor == "semester_end" ? end : formed_on;
        PlannedMilestone m{step.id,
                           step.position,
                           step.title_fr,
                           step.title_en,
                           step.description_fr,
                           step.description_en,
                           add_days(base, 7 * step.offset_weeks),
                           step.owner_role,
                           0};
        if (m.due_on.empty()) continue;
        if (!step.weekly) {
            planned.push_back(m);
            continue;
        }
        for (int n = 1; n <= max_weekly_occurrences && m.due_on <= end; ++n) {
            m.occurrence = n;
            planned.push_back(m);
            m.due_on = add_days(m.due_on, 7);
        }
    }
    std::stable_sort(planned.begin(), planned.end(), [](const auto& a, const auto& b) {
        return a.due_on != b.due_on ? a.due_on < b.due_on : a.position < b.position;
    });
    return planned;
}

bool is_milestone_state(std::string_view state) { return one_of(milestone_states, state); }

bool is_overdue(const std::string& due_on, const std::string& state, const std::string& today) {
    return state != "done" && !due_on.empty() && due_on < today;
}

CheckedUpdate check_weekly_update(const WeeklyUpdateInput& input) {
    CheckedUpdate out;
    check_text_field(out.problems, "done", input.done, true, max_update_text);
    check_text_field(out.problems, "next", input.next, false, max_update_text);
    check_text_field(out.problems, "blockers", input.blockers, false, max_update_text);
    std::string hours = trimmed(input.hours);
    std::replace(hours.begin(), hours.end(), ',', '.');
    if (hours.empty()) hours = "0";
    double value = 0;
    const char* end = hours.data() + hours.size();
    const auto [ptr, ec] = std::from_chars(hours.data(), end, value);
    if (ec != std::errc{} || ptr != end || !std::isfinite(value)) out.problems.push_back({"hours", "invalid"});
    else if (value < 0) out.problems.push_back({"hours", "negative"});
    else if (value * 60 > max_weekly_minutes) out.problems.push_back({"hours", "absurd"});
    else out.minutes = static_cast<int>(std::lround(value * 60));
    return out;
}

std::string hours_text(int minutes) {
    char out[32];
    if (minutes % 60 == 0) std::snprintf(out, sizeof out, "%d", minutes / 60);
    else std::snprintf(out, sizeof out, "%.1f", minutes / 60.0);
    std::string text = out;
    if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.resize(text.size() - 2);
    return text;
}

}  // namespace latitudes::domain
