#pragma once
// A team's follow-up: the milestone template staff maintain, the milestones a team gets from it
// when it is formed (dated from the team's formation or the semester's end), and the weekly
// update each student posts (what was done, what is next, blockers, hours). Pure: dates are
// ISO text (YYYY-MM-DD), durations minutes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

inline constexpr std::size_t max_milestone_title = 120;
inline constexpr std::size_t max_milestone_description = 300;
inline constexpr int max_offset_weeks = 52;
// A weekly session repeats until the semester's end (or the end an opportunity's team is given),
// never more than this many times.
inline constexpr int max_weekly_occurrences = 20;
// An opportunity's team has no semester: its "end" is this long after it was formed.
inline constexpr int opportunity_weeks = 16;

// From when a step is dated: the team's formation, or the semester's end (offset negative: before).
inline constexpr std::string_view milestone_anchors[] = {"formed", "semester_end"};
// Who owns a step by default: one of the team's students, its supervisor, the beneficiary's contact.
inline constexpr std::string_view milestone_owner_roles[] = {"team", "supervisor", "beneficiary"};
inline constexpr std::string_view milestone_states[] = {"todo", "in_progress", "done"};

struct MilestoneStep {
    long long id = 0;
    int position = 0;
    std::string title_fr, title_en, description_fr, description_en;
    std::string anchor = "formed";
    int offset_weeks = 0;
    std::string owner_role = "team";
    bool weekly = false;
};

// A step as typed in the staff form (numbers as text).
struct MilestoneStepInput {
    std::string position, title_fr, title_en, description_fr, description_en, anchor, offset_weeks, owner_role;
    bool weekly = false;
};

// A problem of a form, next to its field: field "title_fr", code "missing".
struct FieldProblem {
    std::string field, code;  // code: missing, too_long, encoding, invalid, negative, absurd
    bool operator==(const FieldProblem&) const = default;
};

// The problems of a step (fields title_fr, title_en, description_fr, description_en, position,
// anchor, offset_weeks, owner_role); none: `step` is filled (its id untouched).
std::vector<FieldProblem> check_milestone_step(const MilestoneStepInput& input, MilestoneStep& step);

struct PlannedMilestone {
    long long step_id = 0;
    int position = 0;
    std::string title_fr, title_en, description_fr, description_en, due_on, owner_role;
    int occurrence = 0;  // 1, 2... for a weekly step; 0 otherwise
};

// The milestones of a team formed on `formed_on` whose semester ends on `semester_ends_on` (""
// for an opportunity's team: formed_on + opportunity_weeks), in date order. A weekly step gives
// one milestone a week from its date until the end (at most max_weekly_occurrences).
std::vector<PlannedMilestone> plan_milestones(const std::vector<MilestoneStep>& steps, const std::string& formed_on,
                                              const std::string& semester_ends_on);

// `date` moved by `days` (YYYY-MM-DD in, YYYY-MM-DD out); "" for a date that is not one.
std::string add_days(const std::string& date, int days);
// The Monday of the ISO week holding `date`: what a weekly update is for.
std::string week_of(const std::string& date);
bool is_milestone_state(std::string_view state);
// Not done and due before `today`.
bool is_overdue(const std::string& due_on, const std::string& state, const std::string& today);

// The weekly update as typed.
inline constexpr std::size_t max_update_text = 2000;
inline constexpr int max_weekly_minutes = 60 * 60;  // 60 hours in a week: more is a typing mistake
struct WeeklyUpdateInput {
    std::string done, next, blockers, hours;  // hours "3", "2.5" or "2,5"
};
struct CheckedUpdate {
    int minutes = 0;
    // done: missing, too_long, encoding; next, blockers: too_long, encoding; hours: invalid (not
    // a number), negative, absurd (over max_weekly_minutes).
    std::vector<FieldProblem> problems;
    bool ok() const { return problems.empty(); }
};
CheckedUpdate check_weekly_update(const WeeklyUpdateInput& input);
// "2.5" for 150 minutes, "3" for 180: how hours are shown and prefilled.
std::string hours_text(int minutes);

}  // namespace latitudes::domain
