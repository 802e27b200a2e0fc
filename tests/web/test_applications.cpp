// Applications to opportunities, end to end through the real binary: applying with a
// message and parts of the profile, the owner's decisions, what the applicant sees and receives,
// withdrawing, the refusals (full, semester project, closed, twice), who may review, the JSON
// API with a personal token, and `latitudes jobs run` reminding then expiring, once.
//
// Status codes, as documented in src/web/handlers/applications.cpp: refused applications are
// 409 with the reason (data-reason on the page, error.code in JSON); a project that is not public
// is 404; another organisation's applications are 404; a beneficiary account may not apply (403).
#include "store/accounts.hpp"
#include "support/form_errors.hpp"
#include "support/in_process_site.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace latitudes;
using namespace latitudes::test;
using latitudes::web::url_encode;
using nlohmann::json;

class ApplicationsHttp : public InProcessSite<ApplicationsHttp> {
protected:
    static std::string text(const std::string& sql) {
        store::Database db(store::DatabaseUrl::parse(url_), 1);
        store::Lease s(db);
        std::string value;
        soci::indicator ind = soci::i_ok;
        *s << sql, soci::into(value, ind);
        return ind == soci::i_ok ? value : std::string();
    }
    static void execute(const std::string& sql) {
        store::Database db(store::DatabaseUrl::parse(url_), 1);
        store::Lease s(db);
        *s << sql;
    }
    // A new account that is an admin of the seeded organisation `organisation`.
    static long long owner_of(const std::string& organisation, const std::string& who) {
        const long long id = create_account(url_, email(who), "beneficiary", "Owner " + who);
        execute("INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT " + std::to_string(id) +
                ", id, 'admin', '2026-01-01T00:00:00Z' FROM organisations WHERE slug = '" + organisation + "'");
        return id;
    }
    static long long application_of(long long person, const std::string& project) {
        return count("SELECT a.id FROM applications a JOIN projects p ON p.id = a.project_id WHERE a.person_id = " +
                     std::to_string(person) + " AND p.slug = '" + project + "'");
    }
    static std::string status_of(long long application) {
        return text("SELECT status FROM applications WHERE id = " + std::to_string(application));
    }
    static long long mails(const std::string& to, const std::string& template_name) {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = '" + to + "' AND template = '" + template_name + "'");
    }
    static std::string last_mail(const std::string& to, const std::string& column) {
        return text("SELECT " + column + " FROM mail_outbox WHERE to_address = '" + to + "' ORDER BY id DESC LIMIT 1");
    }
    static bool contains(const std::string& body, const std::string& what) { return body.find(what) != std::string::npos; }
};

TEST_F(ApplicationsHttp, AStudentAppliesTheOwnerDecidesAndTheApplicantFollows) {
    const std::string project = "stage-data-impact-fab-inclusion";  // internship, 2 places, deadline 2027-01-15
    owner_of("fab-inclusion", "fab-owner");
    const std::string owner_email = email("fab-owner");
    Browser owner = log_in(http(), owner_email);
    const long long alice_id = create_account(url_, email("alice"), "student", "Alice Étudiante");
    Browser alice = log_in(http(), email("alice"));
    ASSERT_EQ(alice.post(http(), "/me/profile", "availability=" + url_encode("le vendredi") + "&hours_per_week=7&sdg=4").status,
              303);

    // The public page shows the format's details and the button.
    auto page = http().get("/projects/" + project);
    ASSERT_EQ(page.status, 200);
    for (const char* part : {"data-testid=\"opportunity-details\"", "Marseille", "35 h par semaine", "700 € par mois",
                             "2 au total, 0 pourvue(s)", "2027-01-15", "data-testid=\"apply-link\""})
        EXPECT_TRUE(contains(page.body, part)) << part;
    auto english = http().get("/projects/" + project + "?lang=en");
    EXPECT_TRUE(contains(english.body, "€700 a month")) << "labels in both languages";
    EXPECT_TRUE(contains(english.body, ">Apply</a>"));
    EXPECT_FALSE(contains(http().get("/projects/cuestionarix").body, "data-testid=\"opportunity\"")) << "semester project";

    // The form previews what each part of the profile would share.
    auto form = alice.get(http(), "/projects/" + project + "/apply");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, "data-testid=\"apply-form\""));
    EXPECT_TRUE(contains(form.body, "le vendredi · 7 h par semaine"));
    EXPECT_TRUE(contains(form.body, "4. Éducation de qualité"));
    EXPECT_TRUE(contains(form.body, email("alice"))) << "the applicant is told the organisation sees their address";

    // Bad input comes back with the values and a message; nothing is written.
    const std::string target = "/projects/" + project + "/apply";
    auto missing = alice.post(http(), target, "message=+++&share_causes=1");
    EXPECT_EQ(missing.status, 422);
    EXPECT_TRUE(contains(missing.body, "Écrivez un message à la structure."));
    const std::string long_message(4001, 'a');
    auto too_long = alice.post(http(), target, "message=" + long_message);
    EXPECT_EQ(too_long.status, 422);
    EXPECT_TRUE(contains(too_long.body, "au plus 4000 caractères"));
    EXPECT_TRUE(contains(too_long.body, long_message)) << "the value comes back";
    // Each problem next to its field, summarised at the top and linked to it.
    EXPECT_TRUE(shows_field_error(missing.body, "message"));
    EXPECT_TRUE(shows_field_error(too_long.body, "message"));
    EXPECT_TRUE(contains(too_long.body, "aria-describedby=\"message-help message-error\"")) << "with its hint";
    auto broken = alice.post(http(), target, "message=%FF%FE");
    EXPECT_EQ(broken.status, 400);
    EXPECT_EQ(count("SELECT COUNT(*) FROM applications WHERE person_id = " + std::to_string(alice_id)), 0);

    // Applying: a pending application, the chosen parts snapshotted, the owners told.
    auto sent = alice.post(http(), target,
                           "message=" + url_encode("Bonjour,\nje suis motivée <b>vraiment</b>.") +
                               "&share_causes=1&share_availability=1");
    ASSERT_EQ(sent.status, 303) << sent.body;
    EXPECT_EQ(sent.header("location"), "/me/applications?done=applied");
    const long long alice_app = application_of(alice_id, project);
    ASSERT_GT(alice_app, 0);
    EXPECT_EQ(status_of(alice_app), "pending");
    const auto shared = json::parse(text("SELECT shared FROM applications WHERE id = " + std::to_string(alice_app)));
    EXPECT_EQ(shared["causes"], json::array({4}));
    EXPECT_EQ(shared["availability"]["text"], "le vendredi");
    EXPECT_FALSE(shared.contains("skills")) << "not chosen";
    EXPECT_EQ(mails(owner_email, "application_received"), 1);
    EXPECT_FALSE(last_mailed_link(url_, owner_email, "/projects/" + project + "/applications").empty());
    EXPECT_TRUE(contains(last_mail(owner_email, "body_text"), "Alice Étudiante"));

    // Twice: refused, with the reason.
    auto twice = alice.post(http(), target, "message=Encore");
    EXPECT_EQ(twice.status, 409);
    EXPECT_TRUE(contains(twice.body, "data-reason=\"already_applied\""));
    EXPECT_EQ(count("SELECT COUNT(*) FROM applications WHERE person_id = " + std::to_string(alice_id)), 1);
    EXPECT_EQ(alice.get(http(), target).status, 409);

    auto mine = alice.get(http(), "/me/applications?done=applied");
    ASSERT_EQ(mine.status, 200);
    EXPECT_TRUE(contains(mine.body, "Votre candidature est envoyée"));
    EXPECT_TRUE(contains(mine.body, "Stage data : mesurer l"));
    EXPECT_TRUE(contains(mine.body, "En attente de réponse"));
    EXPECT_TRUE(contains(mine.body, "data-testid=\"withdraw-" + std::to_string(alice_app) + "\""));
    EXPECT_TRUE(contains(mine.body, "&lt;b&gt;vraiment&lt;/b&gt;")) << "escaped";

    // The owner's list: the message, the shared parts, the decision forms, a polite template.
    const std::string list = "/projects/" + project + "/applications";
    auto review = owner.get(http(), list);
    ASSERT_EQ(review.status, 200);
    EXPECT_TRUE(contains(review.body, "Alice Étudiante"));
    EXPECT_TRUE(contains(review.body, "Bonjour,<br>je suis motivée"));
    EXPECT_TRUE(contains(review.body, "4. Éducation de qualité"));
    EXPECT_TRUE(contains(review.body, "data-testid=\"decline-" + std::to_string(alice_app) + "\""));
    EXPECT_TRUE(contains(review.body, "Bonjour Alice Étudiante,")) << "the decline template";
    EXPECT_TRUE(contains(owner.get(http(), list, {"Accept-Language: en"}).body, "Hello Alice Étudiante,"));

    // A call first: a message is needed.
    const std::string decision = "/applications/" + std::to_string(alice_app) + "/decision";
    auto no_message = owner.post(http(), decision, "decision=call_requested&message=");
    EXPECT_EQ(no_message.status, 422);
    EXPECT_TRUE(shows_field_error(no_message.body, "call-" + std::to_string(alice_app)))
        << "the message is missing at the call's textarea";
    EXPECT_TRUE(contains(no_message.body, "<details open>")) << "the form with the problem is open";
    const std::string long_answer(4001, 'r');
    const auto long_decline = owner.post(http(), decision, "decision=declined&message=" + long_answer);
    EXPECT_EQ(long_decline.status, 422);
    EXPECT_TRUE(shows_field_error(long_decline.body, "decline-" + std::to_string(alice_app)));
    EXPECT_TRUE(contains(long_decline.body, ">" + long_answer + "</textarea>")) << "kept to be shortened";
    EXPECT_EQ(owner.post(http(), decision, "decision=hired&message=x").status, 400);
    EXPECT_EQ(owner.post(http(), decision, "decision=declined&message=%C3").status, 400);
    EXPECT_EQ(status_of(alice_app), "pending");
    auto call = owner.post(http(), decision, "decision=call_requested&message=" + url_encode("Appelons-nous mardi à 10 h ?"));
    ASSERT_EQ(call.status, 303);
    EXPECT_EQ(call.header("location"), list + "?done=call_requested");
    EXPECT_EQ(status_of(alice_app), "call_requested");
    EXPECT_EQ(mails(email("alice"), "application_decided"), 1);
    EXPECT_TRUE(contains(last_mail(email("alice"), "body_text"), "Appelons-nous mardi à 10 h ?"));
    EXPECT_FALSE(last_mailed_link(url_, email("alice"), "/me/applications").empty());
    auto after_call = alice.get(http(), "/me/applications");
    EXPECT_TRUE(contains(after_call.body, "Échange demandé"));
    EXPECT_TRUE(contains(after_call.body, "Appelons-nous mardi"));
    EXPECT_EQ(owner.post(http(), decision, "decision=call_requested&message=again").status, 409) << "one call";

    // Accepted (a message is optional), then final.
    ASSERT_EQ(owner.post(http(), decision, "decision=accepted&message=").status, 303);
    EXPECT_EQ(status_of(alice_app), "accepted");
    EXPECT_EQ(mails(email("alice"), "application_decided"), 2);
    EXPECT_EQ(last_mail(email("alice"), "subject"),
              "Votre candidature est acceptée — Stage data : mesurer l'insertion des stagiaires");
    auto again = owner.post(http(), decision, "decision=declined&message=Finalement+non");
    EXPECT_EQ(again.status, 409);
    EXPECT_TRUE(contains(again.body, "n&apos;attend plus de réponse"));
    EXPECT_EQ(status_of(alice_app), "accepted");
    EXPECT_TRUE(contains(alice.get(http(), "/me/applications").body, "Acceptée"));
    EXPECT_FALSE(contains(alice.get(http(), "/me/applications").body, "data-testid=\"withdraw-")) << "no longer awaiting";

    // A professional declined with the template; a researcher takes the last place.
    const long long bruno_id = create_account(url_, email("bruno"), "professional", "Bruno Pro");
    Browser bruno = log_in(http(), email("bruno"));
    ASSERT_EQ(bruno.post(http(), target, "message=Bonjour").status, 303);
    const long long bruno_app = application_of(bruno_id, project);
    const std::string polite = "Bonjour Bruno,\n\nMerci, mais nous avons choisi une autre personne.";
    ASSERT_EQ(owner
                  .post(http(), "/applications/" + std::to_string(bruno_app) + "/decision",
                        "decision=declined&message=" + url_encode(polite))
                  .status,
              303);
    EXPECT_EQ(status_of(bruno_app), "declined");
    EXPECT_TRUE(contains(last_mail(email("bruno"), "body_text"), "nous avons choisi une autre personne"));
    EXPECT_TRUE(contains(bruno.get(http(), "/me/applications").body, "Déclinée"));

    const long long chloe_id = create_account(url_, email("chloe"), "researcher", "Chloé Chercheuse");
    Browser chloe = log_in(http(), email("chloe"));
    ASSERT_EQ(chloe.post(http(), target, "message=Bonjour").status, 303);
    const long long dan_id = create_account(url_, email("dan"), "student", "Dan");
    Browser dan = log_in(http(), email("dan"));
    ASSERT_EQ(dan.post(http(), target, "message=Moi+aussi").status, 303);
    ASSERT_EQ(owner
                  .post(http(), "/applications/" + std::to_string(application_of(chloe_id, project)) + "/decision",
                        "decision=accepted")
                  .status,
              303);
    // Full: accepting more is refused, the page says "Complet", nobody else may apply.
    auto over = owner.post(http(), "/applications/" + std::to_string(application_of(dan_id, project)) + "/decision",
                           "decision=accepted");
    EXPECT_EQ(over.status, 409);
    EXPECT_TRUE(contains(over.body, "Toutes les places sont déjà pourvues"));
    EXPECT_EQ(status_of(application_of(dan_id, project)), "pending");
    create_account(url_, email("eve"), "student", "Eve");
    Browser eve = log_in(http(), email("eve"));
    auto full_page = eve.get(http(), "/projects/" + project);  // logged in: not the 1 s public cache
    EXPECT_TRUE(contains(full_page.body, "data-testid=\"opportunity-full\""));
    EXPECT_FALSE(contains(full_page.body, "data-testid=\"apply-link\""));
    auto late = eve.post(http(), target, "message=Bonjour");
    EXPECT_EQ(late.status, 409);
    EXPECT_TRUE(contains(late.body, "data-reason=\"full\""));
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM applications a JOIN projects p ON p.id = a.project_id WHERE p.slug = '" + project + "'"), 4);
}

TEST_F(ApplicationsHttp, AnApplicantWithdrawsAndMaySendAgain) {
    const std::string project = "mentorat-lire-et-grandir";
    owner_of("lire-et-grandir", "lire-owner");
    const long long pro_id = create_account(url_, email("mentor"), "professional", "Mona Mentor");
    Browser pro = log_in(http(), email("mentor"));
    ASSERT_EQ(pro.post(http(), "/projects/" + project + "/apply", "message=Je+peux+aider").status, 303);
    const long long app = application_of(pro_id, project);
    const std::string withdraw = "/applications/" + std::to_string(app) + "/withdraw";

    // Someone else's application is unknown to them.
    create_account(url_, email("intruder"), "student", "Ian");
    Browser intruder = log_in(http(), email("intruder"));
    EXPECT_EQ(intruder.post(http(), withdraw).status, 404);
    EXPECT_EQ(intruder.post(http(), "/applications/99999999/withdraw").status, 404);
    EXPECT_EQ(status_of(app), "pending");

    auto done = pro.post(http(), withdraw);
    ASSERT_EQ(done.status, 303);
    EXPECT_EQ(done.header("location"), "/me/applications?done=withdrawn");
    EXPECT_EQ(status_of(app), "withdrawn");
    EXPECT_EQ(mails(email("lire-owner"), "application_withdrawn"), 1);
    EXPECT_TRUE(contains(pro.get(http(), "/me/applications").body, "Retirée"));
    auto twice = pro.post(http(), withdraw);
    EXPECT_EQ(twice.status, 409);
    EXPECT_TRUE(contains(twice.body, "data-testid=\"error-summary\""));
    EXPECT_FALSE(contains(twice.body, "aria-invalid")) << "no field of its own: the summary only";

    // Sent again: the same row, pending again.
    ASSERT_EQ(pro.post(http(), "/projects/" + project + "/apply", "message=Me+revoil%C3%A0").status, 303);
    EXPECT_EQ(application_of(pro_id, project), app);
    EXPECT_EQ(status_of(app), "pending");
    EXPECT_EQ(text("SELECT message FROM applications WHERE id = " + std::to_string(app)), "Me revoilà");
    EXPECT_EQ(mails(email("lire-owner"), "application_received"), 2);
}

TEST_F(ApplicationsHttp, SemesterProjectsClosedFullOrUnknownOpportunitiesTakeNoApplications) {
    create_account(url_, email("refused"), "student", "Rita");
    Browser rita = log_in(http(), email("refused"));
    const long long before = count("SELECT COUNT(*) FROM applications");

    // Semester projects: 409 with the reason (teams come from the partner schools).
    auto semester = rita.get(http(), "/projects/cuestionarix/apply");
    EXPECT_EQ(semester.status, 409);
    EXPECT_TRUE(contains(semester.body, "data-reason=\"no_applications_for_format\""));
    EXPECT_TRUE(contains(semester.body, "On ne postule pas à un projet étudiant"));
    EXPECT_EQ(rita.post(http(), "/projects/cuestionarix/apply", "message=Bonjour").status, 409);

    // Full (seeded: one place, accepted).
    auto full = rita.post(http(), "/projects/mentorat-terres-paysannes/apply", "message=Bonjour");
    EXPECT_EQ(full.status, 409);
    EXPECT_TRUE(contains(full.body, "data-reason=\"full\""));
    EXPECT_TRUE(contains(rita.get(http(), "/projects/mentorat-terres-paysannes").body, "Complet"));

    // Closed: published no more.
    execute("UPDATE projects SET status = 'in_progress' WHERE slug = 'accompagnement-compost-and-co'");
    auto closed = rita.post(http(), "/projects/accompagnement-compost-and-co/apply", "message=Bonjour");
    EXPECT_EQ(closed.status, 409);
    EXPECT_TRUE(contains(closed.body, "data-reason=\"not_open\""));
    EXPECT_TRUE(contains(rita.get(http(), "/projects/accompagnement-compost-and-co").body, "data-testid=\"opportunity-closed\""));

    // Deadline passed.
    execute("UPDATE opportunity_details SET deadline = '2020-01-01' WHERE project_id = "
            "(SELECT id FROM projects WHERE slug = 'stage-dev-kiosque-sante')");
    auto late = rita.post(http(), "/projects/stage-dev-kiosque-sante/apply", "message=Bonjour");
    EXPECT_EQ(late.status, 409);
    EXPECT_TRUE(contains(late.body, "data-reason=\"deadline_passed\""));

    // Unknown or not public: 404.
    EXPECT_EQ(rita.get(http(), "/projects/no-such-project/apply").status, 404);
    execute("UPDATE projects SET status = 'draft' WHERE slug = 'accompagnement-solicare'");
    EXPECT_EQ(rita.post(http(), "/projects/accompagnement-solicare/apply", "message=Bonjour").status, 404);
    EXPECT_EQ(count("SELECT COUNT(*) FROM applications"), before) << "nothing written";
}

TEST_F(ApplicationsHttp, OnlyTheOrganisationAndStaffReviewAndOnlyApplicantsApply) {
    const std::string project = "vendredis-carte-points-eau";
    owner_of("eau-vive-sahel", "eau-owner");
    const long long sam_id = create_account(url_, email("sam"), "student", "Sam");
    Browser sam = log_in(http(), email("sam"));
    ASSERT_EQ(sam.post(http(), "/projects/" + project + "/apply", "message=Bonjour").status, 303);
    const long long app = application_of(sam_id, project);
    const std::string decision = "/applications/" + std::to_string(app) + "/decision";

    // A member of another organisation, and the applicant themself: as if nothing existed.
    owner_of("fab-inclusion", "other-owner");
    Browser other = log_in(http(), email("other-owner"));
    EXPECT_EQ(other.get(http(), "/projects/" + project + "/applications").status, 404);
    EXPECT_EQ(other.post(http(), decision, "decision=accepted").status, 404);
    EXPECT_EQ(other.get(http(), "/projects/no-such-project/applications").status, 404);
    EXPECT_EQ(other.post(http(), "/applications/99999999/decision", "decision=accepted").status, 404);
    EXPECT_EQ(sam.get(http(), "/projects/" + project + "/applications").status, 404);
    EXPECT_EQ(sam.post(http(), decision, "decision=accepted").status, 404);
    EXPECT_EQ(status_of(app), "pending");
    EXPECT_EQ(http().get("/projects/" + project + "/applications").status, 303) << "log in first";

    // Staff review every organisation's applications.
    create_account(url_, email("staff"), "staff", "Stella Staff");
    Browser staff = log_in(http(), email("staff"));
    EXPECT_EQ(staff.get(http(), "/projects/" + project + "/applications").status, 200);
    ASSERT_EQ(staff.post(http(), decision, "decision=declined&message=" + url_encode("Merci beaucoup.")).status, 303);
    EXPECT_EQ(status_of(app), "declined");

    // A beneficiary (or staff) account does not apply; a visitor is asked to log in.
    create_account(url_, email("beneficiary"), "beneficiary", "Béa");
    Browser bea = log_in(http(), email("beneficiary"));
    EXPECT_EQ(bea.get(http(), "/projects/" + project + "/apply").status, 403);
    EXPECT_EQ(bea.post(http(), "/projects/" + project + "/apply", "message=Bonjour").status, 403);
    EXPECT_EQ(staff.post(http(), "/projects/" + project + "/apply", "message=Bonjour").status, 403);
    auto anonymous = http().get("/projects/" + project + "/apply");
    EXPECT_EQ(anonymous.status, 303);
    EXPECT_EQ(anonymous.header("location"), "/login?next=" + url_encode("/projects/" + project + "/apply"));
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM applications a JOIN projects p ON p.id = a.project_id WHERE p.slug = '" + project + "'"), 1);
}

TEST_F(ApplicationsHttp, TheJsonApiAppliesWithAPersonalToken) {
    const std::string project = "recherche-impact-projets-numeriques";
    owner_of("chaire-innovation", "chaire-owner");
    const long long rob_id = create_account(url_, email("api-researcher"), "researcher", "Rob Researcher");
    Browser rob = log_in(http(), email("api-researcher"));
    auto created = rob.post(http(), "/me/tokens", "name=script");
    ASSERT_EQ(created.status, 200);
    const std::string marker = "data-testid=\"new-token\">";
    const auto at = created.body.find(marker);
    ASSERT_NE(at, std::string::npos);
    const std::string token = created.body.substr(at + marker.size(),
                                                  created.body.find('<', at + marker.size()) - at - marker.size());
    const std::vector<std::string> headers{"Authorization: Bearer " + token, "Content-Type: application/json"};
    const std::string endpoint = "/api/v1/projects/" + project + "/applications";

    EXPECT_EQ(http().request("POST", endpoint, {"Content-Type: application/json"}, R"({"message":"x"})").status, 401);
    auto invalid = http().request("POST", endpoint, headers, "{nope");
    EXPECT_EQ(invalid.status, 400);
    EXPECT_EQ(json::parse(invalid.body)["error"]["code"], "invalid_json");
    auto typed = http().request("POST", endpoint, headers, R"({"message":42})");
    EXPECT_EQ(typed.status, 422);
    EXPECT_EQ(json::parse(typed.body)["error"]["code"], "invalid_type");
    auto share_typed = http().request("POST", endpoint, headers, R"({"message":"Bonjour","share":{"skills":"yes"}})");
    EXPECT_EQ(share_typed.status, 422);
    auto empty = http().request("POST", endpoint, headers, R"({"message":"   "})");
    EXPECT_EQ(empty.status, 422);
    EXPECT_EQ(json::parse(empty.body)["error"]["code"], "invalid_message");
    auto unknown = http().request("POST", "/api/v1/projects/no-such-project/applications", headers, R"({"message":"Bonjour"})");
    EXPECT_EQ(unknown.status, 404);
    auto semester = http().request("POST", "/api/v1/projects/cuestionarix/applications", headers, R"({"message":"Bonjour"})");
    EXPECT_EQ(semester.status, 409);
    EXPECT_EQ(json::parse(semester.body)["error"]["code"], "no_applications_for_format");
    EXPECT_EQ(count("SELECT COUNT(*) FROM applications WHERE person_id = " + std::to_string(rob_id)), 0);

    auto applied = http().request("POST", endpoint, headers,
                                  R"({"message":"Bonjour, je travaille sur l'impact.","share":{"causes":true}})");
    ASSERT_EQ(applied.status, 201) << applied.body;
    const auto body = json::parse(applied.body)["application"];
    EXPECT_EQ(body["status"], "pending");
    EXPECT_EQ(body["project"]["slug"], project);
    EXPECT_EQ(body["message"], "Bonjour, je travaille sur l'impact.");
    EXPECT_TRUE(body["shared"].is_object());
    EXPECT_EQ(mails(email("chaire-owner"), "application_received"), 1);
    auto twice = http().request("POST", endpoint, headers, R"({"message":"Encore"})");
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(json::parse(twice.body)["error"]["code"], "already_applied");

    auto mine = http().get("/api/v1/me/applications", {"Authorization: Bearer " + token});
    ASSERT_EQ(mine.status, 200);
    const auto list = json::parse(mine.body)["applications"];
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["id"], body["id"]);
    EXPECT_EQ(list[0]["status"], "pending");
    EXPECT_EQ(list[0]["organisation"]["name"], "Chaire Innovation sociale et technologique (fictive)");
    EXPECT_EQ(http().get("/api/v1/me/applications").status, 401);

    // A beneficiary's token may not apply.
    create_account(url_, email("api-beneficiary"), "beneficiary", "Ben");
    Browser ben = log_in(http(), email("api-beneficiary"));
    auto ben_page = ben.post(http(), "/me/tokens", "name=script");
    const auto ben_at = ben_page.body.find(marker);
    ASSERT_NE(ben_at, std::string::npos);
    const std::string ben_token = ben_page.body.substr(ben_at + marker.size(),
                                                       ben_page.body.find('<', ben_at + marker.size()) - ben_at - marker.size());
    auto refused = http().request("POST", endpoint, {"Authorization: Bearer " + ben_token, "Content-Type: application/json"},
                                  R"({"message":"Bonjour"})");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(
        json::parse(http().get("/api/v1/me/applications", {"Authorization: Bearer " + ben_token}).body)["applications"].size(),
        0u);
}

TEST_F(ApplicationsHttp, JobsRemindTheOwnersThenExpireAndNeverTwice) {
    const std::string project = "vendredis-ateliers-refugies";
    owner_of("accueil-refugies-grand-est", "refugies-owner");
    const std::string owner_email = email("refugies-owner");
    const long long vic_id = create_account(url_, email("vic"), "professional", "Vic Volunteer");
    Browser vic = log_in(http(), email("vic"));
    ASSERT_EQ(vic.post(http(), "/projects/" + project + "/apply", "message=Je+viens+le+vendredi").status, 303);
    const long long app = application_of(vic_id, project);
    const std::string created = text("SELECT created_at FROM applications WHERE id = " + std::to_string(app));
    const auto sent_at = store::parse_iso_utc(created);
    auto run = [&](std::chrono::hours after, std::vector<std::string> more = {}) {
        std::vector<std::string> args{"jobs", "run", "--database", url_, "--now", store::iso_utc(sent_at + after)};
        args.insert(args.end(), more.begin(), more.end());
        auto result = run_latitudes(args);
        EXPECT_EQ(result.exit_code, 0) << result.output;
        const auto line = result.output.substr(result.output.rfind("{\"reminders\""));
        return json::parse(line.substr(0, line.find('\n')));
    };
    const auto before_owner = mails(owner_email, "application_reminder");
    EXPECT_EQ(before_owner, 0);

    auto early = run(std::chrono::hours(24 * 4));
    EXPECT_EQ(mails(owner_email, "application_reminder"), 0) << "not yet";
    EXPECT_EQ(text("SELECT reminded_at FROM applications WHERE id = " + std::to_string(app)), "");

    auto first = run(std::chrono::hours(24 * 5 + 1));
    EXPECT_GE(first["reminders"].get<int>(), 1);
    EXPECT_EQ(mails(owner_email, "application_reminder"), 1);
    EXPECT_TRUE(contains(last_mail(owner_email, "body_text"), "Vic Volunteer"));
    EXPECT_FALSE(last_mailed_link(url_, owner_email, "/projects/" + project + "/applications").empty());
    EXPECT_FALSE(text("SELECT reminded_at FROM applications WHERE id = " + std::to_string(app)).empty());
    EXPECT_EQ(status_of(app), "pending");
    auto second = run(std::chrono::hours(24 * 5 + 2));
    EXPECT_EQ(second["reminders"], 0) << "once";
    EXPECT_EQ(mails(owner_email, "application_reminder"), 1);

    // Configurable: with a 30-day expiry nothing expires at day 22.
    auto configured = run(std::chrono::hours(24 * 22), {"--expiry-days", "30"});
    EXPECT_EQ(status_of(app), "pending");
    auto expired = run(std::chrono::hours(24 * 22));
    EXPECT_GE(expired["expired"].get<int>(), 1);
    EXPECT_EQ(status_of(app), "expired");
    EXPECT_EQ(mails(email("vic"), "application_expired"), 1);
    EXPECT_FALSE(last_mailed_link(url_, email("vic"), "/me/applications").empty());
    auto again = run(std::chrono::hours(24 * 23));
    EXPECT_EQ(again["expired"], 0);
    EXPECT_EQ(again["reminders"], 0);
    EXPECT_EQ(mails(email("vic"), "application_expired"), 1);
    EXPECT_TRUE(contains(vic.get(http(), "/me/applications").body, "Expirée sans réponse"));

    // An expiry that comes before the reminder is refused.
    auto bad = run_latitudes({"jobs", "run", "--database", url_, "--reminder-days", "5", "--expiry-days", "5"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_TRUE(contains(bad.output, "--expiry-days"));
    (void)early;
    (void)configured;
}
