// The weekly update: the one-screen form the weekly mail links to (/teams/{id}/updates/new: what
// was done, what is next, blockers, hours prefilled with last week's), its post, and the API's
// log and post (/api/v1/teams/{id}/updates). The same service call behind the form and the API.
//
// Status codes: GET form 200; POST 303 to the workspace's log once saved, 422 with the form and
// each problem next to its field; 403 for a visitor of the workspace who is not one of its
// students; 404 for anyone not of the workspace (load_team). API: GET 200; POST 201 with the
// update's id, 400 for a body that is not a JSON object, 403, 404, 422 {"error": {"code":
// "invalid_update", "fields": {field: code}}}.
#include "store/team_updates.hpp"
#include "service/followup.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/team_followup.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

std::optional<LoadedTeam> workspace_or(Site& site, Request& request, soci::session& session, Response& answer) {
    auto loaded = load_team(site, request, session);
    if (auto* r = std::get_if<Response>(&loaded)) {
        answer = std::move(*r);
        return std::nullopt;
    }
    return std::move(std::get<LoadedTeam>(loaded));
}

Response form_page(Site& site, Request& request, const LoadedTeam& workspace, const domain::WeeklyUpdateInput& form,
                   const FormErrors& errors, int status) {
    const auto context = page_context(request);
    json data{{"id", workspace.team.id},
              {"title", workspace.team.project_title},
              {"done", form.done},
              {"next", form.next},
              {"blockers", form.blockers},
              {"hours", form.hours},
              {"csrf", request.visitor.csrf_token},
              {"form_errors", errors.view()}};
    return render_private_page(site, request, context,
                               message(site, context.lang, "updates.form_title") + " — " + workspace.team.project_title,
                               "team_update_form", std::move(data), status, "me");
}

domain::WeeklyUpdateInput form_of(const Request& request) {
    return {request.form_value("done"), request.form_value("next"), request.form_value("blockers"), request.form_value("hours")};
}

}  // namespace

Response team_update_form(Request& request, Site& site) {
    store::Lease session(site.db);
    Response answer;
    const auto workspace = workspace_or(site, request, *session, answer);
    if (!workspace) return answer;
    if (!workspace->may(domain::TeamAction::post_update)) return error_page(site, request, 403);
    // This week's update if there is one (to change it), else last week's hours.
    store::TeamUpdateRepository updates(*session);
    const std::string week = service::current_week(store::Clock::now());
    domain::WeeklyUpdateInput form;
    if (const auto mine = updates.of_week(workspace->team.id, request.visitor.person_id, week))
        form = {mine->done, mine->next, mine->blockers, hours_shown(mine->minutes, page_context(request).lang)};
    else if (const auto last = updates.last_minutes_before(workspace->team.id, request.visitor.person_id, week))
        form.hours = hours_shown(*last, page_context(request).lang);
    return form_page(site, request, *workspace, form, {}, 200);
}

Response team_update_post(Request& request, Site& site) {
    store::Lease session(site.db);
    Response answer;
    const auto workspace = workspace_or(site, request, *session, answer);
    if (!workspace) return answer;
    if (!workspace->may(domain::TeamAction::post_update)) return error_page(site, request, 403);
    const auto form = form_of(request);
    const auto outcome = service::post_weekly_update(site.service_context(*session),
                                                     {workspace->team, request.visitor.person_id, workspace->standing}, form);
    if (outcome.kind == service::FollowupOutcome::Kind::done)
        return redirect(303, workspace->path() + "#update-" + std::to_string(outcome.id));
    const auto lang = page_context(request).lang;
    FormErrors errors;
    for (const auto& p : outcome.problems) errors.add(p.field, problem_text(site, lang, p.field, p.code));
    return form_page(site, request, *workspace, form, errors, 422);
}

Response api_team_updates(Request& request, Site& site) {
    store::Lease session(site.db);
    Response answer;
    const auto workspace = workspace_or(site, request, *session, answer);
    if (!workspace) return json_error(404, "not_found", "no such team");
    store::TeamUpdateRepository updates(*session);
    const auto hours = updates.hours(workspace->team);
    json log = json::array();
    for (const auto& u : updates.of_team(workspace->team.id)) {
        json comments = json::array();
        for (const auto& c : u.comments)
            comments.push_back({{"id", c.id}, {"author", c.author}, {"body", c.body}, {"created_at", c.created_at}});
        log.push_back({{"id", u.id},
                       {"author", u.author},
                       {"week", u.week},
                       {"done", u.done},
                       {"next", u.next},
                       {"blockers", u.blockers},
                       {"hours", u.minutes / 60.0},
                       {"updated_at", u.updated_at},
                       {"comments", comments}});
    }
    json students = json::array();
    for (const auto& s : hours.students) students.push_back({{"name", s.name}, {"hours", s.minutes / 60.0}});
    const json body{
        {"team", workspace->team.id}, {"hours", {{"total", hours.minutes / 60.0}, {"students", students}}}, {"updates", log}};
    return private_json_response(200, body.dump());
}

// {"done": text, "next": text, "blockers": text, "hours": number}
Response api_team_update_post(Request& request, Site& site) {
    store::Lease session(site.db);
    Response answer;
    const auto workspace = workspace_or(site, request, *session, answer);
    if (!workspace) return json_error(404, "not_found", "no such team");
    if (!workspace->may(domain::TeamAction::post_update))
        return json_error(403, "forbidden", "only the team's students post its weekly updates");
    const json doc = json::parse(request.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return json_error(400, "invalid_json", "the body must be a JSON object (see docs/api/openapi.yaml)");
    json fields = json::object();
    auto text = [&](const char* name) {
        if (!doc.contains(name) || doc[name].is_null()) return std::string();
        if (!doc[name].is_string()) fields[name] = "invalid_type";
        return doc[name].is_string() ? doc[name].get<std::string>() : std::string();
    };
    domain::WeeklyUpdateInput in{text("done"), text("next"), text("blockers"), "0"};
    if (doc.contains("hours") && !doc["hours"].is_null()) {
        if (doc["hours"].is_number()) in.hours = doc["hours"].dump();
        else fields["hours"] = "invalid_type";
    }
    service::FollowupOutcome outcome;
    if (fields.empty())
        outcome = service::post_weekly_update(site.service_context(*session),
                                              {workspace->team, request.visitor.person_id, workspace->standing}, in);
    for (const auto& p : outcome.problems) fields[p.field] = p.code;
    if (!fields.empty()) {
        // The fields refused, and in the message what is wrong with each ("hours: negative").
        json names = json::array();
        std::string said;
        for (const auto& [name, code] : fields.items()) {
            names.push_back(name);
            said += (said.empty() ? "" : ", ") + name + ": " + code.get<std::string>();
        }
        const json body{{"error", {{"code", "invalid_update"}, {"message", "invalid fields: " + said}, {"fields", names}}}};
        return private_json_response(422, body.dump());
    }
    return private_json_response(201, json{{"id", outcome.id}}.dump());
}

}  // namespace latitudes::web::handlers
