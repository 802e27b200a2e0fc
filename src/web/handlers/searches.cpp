// Saved searches: a logged-in person keeps a catalogue query under a name (at most
// store::max_saved_searches) and receives a weekly digest of what was published since
// (jobs/digests.cpp); /me/searches lists them, with a link to each and a delete button.
#include "service/searches.hpp"
#include "store/searches.hpp"

#include "domain/text.hpp"
#include "web/filters.hpp"
#include "web/handlers/catalogue.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using domain::Lang;
using nlohmann::json;

namespace {

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
    return render_private_page(site, request, context, message(site, lang, "searches.title"), "searches", std::move(data), status,
                               "me");
}

}  // namespace

Response my_searches(Request& request, Site& site) { return searches_page(request, site, {}, 200); }

Response search_save(Request& request, Site& site) {
    const Lang lang = page_context(request).lang;
    service::SavedSearchOutcome outcome;
    {
        store::Lease session(site.db);
        outcome = service::save_search(site.service_context(*session), request.visitor.person_id, request.form_value("name"),
                                       request.form_value("query"), lang);
    }
    using Kind = service::SavedSearchOutcome::Kind;
    switch (outcome.kind) {
        case Kind::invalid_name:
            return searches_page(request, site,
                                 message(site, lang, "searches.invalid_name", {{"max", std::to_string(store::max_search_name)}}),
                                 422);
        case Kind::invalid_query: return searches_page(request, site, message(site, lang, "searches.invalid_query"), 422);
        case Kind::too_many:
            return searches_page(request, site,
                                 message(site, lang, "searches.too_many", {{"max", std::to_string(store::max_saved_searches)}}),
                                 422);
        default: return redirect(303, "/me/searches?done=saved");
    }
}

Response search_delete(Request& request, Site& site) {
    const auto id = parse_id(request.path_params["id"]);
    store::Lease session(site.db);
    // Someone else's search answers exactly like one that does not exist.
    if (!id || service::delete_search(site.service_context(*session), request.visitor.person_id, *id).kind !=
                   service::SavedSearchOutcome::Kind::deleted)
        return error_page(site, request, 404);
    return redirect(303, "/me/searches?done=deleted");
}

}  // namespace latitudes::web::handlers
