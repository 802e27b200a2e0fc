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

// A filled opportunity is not "Ouvert" in the catalogue: its card says "Complet" (issue 10).
TEST_F(PublicPages, AFilledOpportunityIsShownFullNotOpen) {
    const std::string slug = "stage-data-impact-fab-inclusion";
    const long long id = count("SELECT id FROM projects WHERE slug = '" + slug + "' AND status = 'published'");
    ASSERT_GT(id, 0);
    scalar(url_, "UPDATE opportunity_details SET capacity = 1, deadline = NULL WHERE project_id = " + std::to_string(id) +
                     " RETURNING project_id");
    auto card_of = [&](const std::string& body) {
        const auto at = body.find("/projects/" + slug + "\"");
        EXPECT_NE(at, std::string::npos) << "the card is listed";
        const auto start = body.rfind("<article", at);
        return body.substr(start, body.find("</article>", at) - start);
    };
    const std::string search = "/projects?format=internship&q=" + std::string("stage");
    EXPECT_NE(card_of(http().get(search).body).find(">Ouvert<"), std::string::npos) << "open while a place is left";
    const long long student = create_account(url_, email("taken"), "student");
    scalar(url_, "INSERT INTO applications (project_id, person_id, message, status, created_at, updated_at) VALUES (" +
                     std::to_string(id) + ", " + std::to_string(student) +
                     ", 'Bonjour', 'accepted', '2026-11-01T10:00:00Z', '2026-11-02T10:00:00Z') RETURNING id");
    const auto card = card_of(http().get(search + "&sort=new&_=1").body);
    EXPECT_EQ(card.find(">Ouvert<"), std::string::npos) << card;
    EXPECT_NE(card.find(">Complet<"), std::string::npos) << card;
    EXPECT_NE(http().get("/projects/" + slug + "?v=full").body.find(">Complet<"), std::string::npos) << "and on its page";
}

// "Devenir partenaire" says how: register the organisation, or write to the configured address.
TEST_F(PublicPages, BecomingAPartnerGivesAWayAndAnAddress) {
    const auto partners = http().get("/partners");
    ASSERT_EQ(partners.status, 200);
    EXPECT_TRUE(has(partners, "<a href=\"/orgs/new\" role=\"button\">Inscrire votre organisation</a>"));
    EXPECT_FALSE(has(partners, " · </p>")) << "no dangling separator";
}

// The privacy notice says what is stored, why, for how long, and how to have it exported or
// erased, with the durations the code enforces; every page links to it.
TEST_F(PublicPages, ThePrivacyNoticeSaysWhatWhyHowLongAndHow) {
    const auto fr = http().get("/privacy");
    ASSERT_EQ(fr.status, 200);
    for (const char* part : {"Ce que nous enregistrons", "Pourquoi", "Combien de temps", "Vos droits",
                             "Conditions d&#39;utilisation", "2 heures sans activité", "30 jours", "48 heures pour confirmer",
                             "Télécharger toutes mes données (JSON)", "Supprimer mon compte"})
        EXPECT_TRUE(has(fr, part)) << part;
    const auto en = http().get("/privacy?lang=en");
    EXPECT_TRUE(has(en, "For how long")) << en.body.substr(0, 500);
    EXPECT_TRUE(has(http().get("/about"), "<a href=\"/privacy\">Données personnelles</a>")) << "linked from every page";
}

// Counts follow the plural rules of each language ("1 personne", not "1 personnes").
TEST_F(PublicPages, CountsAreSingularOrPlural) {
    scalar(url_, "UPDATE projects SET team_min = 1, team_max = 1 WHERE slug = 'stage-data-impact-fab-inclusion' RETURNING id");
    const auto one = http().get("/projects/stage-data-impact-fab-inclusion");
    EXPECT_TRUE(has(one, "<dd>1 personne</dd>")) << one.body.substr(0, 3000);
    scalar(url_, "UPDATE projects SET team_min = 3, team_max = 5 WHERE slug = 'stage-data-impact-fab-inclusion' RETURNING id");
    // Another address than the first: the response cache keeps a page for a second.
    EXPECT_TRUE(has(http().get("/projects/stage-data-impact-fab-inclusion?lang=fr"), "<dd>3–5 personnes</dd>"));
    EXPECT_TRUE(has(http().get("/projects/stage-data-impact-fab-inclusion?lang=en"), "<dd>3–5 people</dd>"));
}

// A page refused for lack of rights says so; only a form sent without its token is "expired".
TEST_F(PublicPages, ARefusalSaysWhyAndOnlyAStaleFormIsExpired) {
    create_account(url_, email("refused"), "student");
    const Browser student = log_in(http(), email("refused"));
    const auto refused = student.get(http(), "/admin/needs");
    ASSERT_EQ(refused.status, 403);
    EXPECT_TRUE(has(refused, "n&apos;a pas le droit d&apos;ouvrir cette page")) << refused.body.substr(0, 2000);
    EXPECT_FALSE(has(refused, "expiré"));
    auto h = student.headers({form_type});
    const auto stale = http().request("POST", "/me/password", h, "current=x&password=y&csrf=not-the-token");
    ASSERT_EQ(stale.status, 403);
    EXPECT_TRUE(has(stale, "Formulaire expiré"));
    EXPECT_TRUE(has(stale, "rechargez la page"));
}
