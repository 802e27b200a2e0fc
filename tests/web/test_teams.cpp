// Team workspaces, walked with real teams by every kind of visitor: the team's student, its
// supervisor, a teacher of its school, a contact of its beneficiary and staff see it; a student of
// another team, a member of another organisation and a student of no team get 404 on every team
// route, whatever the method, so they learn nothing; an anonymous visitor is sent to log in. Then
// an opportunity's team: its accepted applicants, and nobody else. In-process, on SQLite and
// PostgreSQL.
#include "support/in_process_site.hpp"

#include "web/handlers/handlers.hpp"
#include "web/router.hpp"

#include <gtest/gtest.h>

using namespace latitudes::test;
using namespace latitudes;

namespace {

std::string replaced(std::string pattern, const std::string& team_id) {
    // {id} is the team; any other parameter (a document, an update, a version) a number.
    for (auto open = pattern.find('{'); open != std::string::npos; open = pattern.find('{')) {
        const auto close = pattern.find('}', open);
        const std::string name = pattern.substr(open + 1, close - open - 1);
        pattern.replace(open, close - open + 1, name == "id" ? team_id : "1");
    }
    return pattern;
}

bool is_team_route(const std::string& pattern) {
    return pattern.rfind("/teams/{id}", 0) == 0 || pattern.rfind("/api/v1/teams/{id}", 0) == 0;
}

}  // namespace

class Teams : public InProcessSite<Teams> {
protected:
    static long long person(const std::string& who, const std::string& role) { return create_account(url_, email(who), role); }
    static void join_organisation(long long person_id, const std::string& slug) {
        scalar(url_, "INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT " +
                         std::to_string(person_id) + ", id, 'member', '2026-01-01T00:00:00Z' FROM organisations WHERE slug = '" +
                         slug + "' RETURNING person_id");
    }
    static long long team_of(const std::string& project_slug) {
        return scalar(url_,
                      "SELECT t.id FROM teams t JOIN projects p ON p.id = t.project_id WHERE p.slug = '" + project_slug + "'");
    }
    static void join_team(long long team_id, long long person_id) {
        scalar(url_, "INSERT INTO team_members (team_id, person_id) VALUES (" + std::to_string(team_id) + ", " +
                         std::to_string(person_id) + ") RETURNING team_id");
    }
    static HttpResponse send(const Browser& who, const std::string& method, const std::string& target) {
        if (target.rfind("/api/", 0) == 0)
            return http().request(method, target, who.headers({"Content-Type: application/json", "X-CSRF-Token: " + who.csrf}),
                                  method == "GET" ? "" : "{}");
        return method == "GET" ? who.get(http(), target) : who.post(http(), target);
    }
};

TEST_F(Teams, EveryTeamRouteAnswersOnlyThoseOfTheWorkspace) {
    // Team A works for Eau Vive Sahel from ESI Garonne; a campaign named its supervisor.
    const long long team_a = team_of("capteurs-points-eau"), team_b = team_of("maintenance-kits-solaires");
    ASSERT_GT(team_a, 0);
    ASSERT_GT(team_b, 0);
    const long long student = person("team-student", "student"), other_student = person("other-team", "student");
    const long long supervisor = person("supervisor", "professional"), teacher = person("teacher", "coordinator");
    const long long contact = person("contact", "beneficiary"), other_org = person("other-org", "beneficiary");
    person("no-team", "student");
    person("staff", "staff");
    join_team(team_a, student);
    join_team(team_b, other_student);
    join_organisation(teacher, "esigaronne");
    join_organisation(contact, "eau-vive-sahel");
    join_organisation(other_org, "solarlink");  // team B's beneficiary
    const std::string a = std::to_string(team_a);
    const long long campaign = scalar(
        url_, "INSERT INTO campaigns (school_id, semester_id, title, opens_at, closes_at, choices, min_choices, created_at) "
              "SELECT t.school_id, t.semester_id, 'Campagne du walk', '2026-08-01T00:00:00Z', '2026-08-15T00:00:00Z', 3, 1, "
              "'2026-07-01T00:00:00Z' FROM teams t WHERE t.id = " +
                  a + " RETURNING id");
    scalar(url_, "INSERT INTO campaign_projects (campaign_id, project_id, team_min, team_max, supervisor_id) SELECT " +
                     std::to_string(campaign) + ", project_id, 2, 4, " + std::to_string(supervisor) +
                     " FROM teams WHERE id = " + a + " RETURNING campaign_id");
    scalar(url_, "UPDATE teams SET campaign_id = " + std::to_string(campaign) + " WHERE id = " + a + " RETURNING id");

    // The walk's other ids are 1: team A's document 1 and its version 1 exist, and upload 1 is
    // the team's student's, left open (the documents part, web/handlers/documents*.cpp).
    {
        const Browser owner = log_in(http(), email("team-student"));
        const auto post = [&](const std::string& method, const std::string& target, const std::string& body) {
            return http().request(method, "/api/v1/teams/" + a + "/documents" + target,
                                  owner.headers({"Content-Type: application/json", "X-CSRF-Token: " + owner.csrf}), body);
        };
        ASSERT_EQ(post("POST", "/uploads", R"({"kind":"other","title":"Walk","filename":"walk.md","size":5})").status, 201);
        ASSERT_EQ(post("POST", "/uploads", R"({"kind":"other","title":"Walk","filename":"walk.md","size":5})").status, 201);
        ASSERT_EQ(post("PUT", "/uploads/2/chunks/0", R"({"data":"aGVsbG8="})").status, 200);
        ASSERT_EQ(post("POST", "/uploads/2/finish", "{}").status, 201);
        ASSERT_EQ(count("SELECT COUNT(*) FROM document_versions WHERE id = 1 AND document_id = 1"), 1);
    }
    struct Visitor {
        std::string who;
        bool of_workspace;
        std::string standing;  // as the page says it
    };
    // (an apostrophe would be escaped: the texts are cut before it)
    const std::vector<Visitor> visitors{{"team-student", true, "membre de l"},
                                        {"supervisor", true, "encadrant·e"},
                                        {"teacher", true, "enseignant·e de l"},
                                        {"contact", true, "contact du bénéficiaire"},
                                        {"staff", true, "équipe Latitudes"},
                                        {"other-team", false, ""},
                                        {"other-org", false, ""},
                                        {"no-team", false, ""}};
    web::Router router;
    web::handlers::register_routes(router);
    int team_routes = 0;
    for (const auto& route : router.routes()) {
        if (!is_team_route(route.pattern)) continue;
        ++team_routes;
        const std::string target = replaced(route.pattern, a);
        const bool api = target.rfind("/api/", 0) == 0;
        // Anonymous: the page sends to the login form, the API answers 401.
        const auto anonymous = route.method == "GET" ? http().get(target) : http().request(route.method, target, {}, "");
        if (route.method == "GET") EXPECT_EQ(anonymous.status, api ? 401 : 303) << "anonymous " << route.method << " " << target;
        for (const auto& v : visitors) {
            const Browser browser = log_in(http(), email(v.who));
            const auto r = send(browser, route.method, target);
            SCOPED_TRACE(v.who + " " + route.method + " " + target);
            if (!v.of_workspace) {
                EXPECT_EQ(r.status, 404) << "a stranger to the workspace learns nothing";
                EXPECT_EQ(r.body.find("capteurs"), std::string::npos);
                EXPECT_EQ(r.body.find("Eau Vive"), std::string::npos);
                continue;
            }
            EXPECT_NE(r.status, 404);
            EXPECT_LT(r.status, 500);
            if (route.method == "GET" && route.pattern == "/teams/{id}") {
                EXPECT_EQ(r.status, 200);
                const auto at = r.body.find("data-testid=\"team-standing\"");
                ASSERT_NE(at, std::string::npos);
                const std::string said = r.body.substr(at, r.body.find("</p>", at) - at);
                EXPECT_NE(said.find(v.standing), std::string::npos) << "the page says what the visitor is there: " << said;
                EXPECT_NE(r.body.find("Eau Vive Sahel"), std::string::npos);
            }
        }
    }
    EXPECT_GE(team_routes, 1);

    // The page lists the people of the workspace; Mes équipes links every workspace one is of.
    const Browser staff = log_in(http(), email("staff"));
    const auto page = staff.get(http(), "/teams/" + a);
    EXPECT_NE(page.body.find(email("team-student")), std::string::npos);
    EXPECT_NE(page.body.find(email("supervisor")), std::string::npos);
    EXPECT_NE(page.body.find(email("teacher")), std::string::npos);
    EXPECT_NE(page.body.find(email("contact")), std::string::npos);
    EXPECT_EQ(page.body.find(email("other-team")), std::string::npos);
    for (const std::string who : {"team-student", "supervisor", "teacher", "contact"}) {
        const auto mine = log_in(http(), email(who)).get(http(), "/me/teams");
        EXPECT_NE(mine.body.find("href=\"/teams/" + a + "\""), std::string::npos) << who;
    }
    EXPECT_NE(log_in(http(), email("teacher")).get(http(), "/schools/esigaronne").body.find("href=\"/teams/" + a + "\""),
              std::string::npos)
        << "the school's space links its teams' workspaces";
    for (const std::string who : {"other-team", "other-org", "no-team"}) {
        const auto mine = log_in(http(), email(who)).get(http(), "/me/teams");
        EXPECT_EQ(mine.body.find("href=\"/teams/" + a + "\""), std::string::npos) << who;
    }
    EXPECT_NE(
        log_in(http(), email("other-team")).get(http(), "/me/teams").body.find("href=\"/teams/" + std::to_string(team_b) + "\""),
        std::string::npos);
}

TEST_F(Teams, AnOpportunitysTeamIsItsAcceptedApplicants) {
    const long long owner = person("fab-owner", "beneficiary");
    join_organisation(owner, "fab-inclusion");
    const long long accepted = person("intern", "student"), second = person("intern2", "student"),
                    declined = person("refused", "student");
    const auto application = [&](long long who) {
        return scalar(url_,
                      "INSERT INTO applications (project_id, person_id, message, status, created_at, updated_at) SELECT id, " +
                          std::to_string(who) +
                          ", 'Bonjour', 'pending', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM projects "
                          "WHERE slug = 'stage-data-impact-fab-inclusion' RETURNING id");
    };
    const Browser fab = log_in(http(), email("fab-owner"));
    const auto decide = [&](long long id, const std::string& decision) {
        return fab.post(http(), "/applications/" + std::to_string(id) + "/decision", "decision=" + decision + "&message=Merci");
    };
    const long long first_app = application(accepted), second_app = application(second), third_app = application(declined);
    EXPECT_EQ(
        count(
            "SELECT COUNT(*) FROM teams t JOIN projects p ON p.id = t.project_id WHERE p.slug = 'stage-data-impact-fab-inclusion'"),
        0)
        << "no team before anyone is accepted";
    EXPECT_EQ(decide(first_app, "accepted").status, 303);
    EXPECT_EQ(decide(second_app, "accepted").status, 303);
    EXPECT_EQ(decide(third_app, "declined").status, 303);
    const long long team = team_of("stage-data-impact-fab-inclusion");
    ASSERT_GT(team, 0);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM teams WHERE school_id IS NULL AND semester_id IS NULL AND id = " + std::to_string(team)), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM team_members WHERE team_id = " + std::to_string(team)), 2) << "one team, both accepted";
    const std::string path = "/teams/" + std::to_string(team);
    EXPECT_EQ(log_in(http(), email("intern")).get(http(), path).status, 200);
    EXPECT_EQ(log_in(http(), email("intern2")).get(http(), path).status, 200);
    EXPECT_EQ(fab.get(http(), path).status, 200) << "the beneficiary's contact";
    EXPECT_EQ(log_in(http(), email("refused")).get(http(), path).status, 404);
    const auto page = fab.get(http(), path);
    EXPECT_NE(page.body.find(email("intern2")), std::string::npos);
    EXPECT_EQ(page.body.find(email("refused")), std::string::npos);
}
