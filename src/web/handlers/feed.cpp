// The personal feed: its part of Mon espace, the digest setting and GET /api/v1/me/feed.
// POST /me/feed/digest: 303 to /me#feed-digest; 400 for a value that is no checkbox's.
// GET /api/v1/me/feed: 200; 400 invalid_parameter (since, cursor, limit), unknown or repeated
// parameter (web/api_input). Reading it through the API marks nothing: "new" keeps meaning new
// since the last visit of Mon espace.
#include "web/handlers/feed.hpp"

#include "domain/feed.hpp"
#include "service/feed.hpp"
#include "store/feed.hpp"
#include "web/handlers/catalogue.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

#include <charconv>

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

// Paths are written by our own code; a link still goes only to a path of this site.
std::string link_of(const std::string& path) {
    return path.size() > 1 && path[0] == '/' && path[1] != '/' && path[1] != '\\' ? path : std::string();
}

bool is_new(const store::FeedItem& item, const std::string& seen_at) { return seen_at.empty() || item.at > seen_at; }

}  // namespace

FeedOnPage feed_on_me(Site& site, const Request& request, soci::session& session, domain::Lang lang) {
    FeedOnPage feed;
    store::FeedRepository repository(session);
    const auto reader = repository.reader(request.visitor.person_id);
    store::FeedQuery query;
    query.person_id = request.visitor.person_id;
    query.before = domain::parse_feed_cursor(request.param("feed_before"));  // a broken one: the first page
    const std::string carried = request.param("feed_seen");
    const std::string seen_at = query.before && domain::is_instant(carried) ? carried : reader.seen_at;
    const auto page = repository.page(query);
    json fresh = json::array(), older = json::array();
    for (const auto& item : page.items) {
        json entry{{"text", domain::feed_text(site.catalogue, lang, item.kind, item.actor_name, item.detail)},
                   {"source", item.source},
                   {"at", format_instant(item.at, lang)},
                   {"iso", item.at},
                   {"link", link_of(item.path)}};
        (is_new(item, seen_at) ? fresh : older).push_back(std::move(entry));
    }
    feed.view = {{"new_entries", fresh},
                 {"has_new", !fresh.empty()},
                 {"older_entries", older},
                 {"has_older", !older.empty()},
                 {"empty", page.items.empty() && !query.before},
                 {"paged", query.before.has_value()},
                 {"digest", reader.digest},
                 {"csrf", request.visitor.csrf_token}};
    if (!fresh.empty()) feed.view["new_count"] = counted(site, lang, "feed.new_count", static_cast<long long>(fresh.size()));
    if (page.next)
        feed.view["older_link"] = "/me?feed_before=" + url_encode(domain::to_string(*page.next)) +
                                  (seen_at.empty() ? "" : "&feed_seen=" + url_encode(seen_at)) + "#feed";
    if (!query.before && !page.items.empty() && is_new(page.items.front(), reader.seen_at))
        feed.shown_up_to = page.items.front().at;
    return feed;
}

void feed_shown(Site& site, soci::session& session, long long person_id, const FeedOnPage& feed) {
    if (feed.shown_up_to.empty()) return;
    service::mark_feed_seen(site.service_context(session), person_id, feed.shown_up_to);
}

Response me_feed_digest(Request& request, Site& site) {
    const std::string value = request.form_value("digest");
    if (!value.empty() && value != "on") return error_page(site, request, 400);
    store::Lease session(site.db);
    service::set_feed_digest(site.service_context(*session), request.visitor.person_id, value == "on");
    return redirect(303, std::string("/me?done=") + (value == "on" ? "feed_digest_on" : "feed_digest_off") + "#feed-digest");
}

Response api_my_feed(Request& request, Site& site) {
    store::FeedQuery query;
    query.person_id = request.visitor.person_id;
    if (const std::string since = request.param("since"); !since.empty()) {
        if (!domain::is_instant(since)) return invalid_parameter("since", "since: an instant such as 2027-01-20T10:00:00Z");
        query.since = since;
    }
    if (const std::string cursor = request.param("cursor"); !cursor.empty()) {
        query.before = domain::parse_feed_cursor(cursor);
        if (!query.before) return invalid_parameter("cursor", "cursor: the next_cursor of a previous page");
    }
    if (const std::string limit = request.param("limit"); !limit.empty()) {
        int n = 0;
        const auto [end, error] = std::from_chars(limit.data(), limit.data() + limit.size(), n);
        if (error != std::errc() || end != limit.data() + limit.size() || n < 1 || n > domain::max_feed_limit)
            return invalid_parameter("limit", "limit: from 1 to " + std::to_string(domain::max_feed_limit));
        query.limit = n;
    }
    store::Lease session(site.db);
    store::FeedRepository repository(*session);
    const auto reader = repository.reader(query.person_id);
    const auto page = repository.page(query);
    json entries = json::array();
    for (const auto& item : page.items) {
        auto text = [&](domain::Lang lang) {
            return domain::feed_text(site.catalogue, lang, item.kind, item.actor_name, item.detail);
        };
        entries.push_back({{"id", item.id},
                           {"kind", item.kind},
                           {"text", {{"fr", text(domain::Lang::fr)}, {"en", text(domain::Lang::en)}}},
                           {"actor", item.actor_name.empty() ? json(nullptr) : json(item.actor_name)},
                           {"detail", item.detail},
                           {"source", item.source},
                           {"team_id", item.team_id ? json(item.team_id) : json(nullptr)},
                           {"organisation_id", item.organisation_id ? json(item.organisation_id) : json(nullptr)},
                           {"path", link_of(item.path)},
                           {"at", item.at},
                           {"new", is_new(item, reader.seen_at)}});
    }
    json out{{"entries", entries},
             {"next_cursor", page.next ? json(domain::to_string(*page.next)) : json(nullptr)},
             {"seen_at", reader.seen_at.empty() ? json(nullptr) : json(reader.seen_at)}};
    return private_json_response(200, out.dump());
}

}  // namespace latitudes::web::handlers
