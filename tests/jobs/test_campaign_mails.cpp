// The mails of a campaign's window, run directly (as `serve` and `latitudes jobs run` do) on a
// migrated, seeded database, once per engine: "the choices are open" once to every student with
// an active account (not to removed or invited ones), not before it opens; reminders 3 days then
// 1 day before it closes, only to those who saved no ranking; a first run in the last day sends
// one mail; a second run, or two at once, sends nothing twice; each in the recipient's language.
#include "jobs/jobs.hpp"
#include "mail/mail.hpp"
#include "resources/resources.hpp"
#include "store/accounts.hpp"
#include "store/campaign_mails.hpp"
#include "store/campaigns.hpp"
#include "store/cohorts.hpp"
#include "store/migrations.hpp"
#include "store/query.hpp"
#include "store/seed.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace latitudes;
using store::Query;

namespace {

const render::Views& views() {
    static const domain::Catalogue catalogue = render::load_catalogue();
    static const render::Views instance(catalogue);
    return instance;
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

}  // namespace

class CampaignMails : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::make_unique<store::Database>(store::DatabaseUrl::parse(test::fresh_database_url("campaign-mails")), 4);
        store::migrate(*db_, store::embedded_migrations());
        store::seed_demo(*db_, resources::resource("seed/demo.json"));
        lease_ = std::make_unique<store::Lease>(*db_);
        school_ = Query("SELECT id FROM organisations WHERE slug = 'centralesupelec'").scalar(s());
        school_name_ = text("SELECT name FROM organisations WHERE id = " + std::to_string(school_));
        semester_ = Query("SELECT id FROM semesters WHERE code = '2027-P'").scalar(s());
        cohort_ = store::CohortRepository(s()).create(school_, semester_, "Projet solidaire 2A", "", 0, created_);
        other_cohort_ = store::CohortRepository(s()).create(school_, semester_, "Projet solidaire 3A", "", 0, created_);
        project_ = Query("SELECT MIN(id) FROM projects").scalar(s());
    }
    void TearDown() override {
        lease_.reset();
        db_.reset();
    }
    soci::session& s() { return **lease_; }
    long long count(const std::string& sql) { return Query(sql).scalar(s()); }
    std::string text(const std::string& sql) {
        std::string value;
        Query(sql).for_each(s(), [&](const soci::row& r) { value = store::column_text(r, 0); });
        return value;
    }
    // A student with an account in `cohort`; returns the row's id in cohort_students.
    long long student(const std::string& email, const std::string& name, long long cohort = 0) {
        const long long person = store::AccountRepository(s()).create({email, name, "student", "x", true, ""}, created_);
        persons_[email] = person;
        return store::CohortRepository(s()).add_student(cohort ? cohort : cohort_, {email, name, "", "", ""}, person, created_);
    }
    // Someone whose last mail was in English: Notifier::language_of picks English for them.
    void reads_english(const std::string& email) {
        mail::Outbox::enqueue(s(), {email, "Welcome", "Welcome", "<p>Welcome</p>"}, domain::Lang::en, "confirm_email", created_);
    }
    long long campaign(const std::string& opens, const std::string& closes, std::vector<long long> cohorts = {}) {
        if (cohorts.empty()) cohorts = {cohort_};
        return store::CampaignRepository(s()).create(
            {school_, semester_, "Projets solidaires S2", opens, closes, 5, 3, std::move(cohorts), {}}, 0, created_);
    }
    void ranks(long long campaign_id, const std::string& email) {
        store::CampaignRepository(s()).save_ranking(campaign_id, persons_.at(email), {project_}, created_);
    }
    jobs::JobReport run(const std::string& now) {
        jobs::JobSettings settings;
        settings.public_url = "https://latitudes.example";
        jobs::JobReport report;
        jobs::send_campaign_mails(*db_, views(), settings, store::parse_iso_utc(now), report);
        return report;
    }
    long long mails(const std::string& to, const std::string& template_name) {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = '" + to + "' AND template = '" + template_name + "'");
    }
    std::string last_mail(const std::string& to, const std::string& column) {
        return text("SELECT " + column + " FROM mail_outbox WHERE to_address = '" + to + "' ORDER BY id DESC LIMIT 1");
    }
    std::string mark(long long campaign_id, const std::string& column) {
        return text("SELECT " + column + " FROM campaigns WHERE id = " + std::to_string(campaign_id));
    }

    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::Lease> lease_;
    long long school_ = 0, semester_ = 0, cohort_ = 0, other_cohort_ = 0, project_ = 0;
    std::string school_name_;
    std::map<std::string, long long> persons_;
    store::Clock::time_point created_ = store::parse_iso_utc("2027-01-05T10:00:00Z");
    static inline const std::string opens_ = "2027-01-10T09:00:00Z", closes_ = "2027-01-20T18:00:00Z";
};

TEST_F(CampaignMails, TheOpenMailGoesOnceToEveryStudentWithAnAccountWhenTheWindowOpens) {
    student("ana@example.org", "Ana");
    student("ben@example.org", "Ben");
    reads_english("ben@example.org");
    const long long cleo = student("cleo@example.org", "Cleo");
    ASSERT_TRUE(store::CohortRepository(s()).remove_student(cohort_, cleo, created_));
    student("dan@example.org", "Dan");
    Query("UPDATE accounts SET active = 0 WHERE person_id = :p").bind("p", persons_.at("dan@example.org")).execute(s());
    store::CohortRepository(s()).add_student(cohort_, {"eve@example.org", "Eve", "", "", ""}, 0, created_);  // invited
    student("fay@example.org", "Fay", other_cohort_);  // a cohort the campaign does not take
    // Ana is in both cohorts of the second campaign: one mail all the same.
    store::CohortRepository(s()).add_student(other_cohort_, {"ana@example.org", "Ana", "", "", ""},
                                             persons_.at("ana@example.org"), created_);
    const long long id = campaign(opens_, closes_);
    const std::string link = "https://latitudes.example/campaigns/" + std::to_string(id);

    EXPECT_EQ(run("2027-01-10T08:59:59Z").campaign_open_mails, 0) << "not before it opens";
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'campaign_open'"), 0);
    EXPECT_EQ(mark(id, "opened_mail_at"), "");

    const auto opened = run(opens_);
    EXPECT_EQ(opened.campaign_open_mails, 2);
    EXPECT_EQ(opened.campaign_reminders, 0);
    EXPECT_EQ(mark(id, "opened_mail_at"), opens_);
    EXPECT_EQ(mark(id, "reminded_3d_at"), "");
    EXPECT_EQ(mails("ana@example.org", "campaign_open"), 1);
    EXPECT_EQ(mails("ben@example.org", "campaign_open"), 1);
    for (const char* nobody : {"cleo@example.org", "dan@example.org", "eve@example.org", "fay@example.org"})
        EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM mail_outbox WHERE to_address = '") + nobody + "'"), 0) << nobody;

    // French for Ana (no mail before), English for Ben (his last mail was).
    EXPECT_EQ(last_mail("ana@example.org", "subject"), "Les choix sont ouverts — Projets solidaires S2");
    EXPECT_EQ(last_mail("ana@example.org", "lang"), "fr");
    const std::string ana = last_mail("ana@example.org", "body_text");
    for (const auto& part : std::vector<std::string>{"Bonjour Ana,", "« Projets solidaires S2 » (" + school_name_ + ")",
                                                     "Les choix ferment le 20/01/2027 18:00 UTC.",
                                                     "Classez de 3 à 5 projets, votre préféré en premier.", link + "?lang=fr"})
        EXPECT_TRUE(contains(ana, part)) << part << "\n" << ana;
    EXPECT_TRUE(contains(last_mail("ana@example.org", "body_html"), "href=\"" + link + "?lang=fr\""));
    EXPECT_EQ(last_mail("ben@example.org", "subject"), "Choices are open — Projets solidaires S2");
    EXPECT_EQ(last_mail("ben@example.org", "lang"), "en");
    const std::string ben = last_mail("ben@example.org", "body_text");
    for (const auto& part : std::vector<std::string>{"Hello Ben,", "Choices close on 2027-01-20 18:00 UTC.",
                                                     "Rank 3 to 5 projects, your favourite first.", link + "?lang=en"})
        EXPECT_TRUE(contains(ben, part)) << part << "\n" << ben;

    // Once: again at once, and days later.
    EXPECT_EQ(run(opens_).campaign_open_mails, 0);
    EXPECT_EQ(run("2027-01-12T09:00:00Z").campaign_open_mails, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'campaign_open'"), 2);

    // A campaign of both cohorts: Ana once, Fay too.
    const long long both = campaign("2027-01-11T09:00:00Z", closes_, {cohort_, other_cohort_});
    EXPECT_EQ(run("2027-01-11T09:00:00Z").campaign_open_mails, 3);
    EXPECT_EQ(mails("ana@example.org", "campaign_open"), 2);
    EXPECT_EQ(mails("fay@example.org", "campaign_open"), 1);
    EXPECT_TRUE(contains(last_mail("fay@example.org", "body_text"),
                         "https://latitudes.example/campaigns/" + std::to_string(both) + "?lang=fr"));
}

TEST_F(CampaignMails, RemindersGoToThoseWhoHaveNotRankedThreeDaysThenOneDayBefore) {
    student("ana@example.org", "Ana");
    student("ben@example.org", "Ben");
    reads_english("ben@example.org");
    student("carl@example.org", "Carl");
    const long long id = campaign(opens_, closes_);
    ASSERT_EQ(run(opens_).campaign_open_mails, 3);
    ranks(id, "ana@example.org");

    EXPECT_EQ(run("2027-01-17T17:59:59Z").campaign_reminders, 0) << "not yet 3 days before";
    const auto three_days = run("2027-01-17T18:00:00Z");
    EXPECT_EQ(three_days.campaign_reminders, 2);
    EXPECT_EQ(three_days.campaign_open_mails, 0);
    EXPECT_EQ(mark(id, "reminded_3d_at"), "2027-01-17T18:00:00Z");
    EXPECT_EQ(mark(id, "reminded_1d_at"), "");
    EXPECT_EQ(mails("ana@example.org", "campaign_reminder"), 0) << "she has ranked";
    EXPECT_EQ(last_mail("carl@example.org", "subject"), "Plus que 3 jours pour classer vos choix — Projets solidaires S2");
    const std::string carl = last_mail("carl@example.org", "body_text");
    for (const auto& part :
         std::vector<std::string>{"Vous n'avez pas encore enregistré vos choix pour la campagne « Projets solidaires S2 »",
                                  "Plus que 3 jours. Les choix ferment le 20/01/2027 18:00 UTC.", "Classez de 3 à 5 projets",
                                  "https://latitudes.example/campaigns/" + std::to_string(id) + "?lang=fr"})
        EXPECT_TRUE(contains(carl, part)) << part << "\n" << carl;
    EXPECT_EQ(last_mail("ben@example.org", "subject"), "3 days left to rank your choices — Projets solidaires S2");
    EXPECT_TRUE(contains(last_mail("ben@example.org", "body_text"), "Rank 3 to 5 projects"));
    EXPECT_EQ(run("2027-01-18T12:00:00Z").campaign_reminders, 0) << "the 3-day reminder once";

    // Carl ranks meanwhile: the last reminder is Ben's only.
    ranks(id, "carl@example.org");
    EXPECT_EQ(run("2027-01-19T17:59:59Z").campaign_reminders, 0);
    EXPECT_EQ(run("2027-01-19T18:00:00Z").campaign_reminders, 1);
    EXPECT_EQ(mark(id, "reminded_1d_at"), "2027-01-19T18:00:00Z");
    EXPECT_EQ(mark(id, "reminded_3d_at"), "2027-01-17T18:00:00Z") << "kept";
    EXPECT_EQ(mails("ben@example.org", "campaign_reminder"), 2);
    EXPECT_EQ(mails("carl@example.org", "campaign_reminder"), 1);
    EXPECT_EQ(mails("ana@example.org", "campaign_reminder"), 0);
    EXPECT_EQ(last_mail("ben@example.org", "subject"), "1 day left to rank your choices — Projets solidaires S2");
    EXPECT_TRUE(contains(last_mail("ben@example.org", "body_text"), "1 day left. Choices close on 2027-01-20 18:00 UTC."));
    EXPECT_TRUE(contains(last_mail("ben@example.org", "body_html"),
                         "href=\"https://latitudes.example/campaigns/" + std::to_string(id) + "?lang=en\""));

    // Nothing more: later that day, nor once it closed.
    const auto after = run("2027-01-20T17:00:00Z");
    EXPECT_EQ(after.campaign_reminders + after.campaign_open_mails, 0);
    EXPECT_EQ(run(closes_).campaign_reminders, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'campaign_reminder'"), 3);
}

TEST_F(CampaignMails, AFirstRunInTheLastDaySendsOneMail) {
    student("ana@example.org", "Ana");
    student("ben@example.org", "Ben");
    reads_english("ben@example.org");
    const long long id = campaign(opens_, closes_);
    ASSERT_EQ(run(opens_).campaign_open_mails, 2);

    // No run between the opening and the last day: the 1-day reminder only, both marked.
    const auto late = run("2027-01-20T06:00:00Z");
    EXPECT_EQ(late.campaign_reminders, 2);
    EXPECT_EQ(mails("ana@example.org", "campaign_reminder"), 1);
    EXPECT_EQ(mails("ben@example.org", "campaign_reminder"), 1);
    EXPECT_EQ(last_mail("ana@example.org", "subject"), "Plus qu'un jour pour classer vos choix — Projets solidaires S2");
    EXPECT_EQ(last_mail("ben@example.org", "subject"), "1 day left to rank your choices — Projets solidaires S2");
    EXPECT_EQ(mark(id, "reminded_3d_at"), "2027-01-20T06:00:00Z");
    EXPECT_EQ(mark(id, "reminded_1d_at"), "2027-01-20T06:00:00Z");
    EXPECT_EQ(run("2027-01-20T07:00:00Z").campaign_reminders, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'campaign_reminder'"), 2);
}

TEST_F(CampaignMails, AnOpenMailSentLateStandsForTheRemindersAlreadyDue) {
    student("ana@example.org", "Ana");
    // First seen 2 days before it closes: the open mail only (it gives the closing date), then
    // the 1-day reminder when its time comes.
    const long long id = campaign(opens_, closes_);
    const auto first = run("2027-01-18T18:00:00Z");
    EXPECT_EQ(first.campaign_open_mails, 1);
    EXPECT_EQ(first.campaign_reminders, 0);
    EXPECT_EQ(mark(id, "reminded_3d_at"), "2027-01-18T18:00:00Z");
    EXPECT_EQ(mark(id, "reminded_1d_at"), "");
    EXPECT_EQ(run("2027-01-19T18:00:00Z").campaign_reminders, 1);
    EXPECT_EQ(last_mail("ana@example.org", "subject"), "Plus qu'un jour pour classer vos choix — Projets solidaires S2");

    // First seen in its last day: the open mail only, every reminder marked.
    const long long last_day = campaign(opens_, "2027-01-25T18:00:00Z");
    const auto once = run("2027-01-25T12:00:00Z");
    EXPECT_EQ(once.campaign_open_mails, 1);
    EXPECT_EQ(once.campaign_reminders, 0);
    EXPECT_EQ(mark(last_day, "reminded_1d_at"), "2027-01-25T12:00:00Z");
    EXPECT_EQ(run("2027-01-25T13:00:00Z").campaign_reminders, 0);
    EXPECT_EQ(mails("ana@example.org", "campaign_open"), 2);
    EXPECT_EQ(mails("ana@example.org", "campaign_reminder"), 1);
}

TEST_F(CampaignMails, ACampaignFirstSeenClosedGetsNoMail) {
    student("ana@example.org", "Ana");
    const long long id = campaign(opens_, closes_);
    const auto report = run("2027-01-21T09:00:00Z");
    EXPECT_EQ(report.campaign_open_mails + report.campaign_reminders, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 0);
    EXPECT_EQ(mark(id, "opened_mail_at"), "") << "not marked: no mail went out";
}

TEST_F(CampaignMails, TwoRunsAtOnceSendEachMailOnce) {
    for (int i = 0; i < 20; ++i) student("etu" + std::to_string(i) + "@example.org", "Etu " + std::to_string(i));
    const long long id = campaign(opens_, closes_);
    campaign(opens_, "2027-01-21T18:00:00Z");

    // The guard itself: a second mark finds it set, whoever read the campaign as due.
    {
        store::WriteTransaction tx(s());
        store::CampaignMailRepository repo(s());
        EXPECT_TRUE(repo.mark_reminded_3d(id, store::parse_iso_utc(opens_)));
        EXPECT_FALSE(repo.mark_reminded_3d(id, store::parse_iso_utc(opens_)));
        EXPECT_TRUE(repo.mark_reminded_1d(id, store::parse_iso_utc(opens_)));
        EXPECT_FALSE(repo.mark_reminded_1d(id, store::parse_iso_utc(opens_)));
        EXPECT_TRUE(repo.mark_opened(id, store::parse_iso_utc(opens_)));
        EXPECT_FALSE(repo.mark_opened(id, store::parse_iso_utc(opens_)));
        tx.rollback();
    }
    EXPECT_EQ(mark(id, "opened_mail_at"), "");

    jobs::JobReport a, b;
    std::thread first([&] { a = run(opens_); });
    std::thread second([&] { b = run(opens_); });
    first.join();
    second.join();
    EXPECT_EQ(a.campaign_open_mails + b.campaign_open_mails, 40);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'campaign_open'"), 40);
    EXPECT_EQ(count("SELECT COUNT(DISTINCT to_address) FROM mail_outbox WHERE template = 'campaign_open'"), 20);
}
