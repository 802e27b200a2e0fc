#include "resources/resources.hpp"
#include "store/migrations.hpp"
#include "store/projects.hpp"
#include "store/query.hpp"
#include "store/seed.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace latitudes;
using namespace latitudes::store;

class DemoDatabase : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db_ = std::make_unique<Database>(DatabaseUrl::parse(test::fresh_database_url("demo")), 2);
        migrate(*db_, embedded_migrations());
        report_ = seed_demo(*db_, resources::resource("seed/demo.json"));
    }
    static void TearDownTestSuite() { db_.reset(); }
    static std::set<std::string> slugs(const ProjectPage& page) {
        std::set<std::string> out;
        for (const auto& c : page.items) out.insert(c.slug);
        return out;
    }
    static inline std::unique_ptr<Database> db_;
    static inline SeedReport report_;
};

TEST_F(DemoDatabase, DemoDataTellsTheProgrammesStory) {
    EXPECT_FALSE(report_.skipped);
    EXPECT_GE(report_.projects, 50);
    Lease s(*db_);
    EXPECT_EQ(report_.projects, Query("SELECT COUNT(*) FROM projects").scalar(*s)) << "the report counts what was written";
    // First year: 14 delivered projects and 67 students.
    EXPECT_EQ(Query("SELECT COUNT(DISTINCT t.project_id) FROM teams t JOIN semesters se ON se.id = t.semester_id "
                    "WHERE se.code IN ('2025-A', '2026-P')")
                  .scalar(*s),
              14);
    EXPECT_EQ(Query("SELECT COUNT(*) FROM team_members m JOIN teams t ON t.id = m.team_id "
                    "JOIN semesters se ON se.id = t.semester_id WHERE se.code IN ('2025-A', '2026-P')")
                  .scalar(*s),
              67);
    for (std::string slug : {"cuestionarix", "entourage", "reconnect"}) {
        auto p = ProjectRepository(*db_).find_public(slug);
        ASSERT_TRUE(p.has_value()) << slug;
        EXPECT_EQ(p->card.status, "delivered");
        ASSERT_EQ(p->teams.size(), 1u);
        EXPECT_EQ(p->teams[0].school_slug, "centralesupelec");
        EXPECT_EQ(p->teams[0].students, slug == "reconnect" ? 2 : 3);
    }
    auto partners = ProjectRepository(*db_).partners();
    std::set<std::string> names;
    for (const auto& p : partners) names.insert(p.name);
    EXPECT_TRUE(names.count("CentraleSupélec"));
    EXPECT_TRUE(names.count("Animafac"));
    EXPECT_TRUE(names.count("Vendredi"));
}

TEST_F(DemoDatabase, SeedingTwiceChangesNothing) {
    const auto before = ProjectRepository(*db_).key_figures();
    EXPECT_TRUE(seed_demo(*db_, resources::resource("seed/demo.json")).skipped);
    const auto after = ProjectRepository(*db_).key_figures();
    EXPECT_EQ(before.projects, after.projects);
    EXPECT_EQ(before.students, after.students);
}

TEST_F(DemoDatabase, SearchIgnoresAccentsAndPlurals) {
    ProjectRepository repo(*db_);
    ProjectFilter f;
    f.q = "education";
    auto accentless = repo.list_public(f);
    ASSERT_FALSE(accentless.items.empty());
    f.q = "ÉDUCATION";
    EXPECT_EQ(slugs(repo.list_public(f)), slugs(accentless));
    f.q = "associations";
    auto plural = slugs(repo.list_public(f));
    EXPECT_TRUE(plural.count("site-accessible-numeribus")) << "the plural finds the singular";
    f.q = "association";
    EXPECT_EQ(slugs(repo.list_public(f)), plural);
    f.q = "zzzz-nothing-like-this";
    EXPECT_TRUE(repo.list_public(f).items.empty());
}

TEST_F(DemoDatabase, FiltersCombineAndNeverShowPrivateProjects) {
    ProjectRepository repo(*db_);
    ProjectFilter all;
    all.limit = 100;
    const auto everything = repo.list_public(all);
    for (const auto& c : everything.items) EXPECT_TRUE(domain::is_public(*domain::parse_status(c.status))) << c.slug;
    Lease s(*db_);
    const long long public_count = Query("SELECT COUNT(*) FROM projects WHERE status IN "
                                         "('published', 'in_progress', 'delivered', 'evaluated')")
                                       .scalar(*s);
    EXPECT_EQ(static_cast<long long>(everything.items.size()), public_count);

    ProjectFilter by_sdg = all;
    by_sdg.sdg = 4;
    auto page = repo.list_public(by_sdg);
    ASSERT_FALSE(page.items.empty());
    for (const auto& c : page.items) EXPECT_TRUE(std::count(c.sdgs.begin(), c.sdgs.end(), 4)) << c.slug;

    ProjectFilter combined = by_sdg;
    combined.status = domain::Status::delivered;
    combined.format = domain::Format::student_project;
    for (const auto& c : repo.list_public(combined).items) {
        EXPECT_EQ(c.status, "delivered");
        EXPECT_EQ(c.format, "student_project");
    }
    ProjectFilter researcher = all;
    researcher.level = domain::Level::researcher;
    page = repo.list_public(researcher);
    ASSERT_FALSE(page.items.empty());
    for (const auto& c : page.items) EXPECT_EQ(c.format, "research_topic");

    ProjectFilter by_skill = all;
    by_skill.skill = "data-science";
    ASSERT_FALSE(repo.list_public(by_skill).items.empty());
}

TEST_F(DemoDatabase, KeysetPaginationWalksEveryProjectOnce) {
    ProjectRepository repo(*db_);
    ProjectFilter f;
    f.limit = 7;
    std::set<std::string> seen;
    std::size_t total = 0;
    for (int pages = 0; pages < 100; ++pages) {
        auto page = repo.list_public(f);
        total += page.items.size();
        for (const auto& c : page.items) EXPECT_TRUE(seen.insert(c.slug).second) << c.slug << " seen twice";
        if (!page.next_after) break;
        EXPECT_EQ(page.items.size(), 7u);
        f.after = page.next_after;
    }
    ProjectFilter all;
    all.limit = 100;
    EXPECT_EQ(total, repo.list_public(all).items.size());
}

TEST_F(DemoDatabase, StatisticsAddUp) {
    auto stats = ProjectRepository(*db_).stats();
    EXPECT_EQ(stats.by_sdg.size(), 17u);
    long long students = 0;
    for (const auto& s : stats.semesters) students += s.students;
    EXPECT_EQ(students, stats.figures.students);
    EXPECT_EQ(stats.figures.schools, Query("SELECT COUNT(DISTINCT school_id) FROM teams").scalar(*Lease(*db_)));
    EXPECT_GE(stats.figures.schools, 10);
    EXPECT_EQ(stats.figures.partners, 4);
    for (const auto& f : stats.by_sdg) EXPECT_GT(f.projects, 0) << "SDG " << f.sdg;
}

TEST(Seed, SyntheticDataIsReproducibleAndProportionate) {
    Database db(DatabaseUrl::parse(test::fresh_database_url("synthetic")), 1);
    migrate(db, embedded_migrations());
    auto report = seed_synthetic(db, 200, 7);
    EXPECT_EQ(report.projects, 200);
    EXPECT_GE(report.organisations, 40);
    EXPECT_GT(report.people, 0);
    {
        Lease s(db);
        EXPECT_EQ(report.organisations, Query("SELECT COUNT(*) FROM organisations").scalar(*s));
        EXPECT_EQ(report.people, Query("SELECT COUNT(*) FROM people").scalar(*s));
    }
    auto projects = [&] {
        Lease s(db);  // released before seeding again: the pool has one connection
        return Query("SELECT COUNT(*) FROM projects").scalar(*s);
    };
    EXPECT_EQ(projects(), 200);
    // A second batch adds to the first without clashing.
    seed_synthetic(db, 10, 7);
    EXPECT_EQ(projects(), 210);
}

TEST(Seed, InvalidDemoDataIsRefusedAndNothingIsWritten) {
    Database db(DatabaseUrl::parse(test::fresh_database_url("bad_seed")), 1);
    migrate(db, embedded_migrations());
    const std::string bad = R"({"semesters": [], "first_names": ["A"], "last_names": ["B"],
        "organisations": [{"slug": "o", "name": "O", "kind": "association"}],
        "projects": [{"slug": "p", "title": "P", "summary": "S", "beneficiary": "o", "level": "researcher",
                      "format": "internship", "status": "published", "team_min": 1, "team_max": 2}]})";
    try {
        seed_demo(db, bad);
        FAIL() << "a format/level mismatch must be refused";
    } catch (const DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("projects/p"), std::string::npos) << e.what();
    }
    Lease s(db);
    EXPECT_EQ(Query("SELECT COUNT(*) FROM organisations").scalar(*s), 0);
    EXPECT_THROW(seed_demo(db, "{oops"), DatabaseError);
}
