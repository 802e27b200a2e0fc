// The personal feed (store/feed.cpp) and its daily digest (jobs/feed_digests.cpp), on a migrated,
// seeded database, once per engine: a person sees the entries of the teams they are of and of
// the organisations they are a member of, newest first, never their own and never anything else
// (another organisation's member sees nothing of it; a team one left stops showing); pages do
// not overlap; a teacher of a school with hundreds of teams gets the same newest entries as a
// scan would; the services record what happens in organisations in their own transaction; the
// digest goes only to those who opted in, once a day at most, never twice even when run twice or
// from two connections, with nothing new nothing, and stops when they opt out.
#include "jobs/jobs.hpp"
#include "resources/resources.hpp"
#include "service/feed.hpp"
#include "service/needs.hpp"
#include "store/accounts.hpp"
#include "store/activity.hpp"
#include "store/feed.hpp"
#include "store/migrations.hpp"
#include "store/projects.hpp"
#include "store/query.hpp"
#include "store/seed.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

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

class Feed : public ::testing::Test {
protected:
    void SetUp() override {
        url_ = test::fresh_database_url("feed");
        db_ = std::make_unique<store::Database>(store::DatabaseUrl::parse(url_), 4);
        store::migrate(*db_, store::embedded_migrations());
        store::seed_demo(*db_, resources::resource("seed/demo.json"));
        skills_ = store::ProjectRepository(*db_).skills();
        lease_ = std::make_unique<store::Lease>(*db_);
        // Two beneficiaries, each with a project and its team.
        org_a_ = Query("SELECT id FROM organisations WHERE slug = 'fab-inclusion'").scalar(s());
        org_b_ = Query("SELECT id FROM organisations WHERE slug = 'solarlink'").scalar(s());
        ASSERT_GT(org_a_, 0);
        ASSERT_GT(org_b_, 0);
        team_a_ = team_for(org_a_);
        team_b_ = team_for(org_b_);
        student_ = person("stu@example.org", "Stu Student", "student");
        other_student_ = person("oth@example.org", "Oth Student", "student");
        member_a_ = person("ana@example.org", "Ana Asso", "beneficiary");
        member_b_ = person("bob@example.org", "Bob Asso", "beneficiary");
        join_team(team_a_, student_);
        join_team(team_b_, other_student_);
        join_org(org_a_, member_a_);
        join_org(org_b_, member_b_);
    }
    void TearDown() override {
        lease_.reset();
        db_.reset();
    }
    soci::session& s() { return **lease_; }
    service::Context context(store::Clock::time_point at) { return {s(), at, notifier_, skills_}; }
    long long count(const std::string& sql) { return Query(sql).scalar(s()); }
    long long person(const std::string& email, const std::string& name, const std::string& role) {
        return store::AccountRepository(s()).create({email, name, role, "x", true}, t0_ - 24h);
    }
    long long team_for(long long organisation) {
        const long long project =
            Query("SELECT MIN(id) FROM projects WHERE beneficiary_id = :o").bind("o", organisation).scalar(s());
        return Query("INSERT INTO teams (project_id, school_id, formed_at) VALUES (:p, :school, :at) RETURNING id")
            .bind("p", project)
            .bind("school", school())
            .bind("at", store::iso_utc(t0_ - 24h))
            .scalar(s());
    }
    long long school() { return Query("SELECT MIN(id) FROM organisations WHERE kind = 'school'").scalar(s()); }
    void join_team(long long team, long long who) {
        Query("INSERT INTO team_members (team_id, person_id) VALUES (:t, :p)").bind("t", team).bind("p", who).execute(s());
    }
    void join_org(long long organisation, long long who) {
        Query("INSERT INTO memberships (person_id, organisation_id, role, created_at) VALUES (:p, :o, 'member', :at)")
            .bind("p", who)
            .bind("o", organisation)
            .bind("at", store::iso_utc(t0_ - 24h))
            .execute(s());
    }
    void record(long long team, long long organisation, long long actor, const std::string& detail, store::Clock::time_point at) {
        store::record_activity(s(), {team, organisation, actor, "team_joined", detail, "/teams/1"}, at);
    }
    std::vector<std::string> details(long long who, int limit = 50) {
        store::FeedQuery query;
        query.person_id = who;
        query.limit = limit;
        std::vector<std::string> out;
        for (const auto& item : store::FeedRepository(s()).page(query).items) out.push_back(item.detail);
        return out;
    }
    jobs::JobReport run(store::Database& db, store::Clock::time_point at) {
        jobs::JobSettings settings;
        settings.public_url = "https://latitudes.example";
        jobs::JobReport report;
        jobs::send_feed_digests(db, views(), settings, at, report);
        return report;
    }
    jobs::JobReport run(store::Clock::time_point at) { return run(*db_, at); }
    long long digests(const std::string& to) {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'feed_digest' AND to_address = '" + to + "'");
    }
    std::string last_digest(const std::string& to) {
        std::string text;
        Query("SELECT body_text FROM mail_outbox WHERE template = 'feed_digest' AND to_address = :to ORDER BY id DESC LIMIT 1")
            .bind("to", to)
            .for_each(s(), [&](const soci::row& r) { text = store::column_text(r, 0); });
        return text;
    }

    std::string url_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::Lease> lease_;
    std::vector<store::Skill> skills_;
    mail::Notifier notifier_{views(), "https://latitudes.example"};
    long long org_a_ = 0, org_b_ = 0, team_a_ = 0, team_b_ = 0, student_ = 0, other_student_ = 0, member_a_ = 0, member_b_ = 0;
    store::Clock::time_point t0_ = store::parse_iso_utc("2027-03-01T09:00:00Z");
};

TEST_F(Feed, ShowsOnlyTheTeamsAndOrganisationsOneIsOfNewestFirst) {
    record(team_a_, 0, member_a_, "team A, first", t0_);
    record(0, org_a_, other_student_, "org A", t0_ + 1h);
    record(team_b_, 0, member_b_, "team B", t0_ + 2h);
    record(0, org_b_, other_student_, "org B", t0_ + 3h);
    record(team_a_, 0, member_a_, "team A, second", t0_ + 4h);
    EXPECT_EQ(details(student_), (std::vector<std::string>{"team A, second", "team A, first"}))
        << "a student sees their team, not its beneficiary's own entries";
    EXPECT_EQ(details(member_a_), (std::vector<std::string>{"org A"}))
        << "the beneficiary's member sees the organisation and its project's team, not their own entries";
    EXPECT_EQ(details(member_b_), (std::vector<std::string>{"org B"}))
        << "another organisation: nothing of A (team B: their own)";
    EXPECT_EQ(details(other_student_), (std::vector<std::string>{"team B"}));
    const long long stranger = person("nobody@example.org", "No Body", "student");
    EXPECT_TRUE(details(stranger).empty()) << "a person of no team and no organisation sees nothing";
}

TEST_F(Feed, ATeamOneLeftOrAnOrganisationOneLeftStopsShowing) {
    record(team_a_, 0, member_a_, "team A", t0_);
    record(0, org_a_, student_, "org A", t0_ + 1h);
    EXPECT_EQ(details(student_).size(), 1u);
    Query("DELETE FROM team_members WHERE person_id = :p").bind("p", student_).execute(s());
    EXPECT_TRUE(details(student_).empty());
    EXPECT_EQ(details(member_a_).size(), 1u);  // team A's entry by themselves is left out; org A's by the student shows
    Query("DELETE FROM memberships WHERE person_id = :p").bind("p", member_a_).execute(s());
    EXPECT_TRUE(details(member_a_).empty());
}

TEST_F(Feed, AnEntryOfATeamAndItsOrganisationShowsOnceAndPagesDoNotOverlap) {
    record(team_a_, org_a_, student_, "both", t0_);
    EXPECT_EQ(details(member_a_), (std::vector<std::string>{"both"}));
    // 25 entries in the same second and after: (at, id) orders them, pages of 10 cover them once.
    for (int i = 0; i < 25; ++i) record(team_a_, 0, member_a_, "e" + std::to_string(i), t0_ + std::chrono::seconds(i / 5 + 10));
    store::FeedRepository feed(s());
    std::vector<std::string> seen;
    store::FeedQuery query;
    query.person_id = student_;
    query.limit = 10;
    int pages = 0;
    for (;; ++pages) {
        const auto page = feed.page(query);
        for (const auto& item : page.items) seen.push_back(item.detail);
        if (!page.next) break;
        query.before = page.next;
        ASSERT_LT(pages, 5);
    }
    EXPECT_EQ(pages, 2);
    ASSERT_EQ(seen.size(), 25u);
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 25u);
    EXPECT_EQ(seen.front(), "e24");
    EXPECT_EQ(seen.back(), "e0");
    // `since`: only what came strictly after.
    query = {};
    query.person_id = student_;
    query.since = store::iso_utc(t0_ + 13s);
    EXPECT_EQ(feed.page(query).items.size(), 5u);
}

TEST_F(Feed, ATeacherOfManyTeamsGetsTheNewestEntriesOfAllOfThem) {
    // 320 teams of one school (over two statements of 150 sources and a third), 3 entries each.
    const long long teacher = person("teach@example.org", "Tea Cher", "coordinator");
    join_org(school(), teacher);
    const long long project = Query("SELECT MIN(id) FROM projects WHERE beneficiary_id = :o").bind("o", org_b_).scalar(s());
    std::vector<std::pair<std::string, std::string>> all;  // (at, detail)
    {
        store::WriteTransaction tx(s());
        for (int t = 0; t < 320; ++t) {
            const long long team = Query("INSERT INTO teams (project_id, school_id, formed_at) VALUES (:p, :s, :at) RETURNING id")
                                       .bind("p", project)
                                       .bind("s", school())
                                       .bind("at", store::iso_utc(t0_))
                                       .scalar(s());
            for (int e = 0; e < 3; ++e) {
                const auto at = t0_ + std::chrono::minutes((t * 7 + e * 13) % 500);
                const std::string detail = std::to_string(t) + "." + std::to_string(e);
                record(team, 0, member_b_, detail, at);
                all.emplace_back(store::iso_utc(at), detail);
            }
        }
        tx.commit();
    }
    const auto started = std::chrono::steady_clock::now();
    const auto got = details(teacher, 20);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    ASSERT_EQ(got.size(), 20u);
    std::sort(all.begin(), all.end(), std::greater<>());
    // The same instants as a full sort of every entry (details may tie at one instant).
    std::vector<std::string> expected_at, got_at;
    for (std::size_t i = 0; i < 20; ++i) expected_at.push_back(all[i].first);
    store::FeedQuery query;
    query.person_id = teacher;
    for (const auto& item : store::FeedRepository(s()).page(query).items) got_at.push_back(item.at);
    EXPECT_EQ(got_at, expected_at);
    std::cout << "feed of a teacher of 322 teams (966 entries): first page in " << took.count() << " ms\n";
    EXPECT_LT(took.count(), 2000);
}

TEST_F(Feed, TheServicesRecordWhatHappensInAnOrganisation) {
    domain::NeedInput input;
    input.title = "Carte des permanences";
    input.summary = "Une carte des lieux d'accueil";
    input.format = "student_project";
    input.text = {{"problem", "Les horaires changent"}, {"beneficiaries", "Familles"}, {"hopes", "Une carte"}};
    input.sdgs = {"10"};
    input.contact_name = "Ana";
    input.contact_email = "ana@example.org";
    const long long colleague = person("col@example.org", "Col League", "beneficiary");
    join_org(org_a_, colleague);
    ASSERT_EQ(service::create_need(context(t0_), {input, true, org_a_, colleague}).kind, service::NeedOutcome::Kind::saved);
    store::FeedQuery query;
    query.person_id = member_a_;
    const auto page = store::FeedRepository(s()).page(query);
    std::vector<std::string> kinds;
    for (const auto& item : page.items) kinds.push_back(item.kind);
    ASSERT_EQ(kinds, (std::vector<std::string>{"need_submitted", "need_created"}));
    EXPECT_EQ(page.items.front().actor_name, "Col League");
    EXPECT_EQ(page.items.front().detail, "Carte des permanences");
    EXPECT_EQ(page.items.front().path.rfind("/needs/", 0), 0u);
    EXPECT_TRUE(details(member_b_).empty()) << "another organisation's member sees nothing of it";
    EXPECT_EQ(details(colleague).size(), 0u) << "the author's own actions are left out";
    // Every kind the services record has its text in both languages.
    const auto catalogue = render::load_catalogue();
    Query("SELECT DISTINCT kind FROM activity").for_each(s(), [&](const soci::row& r) {
        for (auto lang : domain::all_langs)
            EXPECT_TRUE(catalogue.has(lang, "feed.kind." + store::column_text(r, 0))) << store::column_text(r, 0);
    });
}

TEST_F(Feed, TheLastVisitMarkNeverMovesBack) {
    store::FeedRepository feed(s());
    EXPECT_EQ(feed.reader(student_).seen_at, "");
    EXPECT_TRUE(service::mark_feed_seen(context(t0_), student_, "2027-03-01T10:00:00Z"));
    EXPECT_FALSE(service::mark_feed_seen(context(t0_), student_, "2027-03-01T09:00:00Z"));
    EXPECT_FALSE(service::mark_feed_seen(context(t0_), student_, "not an instant"));
    EXPECT_EQ(feed.reader(student_).seen_at, "2027-03-01T10:00:00Z");
}

TEST_F(Feed, TheDigestGoesOnceADayToThoseWhoOptedInWithWhatIsNew) {
    record(team_a_, 0, member_a_, "before opting in", t0_);
    EXPECT_EQ(run(t0_ + 1h).feed_digests, 0) << "off by default";
    service::set_feed_digest(context(t0_ + 1h), student_, true);
    EXPECT_EQ(run(t0_ + 2h).feed_digests, 0) << "nothing new since opting in: no mail";
    record(team_a_, 0, member_a_, "Tableau des permanences", t0_ + 3h);
    record(team_a_, 0, student_, "my own", t0_ + 3h);
    const auto day1 = t0_ + 4h;
    EXPECT_EQ(run(day1).feed_digests, 1);
    EXPECT_EQ(run(day1 + 1min).feed_digests, 0) << "a second run sends nothing";
    {
        store::Database second(store::DatabaseUrl::parse(url_), 1);  // another server, same database
        EXPECT_EQ(run(second, day1 + 2min).feed_digests, 0);
    }
    EXPECT_EQ(digests("stu@example.org"), 1);
    const std::string body = last_digest("stu@example.org");
    EXPECT_NE(body.find("Tableau des permanences"), std::string::npos) << body;
    EXPECT_EQ(body.find("before opting in"), std::string::npos) << "only what is new since opting in";
    EXPECT_EQ(body.find("my own"), std::string::npos);
    EXPECT_NE(body.find("https://latitudes.example/me?lang=fr#feed-digest"), std::string::npos) << "a link to the setting";
    // Something new the same day waits for the next day.
    record(team_a_, 0, member_a_, "Jalon livré", t0_ + 6h);
    EXPECT_EQ(run(t0_ + 7h).feed_digests, 0) << "one a day at most";
    const auto day2 = t0_ + 24h;
    EXPECT_EQ(run(day2).feed_digests, 1);
    EXPECT_NE(last_digest("stu@example.org").find("Jalon livré"), std::string::npos);
    EXPECT_EQ(last_digest("stu@example.org").find("Tableau des permanences"), std::string::npos) << "never twice";
    EXPECT_EQ(run(day2 + 24h).feed_digests, 0) << "nothing new: nothing";
    // Opting out stops it.
    record(team_a_, 0, member_a_, "after opting out", day2 + 25h);
    service::set_feed_digest(context(day2 + 25h), student_, false);
    EXPECT_EQ(run(day2 + 48h).feed_digests, 0);
    EXPECT_EQ(digests("stu@example.org"), 2);
    EXPECT_EQ(digests("oth@example.org"), 0);
}
