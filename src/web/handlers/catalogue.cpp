// The public catalogue (/projects): filters that combine, counts per filter value, two sorts,
// keyset pagination, cards per format; and, for a logged-in person, "save this search".
#include "web/handlers/catalogue.hpp"

#include "store/searches.hpp"
#include "web/filters.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

#include <optional>

namespace latitudes::web::handlers {

using domain::Lang;
using nlohmann::json;

namespace {

// Options of a <select>, with the current value selected and, when counts are known, the number
// of projects each would show ("Stage (12)").
template <typename Range, typename Value, typename Label, typename Count>
json options(const Range& range, const std::string& current, Value value_of, Label label_of, Count count_of) {
    json list = json::array();
    for (const auto& item : range) {
        std::string value = value_of(item);
        std::string label = label_of(item);
        if (std::optional<long long> n = count_of(value)) label += " (" + std::to_string(*n) + ")";
        list.push_back({{"value", value}, {"label", std::move(label)}, {"selected", value == current}});
    }
    return json{{"options", std::move(list)}};
}

std::optional<long long> count_in(const std::shared_ptr<const store::FacetCounts>& facets,
                                  std::map<std::string, long long> store::FacetCounts::*member, const std::string& value) {
    if (!facets) return std::nullopt;
    const auto& counts = (*facets).*member;
    const auto found = counts.find(value);
    return found == counts.end() ? 0 : found->second;
}

// The five filters' options (the form, and the htmx swap that refreshes their counts).
void add_filter_options(json& data, const Request& request, const Site& site, Lang lang,
                        const std::shared_ptr<const store::FacetCounts>& facets) {
    data["sdg_facet"] = options(
        site.sdgs, request.param("sdg"), [](const store::Sdg& s) { return std::to_string(s.id); },
        [&](const store::Sdg& s) { return std::to_string(s.id) + ". " + domain::localized(lang, s.name_fr, s.name_en); },
        [&](const std::string& value) -> std::optional<long long> {
            if (!facets) return std::nullopt;
            return facets->sdg[static_cast<std::size_t>(std::stoi(value) - 1)];
        });
    data["skill_facet"] = options(
        site.skills, request.param("skill"), [](const store::Skill& s) { return s.slug; },
        [&](const store::Skill& s) { return domain::localized(lang, s.name_fr, s.name_en); },
        [&](const std::string& value) { return count_in(facets, &store::FacetCounts::skill, value); });
    data["level_facet"] = options(
        domain::all_levels, request.param("level"), [](domain::Level l) { return std::string(domain::to_string(l)); },
        [&](domain::Level l) { return message(site, lang, "level." + std::string(domain::to_string(l))); },
        [&](const std::string& value) { return count_in(facets, &store::FacetCounts::level, value); });
    data["format_facet"] = options(
        domain::all_formats, request.param("format"), [](domain::Format f) { return std::string(domain::to_string(f)); },
        [&](domain::Format f) { return message(site, lang, "format." + std::string(domain::to_string(f))); },
        [&](const std::string& value) { return count_in(facets, &store::FacetCounts::format, value); });
    data["status_facet"] = options(
        domain::public_statuses, request.param("status"), [](domain::Status s) { return std::string(domain::to_string(s)); },
        [&](domain::Status s) { return message(site, lang, "status." + std::string(domain::to_string(s))); },
        [&](const std::string& value) { return count_in(facets, &store::FacetCounts::status, value); });
}

}  // namespace

json project_card_json(const store::ProjectCard& c) {
    json details = nullptr;
    if (c.details) {
        const auto& d = *c.details;
        auto positive = [](int n) { return n > 0 ? json(n) : json(nullptr); };
        details = {{"place", d.place},
                   {"remote", d.remote},
                   {"hours_per_week", positive(d.hours_per_week)},
                   {"compensation", positive(d.compensation)},
                   {"partner", d.partner},
                   {"frequency", d.frequency},
                   {"sessions", positive(d.sessions)},
                   {"seeking", d.seeking},
                   {"capacity", d.capacity},
                   {"deadline", d.deadline.empty() ? json(nullptr) : json(d.deadline)}};
    }
    json semester = nullptr;
    if (!c.semester_label_fr.empty() || !c.semester_label_en.empty())
        semester = {{"label_fr", c.semester_label_fr}, {"label_en", c.semester_label_en}};
    return json{{"slug", c.slug},
                {"title", c.title},
                {"summary", c.summary},
                {"beneficiary", {{"name", c.beneficiary_name}, {"slug", c.beneficiary_slug}}},
                {"level", c.level},
                {"format", c.format},
                {"status", c.status},
                {"team_size", {{"min", c.team_min}, {"max", c.team_max}}},
                {"starts_on", c.starts_on.empty() ? json(nullptr) : json(c.starts_on)},
                {"ends_on", c.ends_on.empty() ? json(nullptr) : json(c.ends_on)},
                {"published_at", c.published_at.empty() ? json(nullptr) : json(c.published_at)},
                {"semester", semester},
                {"details", details},
                {"sdgs", c.sdgs},
                {"url", "/projects/" + c.slug}};
}

Response invalid_parameter(const std::string& parameter, const std::string& message) {
    return json_response(400,
                         json{{"error", {{"code", "invalid_parameter"}, {"message", message}, {"parameter", parameter}}}}.dump());
}

json facets_json(const store::FacetCounts& counts) {
    json sdg = json::object();
    for (std::size_t i = 0; i < counts.sdg.size(); ++i) sdg[std::to_string(i + 1)] = counts.sdg[i];
    return json{
        {"sdg", sdg}, {"skill", counts.skill}, {"level", counts.level}, {"format", counts.format}, {"status", counts.status}};
}

std::string describe_filter(const Site& site, Lang lang, const store::ProjectFilter& filter) {
    std::string text;
    auto add = [&](const std::string& part) { text += (text.empty() ? "" : " · ") + part; };
    if (!filter.q.empty()) add(message(site, lang, "searches.describe_q", {{"q", filter.q}}));
    if (filter.sdg) add(message(site, lang, "card.sdg") + " " + std::to_string(*filter.sdg));
    for (const auto& skill : site.skills)
        if (skill.slug == filter.skill) add(domain::localized(lang, skill.name_fr, skill.name_en));
    if (filter.level) add(message(site, lang, "level." + std::string(domain::to_string(*filter.level))));
    if (filter.format) add(message(site, lang, "format." + std::string(domain::to_string(*filter.format))));
    if (filter.status) add(message(site, lang, "status." + std::string(domain::to_string(*filter.status))));
    if (filter.sort == store::ProjectSort::closing) add(message(site, lang, "catalogue.sort_closing"));
    return text.empty() ? message(site, lang, "searches.describe_all") : text;
}

Response projects(Request& request, Site& site) {
    const auto context = page_context(request);
    const Lang lang = context.lang;
    auto parsed = parse_project_filter(request, site.skills, "after", false);
    json results;  // what project_results.mustache shows: the page itself and htmx swaps
    int status = 200;
    store::ProjectPage page;
    std::shared_ptr<const store::FacetCounts> facets;
    store::ProjectFilter filter;
    if (auto* error = std::get_if<FilterError>(&parsed)) {
        status = 400;
        results["error"] = message(site, lang, "catalogue.invalid_filter", {{"param", error->param}, {"value", error->value}});
    } else {
        filter = std::get<store::ProjectFilter>(parsed);
        page = store::ProjectRepository(site.db).list_public(filter);
        facets = site.facets.get(site.db)->count(filter);
    }
    json cards = json::array();
    for (const auto& card : page.items) cards.push_back(card_view(card, site, lang));
    results["cards"] = std::move(cards);
    results["empty"] = page.items.empty() && status == 200;
    if (facets && facets->total > 0) results["count_text"] = counted(site, lang, "catalogue.count", facets->total);
    if (page.next_after) results["next_href"] = with_param(request, "after", page.next_cursor());
    if (request.has_param("after")) results["first_href"] = with_param(request, "after", "");
    // A logged-in person may keep this search (never cached: Site caches anonymous visits only).
    const bool logged_in = request.visitor.logged_in() && !request.visitor.by_api_token;
    if (logged_in && status == 200)
        results["save"] = {{"csrf", request.visitor.csrf_token},
                           {"query", project_query_string(filter)},
                           {"name", describe_filter(site, lang, filter)},
                           {"max_name", static_cast<long long>(store::max_search_name)}};
    // An htmx request (a filter changed) gets only the results, to swap in place, plus, out of
    // band, the filters' selects with their new counts (whole elements: the browser then selects
    // the chosen option as it parses them; htmx puts the focus back by id) and the language switch
    // of the header, so that switching keeps the new filters.
    const bool htmx_swap = request.is_htmx() && request.header("hx-history-restore-request") != "true";
    if (htmx_swap) {
        const std::string other = lang == Lang::fr ? "en" : "fr";
        results["lang_switch_oob"] = {{"href", with_param(request, "lang", other)}, {"lang", other}};
        if (facets) {
            json oob;
            add_filter_options(oob, request, site, lang, facets);
            results["facets_oob"] = std::move(oob);
        }
    }
    std::string results_html = site.views->render(lang, "project_results", results);
    if (htmx_swap) {
        Response r;
        r.status = status;
        r.body = std::move(results_html);
        r.header("Vary", "Accept-Language, Cookie, HX-Request");
        if (logged_in) r.header("Cache-Control", "private, no-store");
        return r;
    }
    json data;
    data["q"] = request.param("q");
    add_filter_options(data, request, site, lang, facets);
    const bool closing = filter.sort == store::ProjectSort::closing || request.param("sort") == "closing";
    data["sort_options"] = json::array(
        {{{"value", "new"}, {"label", message(site, lang, "catalogue.sort_new")}, {"selected", !closing}},
         {{"value", "closing"}, {"label", message(site, lang, "catalogue.sort_closing")}, {"selected", closing}}});
    data["results"] = std::move(results_html);
    Response response = render_page(site, request, context, message(site, lang, "catalogue.title"), "projects", data, status,
                                    "projects");
    if (logged_in) response.header("Cache-Control", "private, no-store");
    return response;
}

}  // namespace latitudes::web::handlers
