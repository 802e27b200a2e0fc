// Comments on a framing sheet reach the other side as a digest, at most one an hour per person
// (src/jobs/comment_digests.cpp), run directly on a migrated, seeded database, once per engine:
// the comments are written by the use case (service::comment_framing); the digest holds what
// the person was not told yet, grouped by need, in their language, never their own comments;
// a second run, a restart (a new connection to the same database) or two runs at once send
// nothing twice; someone who left the organisation is not sent its comments.
#include "jobs/jobs.hpp"
#include "mail/mail.hpp"
#include "resources/resources.hpp"
#include "service/framing.hpp"
#include "service/needs.hpp"
#include "store/accounts.hpp"
#include "store/migrations.hpp"
#include "store/projects.hpp"
#include "store/query.hpp"
#include "store/seed.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace latitudes;
using store::Query;
using namespace std::chrono_literals;

namespace {

const render::Views& views() {
    static const domain::Catalogue catalogue = render::load_catalogue();
    static const render::Views instance(catalogue);
    return instance;
}

}  // namespace

class CommentDigests : public ::testing::Test {
protected:
    void SetUp() override {
        url_ = test::fresh_database_url("comment-digests");
        db_ = std::make_unique<store::Database>(store::DatabaseUrl::parse(url_), 4);
        store::migrate(*db_, store::embedded_migrations());
        store::seed_demo(*db_, resources::resource("seed/demo.json"));
        skills_ = store::ProjectRepository(*db_).skills();
        lease_ = std::make_unique<store::Lease>(*db_);
        organisation_ = Query("SELECT id FROM organisations WHERE slug = 'fab-inclusion'").scalar(s());
        ana_ = member("ana@example.org", "Ana Asso");
        ben_ = member("ben@example.org", "Ben Asso");
        sam_ = person("sam@example.org", "Sam Staff", "staff");
        sue_ = person("sue@example.org", "Sue Staff", "staff");
        domain::NeedInput input;
        input.title = "Carte des permanences";
        input.summary = "Une carte des lieux d'accueil";
        input.format = "student_project";
        input.text = {{"problem", "Les horaires changent"}, {"beneficiaries", "Familles"}, {"hopes", "Une carte"}};
        input.sdgs = {"10"};
        input.contact_name = "Ana";
        input.contact_email = "ana@example.org";
        const auto need = service::create_need(context(t0_), {input, true, organisation_, ana_});
        ASSERT_EQ(need.kind, service::NeedOutcome::Kind::saved);
        need_ = need.need_id;
        // Sam takes the need up: he follows it; Sue does not.
        ASSERT_EQ(service::move_need(context(t0_),
                                     {need_, "framing", "", sam_, {true, domain::MemberRole::none, true}, domain::Lang::fr})
                      .kind,
                  service::MoveOutcome::Kind::moved);
    }
    void TearDown() override {
        lease_.reset();
        db_.reset();
    }
    soci::session& s() { return **lease_; }
    service::Context context(store::Clock::time_point at) { return {s(), at, notifier_, skills_}; }
    long long count(const std::string& sql) { return Query(sql).scalar(s()); }
    std::string text(const std::string& sql) {
        std::string value;
        Query(sql).for_each(s(), [&](const soci::row& r) { value = store::column_text(r, 0); });
        return value;
    }
    long long person(const std::string& email, const std::string& name, const std::string& role) {
        return store::AccountRepository(s()).create({email, name, role, "x", true}, t0_ - 24h);
    }
    long long member(const std::string& email, const std::string& name) {
        const long long id = person(email, name, "beneficiary");
        Query("INSERT INTO memberships (person_id, organisation_id, role, created_at) VALUES (:p, :o, 'admin', :at)")
            .bind("p", id)
            .bind("o", organisation_)
            .bind("at", store::iso_utc(t0_))
            .execute(s());
        return id;
    }
    void comment(long long author, const std::string& body, store::Clock::time_point at, bool by_staff) {
        ASSERT_EQ(service::comment_framing(context(at), {need_, author, body, by_staff}).kind,
                  service::CommentOutcome::Kind::added);
    }
    jobs::JobReport run(store::Database& db, store::Clock::time_point at) {
        jobs::JobSettings settings;
        settings.public_url = "https://latitudes.example";
        jobs::JobReport report;
        jobs::send_comment_digests(db, views(), settings, at, report);
        return report;
    }
    jobs::JobReport run(store::Clock::time_point at) { return run(*db_, at); }
    long long digests(const std::string& to) {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'comment_digest' AND to_address = '" + to + "'");
    }
    std::string last_digest(const std::string& to, const std::string& column) {
        return text("SELECT " + column + " FROM mail_outbox WHERE template = 'comment_digest' AND to_address = '" + to +
                    "' ORDER BY id DESC LIMIT 1");
    }

    std::string url_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::Lease> lease_;
    std::vector<store::Skill> skills_;
    mail::Notifier notifier_{views(), "https://latitudes.example"};
    long long organisation_ = 0, ana_ = 0, ben_ = 0, sam_ = 0, sue_ = 0, need_ = 0;
    store::Clock::time_point t0_ = store::parse_iso_utc("2027-03-01T09:00:00Z");
};

TEST_F(CommentDigests, TheOtherSideGetsOneDigestAnHourAtMostWithWhatItWasNotToldYet) {
    comment(ana_, "Voici nos horaires d'ouverture.", t0_, false);
    const auto first = run(t0_ + 1min);
    EXPECT_EQ(first.comment_digests, 1);
    EXPECT_EQ(digests("sam@example.org"), 1) << "the staff member who follows the need";
    EXPECT_EQ(digests("sue@example.org"), 0) << "staff who do not follow it";
    EXPECT_EQ(digests("ana@example.org"), 0) << "the author is not told of their own comment";
    EXPECT_EQ(digests("ben@example.org"), 0) << "a comment by the beneficiary goes to staff";
    const std::string body = last_digest("sam@example.org", "body_text");
    EXPECT_NE(body.find("Carte des permanences"), std::string::npos);
    EXPECT_NE(body.find("Ana Asso, 01/03/2027 09:00 UTC"), std::string::npos);
    EXPECT_NE(body.find("Voici nos horaires d'ouverture."), std::string::npos);
    EXPECT_NE(body.find("https://latitudes.example/framing/" + std::to_string(need_) + "?lang=fr#comments"), std::string::npos);
    EXPECT_NE(last_digest("sam@example.org", "subject").find("(1)"), std::string::npos);

    // Staff answer: both members are told (not Sam, who wrote it).
    comment(sam_, "Merci, nous regardons.", t0_ + 2min, true);
    EXPECT_EQ(run(t0_ + 3min).comment_digests, 2);
    EXPECT_EQ(digests("ana@example.org"), 1);
    EXPECT_EQ(digests("ben@example.org"), 1);
    EXPECT_EQ(digests("sam@example.org"), 1);
    EXPECT_NE(last_digest("ben@example.org", "body_html").find("Merci, nous regardons."), std::string::npos);

    // Two more comments within Sam's hour: they wait, then come together, without the first one.
    comment(ana_, "Deuxième précision.", t0_ + 10min, false);
    comment(ana_, "Troisième précision.", t0_ + 20min, false);
    EXPECT_EQ(run(t0_ + 30min).comment_digests, 0) << "Sam was told less than an hour ago";
    EXPECT_EQ(run(t0_ + 1min + 59min + 59s).comment_digests, 0);
    EXPECT_EQ(run(t0_ + 1min + 60min).comment_digests, 1);
    EXPECT_EQ(digests("sam@example.org"), 2);
    const std::string second = last_digest("sam@example.org", "body_text");
    EXPECT_NE(second.find("Deuxième précision."), std::string::npos);
    EXPECT_NE(second.find("Troisième précision."), std::string::npos);
    EXPECT_EQ(second.find("Voici nos horaires"), std::string::npos) << "already told";
    EXPECT_NE(last_digest("sam@example.org", "subject").find("(2)"), std::string::npos);

    // Nothing new: nothing sent, by this run or by a restarted server (a new connection).
    EXPECT_EQ(run(t0_ + 5h).comment_digests, 0);
    lease_.reset();
    db_.reset();
    store::Database restarted(store::DatabaseUrl::parse(url_), 2);
    EXPECT_EQ(run(restarted, t0_ + 6h).comment_digests, 0);
    store::Lease check(restarted);
    EXPECT_EQ(Query("SELECT COUNT(*) FROM mail_outbox WHERE template = 'comment_digest'").scalar(*check), 4);
    EXPECT_EQ(Query("SELECT COUNT(*) FROM framing_comment_notices WHERE notified_at IS NULL").scalar(*check), 0);
}

TEST_F(CommentDigests, EachDigestIsInItsReadersLanguage) {
    mail::Outbox::enqueue(s(), {"sam@example.org", "Welcome", "Welcome", "<p>Welcome</p>"}, domain::Lang::en, "confirm_email",
                          t0_);
    comment(ana_, "Une question sur le calendrier.", t0_, false);
    ASSERT_EQ(run(t0_ + 1min).comment_digests, 1);
    EXPECT_EQ(last_digest("sam@example.org", "lang"), "en");
    EXPECT_NE(last_digest("sam@example.org", "subject").find("New comments on framing sheets"), std::string::npos);
    EXPECT_NE(last_digest("sam@example.org", "body_text").find("2027-03-01 09:00 UTC"), std::string::npos);
    EXPECT_NE(last_digest("sam@example.org", "body_text").find("?lang=en#comments"), std::string::npos);
}

TEST_F(CommentDigests, SomeoneWhoLeftTheOrganisationIsNotSentItsComments) {
    comment(sam_, "Pouvez-vous préciser ?", t0_, true);
    Query("DELETE FROM memberships WHERE person_id = :p").bind("p", ben_).execute(s());
    EXPECT_EQ(run(t0_ + 1min).comment_digests, 1);
    EXPECT_EQ(digests("ana@example.org"), 1);
    EXPECT_EQ(digests("ben@example.org"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM framing_comment_notices WHERE notified_at IS NULL"), 0) << "handled, not sent";
}

TEST_F(CommentDigests, TwoRunsAtOnceSendEachDigestOnce) {
    for (int i = 0; i < 12; ++i) {
        const long long staff = person("staff" + std::to_string(i) + "@example.org", "Staff " + std::to_string(i), "staff");
        comment(staff, "Remarque " + std::to_string(i), t0_, true);  // each follows the need by commenting
    }
    comment(ana_, "Merci à tous.", t0_ + 1min, false);
    jobs::JobReport a, b;
    std::thread first([&] { a = run(t0_ + 2min); });
    std::thread second([&] { b = run(t0_ + 2min); });
    first.join();
    second.join();
    // Ana and Ben (12 comments each, one digest), Sam and the 12 commenting staff (Ana's comment).
    EXPECT_EQ(a.comment_digests + b.comment_digests, 15);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'comment_digest'"), 15);
    EXPECT_EQ(count("SELECT COUNT(DISTINCT to_address) FROM mail_outbox WHERE template = 'comment_digest'"), 15);
    EXPECT_NE(last_digest("ana@example.org", "subject").find("(12)"), std::string::npos);
}
