#include "jobs/jobs.hpp"

namespace latitudes::jobs {

JobReport run_all(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now) {
    JobReport report;
    remind_and_expire_applications(db, views, settings, now, report);
    send_digests(db, views, settings, now, report);
    send_campaign_mails(db, views, settings, now, report);
    send_comment_digests(db, views, settings, now, report);
    delete_abandoned_uploads(db, now, report);
    return report;
}

}  // namespace latitudes::jobs
