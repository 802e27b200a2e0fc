// The milestones and weekly updates of a team's workspace (/teams/{id}#milestones, #updates):
// what the page shows of them, and the forms posted from it: a milestone's date and owner
// (TeamAction::plan_milestones), its state (update_milestone), a new milestone, a comment under
// an update (comment). Each write is one service call (service/followup.hpp).
//
// Status codes: 303 back to the section once saved; 403 for a visitor of the workspace whom the
// team's rules do not let do it; 404 for a visitor not of the workspace (load_team); 422 with the
// workspace page and the problems next to their fields (a milestone or update not of this team
// is such a problem: the form was stale).
#include "web/handlers/team_followup.hpp"

#include "service/followup.hpp"
#include "store/milestones.hpp"
#include "store/team_updates.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

#include <algorithm>

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

// A row's form errors: the summary links to the inputs' ids (`prefix` + field), and the template
// finds each message by the plain field name (errors.<field>).
json row_errors(const FormErrors& errors, const std::string& prefix) {
    json view = errors.view();
    json plain = json::object();
    for (const auto& [id, text] : view["field"].items()) plain[id.rfind(prefix, 0) == 0 ? id.substr(prefix.size()) : id] = text;
    view["plain"] = plain;
    return view;
}

json milestone_view(const Site& site, domain::Lang lang, const store::MilestoneRecord& m, const LoadedTeam& workspace,
                    const json& owners, const std::string& today, const FollowupForms& forms) {
    const bool overdue = domain::is_overdue(m.due_on, m.state, today);
    json states = json::array();
    for (auto state : domain::milestone_states)
        states.push_back({{"value", state},
                          {"label", message(site, lang, "milestone.state." + std::string(state))},
                          {"selected", state == m.state}});
    json choices = json::array();
    for (const auto& o : owners) choices.push_back({{"id", o["id"]}, {"name", o["name"]}, {"selected", o["id"] == m.owner_id}});
    const bool refused = forms.milestone_id == m.id;
    return {
        {"id", m.id},
        {"team_id", workspace.team.id},
        {"title", domain::localized(lang, m.title_fr, m.title_en)},
        {"description", domain::localized(lang, m.description_fr, m.description_en)},
        {"due", format_date(m.due_on, lang)},
        {"due_on", m.due_on},
        {"owner", m.owner_name.empty() ? json(nullptr) : json(m.owner_name)},
        {"state", m.state},
        {"state_label", message(site, lang, "milestone.state." + m.state)},
        {"done", m.state == "done"},
        {"overdue", overdue},
        {"states", states},
        {"owners", choices},
        {"can_plan", workspace.may(domain::TeamAction::plan_milestones)},
        {"can_update", workspace.may(domain::TeamAction::update_milestone)},
        {"open", refused},
        {"form_errors", row_errors(refused ? forms.milestone_errors : FormErrors(), "milestone-" + std::to_string(m.id) + "-")}};
}

}  // namespace

std::string hours_shown(long long minutes, domain::Lang lang) {
    std::string text = domain::hours_text(static_cast<int>(minutes));
    if (lang == domain::Lang::fr) std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

std::string problem_text(const Site& site, domain::Lang lang, const std::string& field, const std::string& code) {
    return message(site, lang, "followup.error." + field + "." + code);
}

void add_followup(json& data, Site& site, const Request& request, soci::session& session, const LoadedTeam& workspace,
                  const FollowupForms& forms) {
    const auto lang = page_context(request).lang;
    const auto& team = workspace.team;
    const auto now = store::Clock::now();
    const std::string today = store::iso_utc(now).substr(0, 10);
    json owners = json::array();
    for (const auto& [person, standing] : store::TeamRepository(session).people(team))
        owners.push_back({{"id", person.person_id}, {"name", person.name}});
    // The weekly sessions (up to twenty a semester) are folded away but for what needs doing
    // now: the overdue ones and the next one stay beside the other milestones.
    json milestones = json::array(), sessions = json::array();
    int overdue = 0, sessions_done = 0, sessions_total = 0;
    bool next_session_shown = false;
    for (const auto& m : store::MilestoneRepository(session).of_team(team.id)) {
        auto view = milestone_view(site, lang, m, workspace, owners, today, forms);
        const bool late = view["overdue"].get<bool>();
        if (late) ++overdue;
        if (m.occurrence == 0) {
            milestones.push_back(std::move(view));
            continue;
        }
        ++sessions_total;
        if (m.state == "done") ++sessions_done;
        const bool next = !late && !next_session_shown && m.state != "done" && m.due_on >= today;
        if (next) next_session_shown = true;
        (late || next ? milestones : sessions).push_back(std::move(view));
    }
    std::stable_sort(milestones.begin(), milestones.end(),
                     [](const json& a, const json& b) { return a.value("due_on", "") < b.value("due_on", ""); });
    // Open when one of the folded ones was refused: its message is not hidden.
    const bool sessions_open = std::any_of(sessions.begin(), sessions.end(),
                                           [&](const json& s) { return s["id"] == forms.milestone_id; });
    data["followup"] = {
        {"milestones", milestones},
        {"has_milestones", !milestones.empty() || !sessions.empty()},
        {"sessions", sessions},
        {"has_sessions", !sessions.empty()},
        {"sessions_open", sessions_open},
        {"sessions_summary", message(site, lang, "milestone.sessions_summary",
                                     {{"done", std::to_string(sessions_done)}, {"count", std::to_string(sessions_total)}})},
        {"overdue", overdue > 0 ? json(counted(site, lang, "milestone.overdue_count", overdue)) : json(nullptr)},
        {"can_plan", workspace.may(domain::TeamAction::plan_milestones)},
        {"owners", owners},
        {"new_milestone", forms.new_milestone},
        {"new_milestone_open", !forms.new_milestone_errors.empty()},
        {"new_milestone_errors", row_errors(forms.new_milestone_errors, "new-milestone-")},
    };
    // The updates, newest first, with the hours they add up to.
    store::TeamUpdateRepository updates(session);
    const auto hours = updates.hours(team);
    json students = json::array();
    for (const auto& s : hours.students) students.push_back({{"name", s.name}, {"hours", hours_shown(s.minutes, lang)}});
    json log = json::array();
    const bool can_comment = workspace.may(domain::TeamAction::comment);
    for (const auto& u : updates.of_team(team.id)) {
        json comments = json::array();
        for (const auto& c : u.comments)
            comments.push_back(
                {{"author", c.author.empty() ? "—" : c.author}, {"at", format_instant(c.created_at, lang)}, {"body", c.body}});
        const bool refused = forms.update_id == u.id;
        log.push_back({{"id", u.id},
                       {"team_id", team.id},
                       {"author", u.author},
                       {"week", message(site, lang, "updates.week_of", {{"date", format_date(u.week, lang)}})},
                       {"hours", hours_shown(u.minutes, lang)},
                       {"done", u.done},
                       {"next", u.next.empty() ? json(nullptr) : json(u.next)},
                       {"blockers", u.blockers.empty() ? json(nullptr) : json(u.blockers)},
                       {"comments", comments},
                       {"has_comments", !comments.empty()},
                       {"can_comment", can_comment},
                       {"comment", refused ? forms.comment : ""},
                       {"form_errors",
                        row_errors(refused ? forms.comment_errors : FormErrors(), "comment-" + std::to_string(u.id) + "-")}});
    }
    const bool student = workspace.may(domain::TeamAction::post_update);
    const bool posted = student && updates.of_week(team.id, request.visitor.person_id, service::current_week(now)).has_value();
    data["updates"] = {{"log", log},
                       {"has_log", !log.empty()},
                       {"can_post", student},
                       {"posted_this_week", posted},
                       {"total_hours", hours_shown(hours.minutes, lang)},
                       {"students", students},
                       {"has_students", !students.empty()}};
}

namespace {

// The workspace, or the answer to give instead (404 for strangers, 403 for those the rule refuses).
struct Acting {
    std::optional<LoadedTeam> workspace;
    std::optional<Response> refused;
};

Acting acting(Site& site, Request& request, soci::session& session, domain::TeamAction action) {
    auto loaded = load_team(site, request, session);
    if (auto* r = std::get_if<Response>(&loaded)) return {std::nullopt, std::move(*r)};
    auto& workspace = std::get<LoadedTeam>(loaded);
    if (!workspace.may(action)) return {std::nullopt, error_page(site, request, 403)};
    return {std::move(workspace), std::nullopt};
}

long long param_id(const Request& request, const std::string& name) {
    const auto it = request.path_params.find(name);
    return it == request.path_params.end() ? 0 : parse_id(it->second).value_or(0);
}

FormErrors errors_of(const Site& site, domain::Lang lang, const std::vector<domain::FieldProblem>& problems,
                     const std::string& prefix = "") {
    FormErrors errors;
    for (const auto& p : problems) errors.add(prefix + p.field, problem_text(site, lang, p.field, p.code));
    return errors;
}

// The problems of a refused outcome, each next to its field (`prefix` + field: the input's id).
FormErrors problems_of(const service::FollowupOutcome& outcome, const Site& site, domain::Lang lang, const std::string& prefix) {
    if (outcome.kind == service::FollowupOutcome::Kind::not_found) return FormErrors{message(site, lang, "followup.error.stale")};
    return errors_of(site, lang, outcome.problems, prefix);
}

service::TeamActor actor_of(const LoadedTeam& workspace, const Request& request) {
    return {workspace.team, request.visitor.person_id, workspace.standing};
}

}  // namespace

Response team_milestone_add(Request& request, Site& site) {
    service::FollowupOutcome outcome;
    FollowupForms forms;
    {
        store::Lease session(site.db);
        auto a = acting(site, request, *session, domain::TeamAction::plan_milestones);
        if (a.refused) return std::move(*a.refused);
        const std::string title = request.form_value("title"), due_on = request.form_value("due_on");
        outcome = service::add_milestone(site.service_context(*session), actor_of(*a.workspace, request), title, due_on,
                                         parse_id(request.form_value("owner")).value_or(0));
        if (outcome.kind == service::FollowupOutcome::Kind::done) return redirect(303, a.workspace->path() + "#milestones");
        forms.new_milestone = {{"title", title}, {"due_on", due_on}, {"due_on_type", date_input_type(due_on)}};
    }
    forms.new_milestone_errors = problems_of(outcome, site, page_context(request).lang, "new-milestone-");
    return team_page_with(request, site, forms, 422);
}

// A milestone's plan or state: `plan` true for the date and owner form.
Response milestone_change(Request& request, Site& site, bool plan) {
    service::FollowupOutcome outcome;
    FollowupForms forms;
    forms.milestone_id = param_id(request, "milestone");
    {
        store::Lease session(site.db);
        auto a = acting(site, request, *session,
                        plan ? domain::TeamAction::plan_milestones : domain::TeamAction::update_milestone);
        if (a.refused) return std::move(*a.refused);
        const auto actor = actor_of(*a.workspace, request);
        const auto context = site.service_context(*session);
        outcome = plan ? service::plan_milestone(context, actor, forms.milestone_id, request.form_value("due_on"),
                                                 parse_id(request.form_value("owner")).value_or(0))
                       : service::set_milestone_state(context, actor, forms.milestone_id, request.form_value("state"));
        if (outcome.kind == service::FollowupOutcome::Kind::done)
            return redirect(303, a.workspace->path() + "#milestone-" + std::to_string(forms.milestone_id));
    }
    forms.milestone_errors = problems_of(outcome, site, page_context(request).lang,
                                         "milestone-" + std::to_string(forms.milestone_id) + "-");
    return team_page_with(request, site, forms, 422);
}

Response team_milestone_plan(Request& request, Site& site) { return milestone_change(request, site, true); }
Response team_milestone_state(Request& request, Site& site) { return milestone_change(request, site, false); }

Response team_update_comment(Request& request, Site& site) {
    service::FollowupOutcome outcome;
    FollowupForms forms;
    forms.update_id = param_id(request, "update");
    forms.comment = request.form_value("body");
    {
        store::Lease session(site.db);
        auto a = acting(site, request, *session, domain::TeamAction::comment);
        if (a.refused) return std::move(*a.refused);
        outcome = service::comment_update(site.service_context(*session), actor_of(*a.workspace, request), forms.update_id,
                                          forms.comment);
        if (outcome.kind == service::FollowupOutcome::Kind::done)
            return redirect(303, a.workspace->path() + "#update-" + std::to_string(forms.update_id));
    }
    forms.comment_errors = problems_of(outcome, site, page_context(request).lang,
                                       "comment-" + std::to_string(forms.update_id) + "-");
    return team_page_with(request, site, forms, 422);
}

}  // namespace latitudes::web::handlers
