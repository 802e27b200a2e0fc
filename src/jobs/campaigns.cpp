// The mails of a campaign's choosing window. Once it opened: "the choices are open" to each of its
// students (title, school, closing date and time, how many projects to rank, a link to the
// campaign). Then, 3 days and 1 day before it closes, a reminder to those who saved no ranking.
// domain::campaign_mail_due decides which one is due (one at a time: a first run in the last day
// sends the 1-day reminder only). Each mail is in the recipient's language (Notifier::language_of),
// and each campaign is marked (opened_mail_at, reminded_3d_at, reminded_1d_at) by a conditional
// UPDATE in the same transaction as its mails, so a second run — or a second server — sends
// nothing twice.
//
// A campaign whose window had already closed when the job first saw it gets no "open" mail and is
// not marked either: opened_mail_at says the mails went out, which would be false, and the due
// query only looks at open windows, so leaving it unmarked costs nothing.
#include "jobs/jobs.hpp"

#include "mail/notifier.hpp"
#include "store/campaign_mails.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace latitudes::jobs {

namespace {

constexpr int batch = 100;
constexpr int max_batches = 50;  // at most 5000 campaigns per run; the next run goes on

// The page's rule ("Classez de 3 à 5 projets, votre préféré en premier.") in `lang`.
std::string rules(const render::Views& views, domain::Lang lang, int min_choices, int choices) {
    std::string text = views.catalogue().get(lang, "campaign.rules");
    for (const auto& [marker, value] : {std::pair<std::string, int>{"{min}", min_choices}, {"{max}", choices}})
        if (const auto at = text.find(marker); at != std::string::npos) text.replace(at, marker.size(), std::to_string(value));
    return text;
}

}  // namespace

std::string readable_instant(const std::string& instant, domain::Lang lang) {
    if (instant.size() < 16) return instant;
    const std::string day = lang == domain::Lang::fr
                                ? instant.substr(8, 2) + "/" + instant.substr(5, 2) + "/" + instant.substr(0, 4)
                                : instant.substr(0, 10);
    return day + " " + instant.substr(11, 5) + " UTC";
}

void send_campaign_mails(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                         JobReport& report) {
    store::Lease session(db);
    store::CampaignMailRepository repo(*session);
    const mail::Notifier notifier(views, settings.public_url);

    for (int round = 0; round < max_batches; ++round) {
        const auto due = repo.due(now, batch);
        int done = 0;
        for (const auto& c : due) {
            const auto closes = store::parse_iso_utc(c.closes_at);
            const auto kind = domain::campaign_mail_due(now, store::parse_iso_utc(c.opens_at), closes, c.sent);
            const auto after = domain::campaign_mails_after(kind, now, closes, c.sent);
            store::WriteTransaction tx(*session);
            bool mine = false;  // this run won the mark
            switch (kind) {
                case domain::CampaignMail::none: break;
                case domain::CampaignMail::opened:
                    mine = repo.mark_opened(c.id, now);
                    // Sent late: it stands for the reminders whose time had come.
                    if (mine && after.reminded_1d) repo.mark_reminded_1d(c.id, now);
                    else if (mine && after.reminded_3d) repo.mark_reminded_3d(c.id, now);
                    break;
                case domain::CampaignMail::reminder_3d: mine = repo.mark_reminded_3d(c.id, now); break;
                case domain::CampaignMail::reminder_1d: mine = repo.mark_reminded_1d(c.id, now); break;
            }
            if (!mine) continue;  // sent meanwhile by another run (rolled back)
            const bool opened = kind == domain::CampaignMail::opened;
            const std::string name = opened ? "campaign_open" : "campaign_reminder";
            mail::Notifier::Labels labels;
            if (!opened)
                labels["left"] = kind == domain::CampaignMail::reminder_1d ? "mail.campaign_reminder.left_1d"
                                                                           : "mail.campaign_reminder.left_3d";
            // Read in the transaction, after the mark: a ranking saved meanwhile is seen.
            for (const auto& student : repo.recipients(c.id, !opened)) {
                const auto lang = mail::Notifier::language_of(*session, student.email);
                try {
                    notifier.tell(*session, student, lang, name,
                                  {{"campaign", c.title},
                                   {"school", c.school_name},
                                   {"closes", readable_instant(c.closes_at, lang)},
                                   {"rules", rules(views, lang, c.min_choices, c.choices)}},
                                  labels, "/campaigns/" + std::to_string(c.id), now);
                } catch (const std::invalid_argument& e) {
                    // An address that cannot be mailed must not hold back the others' mails.
                    spdlog::warn("campaign {}: no {} mail sent: {}", c.id, name, e.what());
                    continue;
                }
                ++(opened ? report.campaign_open_mails : report.campaign_reminders);
            }
            tx.commit();
            ++done;
        }
        if (done == 0 || static_cast<int>(due.size()) < batch) break;
    }
}

}  // namespace latitudes::jobs
