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

namespace {

// The content of <meta name|property="key" content="…"> or the href of <link rel="key" …> in
// the page's head, "" when absent.
std::string head_value(const std::string& body, const std::string& attribute, const std::string& key,
                       const std::string& value_attribute) {
    const auto head_end = body.find("</head>");
    const std::string head = body.substr(0, head_end);
    const auto at = head.find(attribute + "=\"" + key + "\"");
    if (at == std::string::npos) return "";
    const auto tag_start = head.rfind('<', at);
    const auto tag_end = head.find('>', at);
    const std::string tag = head.substr(tag_start, tag_end - tag_start);
    const auto value = tag.find(value_attribute + "=\"");
    if (value == std::string::npos) return "";
    const auto from = value + value_attribute.size() + 2;
    return tag.substr(from, tag.find('"', from) - from);
}

// The text an attribute value stands for (the few entities the templates write).
std::string unescaped(std::string text) {
    for (const auto& [entity, character] : std::vector<std::pair<std::string, std::string>>{
             {"&apos;", "'"}, {"&#39;", "'"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
        for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
            text.replace(at, entity.size(), character);
    return text;
}

std::string alternate(const std::string& body, const std::string& hreflang) {
    return head_value(body, "hreflang", hreflang, "href");
}

}  // namespace

// Each public page names its address in its language (canonical), the same page in French and in
// English (?lang=, which is honoured as the page's language) and without a language (x-default);
// a project page has its summary as description and the Open Graph tags of a shared link.
TEST_F(PublicPages, PublicPagesNameTheirLanguagesAndProjectsTheirSummary) {
    const std::string origin = "http://127.0.0.1:8080";  // the default public URL
    const auto en = http().get("/projects/entourage?lang=en");
    ASSERT_EQ(en.status, 200);
    EXPECT_TRUE(has(en, "<html lang=\"en\">"));
    EXPECT_EQ(head_value(en.body, "rel", "canonical", "href"), origin + "/projects/entourage?lang=en");
    EXPECT_EQ(alternate(en.body, "fr"), origin + "/projects/entourage?lang=fr");
    EXPECT_EQ(alternate(en.body, "en"), origin + "/projects/entourage?lang=en");
    EXPECT_EQ(alternate(en.body, "x-default"), origin + "/projects/entourage");
    std::string summary;
    {
        latitudes::store::Database db(latitudes::store::DatabaseUrl::parse(url_), 1);
        latitudes::store::Lease s(db);
        *s << "SELECT summary FROM projects WHERE slug = 'entourage'", soci::into(summary);
    }
    ASSERT_FALSE(summary.empty());
    EXPECT_EQ(unescaped(head_value(en.body, "name", "description", "content")), summary);
    EXPECT_EQ(head_value(en.body, "property", "og:title", "content"), "Entourage");
    EXPECT_EQ(unescaped(head_value(en.body, "property", "og:description", "content")), summary);
    EXPECT_EQ(head_value(en.body, "property", "og:url", "content"), origin + "/projects/entourage?lang=en");
    EXPECT_EQ(head_value(en.body, "property", "og:type", "content"), "article");
    EXPECT_EQ(head_value(en.body, "property", "og:locale", "content"), "en_GB");
    EXPECT_EQ(head_value(en.body, "property", "og:locale:alternate", "content"), "fr_FR");

    // ?lang=fr is French whatever the browser prefers; the address keeps its other parameters.
    const auto fr = http().get("/projects?sdg=4&lang=fr", {"Accept-Language: en"});
    EXPECT_TRUE(has(fr, "<html lang=\"fr\">"));
    EXPECT_EQ(head_value(fr.body, "rel", "canonical", "href"), origin + "/projects?sdg=4&amp;lang=fr");
    EXPECT_EQ(alternate(fr.body, "en"), origin + "/projects?sdg=4&amp;lang=en");
    EXPECT_EQ(alternate(fr.body, "x-default"), origin + "/projects?sdg=4");
    EXPECT_EQ(head_value(fr.body, "property", "og:title", "content"), "") << "the catalogue is no shared article";
    // Without ?lang=, the canonical address is the page's language as negotiated.
    const auto negotiated = http().get("/about", {"Accept-Language: en"});
    EXPECT_EQ(head_value(negotiated.body, "rel", "canonical", "href"), origin + "/about?lang=en");
    for (const char* path : {"/", "/showcase", "/impact", "/partners"})
        EXPECT_FALSE(head_value(http().get(path).body, "rel", "canonical", "href").empty()) << path;

    // Pages that are no public content have none: a form, an error.
    EXPECT_EQ(head_value(http().get("/login").body, "rel", "canonical", "href"), "");
    EXPECT_EQ(head_value(http().get("/projects/no-such-project").body, "rel", "canonical", "href"), "");
}
