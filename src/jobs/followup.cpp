// A team's follow-up by mail. Every week, from Friday (UTC), each student of a team whose project
// is in progress gets one mail, whatever the number of their teams, with the link to each team's
// one-screen weekly form; the mark (weekly_update_mails: person, week) is inserted in the mail's
// transaction, so a second run or a second server finds it and sends nothing. A milestone not
// done by its date is reminded to its owner once: reminded_at is set by a conditional UPDATE in
// the mail's transaction (a milestone moved to a new date may be reminded again).
#include "jobs/jobs.hpp"

#include "domain/followup.hpp"
#include "mail/mail.hpp"
#include "mail/notifier.hpp"
#include "store/milestones.hpp"
#include "store/team_updates.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace latitudes::jobs {

namespace {

using nlohmann::json;

constexpr int batch = 100;
constexpr int max_batches = 50;  // at most 5000 people per run; the next run goes on

std::string link(const JobSettings& settings, const std::string& path, domain::Lang lang) {
    return settings.public_url + path + "?lang=" + std::string(domain::to_string(lang));
}

void queue(soci::session& session, const render::Views& views, domain::Lang lang, std::string_view name, const json& data,
           const std::string& to, Clock::time_point now) {
    auto mail = mail::render_mail(views, lang, name, data);
    mail.to = to;
    mail::Outbox::enqueue(session, mail, lang, name, now);
}

}  // namespace

void send_weekly_update_mails(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                              JobReport& report) {
    const std::string today = store::iso_utc(now).substr(0, 10);
    const std::string week = domain::week_of(today);
    if (today < domain::add_days(week, 4)) return;  // Monday to Thursday: the week is not over yet
    store::Lease session(db);
    store::TeamUpdateRepository updates(*session);
    for (int round = 0; round < max_batches; ++round) {
        const auto due = updates.weekly_due(week, batch);
        for (const auto& person : due) {
            store::WriteTransaction tx(*session);
            if (!updates.mark_weekly_mail(person.person_id, week, now)) continue;  // another run sent it
            const auto lang = mail::Notifier::language_of(*session, person.email);
            json teams = json::array();
            for (const auto& [team_id, title] : person.teams)
                teams.push_back({{"title", title},
                                 {"link", link(settings, "/teams/" + std::to_string(team_id) + "/updates/new", lang)}});
            try {
                queue(*session, views, lang, "weekly_update", {{"display_name", person.name}, {"teams", teams}}, person.email,
                      now);
                ++report.weekly_update_mails;
            } catch (const std::invalid_argument& e) {
                // Marked all the same: an address that cannot be mailed is not retried every run.
                spdlog::warn("person {}: no weekly update mail: {}", person.person_id, e.what());
            }
            tx.commit();
        }
        if (static_cast<int>(due.size()) < batch) break;
    }
}

void remind_overdue_milestones(store::Database& db, const render::Views& views, const JobSettings& settings,
                               Clock::time_point now, JobReport& report) {
    const std::string today = store::iso_utc(now).substr(0, 10);
    store::Lease session(db);
    store::MilestoneRepository milestones(*session);
    for (int round = 0; round < max_batches; ++round) {
        const auto due = milestones.overdue_unreminded(today, batch);
        for (const auto& m : due) {
            store::WriteTransaction tx(*session);
            if (!milestones.mark_reminded(m.id, now)) continue;
            const auto lang = mail::Notifier::language_of(*session, m.owner_email);
            const json data{{"display_name", m.owner_name},
                            {"milestone", lang == domain::Lang::fr ? m.title_fr : m.title_en},
                            {"project", m.project_title},
                            {"due_on", readable_instant(m.due_on + "T00:00:00Z", lang).substr(0, 10)},
                            {"link", link(settings, "/teams/" + std::to_string(m.team_id), lang) + "#milestones"}};
            try {
                queue(*session, views, lang, "milestone_overdue", data, m.owner_email, now);
                ++report.milestone_reminders;
            } catch (const std::invalid_argument& e) {
                spdlog::warn("milestone {}: no reminder sent: {}", m.id, e.what());
            }
            tx.commit();
        }
        if (static_cast<int>(due.size()) < batch) break;
    }
}

}  // namespace latitudes::jobs
