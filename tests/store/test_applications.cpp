// Opportunities and applications, on both engines: details, applying (and every
// refusal leaving nothing behind), deciding, withdrawing and sending again, the jobs' queries.
#include "store/applications.hpp"
#include "store/organisations.hpp"
#include "support/store_fixture.hpp"

#include <gtest/gtest.h>

using namespace latitudes;
using namespace latitudes::store;
using namespace std::chrono_literals;
using domain::ApplicationStatus;

namespace {

class Applications : public test::MigratedDatabase {
protected:
    Applications() : MigratedDatabase("applications") {}

    void SetUp() override {
        MigratedDatabase::SetUp();
        owner_ = account("owner@example.org", "beneficiary", "Olivia Owner");
        organisation_ =
            OrganisationRepository(s()).create({0, "", "Asso Test", "association", "Lyon", "", "", false}, owner_, now_).id;
        internship_ = project("stage-test", "internship", "published");
        domain::OpportunityDetails d;
        d.place = "Lyon";
        d.hours_per_week = 35;
        d.compensation = 700;
        d.capacity = 1;
        d.deadline = "2027-01-15";
        repo().save_details(internship_, d);
        alice_ = account("alice@example.org", "student", "Alice");
        bruno_ = account("bruno@example.org", "professional", "Bruno");
    }

    ApplicationRepository repo() { return ApplicationRepository(s()); }

    long long account(const std::string& email, const std::string& role, const std::string& name) {
        return AccountRepository(s()).create({email, name, role, "hash", true}, now_);
    }

    long long project(const std::string& slug, const std::string& format, const std::string& status) {
        const std::string level(domain::to_string(domain::level_of(*domain::parse_format(format))));
        return Query("INSERT INTO projects (slug, title, summary, beneficiary_id, level, format, status) "
                     "VALUES (:slug, :title, 'Résumé', :org, :level, :format, :status) RETURNING id")
            .bind("slug", slug)
            .bind("title", "Titre " + slug)
            .bind("org", organisation_)
            .bind("level", level)
            .bind("format", format)
            .bind("status", status)
            .scalar(s());
    }

    ApplyOutcome apply(long long project_id, long long person, Clock::time_point at, const std::string& text = "Bonjour") {
        soci::transaction tx(s());
        auto outcome = repo().apply({project_id, person, text, R"({"causes":[4]})"}, at);
        tx.commit();
        return outcome;
    }

    long long applications() { return count("SELECT COUNT(*) FROM applications"); }

    long long owner_ = 0, organisation_ = 0, internship_ = 0, alice_ = 0, bruno_ = 0;
};

}  // namespace

TEST_F(Applications, DetailsRoundTripWithTheirEmptyFields) {
    const auto d = repo().details(internship_);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->place, "Lyon");
    EXPECT_FALSE(d->remote);
    EXPECT_EQ(d->hours_per_week, 35);
    EXPECT_EQ(d->compensation, 700);
    EXPECT_EQ(d->capacity, 1);
    EXPECT_EQ(d->deadline, "2027-01-15");
    EXPECT_EQ(d->sessions, 0) << "NULL reads as 0";
    EXPECT_EQ(d->partner, "");

    const long long mentoring = project("mentorat-test", "mentoring", "published");
    EXPECT_FALSE(repo().details(mentoring)) << "none recorded";
    domain::OpportunityDetails m;
    m.remote = true;
    m.sessions = 6;
    m.capacity = 3;
    repo().save_details(mentoring, m);
    m.sessions = 8;
    repo().save_details(mentoring, m);  // replaces
    const auto saved = repo().details(mentoring);
    ASSERT_TRUE(saved);
    EXPECT_TRUE(saved->remote);
    EXPECT_EQ(saved->sessions, 8);
    EXPECT_EQ(saved->capacity, 3);
    EXPECT_EQ(saved->deadline, "");
    EXPECT_EQ(count("SELECT COUNT(*) FROM opportunity_details WHERE deadline IS NULL AND hours_per_week IS NULL"), 1);
}

TEST_F(Applications, TargetsAreFoundBySlugOrIdWithTheirOrganisation) {
    const auto by_slug = repo().target("stage-test");
    ASSERT_TRUE(by_slug);
    EXPECT_EQ(by_slug->id, internship_);
    EXPECT_EQ(by_slug->format, "internship");
    EXPECT_EQ(by_slug->status, "published");
    EXPECT_EQ(by_slug->organisation_id, organisation_);
    EXPECT_EQ(by_slug->organisation_name, "Asso Test");
    EXPECT_EQ(by_slug->organisation_slug, "asso-test");
    EXPECT_EQ(repo().target(internship_)->slug, "stage-test");
    EXPECT_FALSE(repo().target("nope"));
    EXPECT_FALSE(repo().target(999999LL));
}

TEST_F(Applications, ApplyingRecordsAPendingApplicationOnce) {
    const auto first = apply(internship_, alice_, now_, "Je suis motivée.");
    ASSERT_TRUE(first.ok()) << first.refusal;
    EXPECT_FALSE(first.resubmitted);
    const auto a = repo().find(first.id);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->status, "pending");
    EXPECT_EQ(a->message, "Je suis motivée.");
    EXPECT_EQ(a->shared, R"({"causes":[4]})");
    EXPECT_EQ(a->created_at, iso_utc(now_));
    EXPECT_EQ(a->reminded_at, "");
    EXPECT_EQ(a->person_name, "Alice");
    EXPECT_EQ(a->person_email, "alice@example.org");
    EXPECT_EQ(a->project_slug, "stage-test");
    EXPECT_EQ(a->organisation_name, "Asso Test");
    EXPECT_EQ(repo().of_person(internship_, alice_)->id, first.id);
    EXPECT_FALSE(repo().of_person(internship_, bruno_));

    const auto again = apply(internship_, alice_, now_ + 1h);
    EXPECT_EQ(again.refusal, domain::apply_refusal::already_applied);
    EXPECT_EQ(applications(), 1);
    EXPECT_EQ(repo().find(first.id)->message, "Je suis motivée.") << "untouched";
}

TEST_F(Applications, EveryRefusalLeavesNothingBehind) {
    const long long semester = project("projet-test", "student_project", "published");
    EXPECT_EQ(apply(semester, alice_, now_).refusal, domain::apply_refusal::not_applicable);
    const long long draft = project("brouillon-test", "mentoring", "draft");
    EXPECT_EQ(apply(draft, alice_, now_).refusal, domain::apply_refusal::not_open);
    const long long started = project("en-cours-test", "mentoring", "in_progress");
    EXPECT_EQ(apply(started, alice_, now_).refusal, domain::apply_refusal::not_open);
    // The deadline is the last day, in UTC.
    EXPECT_TRUE(apply(internship_, bruno_, parse_iso_utc("2027-01-15T23:59:59Z")).ok());
    EXPECT_EQ(apply(internship_, alice_, parse_iso_utc("2027-01-16T00:00:00Z")).refusal, domain::apply_refusal::deadline_passed);
    EXPECT_EQ(apply(999999, alice_, now_).refusal, domain::apply_refusal::not_open) << "no such project";
    EXPECT_EQ(applications(), 1);
}

TEST_F(Applications, AFullOpportunityTakesNoMoreApplications) {
    const auto a = apply(internship_, alice_, now_);
    ASSERT_TRUE(a.ok());
    {
        soci::transaction tx(s());
        ASSERT_EQ(repo().decide(a.id, ApplicationStatus::accepted, "Bienvenue", now_ + 1h), DecideOutcome::done);
        tx.commit();
    }
    EXPECT_EQ(repo().accepted_count(internship_), 1);
    EXPECT_EQ(apply(internship_, bruno_, now_ + 2h).refusal, domain::apply_refusal::full);
    EXPECT_EQ(applications(), 1);
}

TEST_F(Applications, DecisionsFollowTheStatusAndTheCapacity) {
    const auto a = apply(internship_, alice_, now_);
    const auto b = apply(internship_, bruno_, now_ + 1min);
    ASSERT_TRUE(a.ok() && b.ok());
    auto decide = [&](long long id, ApplicationStatus to, const std::string& text = "Message") {
        soci::transaction tx(s());
        const auto outcome = repo().decide(id, to, text, now_ + 1h);
        tx.commit();
        return outcome;
    };
    EXPECT_EQ(decide(a.id, ApplicationStatus::call_requested, "Appelons-nous mardi"), DecideOutcome::done);
    EXPECT_EQ(repo().find(a.id)->status, "call_requested");
    EXPECT_EQ(repo().find(a.id)->owner_message, "Appelons-nous mardi");
    EXPECT_EQ(repo().find(a.id)->updated_at, iso_utc(now_ + 1h));
    EXPECT_EQ(decide(a.id, ApplicationStatus::call_requested), DecideOutcome::not_allowed) << "one call";
    EXPECT_EQ(decide(a.id, ApplicationStatus::pending), DecideOutcome::not_allowed);
    EXPECT_EQ(decide(a.id, ApplicationStatus::accepted, "Bienvenue"), DecideOutcome::done);
    EXPECT_EQ(decide(a.id, ApplicationStatus::declined), DecideOutcome::not_allowed) << "decided once";
    EXPECT_EQ(decide(b.id, ApplicationStatus::accepted), DecideOutcome::full) << "capacity 1";
    EXPECT_EQ(repo().find(b.id)->status, "pending");
    EXPECT_EQ(decide(b.id, ApplicationStatus::declined, "Merci"), DecideOutcome::done);
    EXPECT_EQ(decide(999999, ApplicationStatus::declined), DecideOutcome::not_found);
    EXPECT_EQ(repo().accepted_count(internship_), 1);
}

TEST_F(Applications, WithdrawnApplicationsMayBeSentAgain) {
    const auto a = apply(internship_, alice_, now_, "Première version");
    EXPECT_FALSE(repo().withdraw(a.id, bruno_, now_ + 1h)) << "not Bruno's";
    EXPECT_TRUE(repo().withdraw(a.id, alice_, now_ + 1h));
    EXPECT_EQ(repo().find(a.id)->status, "withdrawn");
    EXPECT_FALSE(repo().withdraw(a.id, alice_, now_ + 2h)) << "already withdrawn";
    Query("UPDATE applications SET reminded_at = :at, owner_message = 'old' WHERE id = :id")
        .bind("at", iso_utc(now_))
        .bind("id", a.id)
        .execute(s());

    const auto again = apply(internship_, alice_, now_ + 24h, "Seconde version");
    ASSERT_TRUE(again.ok()) << again.refusal;
    EXPECT_TRUE(again.resubmitted);
    EXPECT_EQ(again.id, a.id) << "UNIQUE (project, person): the same row";
    const auto row = repo().find(a.id);
    EXPECT_EQ(row->status, "pending");
    EXPECT_EQ(row->message, "Seconde version");
    EXPECT_EQ(row->owner_message, "");
    EXPECT_EQ(row->reminded_at, "");
    EXPECT_EQ(row->created_at, iso_utc(now_ + 24h)) << "its timers start again";
    EXPECT_EQ(applications(), 1);

    // Answered applications are final.
    soci::transaction tx(s());
    ASSERT_EQ(repo().decide(a.id, ApplicationStatus::declined, "Non", now_ + 25h), DecideOutcome::done);
    tx.commit();
    EXPECT_FALSE(repo().withdraw(a.id, alice_, now_ + 26h));
    EXPECT_EQ(apply(internship_, alice_, now_ + 27h).refusal, domain::apply_refusal::already_applied);
}

TEST_F(Applications, ListsForTheOwnerAndForTheApplicant) {
    const long long mentoring = project("mentorat-test", "mentoring", "published");
    const auto a = apply(internship_, alice_, now_);
    const auto b = apply(internship_, bruno_, now_ + 1min);
    const auto c = apply(mentoring, alice_, now_ + 2min);
    {
        soci::transaction tx(s());
        repo().decide(a.id, ApplicationStatus::declined, "Non", now_ + 1h);
        tx.commit();
    }
    const auto owner_view = repo().for_project(internship_);
    ASSERT_EQ(owner_view.size(), 2u);
    EXPECT_EQ(owner_view[0].id, b.id) << "awaiting first";
    EXPECT_EQ(owner_view[1].id, a.id);
    const auto alice_view = repo().for_person(alice_);
    ASSERT_EQ(alice_view.size(), 2u);
    EXPECT_EQ(alice_view[0].id, c.id) << "newest first";
    EXPECT_EQ(alice_view[0].project_title, "Titre mentorat-test");
    EXPECT_EQ(alice_view[0].project_format, "mentoring");
    EXPECT_EQ(alice_view[1].status, "declined");
    EXPECT_TRUE(repo().for_person(owner_).empty());
}

TEST_F(Applications, RemindersAndExpiriesAreDueOnceAtTheRightTime) {
    const domain::ApplicationTimers timers;
    const auto a = apply(internship_, alice_, now_);
    const auto b = apply(internship_, bruno_, now_);
    {
        soci::transaction tx(s());
        repo().decide(b.id, ApplicationStatus::call_requested, "Appel ?", now_ + 1h);
        tx.commit();
    }
    EXPECT_TRUE(repo().due_reminders(now_ + 24h * 5 - 1s, timers, 10).empty());
    auto due = repo().due_reminders(now_ + 24h * 5, timers, 10);
    ASSERT_EQ(due.size(), 1u) << "pending only";
    EXPECT_EQ(due[0].id, a.id);
    EXPECT_TRUE(repo().mark_reminded(a.id, now_ + 24h * 5));
    EXPECT_FALSE(repo().mark_reminded(a.id, now_ + 24h * 5)) << "once";
    EXPECT_EQ(repo().find(a.id)->reminded_at, iso_utc(now_ + 24h * 5));
    EXPECT_TRUE(repo().due_reminders(now_ + 24h * 6, timers, 10).empty());
    EXPECT_TRUE(repo().due_expiries(now_ + 24h * 21 - 1s, timers, 10).empty());

    const auto expiring = repo().due_expiries(now_ + 24h * 21, timers, 10);
    ASSERT_EQ(expiring.size(), 2u) << "pending and call_requested";
    EXPECT_TRUE(repo().due_reminders(now_ + 24h * 30, timers, 10).empty()) << "too late to remind";
    EXPECT_EQ(repo().due_expiries(now_ + 24h * 21, timers, 1).size(), 1u) << "limit";
    EXPECT_TRUE(repo().expire(a.id, now_ + 24h * 21));
    EXPECT_FALSE(repo().expire(a.id, now_ + 24h * 21)) << "once";
    EXPECT_TRUE(repo().withdraw(b.id, bruno_, now_ + 24h * 21));
    EXPECT_FALSE(repo().expire(b.id, now_ + 24h * 21)) << "withdrawn meanwhile";
    EXPECT_TRUE(repo().due_expiries(now_ + 24h * 60, timers, 10).empty());
    EXPECT_EQ(repo().find(a.id)->status, "expired");

    // A never-reminded application is not reminded once an answer came.
    const long long research = project("recherche-test", "research_topic", "published");
    const auto c = apply(research, alice_, now_);
    EXPECT_FALSE(repo().mark_reminded(c.id + 1000, now_));
    soci::transaction tx(s());
    repo().decide(c.id, ApplicationStatus::accepted, "", now_ + 1h);
    tx.commit();
    EXPECT_FALSE(repo().mark_reminded(c.id, now_ + 24h * 5));
    EXPECT_TRUE(repo().due_reminders(now_ + 24h * 5, timers, 10).empty());
}

TEST_F(Applications, RecipientsAndTheirLanguage) {
    OrganisationRepository organisations(s());
    const long long member = account("member@example.org", "beneficiary", "Marc Member");
    const long long gone = account("gone@example.org", "beneficiary", "Gina Gone");
    organisations.add_member(organisation_, member, domain::MemberRole::member, now_);
    organisations.add_member(organisation_, gone, domain::MemberRole::member, now_);
    AccountRepository(s()).set_active(gone, false);

    auto emails = [](const std::vector<Recipient>& list) {
        std::vector<std::string> out;
        for (const auto& r : list) out.push_back(r.email);
        return out;
    };
    EXPECT_EQ(emails(repo().organisation_recipients(organisation_, false)),
              (std::vector<std::string>{"owner@example.org", "member@example.org"}))
        << "active accounts only";
    EXPECT_EQ(emails(repo().organisation_recipients(organisation_, true)), std::vector<std::string>{"owner@example.org"});
    organisations.set_member_role(organisation_, member, domain::MemberRole::admin);
    organisations.remove_member(organisation_, owner_);
    EXPECT_EQ(emails(repo().organisation_recipients(organisation_, true)), std::vector<std::string>{"member@example.org"});
    EXPECT_EQ(repo().organisation_recipients(organisation_ + 1000, false).size(), 0u);

    ASSERT_TRUE(repo().applicant(alice_));
    EXPECT_EQ(repo().applicant(alice_)->display_name, "Alice");
    EXPECT_FALSE(repo().applicant(gone)) << "deactivated";
}
