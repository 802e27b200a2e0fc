#include "jobs/jobs.hpp"

namespace latitudes::jobs {

JobReport run_all(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now) {
    JobReport report;
    remind_and_expire_applications(db, views, settings, now, report);
    send_digests(db, views, settings, now, report);
    send_campaign_mails(db, views, settings, now, report);
    send_comment_digests(db, views, settings, now, report);
    delete_abandoned_uploads(db, now, report);
    send_weekly_update_mails(db, views, settings, now, report);
    remind_overdue_milestones(db, views, settings, now, report);
    send_survey_mails(db, views, settings, now, report);
    send_evaluation_reminders(db, views, settings, now, report);
    send_feed_digests(db, views, settings, now, report);
    return report;
}

}  // namespace latitudes::jobs
