#include "store/feed.hpp"

#include "store/query.hpp"
#include "store/teams.hpp"

#include <algorithm>

namespace latitudes::store {

namespace {

// Sources per statement: each is one subquery of a UNION, below SQLite's 500 compound terms.
constexpr std::size_t sources_per_statement = 150;

struct Source {
    const char* column;  // "team_id" or "organisation_id"
    long long id;
};

// The teams the person is of and the organisations they are a member of: nothing else.
std::vector<Source> sources_of(soci::session& s, long long person_id) {
    std::vector<Source> sources;
    for (const auto& team : TeamRepository(s).teams_of(person_id)) sources.push_back({"team_id", team.team_id});
    Query("SELECT organisation_id FROM memberships WHERE person_id = :p ORDER BY organisation_id")
        .bind("p", person_id)
        .for_each(s, [&](const soci::row& r) {
            sources.push_back({"organisation_id", column_int(r, 0)});
        });
    return sources;
}

using Key = std::pair<std::string, long long>;  // (at, id), newest first when sorted descending

// The newest `n` entries of each source, by one index seek each ((team_id, at) or
// (organisation_id, at), read backwards), so that the cost is sources × n whatever the history:
// a teacher of a school with many teams reads a few rows per team, not every entry ever made.
void newest_of(soci::session& s, const FeedQuery& query, const std::vector<Source>& sources, std::size_t from, std::size_t to,
               std::size_t n, std::vector<Key>& keys) {
    Query q;
    const std::string me = std::to_string(query.person_id), limit = std::to_string(n);
    for (std::size_t i = from; i < to; ++i) {
        const std::string k = std::to_string(i - from);
        if (i > from) q.append(" UNION ");
        q.append("SELECT id, at FROM (SELECT id, at FROM activity WHERE ")
            .append(sources[i].column)
            .append(" = ")
            .append(std::to_string(sources[i].id))
            .append(" AND (actor_id IS NULL OR actor_id <> ")
            .append(me)
            .append(")");
        if (!query.since.empty()) {
            q.append(" AND at > :since" + k);
            q.bind("since" + k, query.since);
        }
        if (query.before) {
            q.append(" AND at <= :at" + k + " AND (at < :at_" + k + " OR id < :id" + k + ")");
            q.bind("at" + k, query.before->at).bind("at_" + k, query.before->at).bind("id" + k, query.before->id);
        }
        q.append(" ORDER BY at DESC, id DESC LIMIT " + limit + ") f" + k);
    }
    q.for_each(s, [&](const soci::row& r) { keys.emplace_back(column_text(r, 1), column_int(r, 0)); });
}

}  // namespace

FeedPage FeedRepository::page(const FeedQuery& query) {
    FeedPage page;
    const auto n = static_cast<std::size_t>(std::clamp(query.limit, 1, domain::max_feed_limit));
    const auto sources = sources_of(s_, query.person_id);
    std::vector<Key> keys;
    for (std::size_t from = 0; from < sources.size(); from += sources_per_statement)
        newest_of(s_, query, sources, from, std::min(sources.size(), from + sources_per_statement), n + 1, keys);
    // An entry of a team and of an organisation the person is both of comes twice: once here.
    std::sort(keys.begin(), keys.end(), std::greater<>());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    if (keys.size() > n) {
        keys.resize(n);
        page.next = domain::FeedCursor{keys.back().first, keys.back().second};
    }
    if (keys.empty()) return page;
    Query q("SELECT a.id, a.kind, a.detail, a.path, a.at, COALESCE(a.actor_id, 0), COALESCE(pe.display_name, ''), "
            "COALESCE(a.team_id, 0), COALESCE(a.organisation_id, 0), COALESCE(tp.title, o.name, '') FROM activity a "
            "LEFT JOIN people pe ON pe.id = a.actor_id LEFT JOIN teams t ON t.id = a.team_id "
            "LEFT JOIN projects tp ON tp.id = t.project_id LEFT JOIN organisations o ON o.id = a.organisation_id "
            "WHERE a.id IN (");
    for (std::size_t i = 0; i < keys.size(); ++i) q.append(i ? ", " : "").append(std::to_string(keys[i].second));
    q.append(") ORDER BY a.at DESC, a.id DESC");
    q.for_each(s_, [&](const soci::row& r) {
        FeedItem item;
        item.id = column_int(r, 0);
        item.kind = column_text(r, 1);
        item.detail = column_text(r, 2);
        item.path = column_text(r, 3);
        item.at = column_text(r, 4);
        item.actor_id = column_int(r, 5);
        // An erased account keeps its row as "—": shown as nobody rather than as a name.
        item.actor_name = column_text(r, 6) == "—" ? std::string() : column_text(r, 6);
        item.team_id = column_int(r, 7);
        item.organisation_id = column_int(r, 8);
        item.source = column_text(r, 9);
        page.items.push_back(std::move(item));
    });
    return page;
}

FeedReader FeedRepository::reader(long long person_id) {
    FeedReader reader;
    Query("SELECT COALESCE(seen_at, ''), digest, COALESCE(digest_from, ''), COALESCE(digest_sent_at, '') "
          "FROM feed_readers WHERE person_id = :p")
        .bind("p", person_id)
        .for_each(s_, [&](const soci::row& r) {
            reader.seen_at = column_text(r, 0);
            reader.digest = column_int(r, 1) != 0;
            reader.digest_from = column_text(r, 2);
            reader.digest_sent_at = column_text(r, 3);
        });
    return reader;
}

bool FeedRepository::mark_seen(long long person_id, const std::string& newest) {
    return Query("INSERT INTO feed_readers (person_id, seen_at) VALUES (:p, :at) ON CONFLICT (person_id) DO UPDATE "
                 "SET seen_at = excluded.seen_at WHERE feed_readers.seen_at IS NULL OR feed_readers.seen_at < excluded.seen_at")
               .bind("p", person_id)
               .bind("at", newest)
               .execute(s_) > 0;
}

void FeedRepository::set_digest(long long person_id, bool on, Clock::time_point now) {
    // Turning it on again starts afresh; turning it off keeps the marks (nothing is sent).
    if (!on) {
        Query("UPDATE feed_readers SET digest = 0 WHERE person_id = :p AND digest = 1").bind("p", person_id).execute(s_);
        return;
    }
    Query("INSERT INTO feed_readers (person_id, digest, digest_from) VALUES (:p, 1, :at) ON CONFLICT (person_id) "
          "DO UPDATE SET digest = 1, digest_from = excluded.digest_from WHERE feed_readers.digest = 0")
        .bind("p", person_id)
        .bind("at", iso_utc(now))
        .execute(s_);
}

std::vector<DueDigest> FeedRepository::due_digests(const std::string& day_start, long long after_person, int limit) {
    std::vector<DueDigest> due;
    Query("SELECT fr.person_id, pe.email, pe.display_name, COALESCE(fr.digest_from, ''), COALESCE(fr.digest_sent_at, '') "
          "FROM feed_readers fr JOIN people pe ON pe.id = fr.person_id JOIN accounts ac ON ac.person_id = pe.id "
          "WHERE fr.digest = 1 AND fr.person_id > :after AND pe.email IS NOT NULL AND ac.active = 1 "
          "AND (fr.digest_sent_at IS NULL OR fr.digest_sent_at < :day) ORDER BY fr.person_id LIMIT " +
          std::to_string(limit))
        .bind("after", after_person)
        .bind("day", day_start)
        .for_each(s_, [&](const soci::row& r) {
            due.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4)});
        });
    return due;
}

bool FeedRepository::mark_digest_sent(const DueDigest& read, const std::string& upto, Clock::time_point now) {
    return Query("UPDATE feed_readers SET digest_sent_at = :now, digest_from = :upto WHERE person_id = :p AND digest = 1 "
                 "AND COALESCE(digest_sent_at, '') = :sent AND COALESCE(digest_from, '') = :from")
               .bind("now", iso_utc(now))
               .bind("upto", upto)
               .bind("p", read.person_id)
               .bind("sent", read.digest_sent_at)
               .bind("from", read.digest_from)
               .execute(s_) == 1;
}

}  // namespace latitudes::store
