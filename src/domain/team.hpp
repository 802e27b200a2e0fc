#pragma once
// A team's workspace (/teams/{id}): who one is there, and what each standing may do. The web
// policy (policy.hpp) only asks for a logged-in person on team routes; the workspace's own rules
// live here, in one table, because they depend on the team (its students, its supervisor, its
// school, its beneficiary), which the policy does not know. Pure, no I/O.
#include <array>
#include <string_view>

namespace latitudes::domain {

// What a person is in one team's workspace; several may hold (a staff member who also teaches).
// Nobody of these: the workspace does not exist for them (answered 404).
struct TeamStanding {
    bool student = false;      // a member of the team
    bool supervisor = false;   // the mentor or teacher the campaign named for this project
    bool teacher = false;      // a member (coordinator, teacher) of the team's school
    bool beneficiary = false;  // a member of the organisation the project is for
    bool staff = false;        // the programme's team
    bool of_workspace() const { return student || supervisor || teacher || beneficiary || staff; }
};

enum class TeamAction {
    view,                      // the workspace, its members, milestones, updates and documents
    post_update,               // the weekly update (what was done, next, blockers, hours)
    comment,                   // on an update
    upload_document,           // a document or a new version of one
    read_access_log,           // who downloaded which document, when
    plan_milestones,           // add, date or assign milestones
    update_milestone,          // change a milestone's state
    mark_delivered,            // the deliverable is delivered
    evaluate_as_beneficiary,   // usefulness, quality, use, again, comment
    give_student_feedback,     // on the project, the programme, and the team's contributions (points)
    rate_beneficiary,          // the team rates the beneficiary's availability
    read_contribution_points,  // the points students gave each other
    assess_team,               // the teacher's assessment
    read_reviews,              // every evaluation of the project, both ways
};

struct TeamRule {
    TeamAction action;
    bool student, supervisor, teacher, beneficiary, staff;
};

// Rows in the order of TeamAction (checked at compile time in team.cpp).
inline constexpr std::array team_rules{
    //                                         student supervisor teacher beneficiary staff
    TeamRule{TeamAction::view, true, true, true, true, true},
    TeamRule{TeamAction::post_update, true, false, false, false, false},
    TeamRule{TeamAction::comment, true, true, true, true, true},
    TeamRule{TeamAction::upload_document, true, true, true, true, true},
    // Reconnect's rule: the beneficiary sees who read its documents; staff answer for the platform.
    TeamRule{TeamAction::read_access_log, false, false, false, true, true},
    TeamRule{TeamAction::plan_milestones, true, true, true, false, true},
    // A milestone may be the beneficiary's own (the kick-off meeting it hosts).
    TeamRule{TeamAction::update_milestone, true, true, true, true, true},
    TeamRule{TeamAction::mark_delivered, true, false, false, false, true},
    TeamRule{TeamAction::evaluate_as_beneficiary, false, false, false, true, false},
    TeamRule{TeamAction::give_student_feedback, true, false, false, false, false},
    TeamRule{TeamAction::rate_beneficiary, true, false, false, false, false},
    // TEAMMATES' rule: the points students give each other are the teacher's to read, no one else's.
    TeamRule{TeamAction::read_contribution_points, false, false, true, false, false},
    TeamRule{TeamAction::assess_team, false, false, true, false, false},
    TeamRule{TeamAction::read_reviews, false, true, true, false, true},
};

bool may(const TeamStanding& standing, TeamAction action);

// "student", "supervisor", "teacher", "beneficiary", "staff": the first that holds, for labels.
std::string_view main_standing(const TeamStanding& standing);

}  // namespace latitudes::domain
