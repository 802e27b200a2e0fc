#include "domain/credentials.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using domain::Lang;
using nlohmann::json;

Response impact(Request& request, Site& site) {
    const auto context = page_context(request);
    const Lang lang = context.lang;
    const auto stats = store::ProjectRepository(site.db).stats();
    json semesters = json::array(), sdgs = json::array(), schools = json::array();
    json chart_semesters{{"labels", json::array()},
                         {"projects", json::array()},
                         {"students", json::array()},
                         {"projects_label", message(site, lang, "impact.chart.projects")},
                         {"students_label", message(site, lang, "impact.chart.students")},
                         {"title", message(site, lang, "impact.semesters_title")},
                         {"x_title", message(site, lang, "impact.semester")},
                         {"y_title", message(site, lang, "impact.chart.count")}};
    for (const auto& s : stats.semesters) {
        const std::string label = domain::localized(lang, s.label_fr, s.label_en);
        semesters.push_back({{"label", label}, {"projects", s.projects}, {"students", s.students}});
        chart_semesters["labels"].push_back(label);
        chart_semesters["projects"].push_back(s.projects);
        chart_semesters["students"].push_back(s.students);
    }
    json chart_sdgs{{"labels", json::array()},
                    {"values", json::array()},
                    {"colors", json::array()},
                    {"label", message(site, lang, "impact.chart.projects")},
                    {"title", message(site, lang, "impact.sdg_title")},
                    {"x_title", message(site, lang, "impact.chart.projects")},
                    {"y_title", message(site, lang, "impact.sdg")}};
    for (const auto& f : stats.by_sdg) {
        const auto& sdg = site.sdgs.at(static_cast<std::size_t>(f.sdg - 1));
        const std::string name = std::to_string(f.sdg) + ". " + domain::localized(lang, sdg.name_fr, sdg.name_en);
        sdgs.push_back({{"id", f.sdg}, {"name", name}, {"projects", f.projects}});
        chart_sdgs["labels"].push_back(name);
        chart_sdgs["values"].push_back(f.projects);
        chart_sdgs["colors"].push_back(sdg.color);
    }
    json chart_schools{{"labels", json::array()},
                       {"values", json::array()},
                       {"label", message(site, lang, "impact.chart.students")},
                       {"title", message(site, lang, "impact.chart.schools_title")},
                       {"x_title", message(site, lang, "impact.chart.students")},
                       {"y_title", message(site, lang, "impact.school")}};
    for (const auto& s : stats.schools) {
        schools.push_back({{"name", s.name}, {"city", s.city}, {"projects", s.projects}, {"students", s.students}});
        chart_schools["labels"].push_back(s.name);
        chart_schools["values"].push_back(s.students);
    }
    json data{{"figures",
               {{"projects", stats.figures.projects},
                {"delivered", stats.figures.delivered},
                {"students", stats.figures.students},
                {"schools", stats.figures.schools},
                {"beneficiaries", stats.figures.beneficiaries}}},
              {"semesters", semesters},
              {"sdgs", sdgs},
              {"schools", schools},
              // Read by static/js/impact.js from data- attributes: no inline script under our CSP.
              {"chart_semesters", chart_semesters.dump()},
              {"chart_sdgs", chart_sdgs.dump()},
              {"chart_schools", chart_schools.dump()}};
    return render_page(site, request, context, message(site, lang, "impact.title"), "impact", data, 200, "impact");
}

Response partners(Request& request, Site& site) {
    const auto context = page_context(request);
    json list = json::array();
    for (const auto& p : store::ProjectRepository(site.db).partners())
        list.push_back({{"name", p.name},
                        {"kind", message(site, context.lang, "kind." + p.kind)},
                        {"city", p.city},
                        {"website", p.website},
                        {"description", p.description}});
    return render_page(site, request, context, message(site, context.lang, "partners.title"), "partners",
                       json{{"partners", list}, {"contact_email", site.options.contact_email}}, 200, "partners");
}

Response about(Request& request, Site& site) {
    const auto context = page_context(request);
    return render_page(site, request, context, message(site, context.lang, "about.title"), "about", json::object(), 200, "about");
}

// What is stored about a person, why, for how long, and how to have it exported or erased (RGPD
// articles 13, 15, 17 and 20). The durations are the code's own (domain/credentials.hpp).
Response privacy(Request& request, Site& site) {
    const auto context = page_context(request);
    auto hours = [](const domain::LinkPolicy& policy) {
        return std::to_string(std::chrono::duration_cast<std::chrono::hours>(policy.ttl).count());
    };
    json data{{"contact_email", site.options.contact_email},
              {"sessions", message(site, context.lang, "privacy.kept.sessions",
                                   {{"idle", hours(domain::session_idle)},
                                    {"days", std::to_string(std::stoi(hours(domain::session_absolute)) / 24)}})},
              {"links", message(site, context.lang, "privacy.kept.links",
                                {{"confirm", hours(domain::email_confirmation_link)},
                                 {"reset", hours(domain::password_reset_link)},
                                 {"invite", std::to_string(std::stoi(hours(domain::invitation_link)) / 24)}})}};
    return render_page(site, request, context, message(site, context.lang, "privacy.title"), "privacy", std::move(data), 200,
                       "privacy");
}

}  // namespace latitudes::web::handlers
