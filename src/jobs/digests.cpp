// Weekly digests of saved searches. For each saved search whose last digest is older
// than settings.digest_every: the projects published since then that match its query (published
// ones: open opportunities), at most 20 in one mail in the search's language, with links to each,
// to the whole list in the catalogue and to /me/searches (to stop or change it). The mail and the
// new last_sent_at are written in one transaction, the latter only if it still holds the value
// read (two runners at once: one wins, the other sends nothing). Nothing new: last_sent_at moves
// on all the same, so that the next digest covers only the following week.
#include "jobs/jobs.hpp"

#include "mail/mail.hpp"
#include "render/views.hpp"
#include "store/project_query.hpp"
#include "store/projects.hpp"
#include "store/searches.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

namespace latitudes::jobs {

namespace {

using nlohmann::json;

constexpr int digest_size = 20;
constexpr int batch = 100;

}  // namespace

void send_digests(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                  JobReport& report) {
    // At least a second back: a search just marked (last_sent_at = now) is never due again in this run.
    const auto cutoff = std::min(now - settings.digest_every, now - std::chrono::seconds(1));
    std::optional<std::vector<store::Skill>> skills;
    std::optional<domain::Catalogue> catalogue;
    // Each pass moves the searches it handles past the cutoff, so the loop ends; the bound is a
    // safety net against a clock going backwards.
    for (int pass = 0; pass < 1000; ++pass) {
        std::vector<store::DueSearch> due;
        {
            store::Lease session(db);
            due = store::SearchRepository(*session).due(cutoff, batch);
        }
        if (due.empty()) return;
        if (!skills) skills = store::ProjectRepository(db).skills();
        for (const auto& item : due) {
            const auto& search = item.search;
            const domain::Lang lang = search.lang == "en" ? domain::Lang::en : domain::Lang::fr;
            store::ProjectPage page;
            auto parsed = store::parse_project_query(search.query, *skills);
            if (auto* filter = std::get_if<store::ProjectFilter>(&parsed)) {
                // New opportunities only: published ones (a search for delivered projects gets none).
                if (!filter->status || *filter->status == domain::Status::published) {
                    filter->status = domain::Status::published;
                    filter->sort = store::ProjectSort::newest;
                    filter->published_after = search.last_sent_at;
                    filter->limit = digest_size;
                    page = store::ProjectRepository(db).list_public(*filter);
                }
            } else {
                spdlog::warn("saved search {} has a query the catalogue no longer accepts: no digest", search.id);
            }
            std::optional<mail::Mail> mail;
            if (!page.items.empty()) {
                if (!catalogue) catalogue = render::load_catalogue();
                json projects = json::array();
                for (const auto& card : page.items)
                    projects.push_back({{"title", card.title},
                                        {"beneficiary", card.beneficiary_name},
                                        {"format", catalogue->get(lang, "format." + card.format)},
                                        {"summary", card.summary},
                                        {"link", settings.public_url + "/projects/" + card.slug}});
                const std::string list_link = settings.public_url + "/projects" +
                                              (search.query.empty() ? "" : "?" + search.query);
                json data{{"display_name", item.display_name},
                          {"search_name", search.name},
                          {"count", std::to_string(page.items.size())},
                          {"projects", std::move(projects)},
                          {"more", page.next_after.has_value()},
                          {"list_link", list_link},
                          {"manage_link", settings.public_url + "/me/searches"}};
                mail = mail::render_mail(views, lang, "digest", data);
                mail->to = item.email;
            }
            store::Lease session(db);
            store::WriteTransaction tx(*session);
            if (!store::SearchRepository(*session).mark_sent(search.id, search.last_sent_at, now)) continue;  // rolled back
            if (mail) {
                try {
                    mail::Outbox::enqueue(*session, *mail, lang, "digest", now);
                    ++report.digests;
                } catch (const std::invalid_argument& e) {
                    // An address that cannot be mailed must not block the other digests.
                    spdlog::warn("saved search {}: no digest sent: {}", search.id, e.what());
                }
            }
            tx.commit();
        }
    }
}

}  // namespace latitudes::jobs
