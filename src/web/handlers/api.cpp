#include "web/filters.hpp"
#include "web/handlers/catalogue.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

Response api_projects(Request& request, Site& site) {
    auto parsed = parse_project_filter(request, site.skills, "cursor", true);
    if (auto* error = std::get_if<FilterError>(&parsed))
        return invalid_parameter(error->param, "invalid value for parameter '" + error->param +
                                                   "': see /api/v1 documentation (docs/api/openapi.yaml)");
    const auto& filter = std::get<store::ProjectFilter>(parsed);
    const auto page = store::ProjectRepository(site.db).list_public(filter);
    const auto facets = site.facets.get(site.db)->count(filter);  // shared, never null
    json items = json::array();
    for (const auto& card : page.items) items.push_back(project_card_json(card));
    json body{{"items", items},
              {"next_cursor", page.next_after ? json(page.next_cursor()) : json(nullptr)},
              {"sort", std::string(store::to_string(filter.sort))},
              {"total", facets->total},
              {"facets", facets_json(*facets)}};
    return json_response(200, body.dump());
}

Response api_project(Request& request, Site& site) {
    auto found = store::ProjectRepository(site.db).find_public(request.path_params["slug"]);
    if (!found) return json_error(404, "not_found", "no public project with slug '" + request.path_params["slug"] + "'");
    json body = project_card_json(found->card);
    body["problem"] = found->problem;
    body["description"] = found->description;
    body["beneficiary"]["kind"] = found->beneficiary_kind;
    body["beneficiary"]["city"] = found->beneficiary_city;
    json skills = json::array();
    for (const auto& s : found->skills)
        skills.push_back({{"slug", s.slug}, {"name_fr", s.name_fr}, {"name_en", s.name_en}, {"level", s.level}});
    body["skills"] = skills;
    json teams = json::array();
    for (const auto& t : found->teams)
        teams.push_back({{"school", {{"name", t.school_name}, {"slug", t.school_slug}}},
                         {"semester", t.semester_code},
                         {"students", t.students}});
    body["teams"] = teams;
    return json_response(200, body.dump());
}

Response api_stats(Request& request, Site& site) {
    const auto stats = store::ProjectRepository(site.db).stats();
    json semesters = json::array(), sdgs = json::array(), schools = json::array();
    for (const auto& s : stats.semesters)
        semesters.push_back({{"code", s.code},
                             {"label_fr", s.label_fr},
                             {"label_en", s.label_en},
                             {"projects", s.projects},
                             {"students", s.students}});
    for (const auto& f : stats.by_sdg) sdgs.push_back({{"sdg", f.sdg}, {"projects", f.projects}});
    for (const auto& s : stats.schools)
        schools.push_back(
            {{"name", s.name}, {"slug", s.slug}, {"city", s.city}, {"projects", s.projects}, {"students", s.students}});
    const auto& f = stats.figures;
    json body{{"figures",
               {{"projects", f.projects},
                {"delivered", f.delivered},
                {"students", f.students},
                {"schools", f.schools},
                {"beneficiaries", f.beneficiaries},
                {"partners", f.partners}}},
              {"semesters", semesters},
              {"projects_by_sdg", sdgs},
              {"schools", schools}};
    return json_response(200, body.dump());
}

}  // namespace latitudes::web::handlers
