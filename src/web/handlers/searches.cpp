// Saved searches (issue 4): a logged-in person keeps a catalogue query under a name (at most
// store::max_saved_searches) and receives a weekly digest of what was published since
// (jobs/digests.cpp); /me/searches lists them, with a link to each and a delete button.
#include "store/searches.hpp"

#include "domain/text.hpp"
#include "web/filters.hpp"
#include "web/handlers/catalogue.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

#include <charconv>

namespace latitudes::web::handlers {

using domain::Lang;
using nlohmann::json;

namespace {

constexpr std::size_t max_query_text = 1000;

std::string trim(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The list page, with a notice (done=saved|deleted) or an error (422).
Response searches_page(Request& request, Site& site, const std::string& error, int status) {
    const auto context = page_context(request);
    const Lang lang = context.lang;
    store::Lease session(site.db);
    const auto searches = store::SearchRepository(*session).of_person(request.visitor.person_id);
    json items = json::array();
    for (const auto& s : searches) {
        std::string criteria = s.query;
        auto parsed = parse_project_query(s.query, site.skills);
        if (auto* filter = std::get_if<store::ProjectFilter>(&parsed)) criteria = describe_filter(site, lang, *filter);
        items.push_back({{"id", s.id},
                         {"name", s.name},
                         {"criteria", criteria},
                         {"href", s.query.empty() ? std::string("/projects") : "/projects?" + s.query},
                         {"created", format_date(s.created_at, lang)},
                         {"lang_label", message(site, lang, "searches.lang_" + s.lang)}});
    }
    json data{{"csrf", request.visitor.csrf_token},
              {"searches", std::move(items)},
              {"has_searches", !searches.empty()},
              {"max", store::max_saved_searches},
              {"limit_text", message(site, lang, "searches.limit", {{"max", std::to_string(store::max_saved_searches)}})}};
    if (!error.empty()) data["error"] = error;
    const std::string done = request.param("done");
    if (done == "saved" || done == "deleted") data["notice"] = message(site, lang, "searches.done_" + done);
    Response response = render_page(site, request, context, message(site, lang, "searches.title"), "searches",
                                    std::move(data), status, "me");
    response.header("Cache-Control", "no-store");
    return response;
}

}  // namespace

Response my_searches(Request& request, Site& site) { return searches_page(request, site, {}, 200); }

Response search_save(Request& request, Site& site) {
    const Lang lang = page_context(request).lang;
    const std::string name = trim(request.form_value("name"));
    const std::string query = request.form_value("query");
    if (name.empty() || name.size() > store::max_search_name || !domain::is_valid_utf8(name))
        return searches_page(request, site,
                             message(site, lang, "searches.invalid_name", {{"max", std::to_string(store::max_search_name)}}), 422);
    if (query.size() > max_query_text) return searches_page(request, site, message(site, lang, "searches.invalid_query"), 422);
    // The query must be one the catalogue accepts; it is kept in canonical form.
    auto parsed = parse_project_query(query, site.skills);
    if (std::holds_alternative<FilterError>(parsed))
        return searches_page(request, site, message(site, lang, "searches.invalid_query"), 422);
    const std::string canonical = project_query_string(std::get<store::ProjectFilter>(parsed));
    std::optional<long long> id;
    {
        store::Lease session(site.db);
        id = store::SearchRepository(*session).create(request.visitor.person_id, name, canonical,
                                                      std::string(domain::to_string(lang)), store::Clock::now());
    }
    if (!id) return searches_page(request, site, message(site, lang, "searches.too_many", {{"max", std::to_string(store::max_saved_searches)}}), 422);
    return redirect(303, "/me/searches?done=saved");
}

Response search_delete(Request& request, Site& site) {
    const std::string& text = request.path_params["id"];
    long long id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    // Someone else's search answers exactly like one that does not exist.
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return error_page(site, request, 404);
    store::Lease session(site.db);
    if (!store::SearchRepository(*session).remove(id, request.visitor.person_id)) return error_page(site, request, 404);
    return redirect(303, "/me/searches?done=deleted");
}

}  // namespace latitudes::web::handlers
