// The showcase ("Réalisations"): delivered and evaluated projects, newest first, with
// their beneficiary, the schools and teams that made them, their SDGs and summary; paginated like
// the catalogue (keyset, `after` on the page, `cursor` in the API). Filters of the catalogue
// apply too (q, sdg, skill, level, format; status delivered or evaluated).
#include "web/filters.hpp"
#include "web/handlers/catalogue.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using domain::Lang;
using nlohmann::json;

namespace {

bool showcase_status(const store::ProjectFilter& filter) {
    return !filter.status || *filter.status == domain::Status::delivered || *filter.status == domain::Status::evaluated;
}

}  // namespace

Response showcase(Request& request, Site& site) {
    const auto context = page_context(request);
    const Lang lang = context.lang;
    auto parsed = parse_project_filter(request, site.skills, "after", false);
    json data;
    int status = 200;
    store::ProjectPage page;
    if (auto* error = std::get_if<FilterError>(&parsed); error || !showcase_status(std::get<store::ProjectFilter>(parsed))) {
        status = 400;
        const std::string param = error ? error->param : "status";
        data["error"] = message(site, lang, "catalogue.invalid_filter", {{"param", param}, {"value", request.param(param)}});
    } else {
        page = store::ProjectRepository(site.db).showcase(std::get<store::ProjectFilter>(parsed));
    }
    json cards = json::array();
    for (const auto& card : page.items) {
        json view = card_view(card, site, lang);
        json teams = json::array();
        for (const auto& t : card.teams)
            teams.push_back({{"school", t.school_name},
                             {"semester", domain::localized(lang, t.semester_label_fr, t.semester_label_en)},
                             {"students", message(site, lang, t.students == 1 ? "showcase.student" : "showcase.students",
                                                  {{"n", std::to_string(t.students)}})}});
        view["has_teams"] = !teams.empty();
        view["quote"] = card.quote.empty() ? json(nullptr) : json(card.quote);
        view["teams"] = std::move(teams);
        cards.push_back(std::move(view));
    }
    data["cards"] = std::move(cards);
    data["empty"] = page.items.empty() && status == 200;
    if (page.next_after) data["next_href"] = with_param(request, "after", page.next_cursor());
    if (request.has_param("after")) data["first_href"] = with_param(request, "after", "");
    return render_page(site, request, context, message(site, lang, "showcase.title"), "showcase", std::move(data), status,
                       "showcase");
}

Response api_showcase(Request& request, Site& site) {
    auto parsed = parse_project_filter(request, site.skills, "cursor", true);
    if (auto* error = std::get_if<FilterError>(&parsed))
        return invalid_parameter(error->param, "invalid value for parameter '" + error->param +
                                                   "': see /api/v1 documentation (docs/api/openapi.yaml)");
    if (!showcase_status(std::get<store::ProjectFilter>(parsed)))
        return invalid_parameter("status",
                                 "the showcase holds delivered and evaluated projects only: status must be one of them");
    const auto page = store::ProjectRepository(site.db).showcase(std::get<store::ProjectFilter>(parsed));
    json items = json::array();
    for (const auto& card : page.items) {
        json item = project_card_json(card);
        json teams = json::array();
        for (const auto& t : card.teams)
            teams.push_back({{"school", {{"name", t.school_name}, {"slug", t.school_slug}}},
                             {"semester", t.semester_code},
                             {"students", t.students}});
        item["teams"] = std::move(teams);
        item["quote"] = card.quote.empty() ? json(nullptr) : json(card.quote);
        items.push_back(std::move(item));
    }
    json body{{"items", std::move(items)}, {"next_cursor", page.next_after ? json(page.next_cursor()) : json(nullptr)}};
    return json_response(200, body.dump());
}

}  // namespace latitudes::web::handlers
