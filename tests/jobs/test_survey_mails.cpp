// The awareness survey's mails, run as `serve` and `latitudes jobs run --now` do (jobs::run_all
// with a chosen clock) on a migrated, seeded database, once per engine: the active survey's
// waves are made from the semester's dates; each open wave's invitation goes once to every
// active student with an account, in their language, with a link to the wave; the reminder 3
// days before it closes only to those who have not answered; a second run sends nothing twice.
#include "jobs/jobs.hpp"
#include "mail/mail.hpp"
#include "resources/resources.hpp"
#include "service/surveys.hpp"
#include "store/accounts.hpp"
#include "store/cohorts.hpp"
#include "store/migrations.hpp"
#include "store/projects.hpp"
#include "store/query.hpp"
#include "store/seed.hpp"
#include "store/surveys.hpp"
#include "support/store_fixture.hpp"

#include <gtest/gtest.h>

using namespace latitudes;
using store::Query;

namespace {

const render::Views& views() {
    static const domain::Catalogue catalogue = render::load_catalogue();
    static const render::Views instance(catalogue);
    return instance;
}

}  // namespace

class SurveyMails : public test::MigratedDatabase {
protected:
    SurveyMails() : MigratedDatabase("survey-mails", 4) {}
    void SetUp() override {
        MigratedDatabase::SetUp();
        store::seed_demo(*db_, resources::resource("seed/demo.json"));
        const long long school = Query("SELECT id FROM organisations WHERE slug = 'centralesupelec'").scalar(s());
        store::CohortRepository cohorts(s());
        const long long semester = cohorts.create_semester({0, "2031-S1", "Printemps 2031", "Spring 2031", "2031-02-01",
                                                            "2031-06-30"});
        cohort_ = cohorts.create(school, semester, "Projet solidaire 2A", "", 0, created_);
        store::SurveyRepository surveys(s());
        survey_ = surveys.create("ESS", "SSE", 0, 0, created_);
        question_ = surveys.add_question(survey_,
                                         {0, 0, domain::QuestionKind::yes_no, "Encore ?", "Again?", true, 5, "", "", "", ""});
        surveys.activate(survey_);
    }
    long long student(const std::string& email) {
        const long long person = store::AccountRepository(s()).create({email, "Élève", "student", "x", true, ""}, created_);
        store::CohortRepository(s()).add_student(cohort_, {email, "É", "L", "", ""}, person, created_);
        return person;
    }
    jobs::JobReport run(const std::string& now) {
        jobs::JobSettings settings;
        settings.public_url = "https://latitudes.example";
        return jobs::run_all(*db_, views(), settings, store::parse_iso_utc(now));
    }
    long long mails(const std::string& to, const std::string& template_name) {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = '" + to + "' AND template = '" + template_name + "'");
    }
    std::string last_mail(const std::string& to, const std::string& column) {
        std::string value;
        Query("SELECT " + column + " FROM mail_outbox WHERE to_address = '" + to + "' ORDER BY id DESC LIMIT 1")
            .for_each(s(), [&](const soci::row& r) { value = store::column_text(r, 0); });
        return value;
    }

    long long cohort_ = 0, survey_ = 0, question_ = 0;
    store::Clock::time_point created_ = store::parse_iso_utc("2031-01-05T10:00:00Z");
};

TEST_F(SurveyMails, TheStartWaveOpensWithTheSemesterInvitesOnceAndRemindsOnlyWhoHasNotAnswered) {
    const long long ana = student("ana@example.org");
    student("ben@example.org");
    mail::Outbox::enqueue(s(), {"ben@example.org", "Welcome", "Welcome", "<p>Welcome</p>"}, domain::Lang::en, "confirm_email",
                          created_);
    store::CohortRepository(s()).add_student(cohort_, {"eve@example.org", "Eve", "", "", ""}, 0,
                                             created_);  // invited, no account

    const auto before = run("2031-01-31T12:00:00Z");
    EXPECT_EQ(before.survey_waves, 0) << "the semester has not started";
    EXPECT_EQ(before.survey_invitations, 0);

    const auto opened = run("2031-02-01T08:00:00Z");
    EXPECT_EQ(opened.survey_waves, 1);
    EXPECT_EQ(opened.survey_invitations, 2) << "Ana and Ben; Eve has no account";
    const long long wave = count("SELECT id FROM survey_waves WHERE cohort_id = " + std::to_string(cohort_));
    EXPECT_EQ(mails("ana@example.org", "survey_invitation"), 1);
    EXPECT_NE(last_mail("ana@example.org", "body_text").find("https://latitudes.example/surveys/waves/" + std::to_string(wave)),
              std::string::npos);
    EXPECT_NE(last_mail("ana@example.org", "subject").find("questionnaire"), std::string::npos) << "in French";
    EXPECT_NE(last_mail("ben@example.org", "subject").find("survey"), std::string::npos) << "in English, his last language";
    EXPECT_NE(last_mail("ana@example.org", "body_text").find("21/02/2031"), std::string::npos) << "the closing date";

    const auto again = run("2031-02-01T08:05:00Z");
    EXPECT_EQ(again.survey_invitations + again.survey_waves + again.survey_reminders, 0) << "nothing twice";

    // Ana answers; the reminder, 3 days before the wave closes (21 February), goes to Ben only.
    const auto skills = store::ProjectRepository(*db_).skills();
    const mail::Notifier notifier(views(), "https://latitudes.example");
    const auto answered = service::answer_survey({s(), store::parse_iso_utc("2031-02-05T10:00:00Z"), notifier, skills}, wave, ana,
                                                 {{question_, {"yes"}}});
    ASSERT_EQ(answered.kind, service::AnswerOutcome::Kind::answered);
    EXPECT_EQ(run("2031-02-17T12:00:00Z").survey_reminders, 0) << "4 days before: not yet";
    const auto reminded = run("2031-02-18T12:00:00Z");
    EXPECT_EQ(reminded.survey_reminders, 1);
    EXPECT_EQ(mails("ana@example.org", "survey_reminder"), 0);
    EXPECT_EQ(mails("ben@example.org", "survey_reminder"), 1);
    EXPECT_EQ(run("2031-02-19T12:00:00Z").survey_reminders, 0) << "once";
    EXPECT_FALSE(count("SELECT COUNT(*) FROM survey_waves WHERE reminded_at IS NULL") > 0);
    EXPECT_EQ(run("2031-02-25T12:00:00Z").survey_invitations, 0) << "closed: nothing more";
}

TEST_F(SurveyMails, AWaveStaffOpenedIsInvitedAtTheNextRunAndTheSemestersOwnWaveIsNotMadeTwice) {
    student("ana@example.org");
    const auto skills = store::ProjectRepository(*db_).skills();
    const mail::Notifier notifier(views(), "https://latitudes.example");
    const auto opened = service::open_survey_wave({s(), store::parse_iso_utc("2031-02-01T07:00:00Z"), notifier, skills}, survey_,
                                                  cohort_, "start", "2031-02-10");
    ASSERT_EQ(opened.kind, service::WaveOutcome::Kind::opened);
    const auto report = run("2031-02-01T08:00:00Z");
    EXPECT_EQ(report.survey_waves, 0) << "the cohort has its start wave";
    EXPECT_EQ(report.survey_invitations, 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_waves"), 1);
    // The wave closes on the 10th: the reminder goes from the 7th.
    EXPECT_EQ(run("2031-02-07T08:00:00Z").survey_reminders, 1);
}
