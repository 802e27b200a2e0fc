#pragma once
// The follow-up parts of a team's workspace page (milestones, weekly updates), filled by
// team_followup.cpp; a form of these parts that was refused comes back on the workspace page
// (422) with its problems next to its fields.
#include "web/form_errors.hpp"
#include "web/handlers/team_access.hpp"

#include <nlohmann/json.hpp>

namespace latitudes::web::handlers {

struct FollowupForms {
    long long milestone_id = 0;  // the milestone whose plan or state form was refused
    FormErrors milestone_errors;
    FormErrors new_milestone_errors;  // the "add a milestone" form
    nlohmann::json new_milestone = nlohmann::json::object();
    long long update_id = 0;  // the update whose comment form was refused
    FormErrors comment_errors;
    std::string comment;
};

// Milestones, updates and hours, added to the workspace page's data.
void add_followup(nlohmann::json& data, Site& site, const Request& request, soci::session& session, const LoadedTeam& workspace,
                  const FollowupForms& forms = {});
// The workspace page (teams.cpp) with refused follow-up forms.
Response team_page_with(Request& request, Site& site, const FollowupForms& forms, int status);

// The teams whose project is in progress, with their last update, hours and overdue milestones,
// silent ones (no update for two weeks) first: every one for `person_id` 0 (staff), else those
// the person supervises or whose school they are of (admin_followup.cpp).
nlohmann::json followed_teams_view(const Site& site, domain::Lang lang, soci::session& session, long long person_id);

// "2,5" in French, "2.5" in English: hours as people read and type them.
std::string hours_shown(long long minutes, domain::Lang lang);

// "La date est obligatoire."...: the message of a field's problem, key followup.error.<field>.<code>.
std::string problem_text(const Site& site, domain::Lang lang, const std::string& field, const std::string& code);

}  // namespace latitudes::web::handlers
