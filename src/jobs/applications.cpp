// Reminders and expiry of unanswered applications. A pending application that nobody
// answered after `reminder_after` is reminded once to the organisation's admins (or its members
// when it has no admin); one still awaiting an answer after `expiry_after` expires and the
// applicant is told. Each application is marked (reminded_at, status) by a conditional UPDATE in
// the same transaction as its mails, so a second run — or a second server — sends nothing twice.
#include "jobs/jobs.hpp"

#include "mail/mail.hpp"
#include "mail/notifier.hpp"
#include "store/applications.hpp"

namespace latitudes::jobs {

namespace {

constexpr int batch = 100;
constexpr int max_batches = 50;  // at most 5000 of each per run; the next run goes on

long long days(std::chrono::hours hours) { return hours.count() / 24; }

}  // namespace

void remind_and_expire_applications(store::Database& db, const render::Views& views, const JobSettings& settings,
                                    Clock::time_point now, JobReport& report) {
    store::Lease session(db);
    store::ApplicationRepository repo(*session);
    const auto& timers = settings.timers;
    const mail::Notifier notifier(views, settings.public_url);

    for (int round = 0; round < max_batches; ++round) {
        const auto due = repo.due_reminders(now, timers, batch);
        int done = 0;
        for (const auto& a : due) {
            store::WriteTransaction tx(*session);
            if (!repo.mark_reminded(a.id, now)) continue;  // answered or reminded meanwhile
            const auto target = repo.target(a.project_id);
            if (target)
                for (const auto& owner : repo.organisation_recipients(a.organisation_id, true))
                    notifier.tell(*session, owner, "application_reminder",
                                  {{"project", a.project_title},
                                   {"organisation", a.organisation_name},
                                   {"applicant", a.person_name},
                                   {"sent_on", a.created_at.substr(0, 10)},
                                   {"days", days(timers.reminder_after)},
                                   {"expiry_days", days(timers.expiry_after)}},
                                  "/projects/" + target->slug + "/applications", now);
            tx.commit();
            ++report.reminders;
            ++done;
        }
        if (done == 0 || static_cast<int>(due.size()) < batch) break;
    }

    for (int round = 0; round < max_batches; ++round) {
        const auto due = repo.due_expiries(now, timers, batch);
        int done = 0;
        for (const auto& a : due) {
            store::WriteTransaction tx(*session);
            if (!repo.expire(a.id, now)) continue;  // answered or withdrawn meanwhile
            if (const auto applicant = repo.applicant(a.person_id))
                notifier.tell(*session, *applicant, "application_expired",
                              {{"project", a.project_title},
                               {"organisation", a.organisation_name},
                               {"sent_on", a.created_at.substr(0, 10)},
                               {"expiry_days", days(timers.expiry_after)}},
                              "/me/applications", now);
            tx.commit();
            ++report.expired;
            ++done;
        }
        if (done == 0 || static_cast<int>(due.size()) < batch) break;
    }
}

}  // namespace latitudes::jobs
