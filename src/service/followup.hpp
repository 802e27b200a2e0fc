#pragma once
// A team's follow-up: the milestone template (staff), a team's milestones (planned by its
// planners, moved through their states), the weekly update and the comments under updates. Each
// write is one transaction with its activity (the feed) or its audit row; who may do what in a
// team is domain::may (team.hpp), checked here again whatever the caller checked.
#include "domain/followup.hpp"
#include "domain/team.hpp"
#include "service/service.hpp"
#include "store/teams.hpp"

#include <string>
#include <vector>

namespace latitudes::service {

struct FollowupOutcome {
    enum class Kind { done, invalid, not_found, refused } kind = Kind::done;
    std::vector<domain::FieldProblem> problems;  // invalid
    long long id = 0;                            // done: the step, milestone, update or comment
};

// A template step, new (`step_id` 0) or changed; audited as staff_edit_milestone_template.
FollowupOutcome save_milestone_step(const Context& context, long long staff_id, long long step_id,
                                    const domain::MilestoneStepInput& input);
FollowupOutcome delete_milestone_step(const Context& context, long long staff_id, long long step_id);

// Who acts in which team.
struct TeamActor {
    const store::TeamRecord& team;
    long long person_id;
    domain::TeamStanding standing;
};

// A new date (YYYY-MM-DD, or as typed DD/MM/YYYY) and owner (0: nobody; else a person of the
// workspace): problems on due_on, owner. TeamAction::plan_milestones.
FollowupOutcome plan_milestone(const Context& context, const TeamActor& actor, long long milestone_id, const std::string& due_on,
                               long long owner_id);
// A milestone of the team's own: problems on title, due_on, owner.
FollowupOutcome add_milestone(const Context& context, const TeamActor& actor, const std::string& title, const std::string& due_on,
                              long long owner_id);
// todo, in_progress or done (problem on state); done is recorded in the feed. TeamAction::update_milestone.
FollowupOutcome set_milestone_state(const Context& context, const TeamActor& actor, long long milestone_id,
                                    const std::string& state);

// The student's update of the current week (created or replaced). TeamAction::post_update.
FollowupOutcome post_weekly_update(const Context& context, const TeamActor& actor, const domain::WeeklyUpdateInput& input);
// A comment under one of the team's updates: problem on body (missing, too_long, encoding).
inline constexpr std::size_t max_comment = 1000;
FollowupOutcome comment_update(const Context& context, const TeamActor& actor, long long update_id, const std::string& body);

// The week (its Monday) a weekly update posted at `now` is for.
std::string current_week(Clock::time_point now);

}  // namespace latitudes::service
