// From a need to a published project, over HTTP: the beneficiary writes and submits,
// staff frame (revisions, comparison, comments), the workflow refuses illegal moves with a clear
// message and changes nothing, declines need a reason that is e-mailed, publishing puts the
// project in the public catalogue.
#include "support/in_process_site.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace latitudes::test;
using latitudes::web::url_encode;
using nlohmann::json;

class Needs : public InProcessSite<Needs> {
protected:
    static std::string verified_organisation(const Browser& admin, const Browser& staff, const std::string& name) {
        return latitudes::test::verified_organisation(http(), admin, staff, name);
    }
    static std::string need_body(const std::string& organisation, const std::string& intent, const std::string& title) {
        return "organisation=" + organisation + "&intent=" + intent + "&title=" + url_encode(title) +
               "&summary=" + url_encode("Un outil pour suivre les bénévoles") + "&format=student_project" +
               "&problem=" + url_encode("Les bénévoles sont suivis sur papier.") +
               "&beneficiaries=" + url_encode("300 bénévoles") + "&hopes=" + url_encode("Une application simple") +
               "&contact_name=Nadia&contact_email=nadia%40asso.example&sdg=4&sdg=10";
    }
    static int id_from(const HttpResponse& r) {
        const std::string location = r.header("location");
        return std::stoi(location.substr(std::string("/needs/").size()));
    }
};

TEST_F(Needs, FromDraftToPublishedWithFramingRevisionsAndTheWorkflowRules) {
    create_account(url_, email("need-admin"), "beneficiary", "Nadia Asso");
    create_account(url_, email("need-staff"), "staff", "Sam Staff");
    create_account(url_, email("need-stranger"), "student", "Stan Ger");
    Browser nadia = log_in(http(), email("need-admin")), staff = log_in(http(), email("need-staff"));
    Browser stranger = log_in(http(), email("need-stranger"));

    // An unverified organisation cannot bring a need.
    auto unverified = nadia.post(http(), "/orgs/new", "name=Pas+Encore+Verifiee&kind=association");
    const std::string unverified_slug = unverified.header("location").substr(6);
    auto refused = nadia.post(http(), "/needs/new", need_body(unverified_slug, "save", "Besoin refusé"));
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("pas encore vérifiée"), std::string::npos);

    const std::string org = verified_organisation(nadia, staff, "Les Bénévoles Unis " + std::to_string(::getpid()));
    EXPECT_NE(nadia.get(http(), "/needs/new").body.find("value=\"" + org + "\""), std::string::npos);

    // Submitting needs more than a draft: the form comes back with the values and messages.
    auto incomplete = nadia.post(http(), "/needs/new",
                                 "organisation=" + org + "&intent=submit&title=Suivi&format=student_project");
    EXPECT_EQ(incomplete.status, 422);
    EXPECT_NE(incomplete.body.find("« Le problème social » est nécessaire pour soumettre le besoin."), std::string::npos);
    EXPECT_NE(incomplete.body.find("value=\"Suivi\""), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs"), 0);
    EXPECT_EQ(nadia.post(http(), "/needs/new", "organisation=" + org + "&intent=save&title=%FF%FE&format=student_project").status,
              400);

    // A draft is saved, finished later, then submitted.
    auto draft = nadia.post(http(), "/needs/new",
                            "organisation=" + org + "&intent=save&title=" + url_encode("Suivi des bénévoles") +
                                "&format=student_project");
    ASSERT_EQ(draft.status, 303);
    const int id = id_from(draft);
    const std::string need = "/needs/" + std::to_string(id), framing = "/framing/" + std::to_string(id);
    auto page = nadia.get(http(), need);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Brouillon"), std::string::npos);
    EXPECT_NE(page.body.find("data-testid=\"need-edit\""), std::string::npos);
    EXPECT_EQ(nadia.get(http(), framing).status, 404) << "no framing before submission";
    ASSERT_EQ(nadia.post(http(), need, need_body(org, "submit", "Suivi des bénévoles")).status, 303);
    EXPECT_NE(nadia.get(http(), need).body.find("Soumis"), std::string::npos);
    EXPECT_EQ(nadia.post(http(), need, need_body(org, "save", "Changé après coup")).status, 409) << "no longer a draft";

    // Private to the organisation and staff; strangers and anonymous visitors learn nothing.
    EXPECT_EQ(stranger.get(http(), need).status, 404);
    EXPECT_EQ(stranger.get(http(), framing).status, 404);
    EXPECT_EQ(stranger.post(http(), need + "/status", "to=framing").status, 404);
    EXPECT_EQ(http().get(need).status, 303);
    EXPECT_EQ(stranger.get(http(), "/needs/999999").status, 404);
    EXPECT_EQ(stranger.get(http(), "/api/v1/projects/" + std::to_string(id)).status, 404);

    // Staff see it in their queue and take it up; the beneficiary cannot do that themself.
    EXPECT_NE(staff.get(http(), "/admin/needs").body.find("Suivi des bénévoles"), std::string::npos);
    auto not_theirs = nadia.post(http(), need + "/status", "to=framing");
    EXPECT_EQ(not_theirs.status, 403);
    EXPECT_NE(not_theirs.body.find("Vous ne pouvez pas faire passer ce projet de « Soumis » à « En cadrage »."),
              std::string::npos);
    ASSERT_EQ(staff.post(http(), need + "/status", "to=framing").status, 303);

    // Revision 1 (incomplete): "ready" is refused with what is missing, nothing changes.
    ASSERT_EQ(staff.post(http(), framing, "statement=" + url_encode("Suivre 300 bénévoles") + "&team_min=4&team_max=6").status,
              303);
    auto not_ready = staff.post(http(), need + "/status", "to=ready");
    EXPECT_EQ(not_ready.status, 422);
    EXPECT_NE(not_ready.body.find("La fiche de cadrage n&apos;est pas complète"), std::string::npos);
    EXPECT_NE(not_ready.body.find("Utilisateurs"), std::string::npos);
    EXPECT_NE(not_ready.body.find("Semestre"), std::string::npos) << "a semester project names its semester";
    EXPECT_EQ(count("SELECT COUNT(*) FROM projects WHERE status = 'framing' AND id = " + std::to_string(id)), 1);
    // Bad sheet input comes back with messages; nothing is saved.
    auto bad = staff.post(http(), framing, "statement=x&team_min=9&team_max=2&skill_web-backend=7");
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("La taille d&apos;équipe doit aller de 1 à 50"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM framing_revisions WHERE project_id = " + std::to_string(id)), 1);
    // A date that is no date comes back as typed, in a text field next to its message; one typed
    // day first is understood.
    auto broken_date = staff.post(http(), framing,
                                  "statement=x&starts_on=" + url_encode("31/02/2027") + "&ends_on=" + url_encode("30/06/2027"));
    EXPECT_EQ(broken_date.status, 422);
    EXPECT_NE(broken_date.body.find("type=\"text\" id=\"starts_on\" name=\"starts_on\" value=\"31/02/2027\""), std::string::npos);
    EXPECT_NE(broken_date.body.find("id=\"starts_on-error\""), std::string::npos);
    EXPECT_NE(broken_date.body.find("<a href=\"#starts_on\">"), std::string::npos);
    EXPECT_NE(broken_date.body.find("type=\"date\" id=\"ends_on\" name=\"ends_on\" value=\"2027-06-30\""), std::string::npos);

    // Revision 2 by the beneficiary (both sides edit), compared with revision 1.
    const std::string complete = "statement=" + url_encode("Suivre 300 bénévoles sans papier") +
                                 "&users=" + url_encode("Coordinateurs") + "&scope=" + url_encode("Application web") +
                                 "&deliverables=" + url_encode("Prototype et code") +
                                 "&team_min=4&team_max=6&skill_web-backend=2&skill_ux-design=1&semester=2027-P" +
                                 "&starts_on=2027-02-01&ends_on=2027-06-30&sdg=4&sdg=10";
    auto saved = nadia.post(http(), framing, complete);
    ASSERT_EQ(saved.status, 303);
    EXPECT_EQ(saved.header("location"), framing + "?done=saved&compare=2");
    auto compared = nadia.get(http(), saved.header("location"));
    EXPECT_NE(compared.body.find("data-testid=\"framing-comparison\""), std::string::npos);
    EXPECT_NE(compared.body.find("<del>Suivre 300 bénévoles</del>"), std::string::npos);
    EXPECT_NE(compared.body.find("<ins>Suivre 300 bénévoles sans papier</ins>"), std::string::npos);
    EXPECT_EQ(nadia.post(http(), framing, complete).header("location"), framing + "?done=unchanged") << "no empty revision";
    ASSERT_EQ(nadia.post(http(), framing + "/comments", "body=" + url_encode("Merci, c'est clair !")).status, 303);
    EXPECT_NE(staff.get(http(), framing).body.find("Merci, c&apos;est clair !"), std::string::npos);
    EXPECT_EQ(stranger.post(http(), framing + "/comments", "body=spam").status, 404);

    // Ready copies the sheet onto the project; the beneficiary's admin publishes (verified).
    ASSERT_EQ(staff.post(http(), need + "/status", "to=ready").status, 303);
    EXPECT_EQ(count("SELECT team_min * 10 + team_max FROM projects WHERE id = " + std::to_string(id)), 46);
    EXPECT_EQ(count("SELECT COUNT(*) FROM project_skills WHERE project_id = " + std::to_string(id)), 2);
    EXPECT_EQ(staff.post(http(), framing, complete + "&risks=x").status, 409) << "the sheet is locked once ready";
    const std::string slug = json::parse(nadia.get(http(), "/api/v1/needs/" + std::to_string(id)).body)["slug"];
    EXPECT_EQ(http().get("/projects/" + slug).status, 404) << "not public before publication";
    ASSERT_EQ(nadia.post(http(), need + "/status", "to=published").status, 303);
    const auto published = http().get("/projects/" + slug);
    EXPECT_EQ(published.status, 200);
    // The sheet's semester, dates and SDGs are the project's (issue 10).
    EXPECT_NE(published.body.find("Printemps 2027"), std::string::npos) << "its semester";
    EXPECT_NE(published.body.find("01/02/2027"), std::string::npos) << "its dates, as the cards write them";
    EXPECT_NE(published.body.find("Éducation de qualité"), std::string::npos) << "its SDGs";
    EXPECT_NE(http().get("/api/v1/projects?limit=100&q=" + url_encode("bénévoles")).body.find(slug), std::string::npos);

    // Illegal and reason-less moves are refused and change nothing.
    auto illegal = staff.post(http(), need + "/status", "to=framing");
    EXPECT_EQ(illegal.status, 409);
    EXPECT_NE(illegal.body.find("Impossible de passer de « Ouvert » à « En cadrage »"), std::string::npos);
    EXPECT_EQ(staff.post(http(), need + "/status", "to=cancelled").status, 422) << "a reason is required";
    EXPECT_EQ(nadia.post(http(), need + "/status", "to=cancelled&reason=plus+besoin").status, 403) << "staff's call once framed";
    EXPECT_EQ(staff.post(http(), need + "/status", "to=nonsense").status, 400);
    EXPECT_EQ(count("SELECT COUNT(*) FROM projects WHERE status = 'published' AND id = " + std::to_string(id)), 1);

    // The history says who did what; every move was e-mailed to the organisation's members.
    auto history = nadia.get(http(), need);
    EXPECT_NE(history.body.find("data-testid=\"need-history\""), std::string::npos);
    EXPECT_NE(history.body.find("Sam Staff"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM status_changes WHERE project_id = " + std::to_string(id)), 4);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'status_changed' AND to_address = '" +
                    email("need-admin") + "'"),
              3);

    // Through delivery; declined and cancelled are refused once delivered (not open any more).
    ASSERT_EQ(nadia.post(http(), need + "/status", "to=in_progress").status, 303);
    ASSERT_EQ(nadia.post(http(), need + "/status", "to=delivered").status, 303);
    EXPECT_EQ(nadia.post(http(), need + "/status", "to=evaluated").status, 403);
    EXPECT_EQ(staff.post(http(), need + "/status", "to=declined&reason=trop+tard").status, 409);
    ASSERT_EQ(staff.post(http(), need + "/status", "to=evaluated").status, 303);
}

TEST_F(Needs, DeclineSendsTheReasonByEmail) {
    create_account(url_, email("decl-admin"), "beneficiary", "Dora Asso");
    create_account(url_, email("decl-staff"), "staff");
    Browser dora = log_in(http(), email("decl-admin")), staff = log_in(http(), email("decl-staff"));
    const std::string org = verified_organisation(dora, staff, "Asso Refusée " + std::to_string(::getpid()));
    auto submitted = dora.post(http(), "/needs/new", need_body(org, "submit", "Un besoin hors sujet"));
    ASSERT_EQ(submitted.status, 303);
    const std::string need = "/needs/" + std::to_string(id_from(submitted));
    ASSERT_EQ(staff.post(http(), need + "/status", "to=declined&reason=" + url_encode("Hors du champ du numérique.")).status,
              303);
    const std::string link = last_mailed_link(url_, email("decl-admin"), "/needs/");
    EXPECT_EQ(link, need + "?lang=fr");  // the page opens in the language of the mail
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE body_text LIKE '%Hors du champ du numérique.%' AND to_address = '" +
                    email("decl-admin") + "'"),
              1);
    EXPECT_NE(dora.get(http(), need).body.find("« Hors du champ du numérique. »"), std::string::npos);
    // Her data export lists the needs she wrote.
    const auto exported = json::parse(dora.get(http(), "/me/export").body);
    ASSERT_EQ(exported["needs_written"].size(), 1u);
    EXPECT_EQ(exported["needs_written"][0]["title"], "Un besoin hors sujet");
    EXPECT_EQ(exported["needs_written"][0]["status"], "declined");
    EXPECT_TRUE(exported["applications"].is_array());
    EXPECT_TRUE(exported["saved_searches"].is_array());
}

TEST_F(Needs, MembersWithdrawTheirOwnDraftAndTheApiTakesNeedsWithAToken) {
    create_account(url_, email("api-admin"), "beneficiary");
    create_account(url_, email("api-staff"), "staff");
    Browser admin = log_in(http(), email("api-admin")), staff = log_in(http(), email("api-staff"));
    const std::string org = verified_organisation(admin, staff, "Asso API " + std::to_string(::getpid()));
    auto created = admin.post(http(), "/me/tokens", "name=api");
    const auto at = created.body.find("data-testid=\"new-token\">");
    ASSERT_NE(at, std::string::npos);
    const std::string token = created.body.substr(at + 24, created.body.find('<', at + 24) - at - 24);
    const std::vector<std::string> headers{"Authorization: Bearer " + token, "Content-Type: application/json"};

    EXPECT_EQ(http().request("POST", "/api/v1/needs", {"Content-Type: application/json"}, "{}").status, 401);
    auto invalid = http().request("POST", "/api/v1/needs", headers,
                                  json{{"organisation", org}, {"title", ""}, {"submit", true}}.dump());
    EXPECT_EQ(invalid.status, 422);
    EXPECT_EQ(json::parse(invalid.body)["error"]["code"], "invalid_need");
    EXPECT_EQ(
        http().request("POST", "/api/v1/needs", headers, json{{"organisation", "not-mine"}, {"title", "X y"}}.dump()).status,
        422);
    auto ok = http().request(
        "POST", "/api/v1/needs", headers,
        json{{"organisation", org}, {"title", "Besoin par l'API"}, {"format", "internship"}, {"sdgs", {4}}}.dump());
    ASSERT_EQ(ok.status, 201) << ok.body;
    const auto body = json::parse(ok.body);
    EXPECT_EQ(body["status"], "draft");
    auto read = http().get("/api/v1/needs/" + std::to_string(body["id"].get<long long>()), {"Authorization: Bearer " + token});
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(json::parse(read.body)["format"], "internship");
    EXPECT_EQ(json::parse(read.body)["level"], "collaborator");
    EXPECT_EQ(json::parse(read.body)["moves_allowed"], json::array({"submitted", "cancelled"}));

    // The member cancels their own draft, with a reason.
    const std::string need = "/needs/" + std::to_string(body["id"].get<long long>());
    ASSERT_EQ(admin.post(http(), need + "/status", "to=cancelled&reason=" + url_encode("Doublon")).status, 303);
    EXPECT_NE(admin.get(http(), need).body.find("Annulé"), std::string::npos);
}
