// The awareness survey's mails. First the waves of the semesters under way are made for the
// active survey (domain::wave_window: the start wave for the first three weeks, the end wave
// around the last day), for cohorts that have none (staff may have opened one). Then each open
// wave not yet invited gets its invitation to every active student with an account, and each
// wave within 3 days of closing its reminder to those with no participation. Each wave is marked
// (invited_at, reminded_at) by a conditional UPDATE in the transaction of its mails, so a second
// run, or a second server, sends nothing twice. Mails are in each recipient's language.
#include "jobs/jobs.hpp"

#include "mail/notifier.hpp"
#include "store/surveys.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace latitudes::jobs {

namespace {

std::string readable_date(const std::string& date, domain::Lang lang) {
    if (date.size() < 10 || lang != domain::Lang::fr) return date;
    return date.substr(8, 2) + "/" + date.substr(5, 2) + "/" + date.substr(0, 4);
}

}  // namespace

void send_survey_mails(store::Database& db, const render::Views& views, const JobSettings& settings, Clock::time_point now,
                       JobReport& report) {
    store::Lease session(db);
    store::SurveyRepository surveys(*session);
    const mail::Notifier notifier(views, settings.public_url);
    const std::string today = store::iso_utc(now).substr(0, 10);
    {
        store::WriteTransaction tx(*session);
        report.survey_waves += surveys.make_semester_waves(today, now);
        tx.commit();
    }
    for (const bool reminder : {false, true}) {
        for (const auto& wave : reminder ? surveys.due_reminders(today) : surveys.due_invitations(today)) {
            store::WriteTransaction tx(*session);
            if (!(reminder ? surveys.mark_reminded(wave.id, now) : surveys.mark_invited(wave.id, now))) continue;
            const std::string name = reminder ? "survey_reminder" : "survey_invitation";
            // Read after the mark, in the transaction: an answer given meanwhile is seen.
            for (const auto& student : surveys.recipients(wave.id, reminder)) {
                const auto lang = mail::Notifier::language_of(*session, student.email);
                try {
                    notifier.tell(*session, student, lang, name,
                                  {{"survey", lang == domain::Lang::fr ? wave.survey_title_fr : wave.survey_title_en},
                                   {"course", wave.course},
                                   {"school", wave.school_name},
                                   {"closes", readable_date(wave.closes_on, lang)}},
                                  {}, "/surveys/waves/" + std::to_string(wave.id), now);
                } catch (const std::invalid_argument& e) {
                    spdlog::warn("survey wave {}: no {} mail sent: {}", wave.id, name, e.what());
                    continue;
                }
                ++(reminder ? report.survey_reminders : report.survey_invitations);
            }
            tx.commit();
        }
    }
}

}  // namespace latitudes::jobs
