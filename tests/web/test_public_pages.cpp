// Public pages as visitors and crawlers meet them (issue 10). Missing values show nothing: a
// partner without a website has no link to "" (axe: link-name), a project without a semester or
// dates has no empty "Semestre" or lone "Dates" row, Mon espace shows no "new token" box when none
// was created (all from one cause: the template engine took an empty string as true in a
// section). And what crawlers ask of every site: robots.txt, sitemap.xml, favicon.ico.
// In-process through Site::handle, on SQLite and PostgreSQL.
#include "support/in_process_site.hpp"

#include <gtest/gtest.h>

using namespace latitudes::test;
using namespace latitudes;

class PublicPages : public InProcessSite<PublicPages> {
protected:
    static bool has(const HttpResponse& r, const std::string& text) { return r.body.find(text) != std::string::npos; }
};

TEST_F(PublicPages, MissingValuesLeaveNoEmptyLinkRowOrBox) {
    // A partner without a website (seeded: cooperative-r2k).
    ASSERT_EQ(count("SELECT COUNT(*) FROM organisations WHERE slug = 'cooperative-r2k' AND is_partner = 1 AND "
                    "COALESCE(website, '') = ''"),
              1);
    const auto partners = http().get("/partners");
    ASSERT_EQ(partners.status, 200);
    EXPECT_FALSE(has(partners, "href=\"\"")) << "a link to nowhere";
    // A published internship has no semester and no dates.
    scalar(url_, "UPDATE projects SET starts_on = NULL, ends_on = NULL WHERE slug = 'stage-data-impact-fab-inclusion' "
                 "RETURNING id");
    const auto project = http().get("/projects/stage-data-impact-fab-inclusion");
    ASSERT_EQ(project.status, 200);
    EXPECT_FALSE(has(project, "<dt>Semestre</dt>")) << project.body.substr(0, 3000);
    EXPECT_FALSE(has(project, "<dt>Dates</dt>"));
    // Mon espace without a token just created.
    create_account(url_, email("someone"), "student");
    Browser someone = log_in(http(), email("someone"));
    const auto me = someone.get(http(), "/me");
    ASSERT_EQ(me.status, 200);
    EXPECT_FALSE(has(me, "data-testid=\"new-token\"")) << "no token was created";
}

// robots.txt keeps crawlers out of private areas and names the sitemap, which lists every public
// project (and no draft) with its French and English addresses; /favicon.ico leads to the logo.
TEST_F(PublicPages, CrawlersFindTheSitemapOfPublicProjectsAndTheIcon) {
    const auto robots = http().get("/robots.txt");
    ASSERT_EQ(robots.status, 200);
    EXPECT_NE(robots.header("content-type").find("text/plain"), std::string::npos);
    EXPECT_TRUE(has(robots, "Disallow: /me\n"));
    EXPECT_TRUE(has(robots, "Disallow: /admin\n"));
    EXPECT_TRUE(has(robots, "Sitemap: http"));
    const auto sitemap = http().get("/sitemap.xml");
    ASSERT_EQ(sitemap.status, 200);
    EXPECT_NE(sitemap.header("content-type").find("application/xml"), std::string::npos);
    const long long public_projects = count(
        "SELECT COUNT(*) FROM projects WHERE status IN ('published', 'in_progress', 'delivered', 'evaluated')");
    std::size_t project_locs = 0;  // <loc>…/projects/slug</loc>
    for (std::size_t at = sitemap.body.find("<loc>"); at != std::string::npos; at = sitemap.body.find("<loc>", at + 1))
        if (sitemap.body.substr(at, sitemap.body.find("</loc>", at) - at).find("/projects/") != std::string::npos) ++project_locs;
    EXPECT_EQ(static_cast<long long>(project_locs), public_projects);
    const std::string draft_slug = [&] {
        latitudes::store::Database db(latitudes::store::DatabaseUrl::parse(url_), 1);
        latitudes::store::Lease s(db);
        std::string slug;
        *s << "SELECT slug FROM projects WHERE status = 'draft' ORDER BY id LIMIT 1", soci::into(slug);
        return slug;
    }();
    ASSERT_FALSE(draft_slug.empty()) << "the demo data has a draft to leave out";
    EXPECT_FALSE(has(sitemap, "/projects/" + draft_slug + "</loc>")) << "no draft";
    EXPECT_TRUE(has(sitemap, "hreflang=\"en\""));
    const auto icon = http().get("/favicon.ico");
    EXPECT_EQ(icon.status, 301);
    EXPECT_EQ(icon.header("location"), "/static/img/logo.svg");
}
