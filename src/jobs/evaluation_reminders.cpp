// Reminders of the end of a project: 7 days after a team's delivery, then 14 days after, each
// person who still owes an answer (the beneficiary's contacts without its evaluation, the
// students without their feedback, the school's teachers without the assessment) gets one mail.
// Each team's reminder is marked (reminded_7d_at, reminded_14d_at) in the transaction that
// queues its mails, so a second run or a second server sends nothing twice; a team met only
// after 14 days gets the second reminder alone.
#include "jobs/jobs.hpp"

#include "mail/notifier.hpp"
#include "service/evaluations.hpp"
#include "store/evaluations.hpp"

#include <spdlog/spdlog.h>

namespace latitudes::jobs {

namespace {

constexpr int batch = 100;
constexpr int max_batches = 50;

void remind(store::Database& db, const mail::Notifier& notifier, Clock::time_point now, bool second, JobReport& report) {
    const auto cutoff = store::iso_utc(now - std::chrono::hours(24 * (second ? 14 : 7)));
    store::Lease session(db);
    store::EvaluationRepository repo(*session);
    for (int round = 0; round < max_batches; ++round) {
        const auto due = repo.awaiting(cutoff, second, batch);
        for (const auto& awaiting : due) {
            store::WriteTransaction tx(*session);
            if (!repo.mark_reminded(awaiting.team_id, second, now)) continue;  // another run took it
            const auto team = store::TeamRepository(*session).find(awaiting.team_id);
            if (team)
                for (const auto& to : service::awaited_people(*session, *team)) {
                    try {
                        notifier.tell(*session, to, "evaluation_request",
                                      {{"project", team->project_title}, {"reminder", true}, {"days", second ? "14" : "7"}},
                                      "/teams/" + std::to_string(team->id), now);
                        ++report.evaluation_reminders;
                    } catch (const std::invalid_argument& e) {
                        spdlog::warn("team {}: no evaluation reminder for one person: {}", awaiting.team_id, e.what());
                    }
                }
            tx.commit();
        }
        if (static_cast<int>(due.size()) < batch) return;
    }
}

}  // namespace

void send_evaluation_reminders(store::Database& db, const render::Views& views, const JobSettings& settings,
                               Clock::time_point now, JobReport& report) {
    const mail::Notifier notifier(views, settings.public_url);
    remind(db, notifier, now, true, report);  // the second first: a team late for both gets only it
    remind(db, notifier, now, false, report);
}

}  // namespace latitudes::jobs
