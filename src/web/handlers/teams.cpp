// The team workspace (/teams/{id}): who works on the project (its students, their supervisor,
// the school's teachers, the beneficiary's contacts), then its milestones, weekly updates,
// documents and, at the end, the evaluations (each section has its own file and partial).
// Reached from Mes équipes; staff reach every team.
//
// Status codes: 200; 303 to /login for an anonymous visitor; 404 for an unknown team or one the
// visitor is not of (a student of another team, a member of another organisation).
#include "web/handlers/documents.hpp"
#include "web/handlers/evaluations.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/project_access.hpp"
#include "web/handlers/team_access.hpp"
#include "web/handlers/team_followup.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

// A person's name and, when they have an account, their address (the workspace works together).
json person_view(const store::TeamPerson& p) {
    return {{"name", p.name}, {"email", p.email.empty() ? json(nullptr) : json(p.email)}};
}

}  // namespace

Response team_page(Request& request, Site& site) { return team_page_with(request, site, {}, 200); }

Response team_page_with(Request& request, Site& site, const FollowupForms& forms, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::Lease session(site.db);
    auto loaded = load_team(site, request, *session);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& workspace = std::get<LoadedTeam>(loaded);
    const auto& t = workspace.team;
    // The team, then who follows it: each person once, with every standing they hold there
    // (a coordinator may supervise the project and teach at the school).
    json students = json::array(), follow_up = json::array();
    for (const auto& [person, standing] : store::TeamRepository(*session).people(t)) {
        if (standing.student) students.push_back(person_view(person));
        std::string roles;
        for (const auto& [holds, key] : {std::pair{standing.supervisor, "supervisor"}, std::pair{standing.teacher, "teacher"},
                                         std::pair{standing.beneficiary, "beneficiary"}})
            if (holds) roles += (roles.empty() ? "" : ", ") + message(site, lang, std::string("team.standing.") + key);
        if (roles.empty()) continue;
        auto view = person_view(person);
        view["roles"] = roles;
        follow_up.push_back(std::move(view));
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
        {"follow_up", follow_up},
        {"has_follow_up", !follow_up.empty()}};
    data["documents"] = documents_section(site, request, workspace, *session, lang);
    data["end"] = end_of_project_view(site, request, lang, *session, workspace);
    add_followup(data, site, request, *session, workspace, forms);
    return render_private_page(site, request, context, t.project_title, "team", std::move(data), status, "me");
}

}  // namespace latitudes::web::handlers
