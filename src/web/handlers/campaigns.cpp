// Campaign pages: a student ranks the projects offered (/campaigns/{id}), in order, with buttons
// to move a choice up or down, add or remove one: every button is a form submit, so the page
// works without JavaScript; nothing is saved until "Enregistrer" (the server then checks the
// window and the number of choices). The school's coordinators and staff see the campaign's
// state and figures. "Mes équipes" (/me/teams) shows a student's teams and why they got them.
//
// Status codes: 200; 303 after a save; 404 for an unknown campaign or one that is neither the
// visitor's school's nor one of their cohorts'; 409 outside the window; 422 a refused ranking.
#include "service/campaigns.hpp"
#include "store/campaigns.hpp"
#include "store/schools.hpp"
#include "web/authorisation.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/project_access.hpp"
#include "web/handlers/school_views.hpp"
#include "web/handlers/team_access.hpp"
#include "web/handlers/team_followup.hpp"
#include "web/page.hpp"

#include <algorithm>

namespace latitudes::web::handlers {

using domain::Action;
using nlohmann::json;

namespace {

struct LoadedCampaign {
    store::CampaignRecord campaign;
    std::vector<store::OfferedProject> projects;
    domain::CampaignState state = domain::CampaignState::scheduled;
    bool manager = false, student = false;
};

std::optional<LoadedCampaign> load_campaign(Site& site, Request& request, soci::session& session) {
    store::CampaignRepository campaigns(session);
    const auto found = campaigns.find(parse_id(request.path_params["id"]).value_or(0));
    if (!found) return std::nullopt;
    LoadedCampaign loaded{*found, campaigns.projects(found->id), {}, false, false};
    loaded.manager =
        authorise_in_organisation(site, request, session, found->school_id, Action::manage_campaigns).decision.allowed;
    loaded.student = campaigns.is_student(found->id, request.visitor.person_id);
    if (!loaded.manager && !loaded.student) return std::nullopt;
    loaded.state = service::state_of(*found, store::Clock::now());
    return loaded;
}

// On the caller's session: a second lease per request could exhaust the pool under load.
Response campaign_page(Site& site, Request& request, soci::session& session, const LoadedCampaign& loaded,
                       std::vector<std::string> order, const FormErrors& errors, const std::string& notice_key, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    const auto& c = loaded.campaign;
    std::map<std::string, const store::OfferedProject*> by_slug;
    for (const auto& p : loaded.projects) by_slug[p.slug] = &p;
    std::erase_if(order, [&](const std::string& slug) { return !by_slug.count(slug); });
    json choices = json::array();
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto& p = *by_slug[order[i]];
        choices.push_back({{"slug", p.slug},
                           {"title", p.title},
                           {"organisation", p.organisation},
                           {"position", i + 1},
                           {"index", i},
                           {"first", i == 0},
                           {"last", i + 1 == order.size()}});
    }
    json others = json::array(), projects = json::array();
    for (const auto& p : loaded.projects) {
        projects.push_back({{"slug", p.slug},
                            {"title", p.title},
                            {"organisation", p.organisation},
                            {"team_min", p.team_min},
                            {"team_max", p.team_max}});
        if (std::find(order.begin(), order.end(), p.slug) == order.end())
            others.push_back({{"slug", p.slug}, {"title", p.title}});
    }
    const bool open = loaded.state == domain::CampaignState::open;
    store::CampaignRepository campaigns(session);
    const std::string saved_at = loaded.student ? campaigns.ranking_saved_at(c.id, request.visitor.person_id) : "";
    json data{{"id", c.id},
              {"title", c.title},
              {"school", c.school_name},
              {"state", message(site, lang, "campaign.state." + std::string(domain::to_string(loaded.state)))},
              {"state_code", domain::to_string(loaded.state)},
              {"opens", format_instant(c.opens_at, lang)},
              {"closes", format_instant(c.closes_at, lang)},
              {"rules", message(site, lang, "campaign.rules",
                                {{"min", std::to_string(c.min_choices)}, {"max", std::to_string(c.choices)}})},
              {"projects", projects},
              {"student", loaded.student},
              {"manager", loaded.manager},
              {"can_rank", loaded.student && open},
              {"choices", choices},
              {"has_choices", !choices.empty()},
              {"others", others},
              {"can_add", open && !others.empty() && static_cast<int>(order.size()) < c.choices},
              {"saved_at", saved_at.empty() ? json(nullptr) : json(format_instant(saved_at, lang))},  // "" would show
              {"form_errors", errors.view()}};
    if (loaded.manager)
        data.update({{"students", campaigns.student_count(c.id)},
                     {"ranked", campaigns.ranked_count(c.id)},
                     {"runs", static_cast<long long>(campaigns.runs(c.id).size())}});
    if (!notice_key.empty()) data["notice"] = message(site, lang, notice_key);
    return render_private_page(site, request, context, c.title, "campaign", std::move(data), status, "me");
}

}  // namespace

Response campaign(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto loaded = load_campaign(site, request, *session);
    if (!loaded) return error_page(site, request, 404);
    std::vector<std::string> order;
    std::map<long long, std::string> slugs;
    for (const auto& p : loaded->projects) slugs[p.project_id] = p.slug;
    for (long long project : store::CampaignRepository(*session).ranking(loaded->campaign.id, request.visitor.person_id))
        order.push_back(slugs[project]);
    return campaign_page(site, request, *session, *loaded, order, {},
                         request.param("done") == "saved"     ? "campaign.saved"
                         : request.param("done") == "created" ? "campaign.created"
                                                              : "",
                         200);
}

// POST /campaigns/{id}/ranking: the order as sent (choice=slug, repeated), then either one edit
// shown without saving (move=up:i, down:i, remove:i, or move=add with add=slug), or intent=save.
Response campaign_ranking(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto loaded = load_campaign(site, request, *session);
    if (!loaded || !loaded->student) return error_page(site, request, 404);
    std::vector<std::string> order;
    const auto form = request.form();
    for (auto [it, end] = form.equal_range("choice"); it != end; ++it) order.push_back(it->second);
    // One form holds the order, the select of projects to add and every button: what the button
    // pressed says (move=up:i|down:i|remove:i|add), and only intent=save writes.
    const std::string move = request.form_value("move");
    if (request.form_value("intent") != "save") {
        if (move == "add") {
            const std::string add = request.form_value("add");
            if (!add.empty() && std::find(order.begin(), order.end(), add) == order.end()) order.push_back(add);
        } else {
            const auto colon = move.find(':');
            const auto index = colon == std::string::npos ? std::nullopt : parse_id(move.substr(colon + 1), 3);
            const std::string verb = move.substr(0, colon);
            if (index && *index < static_cast<long long>(order.size())) {
                const auto i = static_cast<std::size_t>(*index);
                if (verb == "up" && i > 0) std::swap(order[i], order[i - 1]);
                if (verb == "down" && i + 1 < order.size()) std::swap(order[i], order[i + 1]);
                if (verb == "remove") order.erase(order.begin() + static_cast<long>(i));
            }
        }
        return campaign_page(site, request, *session, *loaded, order, {}, "campaign.not_saved", 200);
    }
    const auto saved = service::save_ranking(site.service_context(*session), loaded->campaign.id, request.visitor.person_id,
                                             order);
    if (saved.kind == service::RankingOutcome::Kind::saved)
        return redirect(303, "/campaigns/" + std::to_string(loaded->campaign.id) + "?done=saved");
    const bool closed = saved.refusal == domain::ranking_refusal::not_open;
    // A wrong list (too short, too long, a project twice or not offered) is shown at the list; a
    // campaign closed meanwhile is a problem of the whole form.
    FormErrors errors;
    errors.add(closed ? "" : "ranking", message(site, lang, "campaign.error." + saved.refusal,
                                                {{"min", std::to_string(loaded->campaign.min_choices)},
                                                 {"max", std::to_string(loaded->campaign.choices)}}));
    return campaign_page(site, request, *session, *loaded, order, errors, "", closed ? 409 : 422);
}

Response my_teams(Request& request, Site& site) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::Lease session(site.db);
    json teams = json::array();
    for (const auto& t : service::teams_of_student(*session, request.visitor.person_id)) {
        json better = json::array();
        for (const auto& [title, reason] : t.better_choices)
            better.push_back({{"project", title}, {"reason", message(site, lang, "teams.reason." + reason)}});
        teams.push_back({{"campaign", t.campaign},
                         {"slug", t.project_slug},
                         {"title", t.project_title},
                         {"rank", t.rank ? message(site, lang, "teams.rank", {{"n", std::to_string(t.rank)}})
                                         : message(site, lang, "teams.rank_none")},
                         {"first", t.rank == 1},
                         {"better", better},
                         {"has_better", !better.empty()}});
    }
    // Every workspace the person is of, whatever the way in (team, supervision, school, beneficiary).
    json workspaces = json::array();
    for (const auto& t : store::TeamRepository(*session).teams_of(request.visitor.person_id))
        workspaces.push_back({{"id", t.team_id},
                              {"title", t.project_title},
                              {"organisation", t.organisation_name},
                              {"school", t.school_name.empty() ? json(nullptr) : json(t.school_name)},
                              {"semester", t.semester_code.empty() ? json(nullptr) : json(t.semester_code)},
                              {"status", status_label(site, lang, t.project_status)},
                              {"standing", standing_label(site, lang, t.standing)}});
    json campaigns = json::array();
    for (const auto& c : store::CampaignRepository(*session).of_student(request.visitor.person_id))
        campaigns.push_back(
            {{"id", c.id},
             {"title", c.title},
             {"school", c.school_name},
             {"state",
              message(site, lang, "campaign.state." + std::string(domain::to_string(service::state_of(c, store::Clock::now()))))},
             {"closes", format_instant(c.closes_at, lang)}});
    // Supervisors see the students of their projects once the teams are published.
    json supervised = json::array();
    for (const auto& t : store::SchoolRepository(*session).supervised_teams(request.visitor.person_id)) {
        json members = json::array();
        for (const auto& [name, address] : t.members)
            members.push_back({{"name", name}, {"email", address.empty() ? json(nullptr) : json(address)}});
        supervised.push_back(
            {{"campaign", t.campaign}, {"slug", t.project_slug}, {"title", t.project_title}, {"members", members}});
    }
    // The teams the person supervises or teaches, silent ones (no update for two weeks) first.
    const json followed = followed_teams_view(site, lang, *session, request.visitor.person_id);
    json data{{"followed", {{"teams", followed}}},
              {"has_followed", !followed.empty()},
              {"workspaces", workspaces},
              {"has_workspaces", !workspaces.empty()},
              {"teams", teams},
              {"has_teams", !teams.empty()},
              {"campaigns", campaigns},
              {"has_campaigns", !campaigns.empty()},
              {"supervised", supervised},
              {"has_supervised", !supervised.empty()}};
    return render_private_page(site, request, context, message(site, lang, "teams.title"), "my_teams", std::move(data), 200,
                               "me");
}

}  // namespace latitudes::web::handlers
