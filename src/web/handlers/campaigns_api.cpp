// The cohorts and campaigns API (personal tokens): cohorts and their students (a CSV body, with
// ?dry_run=1 for the preview), campaigns, a student's ranking, runs, moves, publication, exports
// and one's teams. Every write is one service call (service/cohorts.hpp, service/campaigns.hpp).
// A school's members (its coordinators) and staff manage; students of a campaign's cohorts read
// and rank it; to anyone else a cohort or campaign does not exist (404).
//
// Status codes: 200, 201 created, 400 body not JSON, 404 unknown or not yours, 409 the window or
// the publication does not allow it, 413 file too large, 422 invalid fields (listed).
#include "service/campaigns.hpp"
#include "service/cohorts.hpp"
#include "store/campaigns.hpp"
#include "store/cohorts.hpp"
#include "web/authorisation.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/school_views.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using domain::Action;
using nlohmann::json;

namespace {

Response invalid(const std::string& code, const std::vector<std::string>& fields) {
    return json_response(
        422, json{{"error", {{"code", code}, {"message", "invalid fields: " + json(fields).dump()}, {"fields", fields}}}}.dump());
}

std::optional<json> body_object(const Request& request) {
    json doc = json::parse(request.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
    return doc;
}
Response not_json() { return json_error(400, "invalid_json", "the body must be a JSON object (see docs/api/openapi.yaml)"); }
Response not_found() { return json_error(404, "not_found", "no such cohort or campaign (or not yours)"); }

// A JSON value as the text a form would send (numbers written out, strings as they are).
std::string text_of(const json& doc, const char* name) {
    if (!doc.contains(name) || doc[name].is_null()) return {};
    if (doc[name].is_string()) return doc[name].get<std::string>();
    if (doc[name].is_number_integer()) return std::to_string(doc[name].get<long long>());
    return "\x01";  // a wrong type: refused by the checks as an invalid value
}

// Whether the visitor manages the school (a member, or staff).
bool manages(const Site& site, const Request& request, soci::session& session, long long school_id, Action action) {
    return authorise_in_organisation(site, request, session, school_id, action).decision.allowed;
}

json campaign_json(const store::CampaignRecord& c, domain::CampaignState state) {
    return {{"id", c.id},
            {"title", c.title},
            {"school", c.school_slug},
            {"semester", c.semester_code},
            {"opens_at", c.opens_at},
            {"closes_at", c.closes_at},
            {"choices", c.choices},
            {"min_choices", c.min_choices},
            {"state", domain::to_string(state)},
            {"published_run", c.published_run_id ? json(c.published_run_id) : json(nullptr)}};
}

json run_json(const store::RunRecord& run) {
    return {{"id", run.id},     {"algorithm", run.algorithm},   {"respect_min_size", run.respect_min_size},
            {"seed", run.seed}, {"created_at", run.created_at}, {"stats", json::parse(run.stats, nullptr, false)}};
}

}  // namespace

// POST /api/v1/cohorts: {"school": slug, "semester": code, "course", "teachers"}.
Response api_cohort_create(Request& request, Site& site) {
    const auto doc = body_object(request);
    if (!doc) return not_json();
    store::Lease session(site.db);
    const auto access = authorise_in_organisation(site, request, *session, text_of(*doc, "school"), Action::manage_cohorts);
    if (!access.decision.allowed || access.organisation->kind != "school")
        return access.organisation && access.decision.allowed ? invalid("invalid_cohort", {"school"}) : not_found();
    long long semester = 0;
    for (const auto& s : store::CohortRepository(*session).semesters())
        if (s.code == text_of(*doc, "semester")) semester = s.id;
    const auto created = service::create_cohort(site.service_context(*session),
                                                {access.organisation->id, semester, request.visitor.person_id,
                                                 text_of(*doc, "course"), text_of(*doc, "teachers")});
    if (created.kind == service::CohortOutcome::Kind::invalid) return invalid("invalid_cohort", created.problems);
    Response response = private_json_response(201, json{{"id", created.cohort_id}}.dump());
    response.header("Location", "/api/v1/cohorts/" + std::to_string(created.cohort_id));
    return response;
}

// POST /api/v1/cohorts/{id}/students[?dry_run=1]: the spreadsheet export as the body.
Response api_cohort_students(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto cohort = managed_cohort(site, request, *session);
    if (!cohort) return not_found();
    const long long id = cohort->id;
    const bool dry_run = request.param("dry_run") == "1";
    const auto outcome = service::import_students(site.service_context(*session), {id, request.body, !dry_run});
    using Kind = service::ImportOutcome::Kind;
    if (outcome.kind == Kind::too_large)
        return json_error(413, "too_large", "the file is larger than " + std::to_string(service::max_roster_bytes) + " bytes");
    const auto& p = outcome.preview;
    auto problems = [](const std::vector<domain::RosterProblem>& list) {
        json out = json::array();
        for (const auto& problem : list)
            out.push_back({{"code", problem.code}, {"line", problem.line}, {"detail", problem.detail}});
        return out;
    };
    json rows = json::array();
    for (const auto& r : p.rows)
        rows.push_back({{"line", r.line},
                        {"email", r.email},
                        {"first_name", r.first_name},
                        {"last_name", r.last_name},
                        {"student_number", r.student_number},
                        {"group", r.group},
                        {"accepted", r.accepted()},
                        {"problems", problems(r.problems)}});
    json body{{"encoding", p.encoding},
              {"file_problems", problems(p.file_problems)},
              {"warnings", problems(p.warnings)},
              {"rows", rows},
              {"accepted", p.accepted},
              {"refused", p.refused},
              {"dry_run", dry_run},
              {"joined", outcome.joined},
              {"invited", outcome.invited}};
    if (outcome.kind == Kind::invalid_file)
        return json_response(
            422, json{{"error", {{"code", "invalid_file"}, {"message", "the file cannot be read"}}}, {"preview", body}}.dump());
    return private_json_response(200, body.dump());
}

// POST /api/v1/campaigns: {"school", "title", "opens_at", "closes_at", "choices", "min_choices",
// "cohorts": [ids], "projects": [{"slug", "team_min", "team_max", "supervisor", "supervisor_limit"}]}.
Response api_campaign_create(Request& request, Site& site) {
    const auto doc = body_object(request);
    if (!doc) return not_json();
    store::Lease session(site.db);
    const auto access = authorise_in_organisation(site, request, *session, text_of(*doc, "school"), Action::manage_campaigns);
    if (!access.decision.allowed || access.organisation->kind != "school")
        return access.organisation && access.decision.allowed ? invalid("invalid_campaign", {"school"}) : not_found();
    domain::CampaignInput input;
    input.title = text_of(*doc, "title");
    input.opens_at = text_of(*doc, "opens_at");
    input.closes_at = text_of(*doc, "closes_at");
    input.choices = text_of(*doc, "choices");
    input.min_choices = text_of(*doc, "min_choices");
    if (doc->contains("cohorts") && (*doc)["cohorts"].is_array())
        for (const auto& c : (*doc)["cohorts"])
            if (c.is_number_integer()) input.cohort_ids.push_back(c.get<long long>());
    if (doc->contains("projects") && (*doc)["projects"].is_array())
        for (const auto& p : (*doc)["projects"]) {
            if (p.is_string()) input.projects.push_back({p.get<std::string>(), "", "", "", ""});
            else if (p.is_object())
                input.projects.push_back({text_of(p, "slug"), text_of(p, "team_min"), text_of(p, "team_max"),
                                          text_of(p, "supervisor"), text_of(p, "supervisor_limit")});
        }
    const auto created = service::create_campaign(site.service_context(*session), access.organisation->id,
                                                  request.visitor.person_id, input);
    if (created.kind == service::CampaignOutcome::Kind::invalid) return invalid("invalid_campaign", created.problems);
    Response response = private_json_response(201, json{{"id", created.campaign_id}}.dump());
    response.header("Location", "/api/v1/campaigns/" + std::to_string(created.campaign_id));
    return response;
}

// GET /api/v1/campaigns/{id}: to its school, everything with the runs; to a student, the
// projects offered and their own ranking.
Response api_campaign(Request& request, Site& site) {
    const long long id = parse_id(request.path_params["id"]).value_or(0);
    store::Lease session(site.db);
    store::CampaignRepository campaigns(*session);
    const auto campaign = campaigns.find(id);
    if (!campaign) return not_found();
    const bool manager = manages(site, request, *session, campaign->school_id, Action::manage_campaigns);
    const bool student = campaigns.is_student(id, request.visitor.person_id);
    if (!manager && !student) return not_found();
    const auto state = service::state_of(*campaign, store::Clock::now());
    json body = campaign_json(*campaign, state);
    json projects = json::array();
    std::map<long long, std::string> slugs;
    for (const auto& p : campaigns.projects(id)) {
        slugs[p.project_id] = p.slug;
        projects.push_back({{"slug", p.slug},
                            {"title", p.title},
                            {"organisation", p.organisation},
                            {"team_min", p.team_min},
                            {"team_max", p.team_max},
                            {"url", "/projects/" + p.slug}});
    }
    body["projects"] = projects;
    if (student) {
        json ranking = json::array();
        for (long long project : campaigns.ranking(id, request.visitor.person_id)) ranking.push_back(slugs[project]);
        body["ranking"] = ranking;
        body["ranking_saved_at"] = campaigns.ranking_saved_at(id, request.visitor.person_id);
    }
    if (manager) {
        json runs = json::array();
        for (const auto& run : campaigns.runs(id)) runs.push_back(run_json(run));
        body["runs"] = runs;
        body["students"] = campaigns.student_count(id);
        body["ranked"] = campaigns.ranked_count(id);
    }
    return private_json_response(200, body.dump());
}

// PUT /api/v1/campaigns/{id}/ranking: {"projects": [slug, ...]} in order, first choice first.
Response api_campaign_ranking(Request& request, Site& site) {
    const auto doc = body_object(request);
    if (!doc) return not_json();
    if (!doc->contains("projects") || !(*doc)["projects"].is_array()) return invalid("invalid_ranking", {"projects"});
    std::vector<std::string> slugs;
    for (const auto& p : (*doc)["projects"]) {
        if (!p.is_string()) return invalid("invalid_ranking", {"projects"});
        slugs.push_back(p.get<std::string>());
    }
    store::Lease session(site.db);
    const auto saved = service::save_ranking(site.service_context(*session), parse_id(request.path_params["id"]).value_or(0),
                                             request.visitor.person_id, slugs);
    using Kind = service::RankingOutcome::Kind;
    if (saved.kind == Kind::not_found) return not_found();
    if (saved.kind == Kind::refused)
        return json_error(saved.refusal == domain::ranking_refusal::not_open ? 409 : 422, saved.refusal,
                          "the ranking cannot be saved: " + saved.refusal);
    return private_json_response(200, json{{"ranking", slugs}}.dump());
}

// POST /api/v1/campaigns/{id}/pre_allocations: {"person": id, "project": slug, "reason": text}.
Response api_pre_allocate(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto campaign = managed_campaign(site, request, *session);
    if (!campaign) return not_found();
    const long long id = campaign->id;
    const auto doc = body_object(request);
    if (!doc) return not_json();
    const long long person = doc->contains("person") && (*doc)["person"].is_number_integer() ? (*doc)["person"].get<long long>()
                                                                                             : 0;
    const auto fixed = service::pre_allocate(site.service_context(*session), id, person, text_of(*doc, "project"),
                                             text_of(*doc, "reason"), request.visitor.person_id);
    using Kind = service::PreAllocationOutcome::Kind;
    switch (fixed.kind) {
        case Kind::fixed: break;
        case Kind::published: return json_error(409, "published", "the run's teams are published");
        case Kind::not_found: return not_found();
        case Kind::not_a_student: return invalid("invalid_pre_allocation", {"person"});
        case Kind::unknown_project: return invalid("invalid_pre_allocation", {"project"});
        case Kind::invalid_reason: return invalid("invalid_pre_allocation", {"reason"});
    }
    return private_json_response(201, json{{"person", person}, {"project", text_of(*doc, "project")}}.dump());
}

// POST /api/v1/campaigns/{id}/runs: {"algorithm": "stable"|"welfare", "respect_min_size": bool, "seed"?: n}.
Response api_campaign_run(Request& request, Site& site) {
    store::Lease session(site.db);
    store::CampaignRepository campaigns(*session);
    const auto campaign = managed_campaign(site, request, *session);
    if (!campaign) return not_found();
    const long long id = campaign->id;
    const auto doc = body_object(request);
    if (!doc) return not_json();
    service::RunInput input{id, request.visitor.person_id, text_of(*doc, "algorithm"),
                            doc->value("respect_min_size", false) == true, std::nullopt};
    if (doc->contains("seed") && (*doc)["seed"].is_number_unsigned()) input.seed = (*doc)["seed"].get<std::uint64_t>();
    const auto run = service::run_allocation(site.service_context(*session), input);
    using Kind = service::RunOutcome::Kind;
    if (run.kind == Kind::bad_algorithm) return invalid("invalid_run", {"algorithm"});
    if (run.kind == Kind::not_closed) return json_error(409, "not_closed", "runs start once the choosing window has closed");
    if (run.kind == Kind::nobody) return json_error(409, "nobody", "no student to allocate");
    if (run.kind == Kind::not_found) return not_found();
    return private_json_response(201, run_json(*campaigns.run(run.run_id)).dump());
}

// POST /api/v1/campaigns/{id}/runs/{run}/moves: {"person": id, "project": slug or null}.
Response api_run_move(Request& request, Site& site) {
    store::Lease session(site.db);
    store::CampaignRepository campaigns(*session);
    const auto campaign = managed_campaign(site, request, *session);
    const auto run = campaign ? campaign_run(*session, request, campaign->id) : std::nullopt;
    if (!run) return not_found();
    const long long id = campaign->id, run_id = run->id;
    const auto doc = body_object(request);
    if (!doc) return not_json();
    long long project = 0;
    const std::string slug = text_of(*doc, "project");
    for (const auto& p : campaigns.projects(id))
        if (p.slug == slug) project = p.project_id;
    if (!slug.empty() && !project) return invalid("invalid_move", {"project"});
    const long long person = (*doc).value("person", 0LL);
    const auto moved = service::move_student(site.service_context(*session), run_id, person, project, request.visitor.person_id);
    using Kind = service::RunMoveOutcome::Kind;
    if (moved.kind == Kind::published) return json_error(409, "published", "the run's teams are published");
    if (moved.kind != Kind::moved) return invalid("invalid_move", {"person"});
    return private_json_response(200, json{{"blocking_pairs_before", moved.blocking_before},
                                           {"blocking_pairs_after", moved.blocking_after},
                                           {"warning", moved.blocking_after > moved.blocking_before}}
                                          .dump());
}

// POST /api/v1/campaigns/{id}/runs/{run}/publish.
Response api_run_publish(Request& request, Site& site) {
    store::Lease session(site.db);
    store::CampaignRepository campaigns(*session);
    const auto campaign = managed_campaign(site, request, *session);
    const auto run = campaign ? campaign_run(*session, request, campaign->id) : std::nullopt;
    if (!run) return not_found();
    const auto published = service::publish_run(site.service_context(*session), run->id, request.visitor.person_id);
    using Kind = service::PublishOutcome::Kind;
    if (published.kind == Kind::already_published) return json_error(409, "already_published", "a run is already published");
    if (published.kind == Kind::not_closed) return json_error(409, "not_closed", "the choosing window is still open");
    return private_json_response(200, json{{"teams", published.teams}, {"students", published.students}}.dump());
}

// GET /api/v1/campaigns/{id}/export?format=csv|json[&project=slug]: every student with their
// project and rank, or one project's roster.
Response api_campaign_export(Request& request, Site& site) {
    store::Lease session(site.db);
    store::CampaignRepository campaigns(*session);
    const auto campaign = managed_campaign(site, request, *session);
    if (!campaign) return not_found();
    const long long id = campaign->id;
    const std::string format = request.param("format").empty() ? "json" : request.param("format");
    if (format != "csv" && format != "json") return invalid("invalid_export", {"format"});
    const auto exported = service::campaign_export(*session, *campaign, request.param("project"));
    if (!exported) return invalid("invalid_export", {"project"});
    if (format == "json") return private_json_response(200, service::export_json(*exported));
    Response response = private_json_response(200, service::export_csv(*exported));
    response.content_type = "text/csv; charset=utf-8";
    response.header("Content-Disposition", "attachment; filename=\"campaign-" + std::to_string(id) + ".csv\"");
    return response;
}

// GET /api/v1/me/teams: the person's teams from campaigns, with why they got that project.
Response api_my_teams(Request& request, Site& site) {
    store::Lease session(site.db);
    json teams = json::array();
    for (const auto& t : service::teams_of_student(*session, request.visitor.person_id)) {
        json better = json::array();
        for (const auto& [title, reason] : t.better_choices) better.push_back({{"project", title}, {"reason", reason}});
        teams.push_back({{"campaign", t.campaign},
                         {"project",
                          {{"slug", t.project_slug}, {"title", t.project_title}, {"url", "/projects/" + t.project_slug}}},
                         {"rank", t.rank},
                         {"better_choices", better}});
    }
    return private_json_response(200, json{{"teams", teams}}.dump());
}

}  // namespace latitudes::web::handlers
