#include "web/filters.hpp"
#include "web/handlers/applications.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

#include <cmark-gfm.h>

namespace latitudes::web::handlers {

using domain::Lang;
using nlohmann::json;

namespace {

std::string markdown_to_html(const std::string& text) {
    // CMARK_OPT_DEFAULT drops raw HTML from the source: descriptions cannot inject markup.
    char* html = cmark_markdown_to_html(text.data(), text.size(), CMARK_OPT_DEFAULT);
    std::string out(html);
    free(html);
    return out;
}

}  // namespace

// The catalogue itself, /projects, is in catalogue.cpp.

Response project(Request& request, Site& site) {
    auto context = page_context(request);
    const Lang lang = context.lang;
    auto found = store::ProjectRepository(site.db).find_public(request.path_params["slug"]);
    if (!found) return error_page(site, request, 404);
    json data = card_view(found->card, site, lang);
    data["problem"] = found->problem;
    data["description_html"] = markdown_to_html(found->description);
    data["beneficiary_kind"] = message(site, lang, "kind." + found->beneficiary_kind);
    data["beneficiary_city"] = found->beneficiary_city;
    data["beneficiary_website"] = found->beneficiary_website;
    data["semester"] = domain::localized(lang, found->semester_label_fr, found->semester_label_en);
    const auto& card = found->card;
    data["team_text"] = counted(site, lang, "count.people", card.team_max,
                                card.team_min == card.team_max
                                    ? ""
                                    : std::to_string(card.team_min) + "–" + std::to_string(card.team_max));
    data["starts_on_text"] = format_date(card.starts_on, lang);
    data["ends_on_text"] = format_date(card.ends_on, lang);
    json skills = json::array();
    for (const auto& s : found->skills)
        skills.push_back({{"name", domain::localized(lang, s.name_fr, s.name_en)},
                          {"level", s.level},
                          {"level_label", message(site, lang, "skill_level." + std::to_string(s.level))}});
    data["skills"] = skills;
    json teams = json::array();
    for (const auto& t : found->teams)
        teams.push_back({{"school", t.school_name},
                         {"semester", domain::localized(lang, t.semester_label_fr, t.semester_label_en)},
                         {"students", counted(site, lang, "count.students", t.students)}});
    data["teams"] = teams;
    data["has_teams"] = !teams.empty();
    // Opportunities (every format but semester projects): details and the apply button.
    data["opportunity"] = opportunity_view(site, lang, found->card);
    // The summary is what a search result or a shared link shows of the project.
    context.description = found->card.summary;
    context.open_graph = true;
    return render_page(site, request, context, found->card.title, "project", data, 200, "projects");
}

}  // namespace latitudes::web::handlers
