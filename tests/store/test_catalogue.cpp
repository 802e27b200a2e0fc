// The catalogue's store: sorts and their cursors, the showcase, counts per filter value
// (the in-memory index) and saved searches.
#include "resources/resources.hpp"
#include "store/facets.hpp"
#include "store/projects.hpp"
#include "store/query.hpp"
#include "store/search_words.hpp"
#include "store/searches.hpp"
#include "store/seed.hpp"
#include "support/store_fixture.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace latitudes;
using namespace latitudes::store;

namespace {

std::vector<std::string> walk(ProjectRepository& repo, ProjectFilter f, int limit) {
    std::vector<std::string> slugs;
    f.limit = limit;
    for (int pages = 0; pages < 100; ++pages) {
        auto page = repo.list_public(f);
        for (const auto& c : page.items) slugs.push_back(c.slug);
        if (!page.next_after) break;
        EXPECT_EQ(page.next_cursor(), std::to_string(*page.next_after) + "." + page.next_key);
        f.after = page.next_after;
        f.after_key = page.next_key;
    }
    return slugs;
}

}  // namespace

class CatalogueStore : public test::MigratedDatabase {
protected:
    CatalogueStore() : MigratedDatabase("catalogue_store") {}
    void SetUp() override {
        MigratedDatabase::SetUp();
        seed_demo(*db_, resources::resource("seed/demo.json"));
    }
    void exec(const std::string& sql) { s() << sql; }
    long long id_of(const std::string& slug) { return count("SELECT id FROM projects WHERE slug = '" + slug + "'"); }
};

TEST_F(CatalogueStore, SortsPaginateWithTheirKeys) {
    ProjectRepository repo(*db_);
    // Newest first: by publication date; two projects published the same day go by id.
    exec("UPDATE projects SET published_at = '2030-01-02' WHERE slug = 'entourage'");
    exec("UPDATE projects SET published_at = '2030-01-01T10:00:00Z' WHERE slug IN ('reconnect', 'cuestionarix')");
    ProjectFilter f;
    const auto newest = walk(repo, f, 4);
    ASSERT_GE(newest.size(), 50u);
    EXPECT_EQ(newest[0], "entourage");
    EXPECT_EQ(newest[1], id_of("reconnect") > id_of("cuestionarix") ? "reconnect" : "cuestionarix");
    EXPECT_EQ(std::set<std::string>(newest.begin(), newest.end()).size(), newest.size()) << "each project once";
    EXPECT_EQ(walk(repo, f, 100), newest);

    // Closing soon, on a fixed day: deadlines first (a passed one counts as none), then start dates.
    f.sort = ProjectSort::closing;
    f.today = "2026-12-01";
    exec("DELETE FROM opportunity_details");
    exec("UPDATE projects SET starts_on = NULL, ends_on = NULL");
    exec(
        "INSERT INTO opportunity_details (project_id, deadline) SELECT id, '2026-12-20' FROM projects WHERE slug = 'stage-dev-kiosque-sante'");
    exec(
        "INSERT INTO opportunity_details (project_id, deadline) SELECT id, '2026-12-05' FROM projects WHERE slug = 'mentorat-terres-paysannes'");
    exec(
        "INSERT INTO opportunity_details (project_id, deadline) SELECT id, '2026-11-30' FROM projects WHERE slug = 'stage-data-impact-fab-inclusion'");
    exec("UPDATE projects SET starts_on = '2026-12-10', ends_on = '2027-01-10' WHERE slug = 'vendredis-carte-points-eau'");
    exec("UPDATE projects SET starts_on = '2026-11-01', ends_on = '2026-12-01' WHERE slug = 'accompagnement-solicare'");
    // Not published: no closing date whatever its dates.
    exec("UPDATE projects SET starts_on = '2026-12-02' WHERE slug = 'entourage'");
    const auto closing = walk(repo, f, 3);
    ASSERT_EQ(closing.size(), newest.size());
    const std::vector<std::string> first{"accompagnement-solicare", "mentorat-terres-paysannes", "vendredis-carte-points-eau",
                                         "stage-dev-kiosque-sante"};
    EXPECT_EQ(std::vector<std::string>(closing.begin(), closing.begin() + 4), first);
    // The rest: newest (highest id) first.
    std::vector<long long> rest_ids;
    for (auto it = closing.begin() + 4; it != closing.end(); ++it) rest_ids.push_back(id_of(*it));
    EXPECT_TRUE(std::is_sorted(rest_ids.rbegin(), rest_ids.rend()));
    EXPECT_EQ(repo.list_public(f).items[0].sort_key, "02026-12-01");

    // A cursor without its key (an address from before sorts) reads the key of that project.
    ProjectFilter legacy;
    legacy.limit = 3;
    legacy.after = id_of(newest[2]);
    EXPECT_EQ(repo.list_public(legacy).items[0].slug, newest[3]);
    legacy.after = 999999;
    EXPECT_TRUE(repo.list_public(legacy).items.empty());
}

TEST_F(CatalogueStore, ShowcaseAndDigestFilters) {
    ProjectRepository repo(*db_);
    ProjectFilter f;
    f.limit = 100;
    auto page = repo.showcase(f);
    EXPECT_EQ(static_cast<long long>(page.items.size()),
              count("SELECT COUNT(*) FROM projects WHERE status IN ('delivered', 'evaluated')"));
    for (const auto& c : page.items) {
        EXPECT_TRUE(c.status == "delivered" || c.status == "evaluated") << c.slug;
        if (c.slug == "reconnect") {
            ASSERT_EQ(c.teams.size(), 1u);
            EXPECT_EQ(c.teams[0].school_slug, "centralesupelec");
            EXPECT_EQ(c.teams[0].students, 2);
        }
    }
    f.status = domain::Status::published;
    EXPECT_TRUE(repo.showcase(f).items.empty());

    ProjectFilter digest;
    digest.status = domain::Status::published;
    digest.published_after = "2026-10-19";
    digest.limit = 100;
    for (const auto& c : repo.list_public(digest).items) EXPECT_GT(c.published_at, "2026-10-19") << c.slug;
    digest.published_after = "2099-01-01";
    EXPECT_TRUE(repo.list_public(digest).items.empty());
}

// Issue 10: "RGPD" and "accessibilite" are skills, "éducation" an SDG: a search finds the public
// projects that have them, in either language, as the filters do (counted here straight from SQL).
TEST_F(CatalogueStore, SearchFindsSkillAndSdgNamesInBothLanguages) {
    ProjectRepository repo(*db_);
    auto found = [&](const std::string& q) {
        ProjectFilter f;
        f.q = q;
        const auto slugs = walk(repo, f, 100);
        return std::set<std::string>(slugs.begin(), slugs.end());
    };
    auto public_with = [&](const std::string& join_where) {
        std::set<std::string> slugs;
        Query("SELECT DISTINCT p.slug FROM projects p " + join_where +
              " AND p.status IN ('published', 'in_progress', 'delivered', 'evaluated')")
            .for_each(s(), [&](const soci::row& r) { slugs.insert(column_text(r, 0)); });
        return slugs;
    };
    const auto gdpr = public_with("JOIN project_skills ps ON ps.project_id = p.id "
                                  "JOIN skills k ON k.id = ps.skill_id WHERE k.slug = 'data-protection'");
    ASSERT_FALSE(gdpr.empty()) << "the demo data has projects asking for data protection";
    for (const auto& q : {"RGPD", "rgpd", "GDPR"})
        for (const auto& slug : gdpr) EXPECT_TRUE(found(q).count(slug)) << q << " should find " << slug;

    const auto accessible = public_with("JOIN project_skills ps ON ps.project_id = p.id "
                                        "JOIN skills k ON k.id = ps.skill_id WHERE k.slug = 'accessibility'");
    ASSERT_FALSE(accessible.empty());
    for (const auto& q : {"accessibilite", "Accessibilité", "accessibility"})
        for (const auto& slug : accessible) EXPECT_TRUE(found(q).count(slug)) << q << " should find " << slug;

    const auto education = public_with("JOIN project_sdgs ps ON ps.project_id = p.id WHERE ps.sdg_id = 4");
    ASSERT_GT(education.size(), 2u);
    for (const auto& q : {"éducation", "educations", "quality education"})
        for (const auto& slug : education) EXPECT_TRUE(found(q).count(slug)) << q << " should find " << slug;

    // A change of skills is searchable at once: the words are rebuilt with the write.
    const long long some = id_of(*education.begin());
    EXPECT_FALSE(found("cartographie").count(*education.begin()));
    exec("INSERT INTO skills (slug, category, name_fr, name_en) VALUES ('carto', 'data', 'Cartographie', 'Mapping')");
    exec("INSERT INTO project_skills (project_id, skill_id, level) VALUES (" + std::to_string(some) +
         ", (SELECT id FROM skills WHERE slug = 'carto'), 2)");
    refresh_search_words(s(), some);
    EXPECT_TRUE(found("cartographies").count(*education.begin()));
    EXPECT_TRUE(found("mapping").count(*education.begin()));
}

TEST_F(CatalogueStore, FacetCountsAgreeWithTheListings) {
    ProjectRepository repo(*db_);
    const auto index = FacetIndex::load(*db_);
    EXPECT_EQ(static_cast<long long>(index->size()),
              count("SELECT COUNT(*) FROM projects WHERE status IN ('published', 'in_progress', 'delivered', 'evaluated')"));
    auto listed = [&](ProjectFilter f) {
        f.limit = 100;
        long long n = 0;
        for (int pages = 0; pages < 100; ++pages) {
            auto page = repo.list_public(f);
            n += static_cast<long long>(page.items.size());
            if (!page.next_after) break;
            f.after = page.next_after;
            f.after_key = page.next_key;
        }
        return n;
    };
    std::vector<ProjectFilter> filters(5);
    filters[1].sdg = 4;
    filters[2].q = "données";
    filters[2].level = domain::Level::collaborator;
    filters[3].skill = "data-science";
    filters[3].status = domain::Status::published;
    filters[4].format = domain::Format::student_project;
    filters[4].sdg = 3;
    filters[4].q = "associations";
    for (const auto& filter : filters) {
        const auto& counts = *index->count(filter);
        EXPECT_EQ(counts.total, listed(filter));
        // Each value of a facet counts what choosing it (instead of the current value) lists.
        for (const auto& [format, n] : counts.format) {
            ProjectFilter with = filter;
            with.format = domain::parse_format(format);
            EXPECT_EQ(n, listed(with)) << format;
        }
        for (int sdg = 1; sdg <= domain::sdg_count; ++sdg) {
            ProjectFilter with = filter;
            with.sdg = sdg;
            EXPECT_EQ(counts.sdg[static_cast<std::size_t>(sdg - 1)], listed(with)) << "sdg " << sdg;
        }
        for (const auto& [status, n] : counts.status) {
            ProjectFilter with = filter;
            with.status = domain::parse_status(status);
            EXPECT_EQ(n, listed(with)) << status;
        }
        EXPECT_EQ(counts.skill.size(), static_cast<std::size_t>(count("SELECT COUNT(*) FROM skills")));
        long long skills_with_projects = 0;
        for (const auto& [slug, n] : counts.skill) {
            ProjectFilter with = filter;
            with.skill = slug;
            EXPECT_EQ(n, listed(with)) << "skill " << slug;
            skills_with_projects += n > 0;
        }
        if (filter.q.empty() && !filter.sdg) EXPECT_GT(skills_with_projects, 3) << "the demo data uses several skills";
    }
    ProjectFilter unknown;
    unknown.skill = "juggling";
    EXPECT_EQ(index->count(unknown)->total, 0);
    EXPECT_EQ(index->count(unknown), index->count(unknown)) << "kept";

    // The cache keeps one index for its lifetime, then reloads.
    FacetCache cache(std::chrono::hours(1));
    const auto first = cache.get(*db_);
    EXPECT_EQ(cache.get(*db_), first);
    FacetCache fresh(std::chrono::milliseconds(0));
    const auto a = fresh.get(*db_);
    EXPECT_NE(fresh.get(*db_), a);
}

TEST_F(CatalogueStore, SavedSearchesBelongToTheirOwnerAndAreMarkedOnce) {
    auto person = [&](const std::string& email, bool active) {
        const long long id = Query("INSERT INTO people (email, display_name, kind) VALUES (:e, 'P', 'student') RETURNING id")
                                 .bind("e", email)
                                 .scalar(s());
        Query("INSERT INTO accounts (person_id, password_hash, created_at, active) VALUES (:id, 'x', '2026-01-01T00:00:00Z', :a)")
            .bind("id", id)
            .bind("a", active ? 1LL : 0LL)
            .execute(s());
        return id;
    };
    const long long alice = person("alice@example.org", true), bob = person("bob@example.org", true),
                    gone = person("gone@example.org", false);
    SearchRepository searches(s());
    const auto a1 = searches.create(alice, "Eau", "sdg=6", "fr", now_);
    ASSERT_TRUE(a1);
    const auto b1 = searches.create(bob, "Climate", "sdg=13", "en", now_ - std::chrono::hours(24 * 10));
    ASSERT_TRUE(b1);
    ASSERT_TRUE(searches.create(gone, "X", "", "fr", now_ - std::chrono::hours(24 * 10)));
    EXPECT_FALSE(searches.remove(*a1, bob)) << "not Bob's";
    EXPECT_EQ(searches.of_person(alice).size(), 1u);
    EXPECT_EQ(searches.of_person(bob)[0].lang, "en");

    for (int i = 1; i < max_saved_searches; ++i) ASSERT_TRUE(searches.create(alice, "n", "", "fr", now_));
    EXPECT_EQ(searches.count_of(alice), max_saved_searches);
    EXPECT_FALSE(searches.create(alice, "one too many", "", "fr", now_));
    EXPECT_EQ(searches.count_of(alice), max_saved_searches);

    // Due: Bob's (10 days old), not Alice's (just saved) nor the deactivated account's.
    const auto due = searches.due(now_ - std::chrono::hours(24 * 7), 10);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].search.id, *b1);
    EXPECT_EQ(due[0].email, "bob@example.org");
    EXPECT_TRUE(searches.mark_sent(*b1, due[0].search.last_sent_at, now_));
    EXPECT_FALSE(searches.mark_sent(*b1, due[0].search.last_sent_at, now_)) << "a second runner loses";
    EXPECT_TRUE(searches.due(now_ - std::chrono::hours(24 * 7), 10).empty());

    EXPECT_TRUE(searches.remove(*a1, alice));
    EXPECT_FALSE(searches.remove(*a1, alice));
    EXPECT_EQ(searches.count_of(alice), max_saved_searches - 1);
}
