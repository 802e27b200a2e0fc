#pragma once
// Periodic work: reminders and expiry of unanswered applications, weekly digests of
// saved searches, the mails of a campaign's window, hourly digests of framing comments. Each job
// works in short transactions and marks what it did (reminded_at, status, last_sent_at,
// opened_mail_at, reminded_3d_at, reminded_1d_at, notified_at) in the same transaction as the mail
// it queues, so that running it twice,
// or from two servers at once, sends nothing twice. `serve` runs them every few minutes;
// `latitudes jobs run` runs them once (tests, cron).
#include "domain/opportunity.hpp"
#include "render/views.hpp"
#include "store/database.hpp"

#include <chrono>
#include <string>

namespace latitudes::jobs {

using Clock = std::chrono::system_clock;

struct JobSettings {
    domain::ApplicationTimers timers;                  // reminder after 5 days, expiry after 21
    std::chrono::hours digest_every{24 * 7};           // weekly
    std::chrono::minutes comment_digest_every{60};     // framing comments: one mail an hour at most per person
    std::string public_url = "http://127.0.0.1:8080";  // origin of the links in mails
};

struct JobReport {
    int reminders = 0;             // owners reminded of an unanswered application
    int expired = 0;               // applications that expired (applicant told)
    int digests = 0;               // digest mails queued
    int campaign_open_mails = 0;   // "the choices are open" mails queued (one per student)
    int campaign_reminders = 0;    // reminder mails queued (3 days or 1 day before a campaign closes)
    int comment_digests = 0;       // digests of framing comments queued (one per person)
    int feed_digests = 0;          // personal feed digests queued (one a day at most per person who opted in)
    int survey_waves = 0;          // awareness survey waves made from the semesters' dates
    int survey_invitations = 0;    // survey invitations queued (one per student of an opened wave)
    int survey_reminders = 0;      // survey reminders queued (3 days before a wave closes, to who has not answered)
    int weekly_update_mails = 0;   // "your weekly update" mails queued (one per student and week)
    int milestone_reminders = 0;   // owners told their milestone is overdue (once per milestone)
    int evaluation_reminders = 0;  // end of a project: reminder mails queued (7 and 14 days after delivery)
    int abandoned_uploads = 0;     // document uploads deleted with their chunks once their lease ran out
};

// src/jobs/applications.cpp
void remind_and_expire_applications(store::Database& db, const render::Views& views, const JobSettings& settings,
                                    Clock::time_point now, JobReport& report);
// src/jobs/digests.cpp
void send_digests(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                  JobReport& report);

// src/jobs/campaigns.cpp
void send_campaign_mails(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                         JobReport& report);

// src/jobs/comment_digests.cpp
void send_comment_digests(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                          JobReport& report);

// src/jobs/feed_digests.cpp
void send_feed_digests(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                       JobReport& report);

// src/jobs/surveys.cpp
void send_survey_mails(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                       JobReport& report);
// src/jobs/followup.cpp: the weekly update mail to every student of an active team (from
// Friday, once per person and ISO week), and the reminder of an overdue milestone to its owner.
void send_weekly_update_mails(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                              JobReport& report);
void remind_overdue_milestones(store::Database& db, const render::Views& views, const JobSettings& settings,
                               Clock::time_point now, JobReport& report);

// src/jobs/evaluation_reminders.cpp
void send_evaluation_reminders(store::Database& db, const render::Views& views, const JobSettings& settings,
                               Clock::time_point now, JobReport& report);
// src/jobs/uploads.cpp: document uploads nobody finished (their lease, service::upload_lease,
// ran out), deleted with their chunks, so that an interrupted upload leaves nothing.
void delete_abandoned_uploads(store::Database& db, Clock::time_point now, JobReport& report);

// All of them, in that order.
JobReport run_all(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now);

// "20/01/2027 18:00 UTC" in French, "2027-01-20 18:00 UTC" in English, from stored ISO-8601 text,
// as the pages show it (web::format_date, which the jobs may not include).
std::string readable_instant(const std::string& instant, domain::Lang lang);

}  // namespace latitudes::jobs
