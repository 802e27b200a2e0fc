// The routing table checked against a list written here by hand, independently of routes.cpp:
// every (method, path) with the action it must carry and the least visitor the policy must
// require for it. The route walk (test_access.cpp) proves that every route answers as its own
// action decides; only this list proves that a route carries the *right* action: a staff page
// registered with view_own_space, or a route added without being written here, fails.
#include "domain/policy.hpp"
#include "web/handlers/handlers.hpp"
#include "web/router.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

using namespace latitudes;
using domain::Action;
using domain::Requirement;

namespace {

struct Expected {
    const char* method;
    const char* pattern;
    Action action;
    Requirement least;  // the least visitor: who, at minimum, the policy must require
};

// Written from the issues' rules (who may do what), not copied from routes.cpp.
const Expected expected_routes[] = {
    // Public pages and reads.
    {"GET", "/", Action::view_public, Requirement::anyone},
    {"GET", "/projects", Action::view_public, Requirement::anyone},
    {"GET", "/projects/{slug}", Action::view_public, Requirement::anyone},
    {"GET", "/impact", Action::view_public, Requirement::anyone},
    {"GET", "/partners", Action::view_public, Requirement::anyone},
    {"GET", "/about", Action::view_public, Requirement::anyone},
    {"GET", "/privacy", Action::view_public, Requirement::anyone},
    {"GET", "/showcase", Action::view_public, Requirement::anyone},
    {"GET", "/api/v1/projects", Action::view_public, Requirement::anyone},
    {"GET", "/api/v1/projects/{slug}", Action::view_public, Requirement::anyone},
    {"GET", "/api/v1/stats", Action::view_public, Requirement::anyone},
    {"GET", "/api/v1/showcase", Action::view_public, Requirement::anyone},
    {"GET", "/orgs/{slug}", Action::view_public, Requirement::anyone},  // unverified ones: the handler hides them
    {"GET", "/robots.txt", Action::view_public, Requirement::anyone},
    {"GET", "/sitemap.xml", Action::view_public, Requirement::anyone},
    {"GET", "/favicon.ico", Action::view_public, Requirement::anyone},
    {"GET", "/healthz", Action::view_public, Requirement::anyone},
    {"GET", "/metrics", Action::view_public, Requirement::anyone},
    // The API of one's own account, with a personal token.
    {"GET", "/api/v1/me", Action::view_own_space, Requirement::authenticated},
    {"PUT", "/api/v1/me/profile", Action::edit_own_account, Requirement::authenticated},
    {"GET", "/api/v1/me/applications", Action::view_own_applications, Requirement::authenticated},
    {"POST", "/api/v1/projects/{slug}/applications", Action::apply_to_opportunity, Requirement::applicant},
    {"POST", "/api/v1/needs", Action::submit_need, Requirement::verified_organisation_member},
    {"GET", "/api/v1/needs/{id}", Action::view_project_private, Requirement::organisation_member},
    // A school's cohorts and campaigns are managed by its members (coordinators) or staff; a
    // campaign is read and ranked by its students (checked by the handler: the policy knows no cohorts).
    {"POST", "/api/v1/cohorts", Action::manage_cohorts, Requirement::organisation_member},
    {"POST", "/api/v1/cohorts/{id}/students", Action::manage_cohorts, Requirement::organisation_member},
    {"POST", "/api/v1/campaigns", Action::manage_campaigns, Requirement::organisation_member},
    {"GET", "/api/v1/campaigns/{id}", Action::view_campaign, Requirement::authenticated},
    {"PUT", "/api/v1/campaigns/{id}/ranking", Action::rank_in_campaign, Requirement::authenticated},
    {"POST", "/api/v1/campaigns/{id}/pre_allocations", Action::manage_campaigns, Requirement::organisation_member},
    {"POST", "/api/v1/campaigns/{id}/runs", Action::manage_campaigns, Requirement::organisation_member},
    {"POST", "/api/v1/campaigns/{id}/runs/{run}/moves", Action::manage_campaigns, Requirement::organisation_member},
    {"POST", "/api/v1/campaigns/{id}/runs/{run}/publish", Action::manage_campaigns, Requirement::organisation_member},
    {"GET", "/api/v1/campaigns/{id}/export", Action::manage_campaigns, Requirement::organisation_member},
    {"GET", "/api/v1/me/teams", Action::view_own_teams, Requirement::authenticated},
    {"GET", "/me/teams", Action::view_own_teams, Requirement::authenticated},
    {"GET", "/api/v1/me/feed", Action::view_own_feed, Requirement::authenticated},
    {"POST", "/me/feed/digest", Action::edit_own_account, Requirement::authenticated},
    {"GET", "/teams/{id}", Action::view_team, Requirement::authenticated},
    {"POST", "/teams/{id}/milestones", Action::work_in_team, Requirement::authenticated},
    {"POST", "/teams/{id}/milestones/{milestone}", Action::work_in_team, Requirement::authenticated},
    {"POST", "/teams/{id}/milestones/{milestone}/state", Action::work_in_team, Requirement::authenticated},
    {"GET", "/teams/{id}/updates/new", Action::view_team, Requirement::authenticated},
    {"POST", "/teams/{id}/updates", Action::work_in_team, Requirement::authenticated},
    {"POST", "/teams/{id}/updates/{update}/comments", Action::work_in_team, Requirement::authenticated},
    {"GET", "/api/v1/teams/{id}/updates", Action::view_team, Requirement::authenticated},
    {"POST", "/api/v1/teams/{id}/updates", Action::work_in_team, Requirement::authenticated},
    {"POST", "/teams/{id}/delivery", Action::work_in_team, Requirement::authenticated},
    {"POST", "/teams/{id}/evaluations", Action::work_in_team, Requirement::authenticated},
    {"GET", "/api/v1/teams/{id}/evaluations", Action::view_team, Requirement::authenticated},
    {"POST", "/api/v1/teams/{id}/evaluations", Action::work_in_team, Requirement::authenticated},
    {"POST", "/teams/{id}/documents", Action::work_in_team, Requirement::authenticated},
    {"GET", "/teams/{id}/documents/{document}/versions/{version}", Action::view_team, Requirement::authenticated},
    {"GET", "/api/v1/teams/{id}/documents", Action::view_team, Requirement::authenticated},
    {"POST", "/api/v1/teams/{id}/documents/uploads", Action::work_in_team, Requirement::authenticated},
    {"PUT", "/api/v1/teams/{id}/documents/uploads/{upload}/chunks/{index}", Action::work_in_team, Requirement::authenticated},
    {"POST", "/api/v1/teams/{id}/documents/uploads/{upload}/finish", Action::work_in_team, Requirement::authenticated},
    {"DELETE", "/api/v1/teams/{id}/documents/uploads/{upload}", Action::work_in_team, Requirement::authenticated},
    {"GET", "/api/v1/teams/{id}/documents/{document}/versions/{version}/content", Action::view_team, Requirement::authenticated},
    {"GET", "/campaigns/{id}", Action::view_campaign, Requirement::authenticated},
    {"POST", "/campaigns/{id}/ranking", Action::rank_in_campaign, Requirement::authenticated},
    {"GET", "/campaigns/new", Action::manage_campaigns, Requirement::organisation_member},
    {"POST", "/campaigns/new", Action::manage_campaigns, Requirement::organisation_member},
    {"GET", "/schools/{slug}", Action::manage_cohorts, Requirement::organisation_member},
    {"GET", "/schools/{slug}/cohorts/new", Action::manage_cohorts, Requirement::organisation_member},
    {"POST", "/schools/{slug}/cohorts/new", Action::manage_cohorts, Requirement::organisation_member},
    {"GET", "/cohorts/{id}", Action::manage_cohorts, Requirement::organisation_member},
    {"POST", "/cohorts/{id}/students", Action::manage_cohorts, Requirement::organisation_member},
    {"POST", "/cohorts/{id}/students/{student}/remove", Action::manage_cohorts, Requirement::organisation_member},
    {"GET", "/cohorts/{id}/import", Action::manage_cohorts, Requirement::organisation_member},
    {"POST", "/cohorts/{id}/import", Action::manage_cohorts, Requirement::organisation_member},
    {"GET", "/campaigns/{id}/allocation", Action::manage_campaigns, Requirement::organisation_member},
    {"POST", "/campaigns/{id}/runs", Action::manage_campaigns, Requirement::organisation_member},
    {"POST", "/campaigns/{id}/runs/{run}/moves", Action::manage_campaigns, Requirement::organisation_member},
    {"POST", "/campaigns/{id}/runs/{run}/publish", Action::manage_campaigns, Requirement::organisation_member},
    {"POST", "/campaigns/{id}/pre_allocations", Action::manage_campaigns, Requirement::organisation_member},
    {"GET", "/campaigns/{id}/export", Action::manage_campaigns, Requirement::organisation_member},
    // Accounts: forms anyone active may use, links whose token is the credential.
    {"GET", "/signup", Action::sign_up, Requirement::active},
    {"POST", "/signup", Action::sign_up, Requirement::active},
    {"GET", "/confirm", Action::use_email_link, Requirement::anyone},
    {"GET", "/password/forgot", Action::log_in, Requirement::active},
    {"POST", "/password/forgot", Action::log_in, Requirement::active},
    {"GET", "/password/reset", Action::use_email_link, Requirement::anyone},
    {"POST", "/password/reset", Action::use_email_link, Requirement::anyone},
    {"GET", "/login", Action::log_in, Requirement::active},
    {"POST", "/login", Action::log_in, Requirement::active},
    {"POST", "/logout", Action::log_out, Requirement::anyone},
    // Mon espace.
    {"GET", "/me", Action::view_own_space, Requirement::authenticated},
    {"GET", "/me/profile", Action::edit_own_account, Requirement::authenticated},
    {"POST", "/me/profile", Action::edit_own_account, Requirement::authenticated},
    {"POST", "/me/password", Action::edit_own_account, Requirement::authenticated},
    {"POST", "/me/email", Action::edit_own_account, Requirement::authenticated},
    {"GET", "/me/email/confirm", Action::use_email_link, Requirement::anyone},
    {"POST", "/me/tokens", Action::manage_own_tokens, Requirement::authenticated},
    {"POST", "/me/tokens/{id}/revoke", Action::manage_own_tokens, Requirement::authenticated},
    {"GET", "/me/export", Action::export_own_data, Requirement::authenticated},
    {"POST", "/me/delete", Action::delete_own_account, Requirement::authenticated},
    {"GET", "/me/applications", Action::view_own_applications, Requirement::authenticated},
    {"GET", "/me/searches", Action::save_search, Requirement::authenticated},
    // Organisations.
    {"GET", "/orgs/new", Action::create_organisation, Requirement::authenticated},
    {"POST", "/orgs/new", Action::create_organisation, Requirement::authenticated},
    {"POST", "/orgs/{slug}/verify", Action::staff_verify_organisation, Requirement::staff},
    {"POST", "/orgs/{slug}/invitations", Action::invite_member, Requirement::organisation_admin},
    {"POST", "/orgs/{slug}/members/{person}/role", Action::change_member_role, Requirement::organisation_admin},
    {"POST", "/orgs/{slug}/members/{person}/remove", Action::remove_member, Requirement::organisation_admin},
    {"POST", "/orgs/{slug}/leave", Action::leave_organisation, Requirement::organisation_member},
    {"GET", "/invitations/accept", Action::use_email_link, Requirement::anyone},
    {"POST", "/invitations/accept", Action::accept_invitation, Requirement::authenticated},
    // From a need to a published project.
    {"GET", "/needs/new", Action::view_own_space, Requirement::authenticated},
    {"POST", "/needs/new", Action::submit_need, Requirement::verified_organisation_member},
    {"GET", "/needs/{id}", Action::view_project_private, Requirement::organisation_member},
    {"POST", "/needs/{id}", Action::edit_need, Requirement::organisation_member},
    {"POST", "/needs/{id}/status", Action::change_project_status, Requirement::organisation_member},
    {"GET", "/framing/{id}", Action::view_project_private, Requirement::organisation_member},
    {"POST", "/framing/{id}", Action::edit_framing, Requirement::organisation_member},
    {"POST", "/framing/{id}/comments", Action::comment_framing, Requirement::organisation_member},
    // Applications and saved searches.
    {"GET", "/projects/{slug}/apply", Action::apply_to_opportunity, Requirement::applicant},
    {"POST", "/projects/{slug}/apply", Action::apply_to_opportunity, Requirement::applicant},
    {"GET", "/projects/{slug}/applications", Action::review_applications, Requirement::organisation_member},
    {"POST", "/applications/{id}/decision", Action::review_applications, Requirement::organisation_member},
    {"POST", "/applications/{id}/withdraw", Action::withdraw_application, Requirement::authenticated},
    {"POST", "/searches", Action::save_search, Requirement::authenticated},
    {"POST", "/searches/{id}/delete", Action::save_search, Requirement::authenticated},
    // Staff only.
    {"GET", "/admin", Action::staff_list_people, Requirement::staff},
    {"GET", "/admin/needs", Action::staff_list_needs, Requirement::staff},
    {"GET", "/admin/organisations", Action::staff_list_organisations, Requirement::staff},
    {"GET", "/admin/audit", Action::staff_read_audit_log, Requirement::staff},
    {"POST", "/admin/people/{person}/role", Action::staff_change_role, Requirement::staff},
    {"POST", "/admin/people/{person}/active", Action::staff_deactivate_account, Requirement::staff},
    // Semesters and which schools are partners for each: the programme's team records them.
    {"GET", "/admin/milestone-templates", Action::staff_edit_milestone_templates, Requirement::staff},
    {"POST", "/admin/milestone-templates", Action::staff_edit_milestone_templates, Requirement::staff},
    {"POST", "/admin/milestone-templates/{step}", Action::staff_edit_milestone_templates, Requirement::staff},
    {"POST", "/admin/milestone-templates/{step}/delete", Action::staff_edit_milestone_templates, Requirement::staff},
    {"GET", "/admin/teams", Action::staff_follow_teams, Requirement::staff},
    {"GET", "/admin/semesters", Action::staff_list_semesters, Requirement::staff},
    {"POST", "/admin/semesters", Action::staff_edit_semesters, Requirement::staff},
    {"GET", "/admin/semesters/{id}", Action::staff_list_semesters, Requirement::staff},
    {"POST", "/admin/semesters/{id}", Action::staff_edit_semesters, Requirement::staff},
    {"POST", "/admin/semesters/{id}/partners", Action::staff_set_semester_partners, Requirement::staff},
    {"GET", "/admin/surveys", Action::staff_design_surveys, Requirement::staff},
    {"POST", "/admin/surveys", Action::staff_design_surveys, Requirement::staff},
    {"GET", "/admin/surveys/{id}", Action::staff_design_surveys, Requirement::staff},
    {"POST", "/admin/surveys/{id}", Action::staff_design_surveys, Requirement::staff},
    {"POST", "/admin/surveys/{id}/questions", Action::staff_design_surveys, Requirement::staff},
    {"POST", "/admin/surveys/{id}/questions/{question}/delete", Action::staff_design_surveys, Requirement::staff},
    {"POST", "/admin/surveys/{id}/activate", Action::staff_design_surveys, Requirement::staff},
    {"POST", "/admin/surveys/{id}/waves", Action::staff_design_surveys, Requirement::staff},
    {"GET", "/admin/surveys/{id}/results", Action::staff_read_survey_results, Requirement::staff},
    {"GET", "/surveys/waves/{id}", Action::answer_survey, Requirement::authenticated},
    {"POST", "/surveys/waves/{id}", Action::answer_survey, Requirement::authenticated},
    // Development mode only (`make run`): production answers 404.
    {"GET", "/dev/outbox", Action::view_dev_outbox, Requirement::development_only},
};

std::string key(const std::string& method, const std::string& pattern) { return method + " " + pattern; }

}  // namespace

TEST(RouteTable, EveryRegisteredRouteIsInTheHandWrittenListWithTheSameAction) {
    web::Router router;
    web::handlers::register_routes(router);
    std::map<std::string, Action> registered;
    for (const auto& route : router.routes()) registered[key(route.method, route.pattern)] = route.action;

    std::set<std::string> listed;
    for (const auto& e : expected_routes) {
        const std::string k = key(e.method, e.pattern);
        EXPECT_TRUE(listed.insert(k).second) << k << " is listed twice";
        const auto found = registered.find(k);
        if (found == registered.end()) {
            ADD_FAILURE() << k << " is listed but not registered";
            continue;
        }
        EXPECT_EQ(domain::to_string(found->second), domain::to_string(e.action)) << k << " carries the wrong action";
    }
    for (const auto& [k, action] : registered)
        EXPECT_TRUE(listed.count(k)) << k << " (" << domain::to_string(action)
                                     << ") is registered but not in this list: add it, with the action and visitor it needs";
}

TEST(RouteTable, ThePolicyRequiresTheListedLeastVisitorForEveryRoute) {
    for (const auto& e : expected_routes)
        EXPECT_EQ(domain::to_string(domain::requirement_of(e.action)), domain::to_string(e.least))
            << e.method << " " << e.pattern << " (" << domain::to_string(e.action) << ")";
}

TEST(RouteTable, EveryAdminRouteIsRefusedToEveryoneButStaff) {
    web::Router router;
    web::handlers::register_routes(router);
    int admin_routes = 0;
    for (const auto& route : router.routes()) {
        if (route.pattern.rfind("/admin", 0) != 0) continue;
        ++admin_routes;
        for (auto role : domain::all_roles) {
            const domain::Subject subject{role, role != domain::Role::anonymous, true, 42};
            const auto decision = domain::decide(subject, route.action);
            if (role == domain::Role::staff) EXPECT_TRUE(decision.allowed) << route.pattern;
            else EXPECT_FALSE(decision.allowed) << route.pattern << " allowed to " << domain::to_string(role);
        }
        const domain::Subject deactivated_staff{domain::Role::staff, true, false, 42};
        EXPECT_FALSE(domain::decide(deactivated_staff, route.action).allowed) << route.pattern;
    }
    EXPECT_EQ(admin_routes, 25);  // 11, the survey's 9, the milestone template (4) and the follow-up of teams (1) (issue 13)
}
