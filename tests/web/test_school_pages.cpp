// The school's pages, walked as a coordinator does it with a browser (forms, no JavaScript, and
// the htmx row swap of a move): the school space, a new cohort, students added one by one and by
// importing a spreadsheet (preview first, nothing written, then confirmed), a new campaign, the
// allocation page with both runs side by side, a move with its warning, a pre-allocation, the
// exports and publication. Every page is refused (404) to another school's coordinator and to a
// student. In-process through Site::handle, on SQLite and PostgreSQL.
#include "support/form_errors.hpp"
#include "support/in_process_site.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

using namespace latitudes::test;
using namespace latitudes;
using nlohmann::json;
using web::url_encode;

class SchoolPages : public InProcessSite<SchoolPages> {
protected:
    static long long member(const std::string& who, const std::string& school) {
        const long long id = create_account(url_, email(who), "coordinator", "Person " + who);
        scalar(url_, "INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT " + std::to_string(id) +
                         ", id, 'admin', '2026-01-01T00:00:00Z' FROM organisations WHERE slug = '" + school +
                         "' RETURNING person_id");
        return id;
    }
    static bool has(const HttpResponse& r, const std::string& text) { return r.body.find(text) != std::string::npos; }
    // A multipart/form-data body with one file field, as a browser sends a file input.
    static HttpResponse upload(const Browser& who, const std::string& target, const std::string& file) {
        const std::string boundary = "----latitudesTestBoundary7MA4YWxk";
        const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + who.csrf +
                                 "\r\n--" + boundary +
                                 "\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\npreview\r\n--" + boundary +
                                 "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"promo.csv\"\r\n"
                                 "Content-Type: text/csv\r\n\r\n" +
                                 file + "\r\n--" + boundary + "--\r\n";
        return http().request("POST", target, who.headers({"Content-Type: multipart/form-data; boundary=" + boundary}), body);
    }
    // The value of a hidden input in a page.
    static std::string hidden(const std::string& body, const std::string& name) {
        const std::string marker = "name=\"" + name + "\" value=\"";
        const auto at = body.find(marker);
        if (at == std::string::npos) return {};
        const auto start = at + marker.size();
        return body.substr(start, body.find('"', start) - start);
    }
};

TEST_F(SchoolPages, ACoordinatorGoesFromACohortToPublishedTeamsWithPagesOnly) {
    member("coord", "centralesupelec");
    member("other", "eivl");
    create_account(url_, email("staff"), "staff");
    create_account(url_, email("known"), "student", "Known Student");
    create_account(url_, email("mentor"), "professional", "Mona Mentor");
    Browser coordinator = log_in(http(), email("coord")), other = log_in(http(), email("other")),
            staff = log_in(http(), email("staff")), student = log_in(http(), email("known"));

    // The school space: to its members and staff only.
    const auto space = coordinator.get(http(), "/schools/centralesupelec");
    ASSERT_EQ(space.status, 200);
    EXPECT_TRUE(has(space, "data-testid=\"school-figures\""));
    EXPECT_TRUE(has(space, "/schools/centralesupelec/cohorts/new"));
    EXPECT_EQ(other.get(http(), "/schools/centralesupelec").status, 404);
    EXPECT_EQ(student.get(http(), "/schools/centralesupelec").status, 404);
    EXPECT_EQ(staff.get(http(), "/schools/centralesupelec").status, 200);
    // Its organisation page leads there, for them only.
    EXPECT_TRUE(has(coordinator.get(http(), "/orgs/centralesupelec"), "data-testid=\"org-school-space\""));
    EXPECT_TRUE(has(staff.get(http(), "/orgs/centralesupelec"), "data-testid=\"org-school-space\""));
    EXPECT_FALSE(has(other.get(http(), "/orgs/centralesupelec"), "data-testid=\"org-school-space\""));
    EXPECT_TRUE(has(coordinator.get(http(), "/me"), "href=\"/schools/centralesupelec\""));
    EXPECT_EQ(coordinator.get(http(), "/schools/fab-inclusion").status, 404) << "not a school, and not theirs";
    EXPECT_EQ(http().get("/schools/centralesupelec").status, 303) << "anonymous: to the log-in page";

    // A cohort: a bad form says what is wrong and writes nothing.
    const long long semester = count("SELECT id FROM semesters WHERE code = '2027-P'");
    const auto bad_cohort = coordinator.post(http(), "/schools/centralesupelec/cohorts/new", "course=&semester=0");
    EXPECT_EQ(bad_cohort.status, 422);
    EXPECT_TRUE(has(bad_cohort, "Indiquez le nom du cours")) << bad_cohort.body;
    EXPECT_TRUE(has(bad_cohort, "Choisissez un semestre."));
    // Each problem next to its field, summarised at the top and linked to it; a long name is kept.
    EXPECT_TRUE(shows_field_error(bad_cohort.body, "course"));
    EXPECT_TRUE(shows_field_error(bad_cohort.body, "semester"));
    const std::string long_course(130, 'c');
    const auto long_cohort = coordinator.post(http(), "/schools/centralesupelec/cohorts/new",
                                              "course=" + long_course + "&semester=" + std::to_string(semester));
    EXPECT_TRUE(shows_field_error(long_cohort.body, "course"));
    EXPECT_TRUE(has(long_cohort, "value=\"" + long_course + "\"")) << "kept to be shortened";
    EXPECT_EQ(count("SELECT COUNT(*) FROM cohorts"), 0);
    EXPECT_EQ(other.post(http(), "/schools/centralesupelec/cohorts/new", "course=X&semester=" + std::to_string(semester)).status,
              404);
    const auto made = coordinator.post(http(), "/schools/centralesupelec/cohorts/new",
                                       "course=Projet+solidaire+2A&teachers=M.+Dupont&semester=" + std::to_string(semester));
    ASSERT_EQ(made.status, 303) << made.body;
    const std::string cohort = made.header("location").substr(0, made.header("location").find('?'));
    EXPECT_EQ(cohort.rfind("/cohorts/", 0), 0u);
    EXPECT_TRUE(has(coordinator.get(http(), cohort + "?done=created"), "La promotion est créée"));
    EXPECT_EQ(other.get(http(), cohort).status, 404);
    EXPECT_EQ(student.get(http(), cohort).status, 404);

    // One by one: an account joins at once, an unknown address is invited, twice is refused.
    const auto not_an_address = coordinator.post(http(), cohort + "/students", "email=pas-une-adresse&first_name=Kim");
    EXPECT_EQ(not_an_address.status, 422);
    EXPECT_TRUE(shows_field_error(not_an_address.body, "email"));
    EXPECT_TRUE(has(not_an_address, "value=\"pas-une-adresse\"")) << "what was typed stays";
    EXPECT_TRUE(has(not_an_address, "value=\"Kim\""));
    const auto long_group = coordinator.post(http(), cohort + "/students",
                                             "email=" + url_encode(email("g")) + "&group=" + std::string(50, 'g'));
    EXPECT_TRUE(shows_field_error(long_group.body, "group"));
    EXPECT_TRUE(has(long_group, "value=\"" + std::string(50, 'g') + "\""));
    const auto joined = coordinator.post(http(), cohort + "/students", "email=" + url_encode(email("known")) + "&first_name=Kim");
    ASSERT_EQ(joined.status, 303);
    EXPECT_NE(joined.header("location").find("done=added"), std::string::npos);
    const auto again = coordinator.post(http(), cohort + "/students", "email=" + url_encode(email("known")));
    EXPECT_EQ(again.status, 422);
    EXPECT_TRUE(has(again, "Cette adresse est déjà celle"));
    EXPECT_TRUE(shows_field_error(again.body, "email"));
    const auto invited = coordinator.post(http(), cohort + "/students", "email=" + url_encode(email("new-one")));
    EXPECT_NE(invited.header("location").find("done=invited"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = '" + email("new-one") + "'"), 1) << "invited by mail";
    EXPECT_EQ(other.post(http(), cohort + "/students", "email=" + url_encode(email("intruder"))).status, 404);

    // The import: the preview shows every row with its problem and writes nothing.
    std::string csv = "\xEF\xBB\xBFPr\xC3\xA9nom;Nom;E-mail;Remarques\r\n";
    for (int i = 0; i < 3; ++i) {
        create_account(url_, email("etu" + std::to_string(i)), "student");
        csv += "\xC3\x89lodie;Num" + std::to_string(i) + ";" + email("etu" + std::to_string(i)) + ";\"ligne 1\nligne 2\"\r\n";
    }
    csv += "Sans;Adresse;faux;\r\n";
    EXPECT_EQ(other.get(http(), cohort + "/import").status, 404);
    const auto form = coordinator.get(http(), cohort + "/import");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(has(form, "enctype=\"multipart/form-data\""));
    const auto no_file = upload(coordinator, cohort + "/import", "");
    EXPECT_EQ(no_file.status, 422);
    EXPECT_TRUE(shows_field_error(no_file.body, "file")) << "no file chosen: said at the file input";
    const auto preview = upload(coordinator, cohort + "/import", csv);
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_TRUE(has(preview, "3 lignes seront importées, 1 refusées.")) << preview.body;
    EXPECT_TRUE(has(preview, "adresse e-mail invalide"));
    EXPECT_TRUE(has(preview, "Colonne « Remarques » non reconnue"));
    EXPECT_TRUE(has(preview, "Élodie"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_students WHERE removed_at IS NULL"), 2) << "the preview writes nothing";
    EXPECT_EQ(upload(other, cohort + "/import", csv).status, 404);
    const std::string content = hidden(preview.body, "content");
    ASSERT_FALSE(content.empty());
    EXPECT_EQ(coordinator.post(http(), cohort + "/import", "intent=commit&content=%%%").status, 422) << "not base64";
    const auto committed = coordinator.post(http(), cohort + "/import", "intent=commit&content=" + content);
    ASSERT_EQ(committed.status, 303) << committed.body;
    EXPECT_NE(committed.header("location").find("joined=3"), std::string::npos) << committed.header("location");
    const auto listed = coordinator.get(http(), committed.header("location"));
    EXPECT_TRUE(has(listed, "3 étudiant·es avec un compte ont rejoint la promotion"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_students WHERE removed_at IS NULL"), 5);
    // A file that cannot be read: said, nothing written.
    const auto unreadable = upload(coordinator, cohort + "/import", "nom;prenom\r\nA;B\r\n");
    EXPECT_EQ(unreadable.status, 422);
    EXPECT_TRUE(has(unreadable, "la première ligne doit nommer les colonnes")) << unreadable.body.substr(0, 4000);

    // Removing keeps the row (history) and takes the student out.
    const long long invited_row = count("SELECT id FROM cohort_students WHERE email = '" + email("new-one") + "'");
    EXPECT_EQ(other.post(http(), cohort + "/students/" + std::to_string(invited_row) + "/remove").status, 404);
    EXPECT_EQ(coordinator.post(http(), cohort + "/students/" + std::to_string(invited_row) + "/remove").status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_students WHERE removed_at IS NOT NULL"), 1);
    EXPECT_EQ(coordinator.post(http(), cohort + "/students/" + std::to_string(invited_row) + "/remove").status, 404)
        << "already removed";

    // A campaign: the semester's cohorts and published student projects are offered.
    const std::string cohort_id = cohort.substr(std::string("/cohorts/").size());
    const auto new_form = coordinator.get(http(), "/campaigns/new?school=centralesupelec");
    ASSERT_EQ(new_form.status, 200);
    EXPECT_TRUE(has(new_form, "data-testid=\"offer-jeux-lecture\"")) << "a published student project of 2027-P";
    EXPECT_EQ(other.get(http(), "/campaigns/new?school=centralesupelec").status, 404);
    const std::string base = "school=centralesupelec&semester=" + std::to_string(semester);
    const auto bad_campaign = coordinator.post(http(), "/campaigns/new", base + "&title=&choices=2&min_choices=3");
    EXPECT_EQ(bad_campaign.status, 422);
    EXPECT_TRUE(has(bad_campaign, "Donnez un nom à la campagne"));
    EXPECT_TRUE(has(bad_campaign, "Cochez au moins une promotion."));
    EXPECT_TRUE(has(bad_campaign, "Cochez au moins un projet."));
    EXPECT_TRUE(shows_field_error(bad_campaign.body, "title"));
    EXPECT_TRUE(shows_field_error(bad_campaign.body, "min_choices"));
    EXPECT_TRUE(has(bad_campaign, "<a href=\"#cohorts\">")) << "a group of boxes is linked too";
    EXPECT_TRUE(has(bad_campaign, "id=\"cohorts-error\""));
    const auto bad_date = coordinator.post(http(), "/campaigns/new", base + "&title=T&opens_at=demain&choices=2&min_choices=2");
    EXPECT_TRUE(shows_field_error(bad_date.body, "opens_at"));
    EXPECT_TRUE(has(bad_date, "type=\"text\" id=\"opens_at\" name=\"opens_at\" value=\"demain\""))
        << "a date and time that is not one comes back as typed";
    const std::string good = base + "&title=Projets+solidaires&opens_at=2026-01-01T08:00&closes_at=2030-01-01T18:00" +
                             "&choices=2&min_choices=2&cohort=" + cohort_id +
                             "&project=jeux-lecture&team_min%3Ajeux-lecture=1&team_max%3Ajeux-lecture=1" +
                             "&project=cv-accessible&project=estimation-prix-occasion" +
                             "&supervisor%3Acv-accessible=" + url_encode(email("mentor")) + "&supervisor_limit%3Acv-accessible=3";
    const auto too_big = coordinator.post(http(), "/campaigns/new",
                                          good + "&team_min%3Acv-accessible=9&team_max%3Acv-accessible=2");
    EXPECT_EQ(too_big.status, 422);
    EXPECT_TRUE(has(too_big, "le minimum pas plus grand que le maximum")) << "names the project's sizes";
    EXPECT_TRUE(shows_field_error(too_big.body, "team_min-cv-accessible")) << "at the project's row";
    EXPECT_TRUE(has(too_big, "name=\"team_min:cv-accessible\" value=\"9\""));
    EXPECT_EQ(count("SELECT COUNT(*) FROM campaigns"), 0);
    const auto campaign = coordinator.post(http(), "/campaigns/new", good);
    ASSERT_EQ(campaign.status, 303) << campaign.body;
    const std::string page = campaign.header("location").substr(0, campaign.header("location").find('?'));
    const std::string id = page.substr(std::string("/campaigns/").size());
    EXPECT_TRUE(has(coordinator.get(http(), campaign.header("location")), "La campagne est créée"));

    // The allocation page waits for the window to close.
    const std::string allocation = page + "/allocation";
    EXPECT_EQ(other.get(http(), allocation).status, 404);
    EXPECT_EQ(student.get(http(), allocation).status, 404);
    EXPECT_TRUE(has(coordinator.get(http(), allocation), "data-testid=\"allocation-not-closed\""));
    EXPECT_EQ(coordinator.post(http(), page + "/runs", "algorithm=both").status, 409);
    for (int i = 0; i < 3; ++i) {
        Browser s = log_in(http(), email("etu" + std::to_string(i)));
        ASSERT_EQ(s.post(http(), page + "/ranking", "choice=jeux-lecture&choice=cv-accessible&intent=save").status, 303);
    }
    // A pre-allocation needs a student of the campaign and a reason.
    const auto stranger = coordinator.post(http(), page + "/pre_allocations",
                                           "email=personne%40x.fr&project=cv-accessible&reason=Tiers-temps");
    EXPECT_EQ(stranger.status, 422);
    EXPECT_TRUE(shows_field_error(stranger.body, "pre-email"));
    EXPECT_TRUE(has(stranger, "value=\"personne@x.fr\"")) << "what was typed stays";
    EXPECT_TRUE(has(stranger, "value=\"Tiers-temps\""));
    EXPECT_TRUE(has(stranger, "<option value=\"cv-accessible\" selected>"));
    const auto no_reason = coordinator.post(http(), page + "/pre_allocations",
                                            "email=" + url_encode(email("known")) + "&project=cv-accessible&reason=");
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_TRUE(shows_field_error(no_reason.body, "pre-reason"));
    ASSERT_EQ(coordinator
                  .post(http(), page + "/pre_allocations",
                        "email=" + url_encode(email("known")) + "&project=estimation-prix-occasion&reason=Tiers-temps")
                  .status,
              303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE '%pre_allocat%'"), 1);

    // Closed: both algorithms in one click, compared side by side.
    scalar(url_, "UPDATE campaigns SET closes_at = '2026-06-01T00:00:00Z' WHERE id = " + id + " RETURNING id");
    EXPECT_EQ(other.post(http(), page + "/runs", "algorithm=both").status, 404);
    const auto ran = coordinator.post(http(), page + "/runs", "algorithm=both");
    ASSERT_EQ(ran.status, 303) << ran.body;
    EXPECT_EQ(count("SELECT COUNT(*) FROM allocation_runs WHERE campaign_id = " + id), 2);
    const auto compared = coordinator.get(http(), ran.header("location"));
    ASSERT_EQ(compared.status, 200);
    EXPECT_TRUE(has(compared, "Répartitions calculées et enregistrées"));
    EXPECT_TRUE(has(compared, "Répartition n° 1 — stable") || has(compared, "— stable</h3>")) << compared.body;
    EXPECT_TRUE(has(compared, "— bien-être</h3>"));
    EXPECT_TRUE(has(compared, "choix n° 1 : 1")) << "one first choice (jeux-lecture holds one)";
    EXPECT_TRUE(has(compared, "pré-affecté·e"));
    EXPECT_TRUE(has(compared, "4 étudiant·es ; 1 à 4 affiché·es.")) << "every student of the run is listed";
    // Search by e-mail.
    const long long stable = count("SELECT MIN(id) FROM allocation_runs WHERE campaign_id = " + id);
    const std::string listed_run = allocation + "?run=" + std::to_string(stable);
    EXPECT_TRUE(has(coordinator.get(http(), listed_run + "&q=" + url_encode(email("etu1"))), "1 étudiant·es ; 1 à 1"));

    // A move by htmx answers the row only, flagged when it breaks the stable allocation.
    const long long second = count("SELECT person_id FROM allocation_assignments WHERE rank = 2 AND run_id = " +
                                   std::to_string(stable) + " ORDER BY person_id LIMIT 1");
    const std::string moves = page + "/runs/" + std::to_string(stable) + "/moves";
    const auto row = coordinator.post(http(), moves, "person=" + std::to_string(second) + "&project=", {"HX-Request: true"});
    ASSERT_EQ(row.status, 200) << row.body;
    EXPECT_EQ(row.body.rfind("<tr id=\"student-" + std::to_string(second) + "\"", 0), 0u) << "only the row";
    EXPECT_TRUE(has(row, "Attention : ce déplacement crée une instabilité")) << row.body;
    EXPECT_EQ(other.post(http(), moves, "person=" + std::to_string(second) + "&project=").status, 404);
    const auto back = coordinator.post(http(), moves,
                                       "person=" + std::to_string(second) + "&project=estimation-prix-occasion&q=&page=1");
    ASSERT_EQ(back.status, 303) << "without JavaScript: the page again";
    EXPECT_NE(back.header("location").find("done=moved"), std::string::npos);
    EXPECT_EQ(coordinator.post(http(), moves, "person=" + std::to_string(second) + "&project=nope").status, 422);
    EXPECT_EQ(count("SELECT COUNT(*) FROM allocation_moves WHERE run_id = " + std::to_string(stable)), 2);

    // A student leaves the cohort: a new run leaves them out, and publishing an older run forms
    // no team with them.
    // (The one with their first choice, not the student moved above, whose explanation is checked
    // after publication.)
    const long long leaving = count("SELECT person_id FROM allocation_assignments WHERE rank = 1 AND run_id = " +
                                    std::to_string(stable));
    const long long leaving_row = count("SELECT id FROM cohort_students WHERE person_id = " + std::to_string(leaving));
    ASSERT_EQ(coordinator.post(http(), cohort + "/students/" + std::to_string(leaving_row) + "/remove").status, 303);
    ASSERT_EQ(coordinator.post(http(), page + "/runs", "algorithm=stable").status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM allocation_assignments WHERE run_id = (SELECT MAX(id) FROM allocation_runs)"), 3);

    // Exports: every student, and one project's roster, as French spreadsheet software opens them.
    const auto all = coordinator.get(http(), page + "/export?format=csv");
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(all.body.rfind("\xEF\xBB\xBF"
                             "email;name;project;rank\r\n",
                             0),
              0u);
    const auto roster = coordinator.get(http(), page + "/export?format=csv&project=estimation-prix-occasion");
    ASSERT_EQ(roster.status, 200);
    EXPECT_NE(roster.body.find(email("known")), std::string::npos) << roster.body;
    // Before publication the latest run is exported (the re-run): only the pre-allocated student is
    // in this project there (nobody ranked it).
    EXPECT_EQ(std::count(roster.body.begin(), roster.body.end(), '\n'), 2) << roster.body;
    EXPECT_EQ(coordinator.get(http(), page + "/export?format=csv&project=unknown").status, 404);
    EXPECT_EQ(other.get(http(), page + "/export?format=csv").status, 404);

    // Publication: teams formed, every page says so, nothing moves any more.
    EXPECT_EQ(other.post(http(), page + "/runs/" + std::to_string(stable) + "/publish").status, 404);
    const auto published = coordinator.post(http(), page + "/runs/" + std::to_string(stable) + "/publish");
    ASSERT_EQ(published.status, 303);
    EXPECT_TRUE(has(coordinator.get(http(), published.header("location")), "Répartition publiée"));
    EXPECT_EQ(coordinator.post(http(), page + "/runs/" + std::to_string(stable) + "/publish").status, 409);
    EXPECT_EQ(count("SELECT COUNT(*) FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.person_id = " +
                    std::to_string(leaving)),
              0)
        << "the student who left is in no team";
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = ''"), 0);
    // The student moved by hand to their second choice is told so, not given the engine's reason.
    int told = 0;
    for (int i = 0; i < 3; ++i)
        if (count("SELECT id FROM people WHERE email = '" + email("etu" + std::to_string(i)) + "'") == second) {
            const auto teams = log_in(http(), email("etu" + std::to_string(i))).get(http(), "/me/teams");
            EXPECT_TRUE(has(teams, "vous a placé·e à la main")) << teams.body;
            ++told;
        }
    EXPECT_EQ(told, 1);
    EXPECT_EQ(coordinator.post(http(), moves, "person=" + std::to_string(second) + "&project=").status, 409);
    // The supervisor sees the students of the project they follow, and only theirs.
    Browser mentor = log_in(http(), email("mentor"));
    const auto followed = mentor.get(http(), "/me/teams");
    ASSERT_EQ(followed.status, 200);
    EXPECT_TRUE(has(followed, "data-testid=\"supervised-cv-accessible\"")) << followed.body;
    EXPECT_FALSE(has(followed, "data-testid=\"supervised-jeux-lecture\""));
    const long long in_cv = count("SELECT COUNT(*) FROM team_members m JOIN teams t ON t.id = m.team_id JOIN projects p ON "
                                  "p.id = t.project_id WHERE p.slug = 'cv-accessible' AND t.campaign_id = " +
                                  id);
    EXPECT_GE(in_cv, 1);
    EXPECT_FALSE(has(student.get(http(), "/me/teams"), "data-testid=\"supervised-"));
    const auto after = coordinator.get(http(), "/schools/centralesupelec");
    EXPECT_TRUE(has(after, "data-testid=\"school-teams\""));
    EXPECT_TRUE(has(after, "Équipes publiées"));
}
