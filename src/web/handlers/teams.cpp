// The team workspace (/teams/{id}): who works on the project (its students, their supervisor,
// the school's teachers, the beneficiary's contacts), then its milestones, weekly updates,
// documents and, at the end, the evaluations (each section has its own file and partial).
// Reached from Mes équipes; staff reach every team.
//
// Status codes: 200; 303 to /login for an anonymous visitor; 404 for an unknown team or one the
// visitor is not of (a student of another team, a member of another organisation).
#include "web/handlers/documents.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/project_access.hpp"
#include "web/handlers/team_access.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

json person_view(const store::TeamPerson& p) {
    return {{"name", p.name}, {"email", p.email.empty() ? json(nullptr) : json(p.email)}};
}

}  // namespace

Response team_page(Request& request, Site& site) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::Lease session(site.db);
    auto loaded = load_team(site, request, *session);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& workspace = std::get<LoadedTeam>(loaded);
    const auto& t = workspace.team;
    json students = json::array(), teachers = json::array(), contacts = json::array();
    for (const auto& [person, standing] : store::TeamRepository(*session).people(t)) {
        if (standing.student) students.push_back(person_view(person));
        if (standing.teacher) teachers.push_back(person_view(person));
        if (standing.beneficiary) contacts.push_back(person_view(person));
    }
    const std::string semester = lang == domain::Lang::fr ? t.semester_label_fr : t.semester_label_en;
    json data{
        {"id", t.id},
        {"title", t.project_title},
        {"slug", t.project_slug},
        {"organisation", t.organisation_name},
        {"organisation_slug", t.organisation_slug},
        {"school", t.school_name.empty() ? json(nullptr) : json(t.school_name)},
        {"semester", semester.empty() ? json(nullptr) : json(semester)},
        {"campaign", t.campaign_title.empty() ? json(nullptr) : json(t.campaign_title)},
        {"format", format_label(site, lang, domain::parse_format(t.project_format).value_or(domain::Format::student_project))},
        {"status", status_label(site, lang, t.project_status)},
        {"status_code", t.project_status},
        {"formed", t.formed_at.empty() ? json(nullptr) : json(format_date(t.formed_at.substr(0, 10), lang))},
        {"standing", standing_label(site, lang, workspace.standing)},
        {"students", students},
        {"has_students", !students.empty()},
        {"supervisor", t.supervisor ? person_view(*t.supervisor) : json(nullptr)},
        {"teachers", teachers},
        {"has_teachers", !teachers.empty()},
        {"contacts", contacts},
        {"has_contacts", !contacts.empty()}};
    data["documents"] = documents_section(site, request, workspace, *session, lang);
    return render_private_page(site, request, context, t.project_title, "team", std::move(data), 200, "me");
}

}  // namespace latitudes::web::handlers
