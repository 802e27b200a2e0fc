#pragma once
// The milestone template (staff's) and each team's milestones: copied from the template when the
// team is formed (form_milestones, inside the caller's transaction), dated, assigned and moved
// through their states by the team, and reminded to their owner once when overdue.
#include "domain/followup.hpp"
#include "store/database.hpp"
#include "store/teams.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct MilestoneRecord {
    long long id = 0, team_id = 0, step_id = 0, owner_id = 0;
    int occurrence = 0;
    std::string title_fr, title_en, description_fr, description_en, due_on, state, done_at;
    std::string owner_name, owner_email;  // "" when nobody owns it
};

// An overdue milestone whose owner has not been told yet, for the reminder job.
struct OverdueMilestone {
    long long id = 0, team_id = 0, owner_id = 0;
    std::string title_fr, title_en, due_on, project_title, owner_name, owner_email;
};

class MilestoneRepository {
public:
    explicit MilestoneRepository(soci::session& session) : s_(session) {}

    // The template, in order.
    std::vector<domain::MilestoneStep> steps();
    std::optional<domain::MilestoneStep> step(long long id);
    long long add_step(const domain::MilestoneStep& step);
    bool update_step(const domain::MilestoneStep& step);  // false: no such step
    bool delete_step(long long id);

    // The team's milestones from the template, when it has none yet (a team formed again by a
    // second publication keeps its own); each owner from its role: the first student for the
    // team's, the supervisor, the beneficiary's first contact (none: nobody). Sets the team's
    // formed_at to `now` when it had none. Returns how many were made.
    int form_milestones(long long team_id, Clock::time_point now);

    std::vector<MilestoneRecord> of_team(long long team_id);
    std::optional<MilestoneRecord> find(long long team_id, long long milestone_id);
    long long add(long long team_id, const std::string& title, const std::string& due_on, long long owner_id,
                  Clock::time_point now);
    // New date and owner (0: nobody); a new date clears the reminder mark, so a milestone moved
    // later and missed again is reminded again.
    void plan(long long milestone_id, const std::string& due_on, long long owner_id);
    void set_state(long long milestone_id, const std::string& state, Clock::time_point now);
    // Not done and due before `today`, by team.
    long long overdue_count(long long team_id, const std::string& today);

    std::vector<OverdueMilestone> overdue_unreminded(const std::string& today, int limit);
    // Marks the reminder; false when another run marked it first (then it sends nothing).
    bool mark_reminded(long long milestone_id, Clock::time_point now);

private:
    soci::session& s_;
};

// Migration 0018's data step: the teams formed before get their milestones.
void form_milestones_of_existing_teams(soci::session& session);

}  // namespace latitudes::store
