// A school's space (/schools/{slug}: its cohorts, campaigns, teams and figures) and its cohorts:
// a new cohort, the cohort's students (add one, remove one) and the spreadsheet import, which
// shows every row's problems before anything is written (service/cohorts.hpp). Only the school's
// members (its coordinators and teachers) and staff see any of it: to anyone else it does not
// exist (404).
//
// Status codes: 200; 303 after a write; 404 unknown or not the visitor's school; 413 the file is
// too large; 422 invalid fields or an unreadable file (nothing written).
#include "store/schools.hpp"
#include "service/campaigns.hpp"
#include "service/cohorts.hpp"
#include "store/campaigns.hpp"
#include "store/cohorts.hpp"
#include "web/authorisation.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/school_views.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using domain::Action;
using nlohmann::json;

namespace {

json semester_options(soci::session& session, domain::Lang lang, long long school_id, long long selected) {
    store::CohortRepository cohorts(session);
    const auto partner = cohorts.partner_semesters(school_id);
    json options = json::array();
    for (const auto& s : cohorts.semesters())
        options.push_back({{"id", s.id},
                           {"code", s.code},
                           {"label", domain::localized(lang, s.label_fr, s.label_en)},
                           {"partner", std::find(partner.begin(), partner.end(), s.id) != partner.end()},
                           {"selected", s.id == selected}});
    return options;
}

Response cohort_form_page(Site& site, const Request& request, soci::session& session, const store::OrganisationRecord& school,
                          json values, const FormErrors& errors, int status) {
    const auto context = page_context(request);
    values["school"] = school.name;
    values["slug"] = school.slug;
    values["semesters"] = semester_options(session, context.lang, school.id, values.value("semester_id", 0LL));
    values["form_errors"] = errors.view();
    return render_private_page(site, request, context, message(site, context.lang, "cohort.new.title"), "cohort_new",
                               std::move(values), status, "me");
}

}  // namespace

Response school_space(Request& request, Site& site) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::Lease session(site.db);
    const auto school = managed_school(site, request, *session, request.path_params["slug"], Action::manage_cohorts);
    if (!school) return error_page(site, request, 404);
    json cohorts = json::array();
    for (const auto& c : store::CohortRepository(*session).of_school(school->id))
        cohorts.push_back({{"id", c.id},
                           {"course", c.course},
                           {"semester", c.semester_code},
                           {"teachers", c.teachers.empty() ? json(nullptr) : json(c.teachers)},  // "" would be a true section
                           {"students", c.students},
                           {"students_text", counted(site, lang, "count.students", c.students)}});
    json campaigns = json::array();
    for (const auto& c : store::CampaignRepository(*session).of_school(school->id)) {
        const auto state = service::state_of(c, store::Clock::now());
        campaigns.push_back({{"id", c.id},
                             {"title", c.title},
                             {"semester", c.semester_code},
                             {"state", message(site, lang, "campaign.state." + std::string(domain::to_string(state)))},
                             {"state_code", domain::to_string(state)},
                             {"closes", format_instant(c.closes_at, lang)}});
    }
    store::SchoolRepository schools(*session);
    json teams = json::array();
    for (const auto& t : schools.teams(school->id))
        teams.push_back({{"id", t.team_id},
                         {"slug", t.project_slug},
                         {"title", t.project_title},
                         {"beneficiary", t.beneficiary},
                         {"semester", t.semester_code},
                         {"members", t.members}});
    const auto f = schools.figures(school->id);
    json data{{"name", school->name},
              {"slug", school->slug},
              {"cohorts", cohorts},
              {"has_cohorts", !cohorts.empty()},
              {"campaigns", campaigns},
              {"has_campaigns", !campaigns.empty()},
              {"teams", teams},
              {"has_teams", !teams.empty()},
              {"figures",
               {{"cohorts", f.cohorts},
                {"students", f.students},
                {"campaigns", f.campaigns},
                {"teams", f.teams},
                {"students_in_teams", f.students_in_teams}}}};
    return render_private_page(site, request, context, school->name, "school", std::move(data), 200, "me");
}

Response cohort_form(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto school = managed_school(site, request, *session, request.path_params["slug"], Action::manage_cohorts);
    if (!school) return error_page(site, request, 404);
    return cohort_form_page(site, request, *session, *school, json::object(), {}, 200);
}

Response cohort_create(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto school = managed_school(site, request, *session, request.path_params["slug"], Action::manage_cohorts);
    if (!school) return error_page(site, request, 404);
    const long long semester = parse_id(request.form_value("semester")).value_or(0);
    const auto created = service::create_cohort(site.service_context(*session),
                                                {school->id, semester, request.visitor.person_id, request.form_value("course"),
                                                 request.form_value("teachers")});
    if (created.kind == service::CohortOutcome::Kind::invalid) {
        FormErrors errors;  // the problems are named after the inputs (course, semester, teachers)
        for (const auto& problem : created.problems) errors.add(problem, message(site, lang, "cohort.error." + problem));
        return cohort_form_page(
            site, request, *session, *school,
            {{"course", request.form_value("course")}, {"teachers", request.form_value("teachers")}, {"semester_id", semester}},
            errors, 422);
    }
    return redirect(303, "/cohorts/" + std::to_string(created.cohort_id) + "?done=created");
}

}  // namespace latitudes::web::handlers
