// The cohorts and campaigns API, walked with real ids by each kind of visitor: the school's
// coordinator, a coordinator of another school, the campaign's students, a student of no cohort,
// staff and an anonymous visitor; then the whole journey (import with its preview, campaign,
// rankings a tampered request cannot bend, both runs, a move, exports, publication, the team and
// why). In-process through Site::handle, on SQLite and PostgreSQL.
#include "support/in_process_site.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace latitudes::test;
using namespace latitudes;
using nlohmann::json;

class CampaignsApi : public InProcessSite<CampaignsApi> {
protected:
    static HttpResponse send(const Browser& who, const std::string& method, const std::string& target, const std::string& body,
                             const std::string& type = "Content-Type: application/json") {
        auto headers = who.headers({type, "X-CSRF-Token: " + who.csrf});
        return http().request(method, target, headers, body);
    }
    static long long member(const std::string& who, const std::string& role, const std::string& school) {
        const long long id = create_account(url_, email(who), role, "Person " + who);
        if (!school.empty())
            scalar(url_, "INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT " + std::to_string(id) +
                             ", id, 'admin', '2026-01-01T00:00:00Z' FROM organisations WHERE slug = '" + school +
                             "' RETURNING person_id");
        return id;
    }
};

TEST_F(CampaignsApi, EachVisitorSeesOnlyWhatIsTheirsAndTheJourneyGoesToTheTeams) {
    member("coord", "coordinator", "centralesupelec");
    member("other-coord", "coordinator", "eivl");
    create_account(url_, email("staff"), "staff");
    Browser coordinator = log_in(http(), email("coord")), other = log_in(http(), email("other-coord")),
            staff = log_in(http(), email("staff"));
    std::vector<Browser> students;
    std::string csv = "Pr\xE9nom;Nom;Adresse e-mail;Groupe\r\n";  // Windows-1252, as Excel saves it
    for (int i = 0; i < 3; ++i) {
        create_account(url_, email("etu" + std::to_string(i)), "student");
        students.push_back(log_in(http(), email("etu" + std::to_string(i))));
        csv += "\xC9lodie;Num" + std::to_string(i) + ";" + email("etu" + std::to_string(i)) + ";TD1\r\n";
    }
    csv += "Sans;Adresse;;TD2\r\n";
    create_account(url_, email("outsider"), "student");
    Browser outsider = log_in(http(), email("outsider"));

    // A cohort: only the school's members (or staff) make one.
    const std::string cohort_body = R"({"school":"centralesupelec","semester":"2027-P","course":"Projet solidaire 2A"})";
    EXPECT_EQ(send(other, "POST", "/api/v1/cohorts", cohort_body).status, 404) << "another school's coordinator";
    EXPECT_EQ(send(outsider, "POST", "/api/v1/cohorts", cohort_body).status, 404);
    EXPECT_EQ(send(coordinator, "POST", "/api/v1/cohorts", R"({"school":"fab-inclusion","course":"x"})").status, 404)
        << "not their organisation";
    EXPECT_EQ(
        send(coordinator, "POST", "/api/v1/cohorts", R"({"school":"centralesupelec","semester":"1999","course":"x"})").status,
        422);
    const auto cohort = send(coordinator, "POST", "/api/v1/cohorts", cohort_body);
    ASSERT_EQ(cohort.status, 201) << cohort.body;
    const std::string cohort_id = std::to_string(json::parse(cohort.body)["id"].get<long long>());

    // The students: a preview first (nothing written), then every accepted row.
    const std::string students_url = "/api/v1/cohorts/" + cohort_id + "/students";
    EXPECT_EQ(send(other, "POST", students_url, csv, "Content-Type: text/csv").status, 404);
    EXPECT_EQ(send(students[0], "POST", students_url, csv, "Content-Type: text/csv").status, 404);
    EXPECT_EQ(http().request("POST", students_url, {"Content-Type: text/csv"}, csv).status, 401);
    const auto preview = send(coordinator, "POST", students_url + "?dry_run=1", csv, "Content-Type: text/csv");
    ASSERT_EQ(preview.status, 200) << preview.body;
    const auto p = json::parse(preview.body);
    EXPECT_EQ(p["encoding"], "windows-1252");
    EXPECT_EQ(p["accepted"], 3);
    EXPECT_EQ(p["refused"], 1);
    EXPECT_EQ(p["rows"][0]["first_name"], "Élodie");
    EXPECT_EQ(p["rows"][3]["problems"][0]["code"], "email_missing");
    EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_students WHERE cohort_id = " + cohort_id), 0);
    const auto imported = send(coordinator, "POST", students_url, csv, "Content-Type: text/csv");
    ASSERT_EQ(imported.status, 200);
    EXPECT_EQ(json::parse(imported.body)["joined"], 3);
    EXPECT_EQ(send(coordinator, "POST", students_url, "", "Content-Type: text/csv").status, 422) << "an empty file";

    // The campaign: open now, three projects, two choices each.
    const json campaign_body{
        {"school", "centralesupelec"},
        {"title", "Projets solidaires"},
        {"opens_at", "2026-01-01T00:00"},
        {"closes_at", "2030-01-01T00:00"},
        {"choices", 2},
        {"min_choices", 2},
        {"cohorts", {std::stoll(cohort_id)}},
        {"projects",
         {{{"slug", "jeux-lecture"}, {"team_min", 1}, {"team_max", 1}}, "cv-accessible", "estimation-prix-occasion"}}};
    EXPECT_EQ(send(other, "POST", "/api/v1/campaigns", campaign_body.dump()).status, 404);
    auto bad = campaign_body;
    bad["choices"] = 0;
    EXPECT_EQ(send(coordinator, "POST", "/api/v1/campaigns", bad.dump()).status, 422);
    const auto created = send(coordinator, "POST", "/api/v1/campaigns", campaign_body.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = std::to_string(json::parse(created.body)["id"].get<long long>());
    const std::string campaign = "/api/v1/campaigns/" + id;

    // Who reads it: the school and staff (with the runs), its students (with their ranking), nobody else.
    EXPECT_EQ(send(other, "GET", campaign, "").status, 404);
    EXPECT_EQ(send(outsider, "GET", campaign, "").status, 404);
    EXPECT_EQ(http().request("GET", campaign).status, 401);
    const auto seen = send(students[0], "GET", campaign, "");
    ASSERT_EQ(seen.status, 200);
    EXPECT_EQ(json::parse(seen.body)["state"], "open");
    EXPECT_FALSE(json::parse(seen.body).contains("runs")) << "a student sees no runs";
    EXPECT_TRUE(json::parse(send(staff, "GET", campaign, "").body).contains("runs"));

    // Rankings: the server enforces the number and refuses duplicates and strangers.
    const std::string ranking = campaign + "/ranking";
    EXPECT_EQ(send(students[0], "PUT", ranking, R"({"projects":["jeux-lecture","jeux-lecture"]})").status, 422);
    EXPECT_EQ(send(students[0], "PUT", ranking, R"({"projects":["jeux-lecture"]})").status, 422);
    EXPECT_EQ(send(outsider, "PUT", ranking, R"({"projects":["jeux-lecture","cv-accessible"]})").status, 404);
    // The page: a student builds the order with buttons (no JavaScript needed), then saves it.
    const std::string page = "/campaigns/" + id;
    EXPECT_EQ(outsider.get(http(), page).status, 404);
    EXPECT_EQ(other.get(http(), page).status, 404);
    const auto empty = students[1].get(http(), page);
    ASSERT_EQ(empty.status, 200);
    EXPECT_NE(empty.body.find("data-testid=\"campaign-no-choice\""), std::string::npos);
    auto added = students[1].post(http(), page + "/ranking", "add=cv-accessible&move=add");
    ASSERT_EQ(added.status, 200);
    EXPECT_NE(added.body.find("pas encore enregistrée"), std::string::npos) << "an edit is not a save";
    added = students[1].post(http(), page + "/ranking", "choice=cv-accessible&add=jeux-lecture&move=add");
    // Every button sends the whole form, the select of projects to add included: only "add" adds.
    const auto up = students[1].post(http(), page + "/ranking",
                                     "choice=cv-accessible&choice=jeux-lecture&add=estimation-prix-occasion&move=up%3A1");
    ASSERT_EQ(up.status, 200);
    EXPECT_LT(up.body.find("data-slug=\"jeux-lecture\""), up.body.find("data-slug=\"cv-accessible\"")) << "moved up";
    EXPECT_EQ(up.body.find("data-slug=\"estimation-prix-occasion\""), std::string::npos) << "not added by another button";
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM rankings WHERE campaign_id = " + id), 0) << "nothing saved yet";
    const auto too_few = students[1].post(http(), page + "/ranking", "choice=jeux-lecture&intent=save");
    EXPECT_EQ(too_few.status, 422) << "too few";
    // The problem is at the list, summarised at the top and linked to it; the list stays as sent.
    EXPECT_NE(too_few.body.find("<a href=\"#ranking\">"), std::string::npos);
    EXPECT_NE(too_few.body.find("id=\"ranking\" tabindex=\"-1\" data-testid=\"ranking\" aria-describedby=\"ranking-error\""),
              std::string::npos);
    EXPECT_NE(too_few.body.find("<small class=\"field-error\" id=\"ranking-error\">"), std::string::npos);
    EXPECT_NE(too_few.body.find("name=\"choice\" value=\"jeux-lecture\""), std::string::npos);
    EXPECT_EQ(students[1].post(http(), page + "/ranking", "choice=jeux-lecture&choice=jeux-lecture&intent=save").status, 422);
    const auto saved = students[1].post(http(), page + "/ranking",
                                        "choice=jeux-lecture&choice=cv-accessible&add=estimation-prix-occasion&intent=save");
    EXPECT_EQ(saved.status, 303);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM rankings WHERE campaign_id = " + id), 2) << "saved as ordered, nothing added";
    const auto after = students[1].get(http(), page + "?done=saved");
    EXPECT_NE(after.body.find("Vos choix sont enregistrés"), std::string::npos);
    EXPECT_NE(after.body.find("data-testid=\"campaign-saved-at\""), std::string::npos);
    EXPECT_NE(coordinator.get(http(), page).body.find("data-testid=\"campaign-figures\""), std::string::npos);
    for (const auto& s : students)
        ASSERT_EQ(send(s, "PUT", ranking, R"({"projects":["jeux-lecture","cv-accessible"]})").status, 200);
    EXPECT_EQ(json::parse(send(students[0], "GET", campaign, "").body)["ranking"][0], "jeux-lecture");
    EXPECT_EQ(send(coordinator, "POST", campaign + "/runs", R"({"algorithm":"stable"})").status, 409) << "still open";
    const std::string pre = campaign + "/pre_allocations";
    EXPECT_EQ(send(other, "POST", pre, R"({"person":1,"project":"jeux-lecture","reason":"x"})").status, 404);
    EXPECT_EQ(send(students[0], "POST", pre, R"({"person":1,"project":"jeux-lecture","reason":"x"})").status, 404);
    EXPECT_EQ(send(coordinator, "POST", pre, R"({"person":1,"project":"jeux-lecture","reason":"x"})").status, 422)
        << "person 1 is no student of the campaign";

    // The window closes; both algorithms run and are stored with their seed.
    scalar(url_, "UPDATE campaigns SET closes_at = '2026-06-01T00:00:00Z' WHERE id = " + id + " RETURNING id");
    EXPECT_EQ(send(students[0], "PUT", ranking, R"({"projects":["cv-accessible","jeux-lecture"]})").status, 409);
    EXPECT_EQ(send(students[0], "POST", campaign + "/runs", R"({"algorithm":"stable"})").status, 404);
    EXPECT_EQ(send(coordinator, "POST", campaign + "/runs", R"({"algorithm":"magic"})").status, 422);
    const auto stable = send(coordinator, "POST", campaign + "/runs", R"({"algorithm":"stable","seed":3})");
    ASSERT_EQ(stable.status, 201) << stable.body;
    const auto run = json::parse(stable.body);
    EXPECT_EQ(run["seed"], "3");
    EXPECT_EQ(run["stats"]["rank_histogram"], json::array({1, 2})) << "one place in jeux-lecture, the others second";
    ASSERT_EQ(send(staff, "POST", campaign + "/runs", R"({"algorithm":"welfare","respect_min_size":true})").status, 201);
    const std::string run_url = campaign + "/runs/" + std::to_string(run["id"].get<long long>());

    // A move the stable algorithm had avoided is allowed but flagged.
    const long long first = scalar(url_, "SELECT person_id FROM allocation_assignments WHERE rank = 2 AND run_id = " +
                                             std::to_string(run["id"].get<long long>()) + " ORDER BY person_id LIMIT 1");
    EXPECT_EQ(send(students[0], "POST", run_url + "/moves", json{{"person", first}, {"project", nullptr}}.dump()).status, 404);
    const auto moved = send(coordinator, "POST", run_url + "/moves", json{{"person", first}, {"project", nullptr}}.dump());
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(json::parse(moved.body)["warning"], true);
    ASSERT_EQ(send(coordinator, "POST", run_url + "/moves", json{{"person", first}, {"project", "cv-accessible"}}.dump()).status,
              200);

    // Exports: CSV as French spreadsheet software opens it, and JSON.
    EXPECT_EQ(send(other, "GET", campaign + "/export?format=csv", "").status, 404);
    const auto exported = send(coordinator, "GET", campaign + "/export?format=csv", "");
    ASSERT_EQ(exported.status, 200);
    EXPECT_EQ(exported.body.rfind("\xEF\xBB\xBF"
                                  "email;name;project;rank\r\n",
                                  0),
              0u)
        << exported.body;
    EXPECT_EQ(json::parse(send(coordinator, "GET", campaign + "/export?format=json", "").body)["students"].size(), 3u);
    // One project's roster: only the students placed in it.
    const auto roster = json::parse(send(coordinator, "GET", campaign + "/export?format=json&project=jeux-lecture", "").body);
    ASSERT_EQ(roster["students"].size(), 1u) << roster.dump();
    EXPECT_EQ(roster["students"][0]["project"], "jeux-lecture");
    EXPECT_EQ(send(coordinator, "GET", campaign + "/export?format=json&project=inconnu", "").status, 422);

    // Publication forms the teams; a second one is refused; each student sees their team and why.
    EXPECT_EQ(send(outsider, "POST", run_url + "/publish", "").status, 404);
    const auto published = send(coordinator, "POST", run_url + "/publish", "");
    ASSERT_EQ(published.status, 200) << published.body;
    EXPECT_EQ(json::parse(published.body)["students"], 3);
    EXPECT_EQ(send(coordinator, "POST", run_url + "/publish", "").status, 409);
    int second_choices = 0;
    for (const auto& s : students) {
        const auto teams = json::parse(send(s, "GET", "/api/v1/me/teams", "").body)["teams"];
        ASSERT_EQ(teams.size(), 1u);
        if (teams[0]["rank"] == 2) {
            ++second_choices;
            ASSERT_EQ(teams[0]["better_choices"].size(), 1u);
            EXPECT_EQ(teams[0]["better_choices"][0]["reason"], "project_full");
        }
    }
    EXPECT_EQ(second_choices, 2);
    // "Mes équipes" says why, in words, in the page's language, naming nobody.
    bool explained = false;
    for (const auto& s : students) {
        const auto mine = s.get(http(), "/me/teams?lang=en");
        ASSERT_EQ(mine.status, 200);
        explained = explained || mine.body.find("full, with students who had priority for this project") != std::string::npos;
        EXPECT_EQ(mine.body.find("etu"), std::string::npos) << "no other student is named";
    }
    EXPECT_TRUE(explained);
    EXPECT_EQ(json::parse(send(outsider, "GET", "/api/v1/me/teams", "").body)["teams"].size(), 0u);
}

TEST_F(CampaignsApi, TheCommandLineImportsAndExportsLikeTheApi) {
    const long long cohort = scalar(
        url_, "INSERT INTO cohorts (school_id, semester_id, course, created_at) SELECT o.id, s.id, 'Cours CLI', "
              "'2026-01-01T00:00:00Z' FROM organisations o, semesters s WHERE o.slug = 'eivl' AND s.code = '2027-P' "
              "RETURNING id");
    const std::string file =
        (std::filesystem::temp_directory_path() / ("roster-" + std::to_string(::getpid()) + ".csv")).string();
    std::ofstream(file, std::ios::binary) << "e-mail;nom\n"
                                          << email("cli-a") << ";A\n"
                                          << "faux;B\n";
    const auto dry = run_latitudes({"import", "students", "--cohort", std::to_string(cohort), file, "--dry-run", "--database",
                                    url_});
    EXPECT_EQ(dry.exit_code, 0) << dry.output;
    EXPECT_NE(dry.output.find("line 3: faux: email_invalid"), std::string::npos) << dry.output;
    EXPECT_NE(dry.output.find("1 accepted, 1 refused (dry run: nothing written)"), std::string::npos) << dry.output;
    EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_students WHERE cohort_id = " + std::to_string(cohort)), 0);
    const auto done = run_latitudes({"import", "students", "--cohort", std::to_string(cohort), file, "--database", url_});
    EXPECT_EQ(done.exit_code, 0) << done.output;
    EXPECT_NE(done.output.find("0 joined, 1 invited"), std::string::npos) << done.output;
    EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_students WHERE cohort_id = " + std::to_string(cohort)), 1);
    EXPECT_EQ(run_latitudes({"import", "students", "--cohort", "999999", file, "--database", url_}).exit_code, 1);
    EXPECT_EQ(run_latitudes({"export", "campaign", "999999", "--database", url_}).exit_code, 1);
    const long long campaign = scalar(
        url_, "INSERT INTO campaigns (school_id, semester_id, title, opens_at, closes_at, choices, min_choices, created_at) "
              "SELECT school_id, semester_id, 'Campagne CLI', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 1, 1, "
              "'2026-01-01T00:00:00Z' FROM cohorts WHERE id = " +
                  std::to_string(cohort) + " RETURNING id");
    scalar(url_, "INSERT INTO campaign_projects (campaign_id, project_id, team_min, team_max) SELECT " +
                     std::to_string(campaign) + ", id, 1, 3 FROM projects WHERE slug = 'cv-accessible' RETURNING campaign_id");
    const auto roster = run_latitudes({"export", "campaign", std::to_string(campaign), "--project", "cv-accessible", "--database",
                                       url_});
    EXPECT_EQ(roster.exit_code, 0) << roster.output;
    EXPECT_NE(roster.output.find("email;name;project;rank"), std::string::npos) << roster.output;
    EXPECT_EQ(
        run_latitudes({"export", "campaign", std::to_string(campaign), "--project", "inconnu", "--database", url_}).exit_code, 1);
    std::filesystem::remove(file);
}
