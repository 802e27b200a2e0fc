#pragma once
// One function per endpoint; register_routes() builds the routing table in one place.
#include "web/router.hpp"
#include "web/site.hpp"

#include <chrono>
#include <string>

namespace latitudes::web::handlers {

// When the client may try again (RFC 9110), on the page and in the API alike.
inline void add_retry_after(Response& response, std::chrono::seconds wait) {
    response.header("Retry-After", std::to_string(wait.count()));
}

Response home(Request& request, Site& site);
Response projects(Request& request, Site& site);
Response project(Request& request, Site& site);
Response impact(Request& request, Site& site);
Response partners(Request& request, Site& site);
Response about(Request& request, Site& site);
Response privacy(Request& request, Site& site);

Response api_projects(Request& request, Site& site);
Response api_project(Request& request, Site& site);
Response api_stats(Request& request, Site& site);
Response api_me(Request& request, Site& site);
Response api_me_profile(Request& request, Site& site);
Response api_cohort_create(Request& request, Site& site);
Response api_cohort_students(Request& request, Site& site);
Response api_campaign_create(Request& request, Site& site);
Response api_campaign(Request& request, Site& site);
Response api_campaign_ranking(Request& request, Site& site);
Response api_campaign_run(Request& request, Site& site);
Response api_pre_allocate(Request& request, Site& site);
Response api_run_move(Request& request, Site& site);
Response api_run_publish(Request& request, Site& site);
Response api_campaign_export(Request& request, Site& site);
Response api_my_teams(Request& request, Site& site);
Response api_my_feed(Request& request, Site& site);
Response me_feed_digest(Request& request, Site& site);
Response team_page(Request& request, Site& site);
// The end of a project (evaluation_forms.cpp, evaluations_api.cpp).
Response team_delivery(Request& request, Site& site);
Response team_evaluate(Request& request, Site& site);
Response api_team_evaluations(Request& request, Site& site);
Response api_team_evaluate(Request& request, Site& site);
Response campaign(Request& request, Site& site);
Response campaign_ranking(Request& request, Site& site);
Response my_teams(Request& request, Site& site);
Response robots_txt(Request& request, Site& site);
Response sitemap_xml(Request& request, Site& site);
Response favicon(Request& request, Site& site);
Response school_space(Request& request, Site& site);
Response cohort_form(Request& request, Site& site);
Response cohort_create(Request& request, Site& site);
Response cohort_page(Request& request, Site& site);
Response cohort_add_student(Request& request, Site& site);
Response cohort_remove_student(Request& request, Site& site);
Response cohort_import_form(Request& request, Site& site);
Response cohort_import(Request& request, Site& site);
Response campaign_form(Request& request, Site& site);
Response campaign_create(Request& request, Site& site);
Response allocation_page(Request& request, Site& site);
Response allocation_run(Request& request, Site& site);
Response allocation_move(Request& request, Site& site);
Response allocation_publish(Request& request, Site& site);
Response allocation_pre_allocate(Request& request, Site& site);
Response campaign_export_file(Request& request, Site& site);

Response signup_form(Request& request, Site& site);
Response signup(Request& request, Site& site);
Response confirm(Request& request, Site& site);
Response password_forgot_form(Request& request, Site& site);
Response password_forgot(Request& request, Site& site);
Response password_reset_form(Request& request, Site& site);
Response password_reset(Request& request, Site& site);
Response login_form(Request& request, Site& site);
Response login(Request& request, Site& site);
Response logout(Request& request, Site& site);
Response me(Request& request, Site& site);
Response me_password(Request& request, Site& site);
Response me_profile_form(Request& request, Site& site);
Response me_profile(Request& request, Site& site);
Response me_email(Request& request, Site& site);
Response me_email_confirm(Request& request, Site& site);
Response me_token_create(Request& request, Site& site);
Response me_token_revoke(Request& request, Site& site);
Response me_export(Request& request, Site& site);
Response me_delete(Request& request, Site& site);

Response organisation_form(Request& request, Site& site);
Response organisation_create(Request& request, Site& site);
Response organisation(Request& request, Site& site);
Response organisation_verify(Request& request, Site& site);
Response organisation_invite(Request& request, Site& site);
Response organisation_member_role(Request& request, Site& site);
Response organisation_member_remove(Request& request, Site& site);
Response organisation_leave(Request& request, Site& site);
Response invitation_page(Request& request, Site& site);
Response invitation_accept(Request& request, Site& site);

Response admin_people(Request& request, Site& site);
Response admin_organisations(Request& request, Site& site);
Response admin_audit(Request& request, Site& site);
Response admin_person_role(Request& request, Site& site);
Response admin_person_active(Request& request, Site& site);
// A team's follow-up: milestones and comments posted from its workspace (team_followup.cpp), the
// weekly update's form and the API (team_updates.cpp), the staff's template and follow-up of every
// team (admin_followup.cpp).
Response team_milestone_add(Request& request, Site& site);
Response team_milestone_plan(Request& request, Site& site);
Response team_milestone_state(Request& request, Site& site);
Response team_update_comment(Request& request, Site& site);
Response team_update_form(Request& request, Site& site);
Response team_update_post(Request& request, Site& site);
Response api_team_updates(Request& request, Site& site);
Response api_team_update_post(Request& request, Site& site);
Response admin_milestone_templates(Request& request, Site& site);
Response admin_milestone_step_create(Request& request, Site& site);
Response admin_milestone_step_update(Request& request, Site& site);
Response admin_milestone_step_delete(Request& request, Site& site);
Response admin_teams(Request& request, Site& site);
// Semesters and their partner schools (admin_semesters.cpp).
Response admin_semesters(Request& request, Site& site);
Response admin_semester_create(Request& request, Site& site);
Response admin_semester(Request& request, Site& site);
Response admin_semester_update(Request& request, Site& site);
Response admin_semester_partners(Request& request, Site& site);
// The awareness survey: staff design it (surveys_admin.cpp) and read its results
// (survey_results.cpp); a cohort's students answer its waves (survey_answer.cpp).
Response admin_surveys(Request& request, Site& site);
Response admin_survey_create(Request& request, Site& site);
Response admin_survey(Request& request, Site& site);
Response admin_survey_save(Request& request, Site& site);
Response admin_survey_add_question(Request& request, Site& site);
Response admin_survey_remove_question(Request& request, Site& site);
Response admin_survey_activate(Request& request, Site& site);
Response admin_survey_open_wave(Request& request, Site& site);
Response admin_survey_results(Request& request, Site& site);
Response survey_answer_form(Request& request, Site& site);
Response survey_answer_submit(Request& request, Site& site);
Response dev_outbox(Request& request, Site& site);

// Needs, framing and the workflow (needs.cpp, framing.cpp).
Response need_form(Request& request, Site& site);
Response need_create(Request& request, Site& site);
Response need_page(Request& request, Site& site);
Response need_update(Request& request, Site& site);
Response project_status(Request& request, Site& site);
Response framing_page(Request& request, Site& site);
Response framing_save(Request& request, Site& site);
Response framing_comment(Request& request, Site& site);
Response admin_needs(Request& request, Site& site);
Response api_need_create(Request& request, Site& site);
Response api_need(Request& request, Site& site);

// Applications (applications.cpp).
Response apply_form(Request& request, Site& site);
Response apply(Request& request, Site& site);
Response project_applications(Request& request, Site& site);
Response application_decide(Request& request, Site& site);
Response application_withdraw(Request& request, Site& site);
Response my_applications(Request& request, Site& site);
Response api_my_applications(Request& request, Site& site);
Response api_apply(Request& request, Site& site);

// Showcase and saved searches (showcase.cpp, searches.cpp).
Response showcase(Request& request, Site& site);
Response api_showcase(Request& request, Site& site);
Response my_searches(Request& request, Site& site);
Response search_save(Request& request, Site& site);
Response search_delete(Request& request, Site& site);

Response healthz(Request& request, Site& site);
Response metrics(Request& request, Site& site);
Response static_file(Request& request, Site& site);

void register_routes(Router& router);

}  // namespace latitudes::web::handlers
