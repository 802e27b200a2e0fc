// Comments on framing sheets, e-mailed to the other side of the conversation (the beneficiary's
// members for staff's comments, the staff following the need for the beneficiary's) as one digest
// per person at most every settings.comment_digest_every (an hour): the comments they have not been
// told of, grouped by need, with a link to each sheet, in their language. The notices are written
// with each comment (service::comment_framing, never to its author); here, in one transaction per
// person, the person is locked, the hour is checked again, the notices are marked told and the mail
// is queued, so a second run, a restart or a second server sends nothing twice. A comment the person
// may no longer read (they left the organisation) is marked and left out; with nothing left, no
// mail goes, and the hour starts all the same.
#include "jobs/jobs.hpp"

#include "mail/mail.hpp"
#include "mail/notifier.hpp"
#include "store/notices.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace latitudes::jobs {

namespace {

using nlohmann::json;

constexpr int batch = 100;
constexpr int max_batches = 50;  // at most 5000 people per run; the next run goes on

// The comments of the digest, grouped by need in the order of their first comment.
json needs_of(const std::vector<store::PendingComment>& comments, const std::string& public_url, domain::Lang lang) {
    json needs = json::array();
    std::map<long long, std::size_t> index;
    for (const auto& c : comments) {
        if (!c.visible) continue;
        auto [it, added] = index.emplace(c.project_id, needs.size());
        if (added)
            needs.push_back({{"title", c.need_title},
                             {"link", public_url + "/framing/" + std::to_string(c.project_id) +
                                          "?lang=" + std::string(domain::to_string(lang)) + "#comments"},
                             {"comments", json::array()}});
        needs[it->second]["comments"].push_back({{"author", c.author_name.empty() ? "—" : c.author_name},
                                                 {"at", readable_instant(c.created_at, lang)},
                                                 {"body", c.body}});
    }
    return needs;
}

}  // namespace

void send_comment_digests(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                          JobReport& report) {
    const auto cutoff = now - settings.comment_digest_every;
    store::Lease session(db);
    store::CommentNoticeRepository notices(*session);
    for (int round = 0; round < max_batches; ++round) {
        const auto due = notices.due(cutoff, batch);
        for (const auto& person : due) {
            store::WriteTransaction tx(*session);
            notices.lock_person(person.person_id);
            if (notices.told_since(person.person_id, cutoff)) continue;  // told meanwhile by another run
            const auto pending = notices.pending(person.person_id);
            if (pending.empty()) continue;
            if (notices.mark_told(person.person_id, pending.back().comment_id, now) != static_cast<long long>(pending.size()))
                continue;  // another run took some of them: rolled back, it sends them
            const auto lang = mail::Notifier::language_of(*session, person.to.email);
            const json needs = needs_of(pending, settings.public_url, lang);
            if (!needs.empty()) {
                std::size_t count = 0;
                for (const auto& need : needs) count += need["comments"].size();
                json data{{"display_name", person.to.display_name}, {"count", std::to_string(count)}, {"needs", needs}};
                try {
                    auto mail = mail::render_mail(views, lang, "comment_digest", data);
                    mail.to = person.to.email;
                    mail::Outbox::enqueue(*session, mail, lang, "comment_digest", now);
                    ++report.comment_digests;
                } catch (const std::invalid_argument& e) {
                    // An address that cannot be mailed must not hold back the others' digests.
                    spdlog::warn("person {}: no comment digest sent: {}", person.person_id, e.what());
                }
            }
            tx.commit();
        }
        if (static_cast<int>(due.size()) < batch) break;
    }
}

}  // namespace latitudes::jobs
