// A new campaign (/campaigns/new?school={slug}): the semester first (from the school's cohorts),
// then the form: title, the cohorts of that semester, the choosing window, how many choices,
// and the semester's published student projects, each with its team size (the framed one,
// adjustable) and an optional supervisor with a limit. service::create_campaign checks it all.
//
// Status codes: 200; 303 once created; 404 unknown school or not the visitor's; 422 invalid
// fields (listed, nothing written).
#include "service/campaigns.hpp"
#include "store/cohorts.hpp"
#include "store/schools.hpp"
#include "web/authorisation.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/school_views.hpp"
#include "web/page.hpp"

#include <set>

namespace latitudes::web::handlers {

using domain::Action;
using nlohmann::json;

namespace {

// The form's values as typed (or the defaults), to render the form again.
struct Typed {
    std::string title, opens_at, closes_at, choices = "5", min_choices = "3";
    std::set<long long> cohorts;
    std::map<std::string, domain::CampaignProjectInput> projects;  // the checked ones, by slug
};

Response form_page(Site& site, const Request& request, soci::session& session, const store::OrganisationRecord& school,
                   long long semester_id, const Typed& typed, const FormErrors& errors, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::CohortRepository cohort_repository(session);
    const auto cohorts = cohort_repository.of_school(school.id);
    std::set<long long> semester_ids;
    for (const auto& c : cohorts) semester_ids.insert(c.semester_id);
    if (!semester_id && semester_ids.size() == 1) semester_id = *semester_ids.begin();
    json semesters = json::array();
    for (const auto& s : cohort_repository.semesters())
        if (semester_ids.count(s.id))
            semesters.push_back({{"id", s.id},
                                 {"label", domain::localized(lang, s.label_fr, s.label_en) + " (" + s.code + ")"},
                                 {"selected", s.id == semester_id}});
    json data{{"school", school.name},
              {"slug", school.slug},
              {"semesters", semesters},
              {"has_semesters", !semesters.empty()},
              {"semester_id", semester_id},
              {"chosen", semester_id != 0 && semester_ids.count(semester_id)},
              {"title", typed.title},
              {"opens_at", typed.opens_at},
              {"closes_at", typed.closes_at},
              {"opens_at_type", datetime_input_type(typed.opens_at)},
              {"closes_at_type", datetime_input_type(typed.closes_at)},
              {"choices", typed.choices},
              {"min_choices", typed.min_choices},
              {"form_errors", errors.view()}};
    const auto& error_of = data["form_errors"]["field"];
    auto error_at = [&](const std::string& field) { return error_of.contains(field) ? error_of[field] : json(""); };
    json cohort_list = json::array();
    for (const auto& c : cohorts)
        if (c.semester_id == semester_id)
            cohort_list.push_back({{"id", c.id},
                                   {"course", c.course},
                                   {"students", c.students},
                                   {"students_text", counted(site, lang, "count.students", c.students)},
                                   {"checked", typed.cohorts.count(c.id) != 0}});
    json projects = json::array();
    for (const auto& p : store::SchoolRepository(session).offerable_projects(semester_id)) {
        const auto it = typed.projects.find(p.slug);
        const bool checked = it != typed.projects.end();
        projects.push_back(
            {{"slug", p.slug},
             {"title", p.title},
             {"organisation", p.organisation},
             {"checked", checked},
             {"team_min", checked && !it->second.team_min.empty() ? it->second.team_min : std::to_string(p.team_min)},
             {"team_max", checked && !it->second.team_max.empty() ? it->second.team_max : std::to_string(p.team_max)},
             {"supervisor", checked ? it->second.supervisor_email : ""},
             {"supervisor_limit", checked ? it->second.supervisor_limit : ""},
             {"offer_error", error_at("offer-" + p.slug)},
             {"team_error", error_at("team_min-" + p.slug)},
             {"supervisor_error", error_at("supervisor-" + p.slug)},
             {"limit_error", error_at("supervisor_limit-" + p.slug)}});
    }
    data["cohorts"] = cohort_list;
    data["projects"] = projects;
    data["has_projects"] = !projects.empty();
    return render_private_page(site, request, context, message(site, lang, "campaign.new.title"), "campaign_new", std::move(data),
                               status, "me");
}

// The input a problem code of service::create_campaign concerns: the form's own, or one of a
// project's row ("" for a project the form does not list, a problem of the whole form then).
std::string problem_field(const std::string& problem, const std::map<std::string, std::string>& titles) {
    const auto colon = problem.find(':');
    const std::string code = problem.substr(0, colon);
    if (colon == std::string::npos) return code == "window" ? "closes_at" : code == "cohort" ? "cohorts" : code;
    const std::string slug = problem.substr(colon + 1);
    if (!titles.count(slug)) return "";
    if (code == "team_size") return "team_min-" + slug;
    if (code == "supervisor" || code == "supervisor_limit") return code + "-" + slug;
    return "offer-" + slug;  // project, duplicate_project
}

// A problem code of service::create_campaign in words, naming the project it is about.
std::string problem_message(const Site& site, domain::Lang lang, const std::string& problem,
                            const std::map<std::string, std::string>& titles) {
    const auto colon = problem.find(':');
    const std::string code = problem.substr(0, colon);
    const std::string slug = colon == std::string::npos ? "" : problem.substr(colon + 1);
    const auto title = titles.find(slug);
    return message(site, lang, "campaign.new.error." + code, {{"project", title == titles.end() ? slug : title->second}});
}

}  // namespace

Response campaign_form(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto school = managed_school(site, request, *session, request.param("school"), Action::manage_campaigns);
    if (!school) return error_page(site, request, 404);
    return form_page(site, request, *session, *school, parse_id(request.param("semester")).value_or(0), {}, {}, 200);
}

Response campaign_create(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto school = managed_school(site, request, *session, request.form_value("school"), Action::manage_campaigns);
    if (!school) return error_page(site, request, 404);
    const long long semester = parse_id(request.form_value("semester")).value_or(0);
    const auto form = request.form();
    Typed typed{request.form_value("title"),
                request.form_value("opens_at"),
                request.form_value("closes_at"),
                request.form_value("choices"),
                request.form_value("min_choices"),
                {},
                {}};
    domain::CampaignInput input{typed.title, typed.opens_at, typed.closes_at, typed.choices, typed.min_choices, {}, {}};
    for (auto [it, end] = form.equal_range("cohort"); it != end; ++it)
        if (const auto id = parse_id(it->second)) {
            typed.cohorts.insert(*id);
            input.cohort_ids.push_back(*id);
        }
    for (auto [it, end] = form.equal_range("project"); it != end; ++it) {
        const std::string& slug = it->second;
        domain::CampaignProjectInput project{slug, request.form_value("team_min:" + slug), request.form_value("team_max:" + slug),
                                             request.form_value("supervisor:" + slug),
                                             request.form_value("supervisor_limit:" + slug)};
        typed.projects[slug] = project;
        input.projects.push_back(std::move(project));
    }
    const auto created = service::create_campaign(site.service_context(*session), school->id, request.visitor.person_id, input);
    if (created.kind == service::CampaignOutcome::Kind::created)
        return redirect(303, "/campaigns/" + std::to_string(created.campaign_id) + "?done=created");
    std::map<std::string, std::string> titles;
    for (const auto& p : store::SchoolRepository(*session).offerable_projects(semester)) titles[p.slug] = p.title;
    FormErrors errors;
    for (const auto& problem : created.problems)
        errors.add(problem_field(problem, titles), problem_message(site, lang, problem, titles));
    return form_page(site, request, *session, *school, semester, typed, errors, 422);
}

}  // namespace latitudes::web::handlers
