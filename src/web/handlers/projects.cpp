#include "web/filters.hpp"
#include "web/handlers/applications.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

#include <cmark-gfm.h>

namespace latitudes::web::handlers {

using domain::Lang;
using nlohmann::json;

namespace {

// Options of a <select>, with the current value selected.
template <typename Range, typename Value, typename Label>
json options(const Range& range, const std::string& current, Value value_of, Label label_of) {
    json list = json::array();
    for (const auto& item : range) {
        std::string value = value_of(item);
        list.push_back({{"value", value}, {"label", label_of(item)}, {"selected", value == current}});
    }
    return list;
}

std::string markdown_to_html(const std::string& text) {
    // CMARK_OPT_DEFAULT drops raw HTML from the source: descriptions cannot inject markup.
    char* html = cmark_markdown_to_html(text.data(), text.size(), CMARK_OPT_DEFAULT);
    std::string out(html);
    free(html);
    return out;
}

}  // namespace

Response projects(Request& request, Site& site) {
    const auto context = page_context(request);
    const Lang lang = context.lang;
    auto parsed = parse_project_filter(request, site.skills, "after", false);
    json results;   // what project_results.mustache shows: the page itself and htmx swaps
    int status = 200;
    store::ProjectPage page;
    if (auto* error = std::get_if<FilterError>(&parsed)) {
        status = 400;
        results["error"] = message(site, lang, "catalogue.invalid_filter", {{"param", error->param}, {"value", error->value}});
    } else {
        page = store::ProjectRepository(site.db).list_public(std::get<store::ProjectFilter>(parsed));
    }
    json cards = json::array();
    for (const auto& card : page.items) cards.push_back(card_view(card, site, lang));
    results["cards"] = std::move(cards);
    results["empty"] = page.items.empty() && status == 200;
    if (page.next_after) results["next_href"] = with_param(request, "after", std::to_string(*page.next_after));
    if (request.has_param("after")) results["first_href"] = with_param(request, "after", "");
    // An htmx request (a filter changed) gets only the results, to swap in place, and the language
    // switch of the header, updated out of band so that switching keeps the new filters.
    const bool htmx_swap = request.is_htmx() && request.header("hx-history-restore-request") != "true";
    if (htmx_swap) {
        const std::string other = lang == Lang::fr ? "en" : "fr";
        results["lang_switch_oob"] = {{"href", with_param(request, "lang", other)}, {"lang", other}};
    }
    std::string results_html = site.views->render(lang, "project_results", results);
    if (htmx_swap) {
        Response r;
        r.status = status;
        r.body = std::move(results_html);
        r.header("Vary", "Accept-Language, Cookie, HX-Request");
        return r;
    }
    json data;
    data["q"] = request.param("q");
    data["sdg_options"] = options(site.sdgs, request.param("sdg"), [](const store::Sdg& s) { return std::to_string(s.id); },
                                  [&](const store::Sdg& s) { return std::to_string(s.id) + ". " + (lang == Lang::fr ? s.name_fr : s.name_en); });
    data["skill_options"] = options(site.skills, request.param("skill"), [](const store::Skill& s) { return s.slug; },
                                    [&](const store::Skill& s) { return lang == Lang::fr ? s.name_fr : s.name_en; });
    data["level_options"] = options(domain::all_levels, request.param("level"),
                                    [](domain::Level l) { return std::string(domain::to_string(l)); },
                                    [&](domain::Level l) { return message(site, lang, "level." + std::string(domain::to_string(l))); });
    data["format_options"] = options(domain::all_formats, request.param("format"),
                                     [](domain::Format f) { return std::string(domain::to_string(f)); },
                                     [&](domain::Format f) { return message(site, lang, "format." + std::string(domain::to_string(f))); });
    data["status_options"] = options(domain::public_statuses, request.param("status"),
                                     [](domain::Status s) { return std::string(domain::to_string(s)); },
                                     [&](domain::Status s) { return message(site, lang, "status." + std::string(domain::to_string(s))); });
    data["results"] = std::move(results_html);
    return render_page(site, request, context, message(site, lang, "catalogue.title"), "projects", data, status, "projects");
}

Response project(Request& request, Site& site) {
    const auto context = page_context(request);
    const Lang lang = context.lang;
    auto found = store::ProjectRepository(site.db).find_public(request.path_params["slug"]);
    if (!found) return error_page(site, request, 404);
    json data = card_view(found->card, site, lang);
    data["problem"] = found->problem;
    data["description_html"] = markdown_to_html(found->description);
    data["beneficiary_kind"] = message(site, lang, "kind." + found->beneficiary_kind);
    data["beneficiary_city"] = found->beneficiary_city;
    data["beneficiary_website"] = found->beneficiary_website;
    data["semester"] = lang == Lang::fr ? found->semester_label_fr : found->semester_label_en;
    json skills = json::array();
    for (const auto& s : found->skills)
        skills.push_back({{"name", lang == Lang::fr ? s.name_fr : s.name_en},
                          {"level", s.level},
                          {"level_label", message(site, lang, "skill_level." + std::to_string(s.level))}});
    data["skills"] = skills;
    json teams = json::array();
    for (const auto& t : found->teams)
        teams.push_back({{"school", t.school_name},
                         {"semester", lang == Lang::fr ? t.semester_label_fr : t.semester_label_en},
                         {"students", t.students}});
    data["teams"] = teams;
    data["has_teams"] = !teams.empty();
    // Opportunities (every format but semester projects): details and the apply button.
    data["opportunity"] = opportunity_view(site, lang, found->card);
    return render_page(site, request, context, found->card.title, "project", data, 200, "projects");
}

}  // namespace latitudes::web::handlers
