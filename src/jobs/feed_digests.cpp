// The personal feed's opt-in digest: at most one mail a day (UTC) per person who turned it on
// (Mon espace), with what happened in their teams and organisations since the last digest (or
// since they turned it on), newest first, at most domain::feed_digest_size entries, in their
// language, with links to each place, to Mon espace and to the setting (to stop it). Nothing new:
// no mail, and the reader stays due for a later run of the day. The mail and the new marks
// (digest_sent_at, digest_from) are written in one transaction, the marks only if they still hold
// what was read and the digest is still on: a second run, or two servers at once, send nothing
// twice, and one who opted out meanwhile gets nothing.
#include "domain/feed.hpp"
#include "jobs/jobs.hpp"
#include "mail/mail.hpp"
#include "mail/notifier.hpp"
#include "store/feed.hpp"
#include "store/query.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace latitudes::jobs {

namespace {

using nlohmann::json;

constexpr int batch = 100;
constexpr int max_batches = 50;  // at most 5000 readers a run; the next run goes on

std::string absolute(const std::string& public_url, const std::string& path, domain::Lang lang) {
    if (path.empty()) return public_url + "/me?lang=" + std::string(domain::to_string(lang)) + "#feed";
    const auto hash = path.find('#');
    const std::string base = path.substr(0, hash), fragment = hash == std::string::npos ? "" : path.substr(hash);
    return public_url + base + (base.find('?') == std::string::npos ? "?" : "&") +
           "lang=" + std::string(domain::to_string(lang)) + fragment;
}

}  // namespace

void send_feed_digests(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                       JobReport& report) {
    const std::string day_start = store::iso_utc(now).substr(0, 10) + "T00:00:00Z";
    std::optional<domain::Catalogue> catalogue;
    store::Lease session(db);
    store::FeedRepository feed(*session);
    long long after = 0;
    for (int round = 0; round < max_batches; ++round) {
        const auto due = feed.due_digests(day_start, after, batch);
        for (const auto& reader : due) {
            after = reader.person_id;
            store::FeedQuery query;
            query.person_id = reader.person_id;
            query.since = reader.digest_from;
            query.limit = domain::feed_digest_size;
            const auto page = feed.page(query);
            if (page.items.empty()) continue;  // nothing new: no mail, nothing marked
            if (!catalogue) catalogue = render::load_catalogue();
            const auto lang = mail::Notifier::language_of(*session, reader.email);
            json entries = json::array();
            for (const auto& item : page.items)
                entries.push_back({{"text", domain::feed_text(*catalogue, lang, item.kind, item.actor_name, item.detail)},
                                   {"source", item.source},
                                   {"at", readable_instant(item.at, lang)},
                                   {"link", absolute(settings.public_url, item.path, lang)}});
            const std::string l(domain::to_string(lang));
            json data{{"display_name", reader.display_name},
                      {"count", std::to_string(page.items.size())},
                      {"entries", std::move(entries)},
                      {"more", page.next.has_value()},
                      {"feed_link", settings.public_url + "/me?lang=" + l + "#feed"},
                      {"setting_link", settings.public_url + "/me?lang=" + l + "#feed-digest"}};
            store::WriteTransaction tx(*session);
            // The newest entry mailed: what follows goes in the next digest.
            if (!feed.mark_digest_sent(reader, page.items.front().at, now)) continue;  // rolled back
            try {
                auto mail = mail::render_mail(views, lang, "feed_digest", data);
                mail.to = reader.email;
                mail::Outbox::enqueue(*session, mail, lang, "feed_digest", now);
                ++report.feed_digests;
            } catch (const std::invalid_argument& e) {
                // An address that cannot be mailed must not hold back the others' digests.
                spdlog::warn("person {}: no feed digest sent: {}", reader.person_id, e.what());
            }
            tx.commit();
        }
        if (static_cast<int>(due.size()) < batch) break;
    }
}

}  // namespace latitudes::jobs
