// The end of a project, in-process on SQLite and PostgreSQL: a team of three delivers; each
// evaluation with its rights (a student may not give the beneficiary's, a beneficiary may not
// assess), an answer given twice is edited, the points must add up to 100 × team size and are
// read by the school's teachers only (on every page and API answer), the project moves to
// evaluated once all is in, the reminders go after 7 and 14 days once each (jobs::run_all), and
// the showcase features the project only with the beneficiary's consent, quoting it only with it.
#include "support/in_process_site.hpp"

#include "jobs/jobs.hpp"
#include "render/views.hpp"

#include <gtest/gtest.h>

using namespace latitudes::test;
using namespace latitudes;

class Evaluations : public InProcessSite<Evaluations> {
protected:
    static long long person(const std::string& who, const std::string& role, const std::string& name) {
        return create_account(url_, email(who), role, name);
    }
    static void join(long long person_id, const std::string& slug) {
        scalar(url_, "INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT " +
                         std::to_string(person_id) + ", id, 'member', '2026-01-01T00:00:00Z' FROM organisations WHERE slug = '" +
                         slug + "' RETURNING person_id");
    }
    static HttpResponse api(const Browser& who, const std::string& method, const std::string& target, const std::string& body) {
        return http().request(method, target, who.headers({"Content-Type: application/json", "X-CSRF-Token: " + who.csrf}), body);
    }
    static int reminders_after(std::chrono::hours since_now) {
        jobs::JobSettings settings;
        return jobs::run_all(*db_, *site_->views, settings, store::Clock::now() + since_now).evaluation_reminders;
    }
    static long long mails_to(const std::string& who, const std::string& subject_part) {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = '" + email(who) + "' AND subject LIKE '%" +
                     subject_part + "%'");
    }
};

TEST_F(Evaluations, FromDeliveryToTheShowcase) {
    using namespace std::chrono_literals;
    const long long team = scalar(
        url_, "SELECT t.id FROM teams t JOIN projects p ON p.id = t.project_id WHERE p.slug = 'capteurs-points-eau'");
    const std::string t = std::to_string(team), path = "/teams/" + t, api_path = "/api/v1/teams/" + t + "/evaluations";
    scalar(url_, "UPDATE projects SET status = 'in_progress' WHERE slug = 'capteurs-points-eau' RETURNING id");
    scalar(url_, "DELETE FROM team_members WHERE team_id = " + t + " RETURNING team_id");
    const long long ana = person("ana", "student", "Ana"), ben = person("ben", "student", "Ben"),
                    cy = person("cy", "student", "Cy");
    for (long long s : {ana, ben, cy})
        scalar(url_,
               "INSERT INTO team_members (team_id, person_id) VALUES (" + t + ", " + std::to_string(s) + ") RETURNING team_id");
    const long long teacher = person("teacher", "coordinator", "Prof"), contact = person("contact", "beneficiary", "Nadia");
    person("staff", "staff", "Staff");
    join(teacher, "esigaronne");
    join(contact, "eau-vive-sahel");
    const auto A = log_in(http(), email("ana")), B = log_in(http(), email("ben")), C = log_in(http(), email("cy"));
    const auto T = log_in(http(), email("teacher")), N = log_in(http(), email("contact")), S = log_in(http(), email("staff"));

    // Before the delivery: no evaluation yet; the beneficiary may not mark it delivered.
    EXPECT_EQ(N.post(http(), path + "/evaluations", "kind=beneficiary&usefulness=4").status, 409);
    EXPECT_EQ(A.post(http(), path + "/evaluations", "kind=student&project_rating=4").status, 409);
    EXPECT_EQ(N.post(http(), path + "/delivery").status, 403);
    EXPECT_EQ(A.post(http(), path + "/delivery", "link=ftp%3A%2F%2Fx").status, 422) << "a link must be http(s)";
    const auto delivered = A.post(http(), path + "/delivery", "link=https%3A%2F%2Fexample.org%2Fapp&delivery_note=Livr%C3%A9");
    EXPECT_EQ(delivered.status, 303);
    EXPECT_EQ(A.post(http(), path + "/delivery").status, 409) << "delivered once";
    EXPECT_EQ(count("SELECT COUNT(*) FROM projects WHERE slug = 'capteurs-points-eau' AND status = 'delivered'"), 1)
        << "its only team delivered: the project is";
    EXPECT_EQ(mails_to("contact", "livr"), 1) << "the beneficiary is asked at once";
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE team_id = " + t + " AND kind = 'team_delivered'"), 1);

    // Rights: a student may not give the beneficiary's evaluation, a beneficiary may not assess.
    const std::string beneficiary_form =
        "kind=beneficiary&usefulness=5&quality=4&will_use=yes&take_part_again=maybe&comment=Tr%C3%A8s+utile";
    EXPECT_EQ(A.post(http(), path + "/evaluations", beneficiary_form).status, 403);
    EXPECT_EQ(N.post(http(), path + "/evaluations", "kind=teacher&outcome=pass&assessment_comment=ok").status, 403);
    EXPECT_EQ(S.post(http(), path + "/evaluations", "kind=teacher&outcome=pass&assessment_comment=ok").status, 403);
    EXPECT_EQ(api(N, "POST", api_path, R"({"kind":"teacher","outcome":"pass","assessment_comment":"ok"})").status, 403);
    EXPECT_EQ(api(A, "POST", api_path, R"({"kind":"beneficiary","usefulness":5})").status, 403);

    // Per-field problems, on the page and in the API.
    const auto missing = N.post(http(), path + "/evaluations", "kind=beneficiary&usefulness=9");
    EXPECT_EQ(missing.status, 422);
    EXPECT_NE(missing.body.find("Choisissez une note de 1 à 5."), std::string::npos);
    EXPECT_NE(missing.body.find("id=\"quality-error\""), std::string::npos);
    const auto bad = api(N, "POST", api_path, R"({"kind":"beneficiary","usefulness":"x","quality":3,"will_use":"perhaps"})");
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find(R"("usefulness":"out_of_range")"), std::string::npos) << bad.body;
    EXPECT_NE(bad.body.find(R"("will_use":"invalid_choice")"), std::string::npos) << bad.body;
    EXPECT_NE(bad.body.find(R"("take_part_again":"missing")"), std::string::npos) << bad.body;
    EXPECT_EQ(api(N, "POST", api_path, R"({"kind":"nonsense"})").status, 422);

    // The beneficiary answers without consent, then again (edited, not duplicated).
    EXPECT_EQ(N.post(http(), path + "/evaluations", beneficiary_form).status, 303);
    EXPECT_EQ(
        api(N, "POST", api_path,
            R"({"kind":"beneficiary","usefulness":5,"quality":5,"will_use":"yes","take_part_again":"yes","comment":"Très utile"})")
            .status,
        200);
    EXPECT_EQ(count("SELECT COUNT(*) FROM beneficiary_evaluations WHERE team_id = " + t + " AND quality = 5"), 1);

    // Points: 300 to share among three; a wrong total is refused with a clear message.
    const auto points = [&](int a, int b, int c) {
        return "kind=student&project_rating=4&programme_rating=5&points_" + std::to_string(ana) + "=" + std::to_string(a) +
               "&points_" + std::to_string(ben) + "=" + std::to_string(b) + "&points_" + std::to_string(cy) + "=" +
               std::to_string(c);
    };
    const auto wrong = A.post(http(), path + "/evaluations", points(100, 100, 150));
    EXPECT_EQ(wrong.status, 422);
    EXPECT_NE(wrong.body.find("Les points doivent totaliser 300 ; vous en avez réparti 350."), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM contribution_points WHERE team_id = " + t), 0) << "nothing half-written";
    const auto wrong_api = api(B, "POST", api_path,
                               R"({"kind":"student","project_rating":4,"programme_rating":4,"points":{")" + std::to_string(ana) +
                                   R"(":100,")" + std::to_string(ben) + R"(":100,")" + std::to_string(cy) + R"(":99}})");
    EXPECT_EQ(wrong_api.status, 422);
    EXPECT_NE(wrong_api.body.find(R"("points":"points_sum")"), std::string::npos) << wrong_api.body;
    EXPECT_EQ(A.post(http(), path + "/evaluations", points(100, 131, 69)).status, 303);
    EXPECT_EQ(A.post(http(), path + "/evaluations", points(100, 133, 67)).status, 303) << "given again: edited";
    EXPECT_EQ(count("SELECT COUNT(*) FROM contribution_points WHERE team_id = " + t), 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM student_feedback WHERE team_id = " + t), 1);
    EXPECT_EQ(B.post(http(), path + "/evaluations", points(100, 100, 100)).status, 303);
    EXPECT_EQ(B.post(http(), path + "/evaluations", "kind=team_about_beneficiary&availability=4").status, 303);

    // The points (133, 67) are the teacher's to read, nobody else's: pages and API answers.
    for (const auto* who : {&A, &B, &C, &N, &S}) {
        const auto page = who->get(http(), path);
        EXPECT_EQ(page.body.find("data-testid=\"contribution-points\""), std::string::npos);
        EXPECT_EQ(page.body.find("133"), std::string::npos);
        const auto answer = who->get(http(), api_path);
        EXPECT_EQ(answer.status, 200);
        EXPECT_EQ(answer.body.find("contribution_points"), std::string::npos);
        EXPECT_EQ(answer.body.find("133"), std::string::npos);
        const auto feed = who->get(http(), "/me");
        EXPECT_EQ(feed.body.find("133"), std::string::npos);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE detail LIKE '%133%' OR detail LIKE '%pass%'"), 0);
    const auto teacher_page = T.get(http(), path);
    EXPECT_NE(teacher_page.body.find("data-testid=\"contribution-points\""), std::string::npos);
    EXPECT_NE(teacher_page.body.find("133"), std::string::npos);
    EXPECT_NE(T.get(http(), api_path).body.find("\"points\":133"), std::string::npos);

    // Reminders: none before 7 days; after 7 days once to each who owes (Cy, the teacher), then
    // after 14 days once more; running again sends nothing.
    EXPECT_EQ(reminders_after(6 * 24h), 0);
    EXPECT_EQ(reminders_after(7 * 24h + 1h), 2);
    EXPECT_EQ(reminders_after(7 * 24h + 2h), 0);
    EXPECT_EQ(mails_to("cy", "Rappel"), 1);
    EXPECT_EQ(mails_to("teacher", "Rappel"), 1);
    EXPECT_EQ(mails_to("ana", "Rappel"), 0) << "answered";
    EXPECT_EQ(mails_to("contact", "Rappel"), 0) << "answered";
    EXPECT_EQ(reminders_after(14 * 24h + 1h), 2);
    EXPECT_EQ(reminders_after(15 * 24h), 0);
    EXPECT_EQ(mails_to("cy", "Rappel"), 2);

    // Not featured without consent; the teacher's assessment and Cy's feedback complete it.
    EXPECT_EQ(http().get("/showcase").body.find("capteurs-points-eau"), std::string::npos) << "no consent yet";
    EXPECT_EQ(T.post(http(), path + "/evaluations", "kind=teacher&outcome=pass").status, 422) << "a comment is required";
    EXPECT_EQ(T.post(http(), path + "/evaluations", "kind=teacher&outcome=pass&assessment_comment=Tr%C3%A8s+bien").status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM projects WHERE slug = 'capteurs-points-eau' AND status = 'delivered'"), 1)
        << "Cy has not answered";
    EXPECT_EQ(C.post(http(), path + "/evaluations", points(100, 100, 100)).status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM projects WHERE slug = 'capteurs-points-eau' AND status = 'evaluated'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM team_deliveries WHERE evaluated_at IS NOT NULL AND team_id = " + t), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE team_id = " + t + " AND kind = 'team_evaluated'"), 1);
    EXPECT_EQ(reminders_after(30 * 24h), 0) << "evaluated: no more reminders";
    EXPECT_EQ(http().get("/showcase").body.find("capteurs-points-eau"), std::string::npos) << "evaluated, but no consent";

    // Consent to the showcase only: featured, not quoted; then to the quote too. (Each look is a
    // new address: the public pages' micro-cache keeps an answer for its TTL.)
    const std::string consented = beneficiary_form + "&consent_showcase=1";
    EXPECT_EQ(N.post(http(), path + "/evaluations", consented).status, 303);
    auto showcase = http().get("/showcase?q=capteurs");
    EXPECT_NE(showcase.body.find("/projects/capteurs-points-eau"), std::string::npos);
    EXPECT_EQ(showcase.body.find("Très utile"), std::string::npos);
    EXPECT_EQ(N.post(http(), path + "/evaluations", consented + "&consent_quote=1").status, 303);
    showcase = http().get("/showcase?q=Capteurs");
    EXPECT_NE(showcase.body.find("Très utile"), std::string::npos);
    EXPECT_NE(http().get("/api/v1/showcase?q=capteurs").body.find("\"quote\":\"Très utile\""), std::string::npos);
    // Withdrawn: gone again.
    EXPECT_EQ(N.post(http(), path + "/evaluations", beneficiary_form).status, 303);
    EXPECT_EQ(http().get("/showcase?q=CAPTEURS").body.find("/projects/capteurs-points-eau"), std::string::npos);
}
