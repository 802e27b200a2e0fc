// "Mon espace": what concerns a person (organisations, projects), their profile's
// summary, and account self-service: password, e-mail, personal API tokens, export, deletion.
// Site::handle has already checked the route's action (a login), so the visitor is a person.
#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "service/passwords.hpp"
#include "service/self_service.hpp"
#include "store/accounts.hpp"
#include "store/api_tokens.hpp"
#include "store/organisations.hpp"
#include "store/profiles.hpp"
#include "store/query.hpp"
#include "web/authorisation.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/feed.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/surveys.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

// What the page shows besides the person's data: the outcome of the form just sent (each form's
// problems next to its own fields, in its own summary).
struct MeState {
    FormErrors password_errors, email_errors, token_errors, delete_errors;
    std::string notice_key;   // a message key, after a change that worked
    std::string new_token;    // a token just created: shown once, here
    std::string email_typed;  // the new address typed, kept when the form comes back
    std::string token_typed;  // the name of a token refused, kept to be corrected
};

Response me_page(Site& site, Request& request, const MeState& state, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    const auto& v = request.visitor;
    store::Lease session(site.db);
    auto feed = feed_on_me(site, request, *session, lang);
    json organisations = json::array();
    for (const auto& m : store::OrganisationRepository(*session).memberships_of(v.person_id))
        organisations.push_back({{"slug", m.slug},
                                 {"name", m.name},
                                 {"role", message(site, lang, "org.role." + std::string(domain::to_string(m.role)))},
                                 {"verified", m.verified},
                                 {"school", m.kind == "school"}});
    json projects = json::array();
    for (const auto& p : store::projects_of_person(*session, v.person_id))
        projects.push_back({{"slug", p.slug},
                            {"title", p.title},
                            {"organisation", p.organisation},
                            {"status", message(site, lang, "status." + p.status)},
                            {"id", p.id},
                            {"public", domain::parse_status(p.status) && domain::is_public(*domain::parse_status(p.status))},
                            // Members follow their organisation's needs on the need's page.
                            {"need", p.via == "organisation"}});
    json tokens = json::array();
    for (const auto& t : store::ApiTokenStore(*session).list(v.person_id))
        tokens.push_back({{"id", t.id},
                          {"name", t.name},
                          {"created", format_date(t.created_at, lang)},
                          {"used",
                           t.last_used_at.empty() ? message(site, lang, "me.tokens.never") : format_date(t.last_used_at, lang)},
                          {"revoked", t.revoked}});
    auto form = [](const FormErrors& errors) { return json{{"form_errors", errors.view()}}; };
    json data{
        {"display_name", v.display_name},
        {"email", v.email},
        {"role", message(site, lang, "role." + std::string(domain::to_string(v.role)))},
        {"is_staff", has_staff_view(site, request)},
        {"csrf", v.csrf_token},
        {"organisations", organisations},
        {"has_organisations", !organisations.empty()},
        {"can_bring_need", has_staff_view(site, request) || std::any_of(organisations.begin(), organisations.end(),
                                                                        [](const json& o) { return o["verified"].get<bool>(); })},
        {"projects", projects},
        {"has_projects", !projects.empty()},
        {"tokens", tokens},
        {"has_tokens", !tokens.empty()},
        {"new_token", state.new_token},
        {"email_typed", state.email_typed},
        {"token_typed", state.token_typed},
        {"password_form", form(state.password_errors)},
        {"email_form", form(state.email_errors)},
        {"token_form", form(state.token_errors)},
        {"delete_form", form(state.delete_errors)},
        {"feed", std::move(feed.view)}};
    if (!state.notice_key.empty()) data["notice"] = message(site, lang, state.notice_key);
    data.update(survey_calls(*session, v.person_id, lang));  // the awareness survey's open waves
    auto page = render_private_page(site, request, context, message(site, lang, "me.title"), "me", data, status, "me");
    feed_shown(site, *session, v.person_id, feed);  // after rendering: what was shown is no longer new
    return page;
}

}  // namespace

Response me(Request& request, Site& site) {
    MeState state;
    const std::string done = request.param("done");
    if (done == "email_changed") state.notice_key = "me.email.changed";
    if (done == "profile") state.notice_key = "profile.saved";
    if (done == "feed_digest_on" || done == "feed_digest_off") state.notice_key = "feed.digest." + done.substr(12);
    return me_page(site, request, state, 200);
}

Response me_password(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    const std::string next = request.form_value("new_password");
    MeState state;
    {
        store::Lease session(site.db);
        const auto outcome = service::change_password(site.service_context(*session), request.visitor.person_id,
                                                      request.form_value("current_password"), next, request.visitor.session_id);
        using Kind = service::NewPasswordOutcome::Kind;
        if (outcome.kind == Kind::wrong_password || outcome.kind == Kind::invalid_link)
            state.password_errors.add("current_password", message(site, lang, "me.error.current_password"));
        else if (outcome.kind == Kind::weak) {
            std::vector<std::string> problems;
            add_password_problems(site, lang, next, outcome.email, outcome.display_name, problems);
            for (auto& text : problems) state.password_errors.add("new_password", std::move(text));
        } else state.notice_key = "me.password_changed";
    }
    return me_page(site, request, state, state.password_errors.empty() ? 200 : 422);
}

Response me_email(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    MeState state;
    store::Lease session(site.db);
    const auto outcome = service::request_email_change(site.service_context(*session),
                                                       {request.visitor.person_id, request.form_value("current_password"),
                                                        request.form_value("new_email"), lang});
    state.email_typed = domain::is_valid_utf8(outcome.email) ? outcome.email : std::string();
    using Kind = service::EmailChangeOutcome::Kind;
    switch (outcome.kind) {
        case Kind::wrong_password:
            // Both mistakes at once, so that the form is not sent back twice.
            if (!domain::is_valid_email(outcome.email))
                state.email_errors.add("new_email", message(site, lang, "signup.error.email"));
            state.email_errors.add("email_password", message(site, lang, "me.error.current_password"));
            break;
        case Kind::invalid_email: state.email_errors.add("new_email", message(site, lang, "signup.error.email")); break;
        case Kind::same_email: state.email_errors.add("new_email", message(site, lang, "me.email.same")); break;
        case Kind::sent:
            state.notice_key = "me.email.sent";
            state.email_typed.clear();
            break;
    }
    return me_page(site, request, state, state.email_errors.empty() ? 200 : 422);
}

Response me_email_confirm(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto outcome = service::confirm_email_change(site.service_context(*session), request.param("token"));
    using Kind = service::EmailConfirmOutcome::Kind;
    if (outcome.kind == Kind::invalid_link)
        return notice_page(site, request, "confirm.invalid.title", "confirm.invalid.text", 400);
    if (outcome.kind == Kind::taken) return notice_page(site, request, "me.email.taken.title", "me.email.taken.text", 409);
    if (request.visitor.logged_in() && request.visitor.person_id == outcome.person_id)
        return redirect(303, "/me?done=email_changed");
    return notice_page(site, request, "me.email.changed_title", "me.email.changed", 200);
}

Response me_token_create(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    MeState state;
    {
        store::Lease session(site.db);
        const auto outcome = service::create_api_token(site.service_context(*session), request.visitor.person_id,
                                                       request.form_value("name"));
        using Kind = service::TokenOutcome::Kind;
        if (outcome.kind == Kind::invalid_name) state.token_errors.add("token_name", message(site, lang, "me.tokens.error.name"));
        if (outcome.kind == Kind::too_many)  // no name would do: a problem of the whole form
            state.token_errors.add("", message(site, lang, "me.tokens.error.too_many",
                                               {{"max", std::to_string(service::max_live_tokens)}}));
        state.new_token = outcome.value;
        if (!state.token_errors.empty() && domain::is_valid_utf8(request.form_value("name")))
            state.token_typed = request.form_value("name");
    }
    return me_page(site, request, state, state.token_errors.empty() ? 200 : 422);
}

Response me_token_revoke(Request& request, Site& site) {
    const auto id = parse_id(request.path_params["id"]);
    if (!id) return error_page(site, request, 404);
    store::Lease session(site.db);
    // Someone else's token id answers like an unknown one.
    if (!service::revoke_api_token(site.service_context(*session), request.visitor.person_id, *id))
        return error_page(site, request, 404);
    return redirect(303, "/me#tokens");
}

Response me_delete(Request& request, Site& site) {
    MeState state;
    {
        store::Lease session(site.db);
        if (!service::delete_account(site.service_context(*session), request.visitor.person_id,
                                     request.form_value("current_password"))) {
            state.delete_errors.add("delete_password", message(site, page_context(request).lang, "me.error.current_password"));
        }
    }
    if (!state.delete_errors.empty()) return me_page(site, request, state, 422);
    Response response = notice_page(site, request, "me.deleted.title", "me.deleted.text", 200);
    response.header("Set-Cookie", cookie_header(site, session_cookie, "", 0));
    return response;
}

Response me_export(Request& request, Site& site) {
    store::Lease session(site.db);
    auto& s = *session;
    const long long id = request.visitor.person_id;
    const auto account = store::AccountRepository(s).find(id);
    if (!account) return redirect(303, "/login");
    json out{{"exported_at", store::iso_utc(store::Clock::now())},
             {"person",
              {{"id", id},
               {"email", account->email},
               {"display_name", account->display_name},
               {"role", account->role},
               {"email_confirmed", account->email_confirmed},
               {"active", account->active}}}};
    const auto profile = store::ProfileRepository(s).find(id);
    json skills = json::array();
    for (const auto& skill : profile.skills) skills.push_back({{"skill_id", skill.skill_id}, {"level", skill.level}});
    out["profile"] = {{"school_id", profile.school_id},
                      {"study_year", profile.study_year},
                      {"employer", profile.employer},
                      {"availability", profile.availability},
                      {"hours_per_week", profile.hours_per_week},
                      {"bio", profile.bio},
                      {"skills", skills},
                      {"sdgs", profile.sdgs}};
    auto rows = [&](const std::string& sql, const std::vector<std::string>& names) {
        json list = json::array();
        store::Query(sql).bind("id", id).for_each(s, [&](const soci::row& r) {
            json item;
            for (std::size_t i = 0; i < names.size(); ++i) item[names[i]] = store::column_text(r, i);
            list.push_back(std::move(item));
        });
        return list;
    };
    out["sessions"] = rows("SELECT created_at, last_seen_at, revoked_at FROM sessions WHERE person_id = :id ORDER BY created_at",
                           {"created_at", "last_seen_at", "revoked_at"});
    out["memberships"] = rows("SELECT o.slug, o.name, m.role, m.created_at FROM memberships m "
                              "JOIN organisations o ON o.id = m.organisation_id WHERE m.person_id = :id ORDER BY o.name",
                              {"organisation_slug", "organisation", "role", "since"});
    out["api_tokens"] = rows("SELECT name, created_at, last_used_at, revoked_at FROM api_tokens WHERE person_id = :id",
                             {"name", "created_at", "last_used_at", "revoked_at"});
    out["teams"] = rows("SELECT p.slug, p.title, se.code FROM team_members tm JOIN teams t ON t.id = tm.team_id "
                        "JOIN projects p ON p.id = t.project_id JOIN semesters se ON se.id = t.semester_id "
                        "WHERE tm.person_id = :id",
                        {"project_slug", "project", "semester"});
    out["applications"] = rows(
        "SELECT p.slug, p.title, a.status, a.message, a.shared, a.owner_message, a.created_at, a.updated_at "
        "FROM applications a JOIN projects p ON p.id = a.project_id WHERE a.person_id = :id ORDER BY a.id",
        {"project_slug", "project", "status", "message", "shared_profile", "answer", "sent_at", "updated_at"});
    out["needs_written"] = rows(
        "SELECT p.id, p.title, p.status, n.created_at FROM needs n JOIN projects p ON p.id = n.project_id "
        "WHERE n.created_by = :id ORDER BY p.id",
        {"id", "title", "status", "created_at"});
    out["framing_comments"] = rows("SELECT project_id, body, created_at FROM framing_comments WHERE author_id = :id ORDER BY id",
                                   {"project_id", "comment", "created_at"});
    out["saved_searches"] = rows(
        "SELECT name, query, created_at, last_sent_at FROM saved_searches WHERE person_id = :id ORDER BY id",
        {"name", "query", "created_at", "last_digest_at"});
    out["mails"] = rows("SELECT created_at, template, status FROM mail_outbox WHERE to_address = "
                        "(SELECT email FROM people WHERE id = :id) ORDER BY created_at",
                        {"created_at", "template", "status"});
    Response response = json_response(200, out.dump(2));
    response.header("Content-Disposition", "attachment; filename=\"latitudes-my-data.json\"");
    response.header("Cache-Control", "no-store");
    return response;
}

}  // namespace latitudes::web::handlers
