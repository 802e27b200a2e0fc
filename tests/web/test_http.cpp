// HTTP integration tests: the real binary, a real database (SQLite or PostgreSQL, chosen by
// LATITUDES_TEST_ENGINE), the demo data, requests over loopback.
#include "support/demo_server.hpp"
#include "support/form_errors.hpp"

#include "web/http.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>

using namespace latitudes::test;
using nlohmann::json;
using latitudes::web::url_encode;

class Http : public DemoServer<Http> {
protected:
    static std::set<std::string> api_slugs(const std::string& query) {
        auto r = http().get("/api/v1/projects?limit=100&" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        std::set<std::string> slugs;
        const json doc = json::parse(r.body);  // kept alive: a range-for over a temporary's member dangles
        for (const auto& item : doc["items"]) slugs.insert(item["slug"].get<std::string>());
        return slugs;
    }
    static int count(const std::string& text, const std::string& needle) {
        int n = 0;
        for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
        return n;
    }
};

TEST_F(Http, HomePageIsFrenchByDefaultWithFiguresFromTheDatabase) {
    auto r = http().get("/");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
    EXPECT_NE(r.body.find("<html lang=\"fr\">"), std::string::npos);
    EXPECT_NE(r.body.find("La tech au service de l&#39;intérêt général"), std::string::npos);
    auto stats = json::parse(http().get("/api/v1/stats").body);
    const std::string students = std::to_string(stats["figures"]["students"].get<long long>());
    EXPECT_NE(r.body.find("data-testid=\"figure-students\">" + students + "<"), std::string::npos);
    EXPECT_NE(r.body.find("Cuestionarix"), std::string::npos) << "featured projects";
    EXPECT_NE(r.body.find("Animafac"), std::string::npos) << "partners";
    for (const char* landmark : {"<header", "<nav", "<main", "<footer"})
        EXPECT_NE(r.body.find(landmark), std::string::npos) << landmark;
}

TEST_F(Http, LanguageComesFromQueryCookieOrAcceptLanguage) {
    auto en = http().get("/", {"Accept-Language: en-GB,en;q=0.9"});
    EXPECT_NE(en.body.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(en.body.find("Tech for the common good"), std::string::npos);

    auto switched = http().get("/projects?lang=en");
    EXPECT_NE(switched.body.find("Project catalogue"), std::string::npos);
    ASSERT_EQ(switched.set_cookies.size(), 1u);
    EXPECT_NE(switched.set_cookies[0].find("lang=en"), std::string::npos);
    EXPECT_NE(switched.set_cookies[0].find("SameSite=Lax"), std::string::npos);

    auto cookie = http().get("/impact", {"Cookie: lang=en", "Accept-Language: fr"});
    EXPECT_NE(cookie.body.find("Our impact"), std::string::npos);
    auto back = http().get("/impact?lang=fr", {"Cookie: lang=en"});
    EXPECT_NE(back.body.find("Notre impact"), std::string::npos);
    // The switch link keeps the rest of the address.
    auto filtered = http().get("/projects?sdg=4");
    EXPECT_NE(filtered.body.find("href=\"/projects?sdg=4&amp;lang=en\""), std::string::npos);
}

TEST_F(Http, CatalogueSearchIgnoresAccentsAndPlurals) {
    auto r = http().get("/projects?q=education");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("éducation"), std::string::npos);
    EXPECT_GT(count(r.body, "data-testid=\"project-card\""), 0);
    EXPECT_EQ(api_slugs("q=education"), api_slugs("q=%C3%A9ducation"));
    EXPECT_TRUE(api_slugs("q=associations").count("site-accessible-numeribus"));
    EXPECT_TRUE(api_slugs("q=nothing-matches-this-zzz").empty());
    auto none = http().get("/projects?q=nothing-matches-this-zzz");
    EXPECT_NE(none.body.find("data-testid=\"no-results\""), std::string::npos);
}

TEST_F(Http, CatalogueFiltersAndKeysetPagination) {
    const auto all = api_slugs("");
    const auto sdg4 = api_slugs("sdg=4");
    ASSERT_FALSE(sdg4.empty());
    EXPECT_LT(sdg4.size(), all.size());
    const auto delivered = api_slugs("status=delivered");
    EXPECT_TRUE(delivered.count("entourage"));
    const auto researcher = api_slugs("level=researcher");
    const auto research = api_slugs("format=research_topic");
    EXPECT_EQ(researcher, research);
    EXPECT_FALSE(api_slugs("skill=data-science").empty());
    for (const auto& s : api_slugs("sdg=4&status=delivered")) {
        EXPECT_TRUE(sdg4.count(s));
        EXPECT_TRUE(delivered.count(s));
    }
    // Draft, declined... never appear.
    auto page = json::parse(http().get("/api/v1/projects?limit=100").body);
    for (const auto& item : page["items"]) {
        const auto status = item["status"].get<std::string>();
        EXPECT_TRUE(status == "published" || status == "in_progress" || status == "delivered" || status == "evaluated") << status;
    }
    // Walk the pages with the cursor: every project exactly once.
    std::set<std::string> seen;
    std::string cursor;
    for (int i = 0; i < 50; ++i) {
        auto body = json::parse(http().get("/api/v1/projects?limit=9" + (cursor.empty() ? "" : "&cursor=" + cursor)).body);
        for (const auto& item : body["items"]) EXPECT_TRUE(seen.insert(item["slug"].get<std::string>()).second);
        if (body["next_cursor"].is_null()) break;
        cursor = body["next_cursor"].get<std::string>();
    }
    EXPECT_EQ(seen, all);
    // HTML pages paginate by 20 with a shareable "next" link.
    auto first = http().get("/projects");
    EXPECT_EQ(count(first.body, "data-testid=\"project-card\""), 20);
    auto next = first.body.find("data-testid=\"next-page\"");
    ASSERT_NE(next, std::string::npos);
}

TEST_F(Http, HtmxRequestsGetOnlyTheResults) {
    auto r = http().get("/projects?sdg=4", {"HX-Request: true"});
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body.find("<html"), std::string::npos);
    EXPECT_NE(r.body.find("data-testid=\"project-card\""), std::string::npos);
    EXPECT_NE(r.header("vary").find("HX-Request"), std::string::npos);
}

TEST_F(Http, BadFiltersGetAClearMessage) {
    auto page = http().get("/projects?sdg=99");
    EXPECT_EQ(page.status, 400);
    EXPECT_NE(page.body.find("Le filtre « sdg » a une valeur invalide"), std::string::npos);
    auto page_en = http().get("/projects?level=boss&lang=en");
    EXPECT_NE(page_en.body.find("The filter &quot;level&quot; has an invalid value"), std::string::npos);
    for (const char* q : {"sdg=abc", "status=draft", "cursor=-1", "limit=1000", "skill=juggling", "format=x"}) {
        auto r = http().get(std::string("/api/v1/projects?") + q);
        EXPECT_EQ(r.status, 400) << q;
        auto body = json::parse(r.body);
        EXPECT_EQ(body["error"]["code"], "invalid_parameter") << q;
        EXPECT_TRUE(body["error"]["message"].is_string()) << q;
    }
}

TEST_F(Http, ProjectPagesAndNotFound) {
    auto r = http().get("/projects/entourage");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<h1>Entourage</h1>"), std::string::npos);
    EXPECT_NE(r.body.find("CentraleSupélec"), std::string::npos);

    auto missing = http().get("/projects/does-not-exist");
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(missing.body.find("Page introuvable"), std::string::npos);
    EXPECT_NE(missing.body.find("<nav"), std::string::npos) << "404 inside the layout";
    EXPECT_EQ(http().get("/nowhere").status, 404);

    auto api = http().get("/api/v1/projects/reconnect");
    ASSERT_EQ(api.status, 200);
    auto body = json::parse(api.body);
    EXPECT_EQ(body["title"], "Reconnect");
    EXPECT_EQ(body["teams"][0]["students"], 2);
    auto api_missing = http().get("/api/v1/projects/nope");
    EXPECT_EQ(api_missing.status, 404);
    EXPECT_EQ(json::parse(api_missing.body)["error"]["code"], "not_found");
    EXPECT_EQ(json::parse(http().get("/api/v1/nothing").body)["error"]["code"], "not_found");
}

TEST_F(Http, PrivateProjectsStayPrivate) {
    for (const auto& slug : api_slugs("")) EXPECT_EQ(http().get("/projects/" + slug).status, 200) << slug;
    // The demo data holds projects in every non-public status: none is served, by page or API.
    for (const char* slug : {"suivi-post-hospitalisation", "covoiturage-rural", "detection-isolement", "chatbot-aide-alimentaire",
                             "ciblage-publicitaire-atlas", "numerisation-archives-sociales"}) {
        EXPECT_EQ(http().get(std::string("/projects/") + slug).status, 404) << slug;
        EXPECT_EQ(http().get(std::string("/api/v1/projects/") + slug).status, 404) << slug;
        EXPECT_FALSE(api_slugs("").count(slug)) << slug;
        EXPECT_FALSE(api_slugs("q=" + std::string(slug).substr(0, 6)).count(slug)) << slug;
    }
}

TEST_F(Http, StatsAndImpactPage) {
    auto stats = json::parse(http().get("/api/v1/stats").body);
    EXPECT_EQ(stats["projects_by_sdg"].size(), 17u);
    // The figures are what the database holds, not merely "at least" the first year's.
    EXPECT_EQ(stats["figures"]["students"].get<long long>(), scalar(url_, "SELECT COUNT(DISTINCT person_id) FROM team_members"));
    EXPECT_EQ(stats["figures"]["schools"].get<long long>(), scalar(url_, "SELECT COUNT(DISTINCT school_id) FROM teams"));
    EXPECT_GE(stats["figures"]["students"].get<int>(), 67);
    EXPECT_GE(stats["figures"]["schools"].get<int>(), 10);
    EXPECT_EQ(stats["figures"]["partners"], 4);
    auto impact = http().get("/impact");
    ASSERT_EQ(impact.status, 200);
    EXPECT_EQ(count(impact.body, "<canvas"), 3);
    EXPECT_EQ(count(impact.body, "<table"), 3);
    EXPECT_NE(impact.body.find("/static/js/impact.js"), std::string::npos);
    EXPECT_EQ(http().get("/partners").status, 200);
    EXPECT_EQ(http().get("/about").status, 200);
}

TEST_F(Http, SecurityHeadersAndEscaping) {
    for (const char* target : {"/", "/projects", "/api/v1/projects", "/nowhere", "/static/css/site.css"}) {
        auto r = http().get(target);
        EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos) << target;
        EXPECT_EQ(r.header("content-security-policy").find("unsafe-inline"), std::string::npos) << target;
        EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << target;
        EXPECT_FALSE(r.header("referrer-policy").empty()) << target;
    }
    auto r = http().get("/projects?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    EXPECT_EQ(r.body.find("<script>alert(1)"), std::string::npos);
    EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    // No inline script anywhere: every <script> has a src.
    auto home = http().get("/impact");
    EXPECT_EQ(count(home.body, "<script"), count(home.body, "<script src="));
}

TEST_F(Http, MethodsAndLimits) {
    auto post = http().request("POST", "/projects", {}, "a=1");
    EXPECT_EQ(post.status, 405);
    EXPECT_EQ(post.header("allow"), "GET, HEAD");
    auto head = http().request("HEAD", "/projects");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    // HEAD carries the GET's length, not the empty body's 0 (RFC 9110 §9.3.2).
    const auto css = http().get("/static/css/site.css");
    const auto css_head = http().request("HEAD", "/static/css/site.css");
    ASSERT_EQ(css_head.status, 200);
    EXPECT_EQ(css_head.header("content-length"), std::to_string(css.body.size()));
    // An oversized header is refused instead of being processed.
    std::string huge(20000, 'a');
    bool refused = false;
    try {
        refused = http().get("/", {"X-Big: " + huge}).status >= 400;
    } catch (const std::exception&) {
        refused = true;  // the server closed the connection
    }
    EXPECT_TRUE(refused);
}

TEST_F(Http, StaticFilesWithCaching) {
    auto css = http().get("/static/css/site.css");
    ASSERT_EQ(css.status, 200);
    EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
    const auto etag = css.header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(http().get("/static/css/site.css", {"If-None-Match: " + etag}).status, 304);
    EXPECT_EQ(http().get("/static/vendor/htmx.min.js").status, 200);
    EXPECT_EQ(http().get("/static/vendor/pico.min.css").status, 200);
    EXPECT_EQ(http().get("/static/vendor/chart.umd.min.js").status, 200);
    EXPECT_EQ(http().get("/static/../CMakeLists.txt").status, 404);
    EXPECT_EQ(http().get("/static/%2e%2e/CMakeLists.txt").status, 404);
}

TEST_F(Http, HealthAndMetrics) {
    auto health = http().get("/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(json::parse(health.body)["status"], "ok");
    // No metrics token configured: the main port does not serve them (test_http_conformance.cpp
    // scrapes them on the admin port and with the token).
    EXPECT_EQ(http().get("/metrics").status, 404);
    EXPECT_EQ(http().get("/metrics", {"Authorization: Bearer anything"}).status, 404);
}

TEST_F(Http, RecoversWhenDatabaseConnectionsAreKilled) {
    if (url_.rfind("postgresql", 0) != 0) GTEST_SKIP() << "PostgreSQL only: SQLite has no server connection to lose";
    int killed = 0;
    {
        latitudes::store::Database admin(latitudes::store::DatabaseUrl::parse(url_), 1);
        latitudes::store::Lease s(admin);
        // Kill every other connection to the database: the server's whole pool.
        *s << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
              "WHERE datname = current_database() AND pid <> pg_backend_pid()",
            soci::into(killed);
        ASSERT_GE(killed, 4) << "the server keeps one connection per worker";
    }
    // Each lost connection fails at most one request (a failure makes it suspect, and the next
    // lease reopens it): /healthz answers 503 meanwhile, never crashes.
    int failures = 0;
    for (int i = 0; i < 12; ++i) {
        const auto health = http().get("/healthz");
        if (health.status == 503) {
            EXPECT_EQ(json::parse(health.body)["status"], "unavailable");
            ++failures;
        }
    }
    EXPECT_LE(failures, killed);
    // Twelve distinct targets, so that none is answered from the response cache.
    for (int i = 1; i <= 12; ++i) EXPECT_EQ(http().get("/api/v1/projects?limit=" + std::to_string(i)).status, 200) << i;
}

TEST_F(Http, LogInAndOutWithSessionsAndCsrf) {
    const std::string email = "staff." + std::to_string(::getpid()) + "@latitudes.example";
    const std::string password = "correct horse battery staple 42";
    auto created = run_latitudes({"user", "create", "--email", email, "--name", "Alex Staff", "--database", url_},
                                 password + "\n");
    ASSERT_EQ(created.exit_code, 0) << created.output;

    // The form hands out a CSRF token (cookie + hidden field) before any session exists.
    auto form = http().get("/login");
    ASSERT_EQ(form.status, 200);
    const std::string csrf = set_cookie_value(form, "csrf");
    ASSERT_EQ(csrf.size(), 43u);
    EXPECT_EQ(hidden_csrf(form.body), csrf);
    const std::string cookie = "Cookie: csrf=" + csrf;
    auto post_login = [&](const std::string& body, const std::vector<std::string>& headers) {
        return http().request("POST", "/login", headers, body);
    };

    // Without the token: 403, nothing happens.
    auto forged = post_login("email=" + email + "&password=" + url_encode(password), {form_type, cookie});
    EXPECT_EQ(forged.status, 403);
    EXPECT_TRUE(set_cookie_value(forged, "sid").empty());

    // A wrong password and an unknown e-mail get the same answer.
    auto wrong = post_login("email=" + email + "&password=nope&csrf=" + csrf, {form_type, cookie});
    auto unknown = post_login("email=nobody%40latitudes.example&password=nope&csrf=" + csrf, {form_type, cookie});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_NE(wrong.body.find("Adresse e-mail ou mot de passe incorrect"), std::string::npos);
    EXPECT_NE(unknown.body.find("Adresse e-mail ou mot de passe incorrect"), std::string::npos);
    EXPECT_NE(wrong.body.find("value=\"" + email + "\""), std::string::npos) << "the form keeps the e-mail";
    auto missing = post_login("email=&csrf=" + csrf, {form_type, cookie, "Accept-Language: en"});
    EXPECT_EQ(missing.status, 400);
    EXPECT_NE(missing.body.find("Enter your e-mail address and your password."), std::string::npos);

    // The right password: a new session in an HttpOnly, SameSite=Lax cookie.
    auto ok = post_login("email=" + url_encode(email) + "&password=" + url_encode(password) + "&csrf=" + csrf,
                         {form_type, cookie});
    EXPECT_EQ(ok.status, 303);
    EXPECT_EQ(ok.header("location"), "/me");
    const std::string sid = set_cookie_value(ok, "sid");
    ASSERT_EQ(sid.size(), 43u);
    bool http_only = false;
    for (const auto& c : ok.set_cookies)
        if (c.rfind("sid=", 0) == 0)
            http_only = c.find("HttpOnly") != std::string::npos && c.find("SameSite=Lax") != std::string::npos;
    EXPECT_TRUE(http_only);

    auto me = http().get("/me", {"Cookie: sid=" + sid});
    ASSERT_EQ(me.status, 200);
    EXPECT_NE(me.body.find(email), std::string::npos);
    EXPECT_NE(me.body.find("équipe Latitudes"), std::string::npos);
    EXPECT_EQ(me.header("cache-control"), "no-store");
    const std::string session_csrf = hidden_csrf(me.body);
    ASSERT_EQ(session_csrf.size(), 43u);
    EXPECT_NE(session_csrf, csrf);
    // Personal pages never come from the public cache: the home page shows "Mon espace".
    EXPECT_NE(http().get("/", {"Cookie: sid=" + sid}).body.find("data-testid=\"nav-me\""), std::string::npos);
    EXPECT_EQ(http().get("/").body.find("data-testid=\"nav-me\""), std::string::npos);

    // Log-out needs the session's token; the anonymous one will not do.
    EXPECT_EQ(http().request("POST", "/logout", {form_type, "Cookie: sid=" + sid + "; csrf=" + csrf}, "csrf=" + csrf).status,
              403);
    EXPECT_EQ(http().get("/me", {"Cookie: sid=" + sid}).status, 200);
    auto out = http().request("POST", "/logout", {form_type, "Cookie: sid=" + sid}, "csrf=" + session_csrf);
    EXPECT_EQ(out.status, 303);
    auto after = http().get("/me", {"Cookie: sid=" + sid});
    EXPECT_EQ(after.status, 303) << "a revoked session is worthless";
    EXPECT_EQ(after.header("location"), "/login");
    // htmx-style header token works too.
    EXPECT_EQ(http().request("POST", "/logout", {"X-CSRF-Token: " + csrf, cookie}).status, 303);
}

TEST_F(Http, SignUpConfirmByTheEmailedLinkThenLogIn) {
    const std::string email = "new." + std::to_string(::getpid()) + "@latitudes.example";
    const std::string password = "des tomates vertes au soleil";
    auto form = http().get("/signup");
    ASSERT_EQ(form.status, 200);
    const std::string csrf = set_cookie_value(form, "csrf");
    ASSERT_FALSE(csrf.empty());
    const std::vector<std::string> headers{"Content-Type: application/x-www-form-urlencoded", "Cookie: csrf=" + csrf};
    auto body = [&](const std::string& mail, const std::string& pass, const std::string& role, bool with_csrf = true,
                    bool consent = true) {
        return "display_name=Sasha+Dupont&email=" + url_encode(mail) + "&role=" + role + "&password=" + url_encode(pass) +
               (consent ? "&consent=1" : "") + (with_csrf ? "&csrf=" + csrf : "");
    };
    auto outbox_count = [&](const std::string& to) {
        latitudes::store::Database db(latitudes::store::DatabaseUrl::parse(url_), 1);
        latitudes::store::Lease s(db);
        int n = 0;
        *s << "SELECT COUNT(*) FROM mail_outbox WHERE to_address = :to", soci::use(to, "to"), soci::into(n);
        return n;
    };

    // Forged, or invalid: nothing is written, the form comes back with the values and messages.
    EXPECT_EQ(http().request("POST", "/signup", headers, body(email, password, "student", false)).status, 403);
    auto weak = http().request("POST", "/signup", headers, body(email, "azerty", "student"));
    EXPECT_EQ(weak.status, 422);
    EXPECT_NE(weak.body.find("au moins 12 caractères"), std::string::npos);
    EXPECT_NE(weak.body.find("value=\"Sasha Dupont\""), std::string::npos);
    EXPECT_NE(weak.body.find("value=\"" + email + "\""), std::string::npos);
    // Each problem is next to its field and summarised at the top, linked to the field.
    EXPECT_NE(weak.body.find("<a href=\"#password\">"), std::string::npos) << "the summary links to the field";
    EXPECT_NE(weak.body.find("aria-describedby=\"password-help password-error\" aria-invalid=\"true\""), std::string::npos);
    EXPECT_NE(weak.body.find("<small class=\"field-error\" id=\"password-error\">"), std::string::npos);
    // Without consent to the terms and privacy notice, no account (RGPD).
    auto no_consent = http().request("POST", "/signup", headers, body(email, password, "student", true, false));
    EXPECT_EQ(no_consent.status, 422);
    EXPECT_NE(no_consent.body.find("acceptez les conditions d&apos;utilisation"), std::string::npos);
    EXPECT_NE(no_consent.body.find("id=\"consent-error\""), std::string::npos);
    EXPECT_NE(no_consent.body.find("href=\"/privacy\""), std::string::npos);
    // An empty name is a missing name, a long one is too long, and stays to be shortened.
    const std::string long_name(120, 'n');
    auto long_one = http().request("POST", "/signup", headers,
                                   "display_name=" + long_name + "&email=" + url_encode(email) +
                                       "&role=student&password=" + url_encode(password) + "&consent=1&csrf=" + csrf);
    EXPECT_EQ(long_one.status, 422);
    EXPECT_NE(long_one.body.find("value=\"" + long_name + "\""), std::string::npos) << "kept for correction";
    EXPECT_NE(long_one.body.find("trop long"), std::string::npos);
    auto nameless = http().request("POST", "/signup", headers,
                                   "display_name=+&email=" + url_encode(email) +
                                       "&role=student&password=" + url_encode(password) + "&consent=1&csrf=" + csrf);
    EXPECT_NE(nameless.body.find("Indiquez votre nom"), std::string::npos);
    EXPECT_EQ(nameless.body.find("trop long"), std::string::npos);
    auto staff = http().request("POST", "/signup", headers, body(email, password, "staff"));
    EXPECT_EQ(staff.status, 422) << "nobody makes themself staff";
    auto bad_email = http().request("POST", "/signup", headers, body("not-an-address", password, "student"));
    EXPECT_NE(bad_email.body.find("L&apos;adresse e-mail n&apos;est pas valide."), std::string::npos);
    auto broken = http().request("POST", "/signup", headers,
                                 "display_name=%FF%FE&email=x%40y.fr&role=student&password=abc&csrf=" + csrf);
    EXPECT_EQ(broken.status, 400);
    EXPECT_EQ(outbox_count(email), 0);

    auto done = http().request("POST", "/signup", headers, body(email, password, "student"));
    EXPECT_EQ(done.status, 200);
    EXPECT_NE(done.body.find("Vérifiez votre boîte e-mail"), std::string::npos);
    EXPECT_EQ(outbox_count(email), 1);
    // Signing up again with the same address: the same answer, and no second account or mail.
    auto again = http().request("POST", "/signup", headers, body(email, password, "student"));
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.body, done.body);
    EXPECT_EQ(outbox_count(email), 1);

    // Not confirmed yet: no log-in.
    const std::string login_body = "email=" + url_encode(email) + "&password=" + url_encode(password) + "&csrf=" + csrf;
    EXPECT_EQ(http().request("POST", "/login", headers, login_body).status, 403);

    // The link in the queued mail confirms the address, once.
    std::string text;
    {
        latitudes::store::Database db(latitudes::store::DatabaseUrl::parse(url_), 1);
        latitudes::store::Lease s(db);
        *s << "SELECT body_text FROM mail_outbox WHERE to_address = :to", soci::use(email, "to"), soci::into(text);
    }
    const auto at = text.find("/confirm?token=");
    ASSERT_NE(at, std::string::npos) << text;
    const std::string link = text.substr(at, text.find_first_of(" \n", at) - at);
    EXPECT_EQ(http().get(link).status, 200);
    EXPECT_EQ(http().get(link).status, 400) << "single use";
    EXPECT_EQ(http().get("/confirm?token=forged").status, 400);
    auto logged = http().request("POST", "/login", headers, login_body);
    EXPECT_EQ(logged.status, 303);
    EXPECT_FALSE(set_cookie_value(logged, "sid").empty());
}

TEST_F(Http, PasswordResetByEmailedLinkLogsOutEverywhere) {
    const std::string email = "forgetful." + std::to_string(::getpid()) + "@latitudes.example";
    const std::string old_password = "correct horse battery staple 42";
    const std::string new_password = "un nouveau mot de passe solide";
    ASSERT_EQ(run_latitudes({"user", "create", "--email", email, "--role", "student", "--database", url_}, old_password + "\n")
                  .exit_code,
              0);
    const std::string csrf = set_cookie_value(http().get("/password/forgot"), "csrf");
    const std::vector<std::string> headers{"Content-Type: application/x-www-form-urlencoded", "Cookie: csrf=" + csrf};
    auto login = [&](const std::string& password) {
        return http().request("POST", "/login", headers,
                              "email=" + url_encode(email) + "&password=" + url_encode(password) + "&csrf=" + csrf);
    };
    const std::string old_sid = set_cookie_value(login(old_password), "sid");
    ASSERT_FALSE(old_sid.empty());
    auto last_link = [&](const std::string& to) {
        latitudes::store::Database db(latitudes::store::DatabaseUrl::parse(url_), 1);
        latitudes::store::Lease s(db);
        std::string text;
        *s << "SELECT body_text FROM mail_outbox WHERE to_address = :to AND template = 'reset_password' ORDER BY id DESC LIMIT 1",
            soci::use(to, "to"), soci::into(text);
        const auto at = text.find("/password/reset?token=");
        return at == std::string::npos ? std::string() : text.substr(at, text.find_first_of(" \n", at) - at);
    };

    // Known and unknown addresses get the same answer; only the known one gets a mail.
    auto known = http().request("POST", "/password/forgot", headers, "email=" + url_encode(email) + "&csrf=" + csrf);
    auto unknown = http().request("POST", "/password/forgot", headers, "email=ghost%40latitudes.example&csrf=" + csrf);
    EXPECT_EQ(known.status, 200);
    EXPECT_EQ(known.body, unknown.body);
    EXPECT_TRUE(last_link("ghost@latitudes.example").empty());
    const std::string link = last_link(email);
    ASSERT_FALSE(link.empty());
    const std::string token = link.substr(link.find("token=") + 6, link.find('&') - link.find("token=") - 6);

    auto form = http().get(link);
    EXPECT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("value=\"" + token + "\""), std::string::npos);
    // A weak password is refused and the link still works.
    auto weak = http().request("POST", "/password/reset", headers, "token=" + token + "&password=azerty&csrf=" + csrf);
    EXPECT_EQ(weak.status, 422);
    EXPECT_TRUE(latitudes::test::shows_field_error(weak.body, "password")) << "at the field, summarised and linked";
    EXPECT_NE(weak.body.find("aria-describedby=\"password-help password-error\""), std::string::npos);
    auto done = http().request("POST", "/password/reset", headers,
                               "token=" + token + "&password=" + url_encode(new_password) + "&csrf=" + csrf);
    EXPECT_EQ(done.status, 200);
    EXPECT_EQ(http()
                  .request("POST", "/password/reset", headers,
                           "token=" + token + "&password=" + url_encode(new_password) + "&csrf=" + csrf)
                  .status,
              400)
        << "single use";
    EXPECT_EQ(http().get("/me", {"Cookie: sid=" + old_sid}).status, 303) << "sessions revoked by the change";
    EXPECT_EQ(login(old_password).status, 401);
    EXPECT_EQ(login(new_password).status, 303);
}

TEST_F(Http, MonEspaceChangesThePasswordAndExportsMyData) {
    const std::string email = "self." + std::to_string(::getpid()) + "@latitudes.example";
    const std::string password = "correct horse battery staple 42", next = "un autre mot de passe long";
    ASSERT_EQ(run_latitudes({"user", "create", "--email", email, "--role", "researcher", "--database", url_}, password + "\n")
                  .exit_code,
              0);
    const std::string csrf = set_cookie_value(http().get("/login"), "csrf");
    const std::vector<std::string> anon{"Content-Type: application/x-www-form-urlencoded", "Cookie: csrf=" + csrf};
    auto login = [&](const std::string& pass) {
        return set_cookie_value(http().request("POST", "/login", anon,
                                               "email=" + url_encode(email) + "&password=" + url_encode(pass) + "&csrf=" + csrf),
                                "sid");
    };
    const std::string first = login(password), second = login(password);
    ASSERT_FALSE(first.empty());
    ASSERT_FALSE(second.empty());
    const std::string token = hidden_csrf(http().get("/me", {"Cookie: sid=" + first}).body);
    const std::vector<std::string> mine{"Content-Type: application/x-www-form-urlencoded", "Cookie: sid=" + first};

    auto wrong = http().request("POST", "/me/password", mine,
                                "current_password=nope&new_password=" + url_encode(next) + "&csrf=" + token);
    EXPECT_EQ(wrong.status, 422);
    EXPECT_NE(wrong.body.find("Le mot de passe actuel est incorrect."), std::string::npos);
    auto weak = http().request("POST", "/me/password", mine,
                               "current_password=" + url_encode(password) + "&new_password=azerty&csrf=" + token);
    EXPECT_EQ(weak.status, 422);
    EXPECT_EQ(http()
                  .request("POST", "/me/password", {"Content-Type: application/x-www-form-urlencoded", "Cookie: sid=" + first},
                           "current_password=" + url_encode(password) + "&new_password=" + url_encode(next))
                  .status,
              403);
    auto changed = http().request("POST", "/me/password", mine,
                                  "current_password=" + url_encode(password) + "&new_password=" + url_encode(next) +
                                      "&csrf=" + token);
    EXPECT_EQ(changed.status, 200);
    EXPECT_NE(changed.body.find("data-testid=\"me-notice\""), std::string::npos);
    EXPECT_EQ(http().get("/me", {"Cookie: sid=" + first}).status, 200) << "this session stays";
    EXPECT_EQ(http().get("/me", {"Cookie: sid=" + second}).status, 303) << "the others end";
    EXPECT_TRUE(login(password).empty());
    EXPECT_FALSE(login(next).empty());

    auto exported = http().get("/me/export", {"Cookie: sid=" + first});
    ASSERT_EQ(exported.status, 200);
    EXPECT_NE(exported.header("content-disposition").find("attachment"), std::string::npos);
    const auto data = json::parse(exported.body);
    EXPECT_EQ(data["person"]["email"], email);
    EXPECT_EQ(data["person"]["role"], "researcher");
    EXPECT_GE(data["sessions"].size(), 3u);
    EXPECT_EQ(exported.body.find("password_hash"), std::string::npos);
    EXPECT_EQ(exported.body.find("$argon2id$"), std::string::npos) << "no secret in the export";
    EXPECT_EQ(http().get("/me/export").status, 303);

    // Deleting the account needs the password; then the person is nameless and cannot log in.
    const std::string fresh = hidden_csrf(http().get("/me", {"Cookie: sid=" + first}).body);
    EXPECT_EQ(http().request("POST", "/me/delete", mine, "current_password=wrong&csrf=" + fresh).status, 422);
    auto deleted = http().request("POST", "/me/delete", mine, "current_password=" + url_encode(next) + "&csrf=" + fresh);
    EXPECT_EQ(deleted.status, 200);
    EXPECT_EQ(http().get("/me", {"Cookie: sid=" + first}).status, 303);
    EXPECT_TRUE(login(next).empty());
    latitudes::store::Database db(latitudes::store::DatabaseUrl::parse(url_), 1);
    latitudes::store::Lease s(db);
    int named = 0, audit = 0;
    *s << "SELECT COUNT(*) FROM people WHERE email = :e OR display_name = 'Camille'", soci::use(email, "e"), soci::into(named);
    *s << "SELECT COUNT(*) FROM audit_log WHERE action = 'self_erase_account'", soci::into(audit);
    EXPECT_EQ(named, 0);
    EXPECT_GE(audit, 1);
}

TEST_F(Http, CreateAnOrganisationThatStaysPrivateUntilVerified) {
    const std::string pid = std::to_string(::getpid());
    const std::string password = "correct horse battery staple 42";
    const std::string founder = "founder." + pid + "@latitudes.example", stranger = "stranger." + pid + "@latitudes.example";
    ASSERT_EQ(run_latitudes({"user", "create", "--email", founder, "--name", "Fanny Fondatrice", "--role", "beneficiary",
                             "--database", url_},
                            password + "\n")
                  .exit_code,
              0);
    ASSERT_EQ(run_latitudes({"user", "create", "--email", stranger, "--role", "student", "--database", url_}, password + "\n")
                  .exit_code,
              0);
    const std::string csrf = set_cookie_value(http().get("/login"), "csrf");
    auto login = [&](const std::string& email) {
        return set_cookie_value(
            http().request("POST", "/login", {"Content-Type: application/x-www-form-urlencoded", "Cookie: csrf=" + csrf},
                           "email=" + url_encode(email) + "&password=" + url_encode(password) + "&csrf=" + csrf),
            "sid");
    };
    EXPECT_EQ(http().get("/orgs/new").status, 303) << "log in first";
    const std::string sid = login(founder);
    ASSERT_FALSE(sid.empty());
    auto form = http().get("/orgs/new", {"Cookie: sid=" + sid});
    ASSERT_EQ(form.status, 200);
    const std::string token = hidden_csrf(form.body);
    const std::vector<std::string> headers{"Content-Type: application/x-www-form-urlencoded", "Cookie: sid=" + sid};
    const std::string name = "Les Amis du Code " + pid;

    EXPECT_EQ(http().request("POST", "/orgs/new", headers, "name=" + url_encode(name) + "&kind=association").status, 403)
        << "no CSRF token";
    auto bad = http().request("POST", "/orgs/new", headers, "name=x&kind=empire&website=javascript:alert(1)&csrf=" + token);
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("Indiquez un nom de 2 à 120 caractères."), std::string::npos);
    EXPECT_NE(bad.body.find("Choisissez un type dans la liste."), std::string::npos);
    EXPECT_NE(bad.body.find("Le site web doit être une adresse"), std::string::npos);

    auto created = http().request("POST", "/orgs/new", headers,
                                  "name=" + url_encode(name) +
                                      "&kind=association&city=Lyon&website=https%3A%2F%2Famis.example&csrf=" + token);
    ASSERT_EQ(created.status, 303);
    const std::string page = created.header("location");
    EXPECT_EQ(page.rfind("/orgs/les-amis-du-code-", 0), 0u) << page;
    auto mine = http().get(page, {"Cookie: sid=" + sid});
    ASSERT_EQ(mine.status, 200);
    EXPECT_NE(mine.body.find("data-testid=\"org-unverified\""), std::string::npos);
    EXPECT_NE(mine.body.find("Fanny Fondatrice"), std::string::npos);
    EXPECT_NE(mine.body.find("administrateur·rice"), std::string::npos);
    // Unverified: strangers and anonymous visitors cannot even tell it exists.
    EXPECT_EQ(http().get(page).status, 404);
    EXPECT_EQ(http().get(page, {"Cookie: sid=" + login(stranger)}).status, 404);
    // A second organisation with the same name gets its own address.
    auto twin = http().request("POST", "/orgs/new", headers, "name=" + url_encode(name) + "&kind=company&csrf=" + token);
    EXPECT_EQ(twin.status, 303);
    EXPECT_NE(twin.header("location"), page);

    // Only staff verify; then the organisation is public, its members list still private.
    EXPECT_EQ(http().request("POST", page + "/verify", headers, "csrf=" + token).status, 403) << "the admin is not staff";
    const std::string staff_email = "verifier." + pid + "@latitudes.example";
    ASSERT_EQ(run_latitudes({"user", "create", "--email", staff_email, "--role", "staff", "--database", url_}, password + "\n")
                  .exit_code,
              0);
    const std::string staff_sid = login(staff_email);
    auto staff_view = http().get(page, {"Cookie: sid=" + staff_sid});
    ASSERT_EQ(staff_view.status, 200) << "staff see unverified organisations";
    const std::string staff_csrf = hidden_csrf(staff_view.body);
    EXPECT_EQ(http()
                  .request("POST", page + "/verify",
                           {"Content-Type: application/x-www-form-urlencoded", "Cookie: sid=" + staff_sid}, "csrf=" + staff_csrf)
                  .status,
              303);
    auto public_view = http().get(page);
    EXPECT_EQ(public_view.status, 200);
    EXPECT_EQ(public_view.body.find("data-testid=\"org-members\""), std::string::npos);
    EXPECT_EQ(public_view.body.find("data-testid=\"org-unverified\""), std::string::npos);
    EXPECT_EQ(http()
                  .request("POST", "/orgs/no-such-org/verify",
                           {"Content-Type: application/x-www-form-urlencoded", "Cookie: sid=" + staff_sid}, "csrf=" + staff_csrf)
                  .status,
              404);
}

TEST_F(Http, LogInIsThrottledPerAccount) {
    const std::string email = "throttled." + std::to_string(::getpid()) + "@latitudes.example";
    const std::string password = "another long passphrase 77";
    ASSERT_EQ(
        run_latitudes({"user", "create", "--email", email, "--role", "student", "--database", url_}, password + "\n").exit_code,
        0);
    const std::string csrf = set_cookie_value(http().get("/login"), "csrf");
    const std::vector<std::string> headers{"Content-Type: application/x-www-form-urlencoded", "Cookie: csrf=" + csrf};
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(http().request("POST", "/login", headers, "email=" + url_encode(email) + "&password=bad&csrf=" + csrf).status,
                  401);
    auto blocked = http().request("POST", "/login", headers,
                                  "email=" + url_encode(email) + "&password=" + url_encode(password) + "&csrf=" + csrf);
    EXPECT_EQ(blocked.status, 429);
    EXPECT_TRUE(set_cookie_value(blocked, "sid").empty());
    EXPECT_NE(blocked.body.find("Trop de tentatives"), std::string::npos);
}

TEST_F(Http, MigrateAgainIsANoOpWhileServing) {
    auto r = run_latitudes({"migrate", "--database", url_});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("up to date"), std::string::npos) << r.output;
    auto seed = run_latitudes({"seed", "--demo", "--database", url_});
    EXPECT_EQ(seed.exit_code, 0);
    EXPECT_NE(seed.output.find("already has projects"), std::string::npos) << seed.output;
}

TEST_F(Http, ZGracefulShutdownOnSigterm) {
    // Requests in flight when SIGTERM arrives are answered; the process exits 0.
    std::vector<std::thread> clients;
    std::atomic<int> answered{0};
    for (int i = 0; i < 8; ++i)
        clients.emplace_back([&] {
            try {
                if (http().get("/impact").status == 200) ++answered;
            } catch (const std::exception&) {
            }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(server_->stop(), 0);
    for (auto& t : clients) t.join();
    EXPECT_GT(answered.load(), 0);
}

// Command-line failures: one clear line on stderr, a non-zero exit, no crash.
TEST(Cli, BadDatabaseUrlsAndBusyPortsFailCleanly) {
    auto bad = run_latitudes({"migrate", "--database", "mysql://nope"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.output.find("invalid database URL"), std::string::npos) << bad.output;
    EXPECT_EQ(std::count(bad.output.begin(), bad.output.end(), '\n'), 1) << bad.output;

    auto unreachable = run_latitudes({"migrate", "--database", "postgresql://u:secret@127.0.0.1:1/db"});
    EXPECT_EQ(unreachable.exit_code, 1);
    EXPECT_NE(unreachable.output.find("cannot open database"), std::string::npos) << unreachable.output;
    EXPECT_EQ(unreachable.output.find("secret"), std::string::npos) << "password leaked: " << unreachable.output;

    const std::string url = fresh_sqlite_url("cli");
    ASSERT_EQ(run_latitudes({"migrate", "--database", url}).exit_code, 0);
    ServerProcess server(url);
    auto busy = run_latitudes({"serve", "--port", std::to_string(server.port()), "--database", url, "--access-log", "off"});
    EXPECT_EQ(busy.exit_code, 1);
    EXPECT_NE(busy.output.find("cannot listen on 127.0.0.1:" + std::to_string(server.port())), std::string::npos) << busy.output;
    EXPECT_EQ(server.stop(), 0);

    auto no_args = run_latitudes({});
    EXPECT_NE(no_args.exit_code, 0);
    auto help = run_latitudes({"serve", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.output.find("--database"), std::string::npos);
    auto version = run_latitudes({"version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_EQ(version.output.rfind("latitudes ", 0), 0u);
}

TEST(Cli, UserCreateMakesAStaffAccountWithACheckedPassword) {
    const std::string url = fresh_database_url("cli_user");
    auto created = run_latitudes({"user", "create", "--email", "Admin@Latitudes.example", "--role", "staff", "--database", url},
                                 "correct horse battery staple 42\n");
    EXPECT_EQ(created.exit_code, 0) << created.output;
    EXPECT_NE(created.output.find("created the staff account admin@latitudes.example"), std::string::npos) << created.output;
    EXPECT_EQ(created.output.find("correct horse"), std::string::npos) << "the password is never printed";

    auto again = run_latitudes({"user", "create", "--email", "admin@latitudes.example", "--database", url},
                               "another long passphrase 77\n");
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.output.find("already uses"), std::string::npos) << again.output;

    auto weak = run_latitudes({"user", "create", "--email", "b@latitudes.example", "--database", url}, "azerty\n");
    EXPECT_EQ(weak.exit_code, 1);
    EXPECT_NE(weak.output.find("too_short"), std::string::npos) << weak.output;
    EXPECT_EQ(std::count(weak.output.begin(), weak.output.end(), '\n'), 1) << weak.output;

    auto bad_role = run_latitudes({"user", "create", "--email", "c@latitudes.example", "--role", "king", "--database", url},
                                  "correct horse battery staple 42\n");
    EXPECT_EQ(bad_role.exit_code, 1);
    EXPECT_NE(bad_role.output.find("unknown role 'king'"), std::string::npos) << bad_role.output;

    latitudes::store::Database db(latitudes::store::DatabaseUrl::parse(url), 1);
    latitudes::store::Lease s(db);
    int accounts = 0, audited = 0;
    *s << "SELECT COUNT(*) FROM accounts", soci::into(accounts);
    *s << "SELECT COUNT(*) FROM audit_log WHERE action = 'cli_create_account'", soci::into(audited);
    EXPECT_EQ(accounts, 1);
    EXPECT_EQ(audited, 1);
}

TEST(Cli, ReadOnlyDatabaseFileIsReportedInOneLine) {
    if (geteuid() == 0) {
        // root ignores file permissions; use a file on a path that cannot be written instead.
        auto r = run_latitudes({"migrate", "--database", "sqlite:/proc/latitudes.db"});
        EXPECT_EQ(r.exit_code, 1);
        EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
        return;
    }
    const std::string url = fresh_sqlite_url("readonly");
    ASSERT_EQ(run_latitudes({"migrate", "--database", url}).exit_code, 0);
    std::filesystem::permissions(url.substr(7), std::filesystem::perms::owner_read);
    auto r = run_latitudes({"migrate", "--database", url});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("read-only"), std::string::npos) << r.output;
}
