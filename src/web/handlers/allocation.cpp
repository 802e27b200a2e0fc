// The coordinator's allocation page (/campaigns/{id}/allocation): once the window has closed,
// both algorithms run in one click (with or without closing undersized projects); two runs are
// compared side by side (how many got their 1st, 2nd … choice, mean rank, who is left out and
// why, projects closed, teams missing a skill, blocking pairs); the students of one run are
// listed 50 at a time with a search, each with a move form (htmx swaps only that row; without
// JavaScript the page comes back); pre-allocations; publishing a run; exports (all students, or
// one project's roster). The school's members and staff only; to anyone else 404.
//
// Status codes: 200; 303 after a write; 404 unknown or not the visitor's school; 409 the window
// is not closed or a run is already published; 422 invalid fields.
#include "domain/text.hpp"
#include "service/campaigns.hpp"
#include "store/schools.hpp"
#include "web/handlers/allocation_views.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/school_views.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

std::string allocation_path(long long campaign) { return "/campaigns/" + std::to_string(campaign) + "/allocation"; }

}  // namespace

Response allocation_page(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto campaign = managed_campaign(site, request, *session);
    if (!campaign) return error_page(site, request, 404);
    return render_allocation(site, request, *session, *campaign, {}, 200);
}

// POST /campaigns/{id}/runs: algorithm=both|stable|welfare, respect_min_size=1 when checked.
Response allocation_run(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto campaign = managed_campaign(site, request, *session);
    if (!campaign) return error_page(site, request, 404);
    const std::string algorithm = request.form_value("algorithm").empty() ? "both" : request.form_value("algorithm");
    std::vector<std::string> algorithms = algorithm == "both" ? std::vector<std::string>{"stable", "welfare"}
                                                              : std::vector<std::string>{algorithm};
    std::vector<long long> ids;
    for (const auto& a : algorithms) {
        const auto run = service::run_allocation(site.service_context(*session),
                                                 {campaign->id, request.visitor.person_id, a,
                                                  request.form_value("respect_min_size") == "1", std::nullopt});
        using Kind = service::RunOutcome::Kind;
        if (run.kind == Kind::stored) {
            ids.push_back(run.run_id);
            continue;
        }
        const int status = run.kind == Kind::bad_algorithm ? 422 : 409;
        const std::string code = run.kind == Kind::bad_algorithm ? "algorithm"
                                 : run.kind == Kind::nobody      ? "nobody"
                                                                 : "not_closed";
        return render_allocation(site, request, *session, *campaign, {message(site, lang, "allocation.error." + code)}, status);
    }
    std::string location = allocation_path(campaign->id) + "?a=" + std::to_string(ids.front());
    if (ids.size() > 1) location += "&b=" + std::to_string(ids.back());
    return redirect(303, location + "&done=ran");
}

// POST /campaigns/{id}/runs/{run}/moves: person=id, project=slug ("" to leave them unassigned).
// An htmx request gets the student's row back, with the warning when the move made the
// allocation less stable; otherwise the page, at the same search and page.
Response allocation_move(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto campaign = managed_campaign(site, request, *session);
    if (!campaign) return error_page(site, request, 404);
    const auto run = campaign_run(*session, request, campaign->id);
    if (!run) return error_page(site, request, 404);
    store::CampaignRepository campaigns(*session);
    long long project = 0;
    const std::string slug = request.form_value("project");
    for (const auto& p : campaigns.projects(campaign->id))
        if (p.slug == slug) project = p.project_id;
    const long long person = parse_id(request.form_value("person")).value_or(0);
    if (!slug.empty() && !project)
        return render_allocation(site, request, *session, *campaign, {message(site, lang, "allocation.error.project")}, 422);
    const auto moved = service::move_student(site.service_context(*session), run->id, person, project, request.visitor.person_id);
    using Kind = service::RunMoveOutcome::Kind;
    if (moved.kind == Kind::published)
        return render_allocation(site, request, *session, *campaign, {message(site, lang, "allocation.error.published")}, 409);
    if (moved.kind != Kind::moved)
        return render_allocation(site, request, *session, *campaign, {message(site, lang, "allocation.error.person")}, 422);
    const bool warning = moved.blocking_after > moved.blocking_before;
    if (request.is_htmx()) return render_allocation_row(site, request, *session, *campaign, *run, person, warning, moved);
    return redirect(303, allocation_path(campaign->id) + "?run=" + std::to_string(run->id) +
                             "&q=" + url_encode(request.form_value("q")) + "&page=" + request.form_value("page") + "&done=" +
                             (warning ? "moved_warning" : "moved") + "&before=" + std::to_string(moved.blocking_before) +
                             "&after=" + std::to_string(moved.blocking_after));
}

// POST /campaigns/{id}/runs/{run}/publish
Response allocation_publish(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto campaign = managed_campaign(site, request, *session);
    if (!campaign) return error_page(site, request, 404);
    const auto run = campaign_run(*session, request, campaign->id);
    if (!run) return error_page(site, request, 404);
    const auto published = service::publish_run(site.service_context(*session), run->id, request.visitor.person_id);
    using Kind = service::PublishOutcome::Kind;
    if (published.kind == Kind::already_published || published.kind == Kind::not_closed)
        return render_allocation(site, request, *session, *campaign,
                                 {message(site, lang,
                                          published.kind == Kind::not_closed ? "allocation.error.not_closed"
                                                                             : "allocation.error.published")},
                                 409);
    return redirect(303, allocation_path(campaign->id) + "?done=published&teams=" + std::to_string(published.teams) +
                             "&students=" + std::to_string(published.students));
}

// POST /campaigns/{id}/pre_allocations: email (a student of the campaign), project=slug, reason.
Response allocation_pre_allocate(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto campaign = managed_campaign(site, request, *session);
    if (!campaign) return error_page(site, request, 404);
    store::CampaignRepository campaigns(*session);
    const std::string email = domain::normalise_email(request.form_value("email"));
    long long person = 0;
    for (const auto& s : campaigns.students(campaign->id))
        if (s.email == email) person = s.person_id;
    const auto fixed = service::pre_allocate(site.service_context(*session), campaign->id, person, request.form_value("project"),
                                             request.form_value("reason"), request.visitor.person_id);
    using Kind = service::PreAllocationOutcome::Kind;
    if (fixed.kind == Kind::fixed) return redirect(303, allocation_path(campaign->id) + "?done=pre_allocated");
    const std::string code = fixed.kind == Kind::published         ? "published"
                             : fixed.kind == Kind::unknown_project ? "project"
                             : fixed.kind == Kind::invalid_reason  ? "reason"
                                                                   : "student";
    // Each problem at its input (a published allocation: the whole form); what was typed stays.
    FormErrors errors;
    errors.add(code == "published" ? ""
               : code == "student" ? "pre-email"
                                   : "pre-" + code,
               message(site, lang, "allocation.error.pre_" + code));
    auto kept = [&](const char* name) {  // broken text is not echoed back
        const std::string value = request.form_value(name);
        return domain::is_valid_utf8(value) ? value : std::string();
    };
    json typed{{"email", kept("email")}, {"project", kept("project")}, {"reason", kept("reason")}};
    return render_allocation(site, request, *session, *campaign, errors, fixed.kind == Kind::published ? 409 : 422, typed);
}

// GET /campaigns/{id}/export?format=csv|json[&project=slug]: every student with their project and
// rank, or one project's roster, from the published run (else the latest).
Response campaign_export_file(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto campaign = managed_campaign(site, request, *session);
    if (!campaign) return error_page(site, request, 404);
    const std::string format = request.param("format").empty() ? "csv" : request.param("format");
    if (format != "csv" && format != "json") return error_page(site, request, 404);
    const std::string project = request.param("project");
    const auto exported = service::campaign_export(*session, *campaign, project);
    if (!exported) return error_page(site, request, 404);
    Response response;
    response.body = format == "csv" ? service::export_csv(*exported) : service::export_json(*exported);
    response.content_type = format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
    const std::string name = "campaign-" + std::to_string(campaign->id) + (project.empty() ? "" : "-" + project) + "." + format;
    response.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    response.header("Cache-Control", "private, no-store");
    return response;
}

}  // namespace latitudes::web::handlers
