// Staff pages of the teams' follow-up: the milestone template every team starts from
// (/admin/milestone-templates: ordered steps, each in both languages, dated from the team's
// formation or the semester's end, with a default owner, weekly or not), and the follow-up of
// every active team (/admin/teams: last update, hours, overdue milestones; teams silent for two
// weeks first).
//
// Status codes: 200; 303 after a change (back to the template); 422 with the form, what was
// typed and each problem next to its field; 404 for a step that does not exist.
#include "service/followup.hpp"
#include "store/milestones.hpp"
#include "store/team_updates.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/team_followup.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

domain::MilestoneStepInput form_of(const Request& request) {
    return {request.form_value("position"),       request.form_value("title_fr"),       request.form_value("title_en"),
            request.form_value("description_fr"), request.form_value("description_en"), request.form_value("anchor"),
            request.form_value("offset_weeks"),   request.form_value("owner_role"),     !request.form_value("weekly").empty()};
}

domain::MilestoneStepInput input_of(const domain::MilestoneStep& s) {
    return {std::to_string(s.position),     s.title_fr,   s.title_en, s.description_fr, s.description_en, s.anchor,
            std::to_string(s.offset_weeks), s.owner_role, s.weekly};
}

// The fields of a step's form; `prefix` makes the inputs' ids unique on the page.
json step_form(const Site& site, domain::Lang lang, const domain::MilestoneStepInput& in, const std::string& prefix,
               const FormErrors& errors) {
    json anchors = json::array(), roles = json::array();
    for (auto a : domain::milestone_anchors)
        anchors.push_back(
            {{"value", a}, {"label", message(site, lang, "milestone.anchor." + std::string(a))}, {"selected", a == in.anchor}});
    for (auto r : domain::milestone_owner_roles)
        roles.push_back(
            {{"value", r}, {"label", message(site, lang, "milestone.role." + std::string(r))}, {"selected", r == in.owner_role}});
    json view = errors.view(), plain = json::object();
    for (const auto& [id, text] : view["field"].items()) plain[id.substr(prefix.size())] = text;
    view["plain"] = plain;
    return {{"prefix", prefix},
            {"position", in.position},
            {"title_fr", in.title_fr},
            {"title_en", in.title_en},
            {"description_fr", in.description_fr},
            {"description_en", in.description_en},
            {"anchors", anchors},
            {"offset_weeks", in.offset_weeks},
            {"roles", roles},
            {"weekly", in.weekly},
            {"form_errors", view}};
}

struct TemplatePageState {
    long long step_id = 0;  // the step whose form was refused (0: the new step's)
    domain::MilestoneStepInput typed;
    FormErrors errors;
    int status = 200;
};

Response template_page(Site& site, Request& request, const TemplatePageState& state) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::Lease session(site.db);
    json steps = json::array();
    for (const auto& s : store::MilestoneRepository(*session).steps()) {
        const bool refused = state.status != 200 && state.step_id == s.id;
        const std::string when = s.anchor == "formed"  ? counted(site, lang, "milestone.when.formed", s.offset_weeks)
                                 : s.offset_weeks == 0 ? message(site, lang, "milestone.when.at_end")
                                 : s.offset_weeks < 0  ? counted(site, lang, "milestone.when.before_end", -s.offset_weeks)
                                                       : counted(site, lang, "milestone.when.after_end", s.offset_weeks);
        steps.push_back({{"id", s.id},
                         {"position", s.position},
                         {"title", domain::localized(lang, s.title_fr, s.title_en)},
                         {"description", domain::localized(lang, s.description_fr, s.description_en)},
                         {"when", when},
                         {"role", message(site, lang, "milestone.role." + s.owner_role)},
                         {"weekly", s.weekly},
                         {"open", refused},
                         {"form", step_form(site, lang, refused ? state.typed : input_of(s), "step-" + std::to_string(s.id) + "-",
                                            refused ? state.errors : FormErrors())}});
    }
    const bool new_refused = state.status != 200 && state.step_id == 0;
    domain::MilestoneStepInput blank{std::to_string(steps.size() + 1), "", "", "", "", "formed", "1", "team", false};
    json data{{"steps", steps},
              {"has_steps", !steps.empty()},
              {"new_open", new_refused},
              {"new_form",
               step_form(site, lang, new_refused ? state.typed : blank, "new-step-", new_refused ? state.errors : FormErrors())},
              {"csrf", request.visitor.csrf_token},
              {"dev_mode", site.options.development_mode},
              {"tab_milestones", true}};
    if (request.param("done") == "saved") data["notice"] = message(site, lang, "admin.milestones.saved");
    return render_private_page(site, request, context, message(site, lang, "admin.milestones.title"), "admin_milestones",
                               std::move(data), state.status, "admin");
}

long long step_param(const Request& request) { return parse_id(request.path_params.at("step")).value_or(0); }

Response step_saved(Site& site, Request& request, long long step_id, const domain::MilestoneStepInput& form,
                    const service::FollowupOutcome& outcome) {
    using Kind = service::FollowupOutcome::Kind;
    if (outcome.kind == Kind::not_found) return error_page(site, request, 404);
    if (outcome.kind == Kind::done)
        return redirect(303, "/admin/milestone-templates?done=saved#step-" + std::to_string(outcome.id));
    const auto lang = page_context(request).lang;
    const std::string prefix = step_id ? "step-" + std::to_string(step_id) + "-" : "new-step-";
    FormErrors errors;
    for (const auto& p : outcome.problems) errors.add(prefix + p.field, problem_text(site, lang, p.field, p.code));
    return template_page(site, request, {step_id, form, errors, 422});
}

}  // namespace

Response admin_milestone_templates(Request& request, Site& site) { return template_page(site, request, {}); }

Response admin_milestone_step_create(Request& request, Site& site) {
    const auto form = form_of(request);
    service::FollowupOutcome outcome;
    {
        store::Lease session(site.db);
        outcome = service::save_milestone_step(site.service_context(*session), request.visitor.person_id, 0, form);
    }
    return step_saved(site, request, 0, form, outcome);
}

Response admin_milestone_step_update(Request& request, Site& site) {
    const auto form = form_of(request);
    const long long id = step_param(request);
    service::FollowupOutcome outcome;
    {
        store::Lease session(site.db);
        outcome = id ? service::save_milestone_step(site.service_context(*session), request.visitor.person_id, id, form)
                     : service::FollowupOutcome{service::FollowupOutcome::Kind::not_found, {}, 0};
    }
    return step_saved(site, request, id, form, outcome);
}

Response admin_milestone_step_delete(Request& request, Site& site) {
    service::FollowupOutcome outcome;
    {
        store::Lease session(site.db);
        outcome = service::delete_milestone_step(site.service_context(*session), request.visitor.person_id, step_param(request));
    }
    if (outcome.kind != service::FollowupOutcome::Kind::done) return error_page(site, request, 404);
    return redirect(303, "/admin/milestone-templates?done=saved");
}

json followed_teams_view(const Site& site, domain::Lang lang, soci::session& session, long long person_id) {
    json rows = json::array();
    for (const auto& t : store::TeamUpdateRepository(session).followed(store::Clock::now(), person_id))
        rows.push_back({{"id", t.team_id},
                        {"title", t.project_title},
                        {"organisation", t.organisation_name},
                        {"school", t.school_name.empty() ? json(nullptr) : json(t.school_name)},
                        {"semester", t.semester_code.empty() ? json(nullptr) : json(t.semester_code)},
                        {"last_update", t.last_update.empty() ? message(site, lang, "follow.never")
                                                              : format_date(t.last_update.substr(0, 10), lang)},
                        {"hours", hours_shown(t.minutes, lang)},
                        {"overdue", t.overdue},
                        {"has_overdue", t.overdue > 0},
                        {"silent", t.silent}});
    return rows;
}

Response admin_teams(Request& request, Site& site) {
    const auto context = page_context(request);
    store::Lease session(site.db);
    const auto rows = followed_teams_view(site, context.lang, *session, 0);
    const auto silent = std::count_if(rows.begin(), rows.end(), [](const json& t) { return t["silent"].get<bool>(); });
    json data{{"teams", rows},
              {"has_teams", !rows.empty()},
              {"summary", counted(site, context.lang, "follow.silent_count", silent)},
              {"dev_mode", site.options.development_mode},
              {"tab_teams", true}};
    return render_private_page(site, request, context, message(site, context.lang, "admin.teams.title"), "admin_teams",
                               std::move(data), 200, "admin");
}

}  // namespace latitudes::web::handlers
