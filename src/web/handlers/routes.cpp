#include "web/handlers/documents.hpp"
#include "web/handlers/handlers.hpp"

namespace latitudes::web::handlers {

void register_routes(Router& router) {
    using domain::Action;
    // Public pages and API reads: the same for every anonymous visitor, so the micro-cache may
    // keep them for its TTL. Health and metrics are never cached.
    constexpr bool cacheable = true;
    // What each /api/ route reads besides its path (docs/api/openapi.yaml documents the same; the
    // contract test in tests/api/ checks that they agree): anything else is refused before the handler.
    const std::string json = "application/json";
    const std::vector<std::string> catalogue_query{"q", "sdg", "skill", "level", "format", "status", "sort", "limit", "cursor"};
    const std::vector<std::string> showcase_query{"q", "sdg", "skill", "level", "format", "status", "limit", "cursor"};
    router.add("GET", "/", home, Action::view_public, cacheable);
    router.add("GET", "/projects", projects, Action::view_public, cacheable);
    router.add("GET", "/projects/{slug}", project, Action::view_public, cacheable);
    router.add("GET", "/impact", impact, Action::view_public, cacheable);
    router.add("GET", "/partners", partners, Action::view_public, cacheable);
    router.add("GET", "/about", about, Action::view_public, cacheable);
    router.add("GET", "/privacy", privacy, Action::view_public, cacheable);
    router.add("GET", "/showcase", showcase, Action::view_public, cacheable);
    router.add("GET", "/api/v1/projects", api_projects, Action::view_public, cacheable).reads(catalogue_query);
    router.add("GET", "/api/v1/projects/{slug}", api_project, Action::view_public, cacheable);
    router.add("GET", "/api/v1/stats", api_stats, Action::view_public, cacheable);
    router.add("GET", "/api/v1/showcase", api_showcase, Action::view_public, cacheable).reads(showcase_query);
    router.add("GET", "/api/v1/me", api_me, Action::view_own_space);
    router.add("PUT", "/api/v1/me/profile", api_me_profile, Action::edit_own_account).takes(json);
    router.add("GET", "/api/v1/me/applications", api_my_applications, Action::view_own_applications);
    router.add("POST", "/api/v1/projects/{slug}/applications", api_apply, Action::apply_to_opportunity).takes(json);
    router.add("POST", "/api/v1/needs", api_need_create, Action::submit_need).takes(json);
    router.add("GET", "/api/v1/needs/{id}", api_need, Action::view_project_private);
    router.add("POST", "/api/v1/cohorts", api_cohort_create, Action::manage_cohorts).takes(json);
    router.add("POST", "/api/v1/cohorts/{id}/students", api_cohort_students, Action::manage_cohorts)
        .reads({"dry_run"})
        .takes("text/csv");
    router.add("POST", "/api/v1/campaigns", api_campaign_create, Action::manage_campaigns).takes(json);
    router.add("GET", "/api/v1/campaigns/{id}", api_campaign, Action::view_campaign);
    router.add("PUT", "/api/v1/campaigns/{id}/ranking", api_campaign_ranking, Action::rank_in_campaign).takes(json);
    router.add("POST", "/api/v1/campaigns/{id}/pre_allocations", api_pre_allocate, Action::manage_campaigns).takes(json);
    router.add("POST", "/api/v1/campaigns/{id}/runs", api_campaign_run, Action::manage_campaigns).takes(json);
    router.add("POST", "/api/v1/campaigns/{id}/runs/{run}/moves", api_run_move, Action::manage_campaigns).takes(json);
    router.add("POST", "/api/v1/campaigns/{id}/runs/{run}/publish", api_run_publish, Action::manage_campaigns).takes(json);
    router.add("GET", "/api/v1/campaigns/{id}/export", api_campaign_export, Action::manage_campaigns)
        .reads({"format", "project"});
    router.add("GET", "/api/v1/me/teams", api_my_teams, Action::view_own_teams);
    router.add("GET", "/api/v1/me/feed", api_my_feed, Action::view_own_feed).reads({"since", "cursor", "limit"});
    router.add("GET", "/api/v1/teams/{id}/updates", api_team_updates, Action::view_team);
    router.add("POST", "/api/v1/teams/{id}/updates", api_team_update_post, Action::work_in_team).takes(json);
    router.add("GET", "/api/v1/teams/{id}/evaluations", api_team_evaluations, Action::view_team);
    router.add("POST", "/api/v1/teams/{id}/evaluations", api_team_evaluate, Action::work_in_team).takes(json);
    // A team's documents (web/handlers/documents_api.cpp): list, chunked upload, download.
    router.add("GET", "/api/v1/teams/{id}/documents", api_team_documents, Action::view_team);
    router.add("POST", "/api/v1/teams/{id}/documents/uploads", api_document_upload_open, Action::work_in_team).takes(json);
    // One line, as tests/api/support/contract.mjs reads the routes.
    // clang-format off
    router.add("PUT", "/api/v1/teams/{id}/documents/uploads/{upload}/chunks/{index}", api_document_upload_chunk, Action::work_in_team)
        .takes(json);
    // clang-format on
    router.add("POST", "/api/v1/teams/{id}/documents/uploads/{upload}/finish", api_document_upload_finish, Action::work_in_team)
        .takes(json);
    router.add("DELETE", "/api/v1/teams/{id}/documents/uploads/{upload}", api_document_upload_cancel, Action::work_in_team)
        .takes(json);
    router.add("GET", "/api/v1/teams/{id}/documents/{document}/versions/{version}/content", api_document_download,
               Action::view_team);

    // Accounts.
    router.add("GET", "/signup", signup_form, Action::sign_up);
    router.add("POST", "/signup", signup, Action::sign_up);
    router.add("GET", "/confirm", confirm, Action::use_email_link);
    router.add("GET", "/password/forgot", password_forgot_form, Action::log_in);
    router.add("POST", "/password/forgot", password_forgot, Action::log_in);
    router.add("GET", "/password/reset", password_reset_form, Action::use_email_link);
    router.add("POST", "/password/reset", password_reset, Action::use_email_link);
    router.add("GET", "/login", login_form, Action::log_in);
    router.add("POST", "/login", login, Action::log_in);
    router.add("POST", "/logout", logout, Action::log_out);

    // Mon espace.
    router.add("GET", "/me", me, Action::view_own_space);
    router.add("GET", "/me/teams", my_teams, Action::view_own_teams);
    router.add("POST", "/me/feed/digest", me_feed_digest, Action::edit_own_account);
    // A team's workspace; each route loads the team and answers 404 to whoever is not of it.
    router.add("GET", "/teams/{id}", team_page, Action::view_team);
    router.add("POST", "/teams/{id}/milestones", team_milestone_add, Action::work_in_team);
    router.add("POST", "/teams/{id}/milestones/{milestone}", team_milestone_plan, Action::work_in_team);
    router.add("POST", "/teams/{id}/milestones/{milestone}/state", team_milestone_state, Action::work_in_team);
    router.add("GET", "/teams/{id}/updates/new", team_update_form, Action::view_team);
    router.add("POST", "/teams/{id}/updates", team_update_post, Action::work_in_team);
    router.add("POST", "/teams/{id}/updates/{update}/comments", team_update_comment, Action::work_in_team);
    router.add("POST", "/teams/{id}/delivery", team_delivery, Action::work_in_team);
    router.add("POST", "/teams/{id}/evaluations", team_evaluate, Action::work_in_team);
    // Its documents (web/handlers/documents.cpp): the no-JavaScript form, and the files.
    router.add("POST", "/teams/{id}/documents", document_form_upload, Action::work_in_team);
    router.add("GET", "/teams/{id}/documents/{document}/versions/{version}", document_download, Action::view_team);
    // Before /campaigns/{id}: the first route that matches answers.
    router.add("GET", "/campaigns/new", campaign_form, Action::manage_campaigns);
    router.add("POST", "/campaigns/new", campaign_create, Action::manage_campaigns);
    router.add("GET", "/campaigns/{id}", campaign, Action::view_campaign);
    router.add("POST", "/campaigns/{id}/ranking", campaign_ranking, Action::rank_in_campaign);
    router.add("GET", "/me/profile", me_profile_form, Action::edit_own_account);
    router.add("POST", "/me/profile", me_profile, Action::edit_own_account);
    router.add("POST", "/me/password", me_password, Action::edit_own_account);
    router.add("POST", "/me/email", me_email, Action::edit_own_account);
    router.add("GET", "/me/email/confirm", me_email_confirm, Action::use_email_link);
    router.add("POST", "/me/tokens", me_token_create, Action::manage_own_tokens);
    router.add("POST", "/me/tokens/{id}/revoke", me_token_revoke, Action::manage_own_tokens);
    router.add("GET", "/me/export", me_export, Action::export_own_data);
    router.add("POST", "/me/delete", me_delete, Action::delete_own_account);

    // Schools: their space, cohorts and campaigns. Organisation actions decide in the handler,
    // with the school of the route (or of the cohort or campaign).
    router.add("GET", "/schools/{slug}", school_space, Action::manage_cohorts);
    router.add("GET", "/schools/{slug}/cohorts/new", cohort_form, Action::manage_cohorts);
    router.add("POST", "/schools/{slug}/cohorts/new", cohort_create, Action::manage_cohorts);
    router.add("GET", "/cohorts/{id}", cohort_page, Action::manage_cohorts);
    router.add("POST", "/cohorts/{id}/students", cohort_add_student, Action::manage_cohorts);
    router.add("POST", "/cohorts/{id}/students/{student}/remove", cohort_remove_student, Action::manage_cohorts);
    router.add("GET", "/cohorts/{id}/import", cohort_import_form, Action::manage_cohorts);
    router.add("POST", "/cohorts/{id}/import", cohort_import, Action::manage_cohorts);
    router.add("GET", "/campaigns/{id}/allocation", allocation_page, Action::manage_campaigns);
    router.add("POST", "/campaigns/{id}/runs", allocation_run, Action::manage_campaigns);
    router.add("POST", "/campaigns/{id}/runs/{run}/moves", allocation_move, Action::manage_campaigns);
    router.add("POST", "/campaigns/{id}/runs/{run}/publish", allocation_publish, Action::manage_campaigns);
    router.add("POST", "/campaigns/{id}/pre_allocations", allocation_pre_allocate, Action::manage_campaigns);
    router.add("GET", "/campaigns/{id}/export", campaign_export_file, Action::manage_campaigns);

    // Organisations. Routes with organisation actions decide in the handler (authorisation.hpp).
    router.add("GET", "/orgs/new", organisation_form, Action::create_organisation);
    router.add("POST", "/orgs/new", organisation_create, Action::create_organisation);
    router.add("GET", "/orgs/{slug}", organisation, Action::view_public);
    router.add("POST", "/orgs/{slug}/verify", organisation_verify, Action::staff_verify_organisation);
    router.add("POST", "/orgs/{slug}/invitations", organisation_invite, Action::invite_member);
    router.add("POST", "/orgs/{slug}/members/{person}/role", organisation_member_role, Action::change_member_role);
    router.add("POST", "/orgs/{slug}/members/{person}/remove", organisation_member_remove, Action::remove_member);
    router.add("POST", "/orgs/{slug}/leave", organisation_leave, Action::leave_organisation);
    router.add("GET", "/invitations/accept", invitation_page, Action::use_email_link);
    router.add("POST", "/invitations/accept", invitation_accept, Action::accept_invitation);

    // From a need to a published project. Organisation actions decide in the handler,
    // with the organisation the need belongs to (POST /needs/new: the one chosen in the form).
    router.add("GET", "/needs/new", need_form, Action::view_own_space);
    router.add("POST", "/needs/new", need_create, Action::submit_need);
    router.add("GET", "/needs/{id}", need_page, Action::view_project_private);
    router.add("POST", "/needs/{id}", need_update, Action::edit_need);
    router.add("POST", "/needs/{id}/status", project_status, Action::change_project_status);
    router.add("GET", "/framing/{id}", framing_page, Action::view_project_private);
    router.add("POST", "/framing/{id}", framing_save, Action::edit_framing);
    router.add("POST", "/framing/{id}/comments", framing_comment, Action::comment_framing);

    // Opportunities: applications and saved searches.
    router.add("GET", "/projects/{slug}/apply", apply_form, Action::apply_to_opportunity);
    router.add("POST", "/projects/{slug}/apply", apply, Action::apply_to_opportunity);
    router.add("GET", "/projects/{slug}/applications", project_applications, Action::review_applications);
    router.add("POST", "/applications/{id}/decision", application_decide, Action::review_applications);
    router.add("POST", "/applications/{id}/withdraw", application_withdraw, Action::withdraw_application);
    router.add("GET", "/me/applications", my_applications, Action::view_own_applications);
    router.add("GET", "/me/searches", my_searches, Action::save_search);
    router.add("POST", "/searches", search_save, Action::save_search);
    router.add("POST", "/searches/{id}/delete", search_delete, Action::save_search);

    // Staff.
    router.add("GET", "/admin/needs", admin_needs, Action::staff_list_needs);
    router.add("GET", "/admin", admin_people, Action::staff_list_people);
    router.add("GET", "/admin/organisations", admin_organisations, Action::staff_list_organisations);
    router.add("GET", "/admin/audit", admin_audit, Action::staff_read_audit_log);
    router.add("POST", "/admin/people/{person}/role", admin_person_role, Action::staff_change_role);
    router.add("POST", "/admin/people/{person}/active", admin_person_active, Action::staff_deactivate_account);
    router.add("GET", "/admin/milestone-templates", admin_milestone_templates, Action::staff_edit_milestone_templates);
    router.add("POST", "/admin/milestone-templates", admin_milestone_step_create, Action::staff_edit_milestone_templates);
    router.add("POST", "/admin/milestone-templates/{step}", admin_milestone_step_update, Action::staff_edit_milestone_templates);
    router.add("POST", "/admin/milestone-templates/{step}/delete", admin_milestone_step_delete,
               Action::staff_edit_milestone_templates);
    router.add("GET", "/admin/teams", admin_teams, Action::staff_follow_teams);
    router.add("GET", "/admin/semesters", admin_semesters, Action::staff_list_semesters);
    router.add("POST", "/admin/semesters", admin_semester_create, Action::staff_edit_semesters);
    router.add("GET", "/admin/semesters/{id}", admin_semester, Action::staff_list_semesters);
    router.add("POST", "/admin/semesters/{id}", admin_semester_update, Action::staff_edit_semesters);
    router.add("POST", "/admin/semesters/{id}/partners", admin_semester_partners, Action::staff_set_semester_partners);
    // The awareness survey: staff design it and read its results; a cohort's students answer its
    // waves (the handler answers 404 to anyone who is no student of the wave's cohort).
    router.add("GET", "/admin/surveys", admin_surveys, Action::staff_design_surveys);
    router.add("POST", "/admin/surveys", admin_survey_create, Action::staff_design_surveys);
    router.add("GET", "/admin/surveys/{id}", admin_survey, Action::staff_design_surveys);
    router.add("POST", "/admin/surveys/{id}", admin_survey_save, Action::staff_design_surveys);
    router.add("POST", "/admin/surveys/{id}/questions", admin_survey_add_question, Action::staff_design_surveys);
    router.add("POST", "/admin/surveys/{id}/questions/{question}/delete", admin_survey_remove_question,
               Action::staff_design_surveys);
    router.add("POST", "/admin/surveys/{id}/activate", admin_survey_activate, Action::staff_design_surveys);
    router.add("POST", "/admin/surveys/{id}/waves", admin_survey_open_wave, Action::staff_design_surveys);
    router.add("GET", "/admin/surveys/{id}/results", admin_survey_results, Action::staff_read_survey_results);
    router.add("GET", "/surveys/waves/{id}", survey_answer_form, Action::answer_survey);
    router.add("POST", "/surveys/waves/{id}", survey_answer_submit, Action::answer_survey);
    router.add("GET", "/dev/outbox", dev_outbox, Action::view_dev_outbox);

    router.add("GET", "/robots.txt", robots_txt, Action::view_public);
    router.add("GET", "/sitemap.xml", sitemap_xml, Action::view_public);
    router.add("GET", "/favicon.ico", favicon, Action::view_public);
    router.add("GET", "/healthz", healthz, Action::view_public);
    router.add("GET", "/metrics", metrics, Action::view_public);
}

}  // namespace latitudes::web::handlers
