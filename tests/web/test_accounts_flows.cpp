// HTTP flows of accounts and organisations beyond sign-up and log-in: invitations by e-mail, member roles, profiles,
// personal API tokens, change of e-mail, staff administration and the development outbox.
#include "store/accounts.hpp"
#include "support/demo_server.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace latitudes::test;
using latitudes::web::url_encode;
using nlohmann::json;

class Flows : public DemoServer<Flows> {
public:
    // Development mode: /dev/outbox exists.
    static std::vector<std::string> server_arguments() { return {"--dev"}; }

protected:
};

TEST_F(Flows, AnAdminInvitesByEmailAndTheInviteeJoinsWithTheLink) {
    const std::string admin_email = email("inviter"), invitee_email = email("invitee"), other_email = email("other");
    create_account(url_, admin_email, "beneficiary", "Inès Admin");
    const long long invitee_id = create_account(url_, invitee_email, "professional", "Paul Invité");
    create_account(url_, other_email, "student", "Olga Autre");
    Browser admin = log_in(http(), admin_email);
    auto created = admin.post(http(), "/orgs/new", "name=Asso+Invitante+" + std::to_string(::getpid()) + "&kind=association");
    ASSERT_EQ(created.status, 303);
    const std::string page = created.header("location");

    // Bad addresses come back with a message and the typed value; nothing is queued.
    auto bad = admin.post(http(), page + "/invitations", "email=not-an-address");
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("L&apos;adresse e-mail de la personne invitée n&apos;est pas valide."), std::string::npos);
    EXPECT_NE(bad.body.find("value=\"not-an-address\""), std::string::npos);
    auto self = admin.post(http(), page + "/invitations", "email=" + url_encode(admin_email), {"Accept-Language: en"});
    EXPECT_EQ(self.status, 422);
    EXPECT_NE(self.body.find("This person is already a member of the organisation."), std::string::npos);

    auto sent = admin.post(http(), page + "/invitations", "email=" + url_encode(invitee_email));
    ASSERT_EQ(sent.status, 303);
    EXPECT_NE(admin.get(http(), sent.header("location")).body.find("Invitation envoyée."), std::string::npos);
    EXPECT_NE(admin.get(http(), page).body.find(invitee_email), std::string::npos) << "pending invitation listed";
    const std::string link = last_mailed_link(url_, invitee_email, "/invitations/accept?token=");
    ASSERT_FALSE(link.empty());

    // Anonymous: the page says who invites and offers to log in, coming back here.
    auto anonymous = http().get(link);
    EXPECT_EQ(anonymous.status, 200);
    EXPECT_NE(anonymous.body.find("Asso Invitante"), std::string::npos);
    EXPECT_NE(anonymous.body.find("data-testid=\"invitation-login\""), std::string::npos);
    EXPECT_EQ(anonymous.header("referrer-policy"), "no-referrer");
    // Logged in with another account: no way to accept, even by posting the token.
    Browser other = log_in(http(), other_email);
    auto wrong = other.get(http(), link);
    EXPECT_NE(wrong.body.find("data-testid=\"invitation-other-account\""), std::string::npos);
    EXPECT_EQ(wrong.body.find("data-testid=\"invitation-accept\""), std::string::npos);
    const std::string token = link.substr(link.find("token=") + 6, link.find('&') - link.find("token=") - 6);
    EXPECT_EQ(other.post(http(), "/invitations/accept", "token=" + token).status, 403);

    // The invitee logs in through the page's link and comes back to accept.
    const std::string anonymous_csrf = set_cookie_value(http().get("/login"), "csrf");
    auto login = http().request("POST", "/login", {form_type, "Cookie: csrf=" + anonymous_csrf},
                                "email=" + url_encode(invitee_email) + "&password=" + url_encode(test_password) +
                                    "&next=" + url_encode(link) + "&csrf=" + anonymous_csrf);
    ASSERT_EQ(login.status, 303);
    EXPECT_EQ(login.header("location"), link);
    Browser invitee = log_in(http(), invitee_email);
    EXPECT_NE(invitee.get(http(), link).body.find("data-testid=\"invitation-accept\""), std::string::npos);
    auto joined = invitee.post(http(), "/invitations/accept", "token=" + token);
    ASSERT_EQ(joined.status, 303);
    EXPECT_EQ(joined.header("location"), page + "?done=joined");
    EXPECT_EQ(invitee.post(http(), "/invitations/accept", "token=" + token).status, 400) << "single use";
    EXPECT_NE(invitee.get(http(), "/me").body.find("Asso Invitante"), std::string::npos) << "Mon espace lists it";

    // A member reads the members but cannot manage them.
    auto member_view = invitee.get(http(), page);
    EXPECT_NE(member_view.body.find("Inès Admin"), std::string::npos);
    EXPECT_EQ(member_view.body.find("data-testid=\"org-invite\""), std::string::npos);
    EXPECT_EQ(invitee.post(http(), page + "/invitations", "email=x%40y.fr").status, 403);

    // Roles: the admin promotes the member; the last admin can neither leave nor be demoted.
    const std::string member_path = page + "/members/" + std::to_string(invitee_id);
    EXPECT_EQ(admin.post(http(), member_path + "/role", "role=owner").status, 400);
    ASSERT_EQ(admin.post(http(), member_path + "/role", "role=admin").status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM memberships WHERE role = 'admin' AND person_id = " + std::to_string(invitee_id)), 1);
    ASSERT_EQ(admin.post(http(), page + "/leave").status, 303) << "another admin remains";
    auto last = invitee.post(http(), page + "/leave");
    EXPECT_EQ(last.status, 422);
    EXPECT_NE(last.body.find("garder au moins un·e administrateur·rice"), std::string::npos);
    EXPECT_EQ(admin.get(http(), page).status, 404) << "who left no longer sees the unverified organisation";
    EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('invite_member', 'accept_invitation', 'change_member_role', "
                    "'leave_organisation')"),
              4);
}

TEST_F(Flows, ProfileFormKeepsValuesAndExplainsEveryProblem) {
    const std::string student = email("profile-student");
    create_account(url_, student, "student", "Samia Étudiante");
    Browser me = log_in(http(), student);
    auto form = me.get(http(), "/me/profile");
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("id=\"school_id\""), std::string::npos) << "students pick a school";
    EXPECT_NE(form.body.find("id=\"study_year\""), std::string::npos);
    EXPECT_EQ(form.body.find("id=\"employer\""), std::string::npos) << "not for students";
    const long long school = count("SELECT MIN(id) FROM organisations WHERE kind = 'school'");
    const long long skill = count("SELECT MIN(id) FROM skills");
    ASSERT_GT(school, 0);

    auto bad = me.post(http(), "/me/profile",
                       "study_year=12&hours_per_week=abc&availability=" + std::string(201, 'x') + "&skill_" +
                           std::to_string(skill) + "=7&sdg=18&school_id=999999");
    EXPECT_EQ(bad.status, 422);
    for (const char* text : {"Choisissez une école dans la liste.", "entre 1 et 8", "nombre entier entre 1 et 60",
                             "au plus 200 caractères", "parmi les 17 ODD", "notions, à l&apos;aise ou confirmé"})
        EXPECT_NE(bad.body.find(text), std::string::npos) << text;
    EXPECT_NE(bad.body.find("value=\"abc\""), std::string::npos) << "values come back";
    auto broken = me.post(http(), "/me/profile", "bio=%FF%FE");
    EXPECT_EQ(broken.status, 400);
    EXPECT_EQ(count("SELECT COUNT(*) FROM profiles p JOIN people e ON e.id = p.person_id WHERE e.email = '" + student + "'"), 0);

    auto ok = me.post(http(), "/me/profile",
                      "school_id=" + std::to_string(school) +
                          "&study_year=4&hours_per_week=6"
                          "&availability=" +
                          url_encode("le vendredi") + "&skill_" + std::to_string(skill) +
                          "=3&sdg=4&sdg=13&bio=" + url_encode("Données & climat"));
    ASSERT_EQ(ok.status, 303);
    EXPECT_EQ(ok.header("location"), "/me?done=profile");
    auto saved = me.get(http(), "/me/profile");
    EXPECT_NE(saved.body.find("value=\"le vendredi\""), std::string::npos);
    EXPECT_NE(saved.body.find("Données &amp; climat"), std::string::npos);
    EXPECT_NE(saved.body.find("name=\"sdg\" value=\"13\" checked"), std::string::npos);
    auto exported = json::parse(me.get(http(), "/me/export").body);
    EXPECT_EQ(exported["profile"]["study_year"], 4);
    EXPECT_EQ(exported["profile"]["sdgs"], json::array({4, 13}));
}

TEST_F(Flows, PersonalApiTokensWriteThroughTheJsonApiUntilRevoked) {
    const std::string pro = email("api-pro");
    create_account(url_, pro, "professional", "Pat Pro");
    Browser me = log_in(http(), pro);
    EXPECT_EQ(me.post(http(), "/me/tokens", "name=").status, 422);
    auto created = me.post(http(), "/me/tokens", "name=" + url_encode("mon script"));
    ASSERT_EQ(created.status, 200);
    const std::string marker = "data-testid=\"new-token\">";
    const auto at = created.body.find(marker);
    ASSERT_NE(at, std::string::npos);
    const std::string token = created.body.substr(at + marker.size(),
                                                  created.body.find('<', at + marker.size()) - at - marker.size());
    ASSERT_EQ(token.rfind("lat_", 0), 0u);
    EXPECT_EQ(me.get(http(), "/me").body.find(token), std::string::npos) << "shown once";
    EXPECT_EQ(count("SELECT COUNT(*) FROM api_tokens WHERE digest = '" + token + "'"), 0) << "only a digest is stored";

    const std::string bearer = "Authorization: Bearer " + token;
    EXPECT_EQ(http().get("/api/v1/me").status, 401);
    EXPECT_EQ(http().get("/api/v1/me", {"Authorization: Bearer lat_forged"}).status, 401);
    auto mine = http().get("/api/v1/me", {bearer});
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(json::parse(mine.body)["person"]["email"], pro);
    // The scheme's name is case-insensitive (RFC 9110 §11.1).
    EXPECT_EQ(http().get("/api/v1/me", {"Authorization: bearer " + token}).status, 200);
    EXPECT_EQ(http().get("/api/v1/me", {"Authorization: BEARER " + token}).status, 200);
    EXPECT_EQ(http().get("/api/v1/me", {"Authorization: Basic " + token}).status, 401);

    const std::vector<std::string> json_headers{bearer, "Content-Type: application/json"};
    auto invalid = http().request("PUT", "/api/v1/me/profile", json_headers, "{not json");
    EXPECT_EQ(invalid.status, 400);
    EXPECT_EQ(json::parse(invalid.body)["error"]["code"], "invalid_json");
    auto typed = http().request("PUT", "/api/v1/me/profile", json_headers, R"({"hours_per_week":"ten"})");
    EXPECT_EQ(typed.status, 422);
    EXPECT_EQ(json::parse(typed.body)["error"]["code"], "invalid_type");
    auto wrong = http().request("PUT", "/api/v1/me/profile", json_headers,
                                R"({"skills":[{"skill":"cobol-on-mars","level":2}],"sdgs":[0]})");
    EXPECT_EQ(wrong.status, 422);
    EXPECT_EQ(json::parse(wrong.body)["error"]["fields"], json::array({"skill", "sdg"}));
    // No CSRF token is needed with a bearer token: browsers never send one on their own.
    auto put = http().request(
        "PUT", "/api/v1/me/profile", json_headers,
        R"({"employer":"Octo","hours_per_week":4,"skills":[{"skill":"web-backend","level":2}],"sdgs":[10,3]})");
    ASSERT_EQ(put.status, 200) << put.body;
    const auto profile = json::parse(put.body)["profile"];
    EXPECT_EQ(profile["employer"], "Octo");
    EXPECT_EQ(profile["sdgs"], json::array({3, 10}));
    EXPECT_EQ(profile["skills"][0]["skill"], "web-backend");
    // The same write with the session cookie but without the CSRF header is refused.
    EXPECT_EQ(http().request("PUT", "/api/v1/me/profile", me.headers({"Content-Type: application/json"}), "{}").status, 403);

    // Revoked: the token stops working at once.
    const long long id = count("SELECT MAX(id) FROM api_tokens WHERE name = 'mon script'");
    ASSERT_EQ(me.post(http(), "/me/tokens/" + std::to_string(id) + "/revoke").status, 303);
    EXPECT_EQ(http().get("/api/v1/me", {bearer}).status, 401);
}

TEST_F(Flows, ChangeOfEmailTakesEffectWhenTheNewAddressConfirms) {
    const std::string old_address = email("mover"), new_address = email("moved"), taken = email("taken");
    create_account(url_, old_address, "researcher", "Rémi Chercheur");
    create_account(url_, taken, "student");
    Browser me = log_in(http(), old_address);
    auto wrong_password = me.post(http(), "/me/email", "new_email=" + url_encode(new_address) + "&current_password=nope");
    EXPECT_EQ(wrong_password.status, 422);
    EXPECT_NE(wrong_password.body.find("Le mot de passe actuel est incorrect."), std::string::npos);
    EXPECT_NE(wrong_password.body.find("value=\"" + new_address + "\""), std::string::npos);
    // A taken address gets the same answer, and no mail.
    auto to_taken = me.post(http(), "/me/email",
                            "new_email=" + url_encode(taken) + "&current_password=" + url_encode(test_password));
    EXPECT_EQ(to_taken.status, 200);
    EXPECT_TRUE(last_mailed_link(url_, taken, "/me/email/confirm").empty());

    auto sent = me.post(http(), "/me/email",
                        "new_email=" + url_encode(new_address) + "&current_password=" + url_encode(test_password));
    EXPECT_EQ(sent.status, 200);
    EXPECT_NE(sent.body.find(old_address), std::string::npos) << "nothing changes before the link is opened";
    const std::string link = last_mailed_link(url_, new_address, "/me/email/confirm?token=");
    ASSERT_FALSE(link.empty());
    auto confirmed = me.get(http(), link);
    EXPECT_EQ(confirmed.status, 303);
    EXPECT_EQ(me.get(http(), link).status, 400) << "single use";
    EXPECT_NE(me.get(http(), "/me").body.find(new_address), std::string::npos);
    EXPECT_THROW(log_in(http(), old_address), std::runtime_error);
    EXPECT_NO_THROW(log_in(http(), new_address));
}

TEST_F(Flows, StaffSearchChangeRolesDeactivateAndReadTheAuditLog) {
    const std::string staff_email = email("admin-staff"), target_email = email("admin-target");
    create_account(url_, staff_email, "staff", "Sacha Staff");
    const long long target = create_account(url_, target_email, "student", "Zoé Cible");
    Browser staff = log_in(http(), staff_email);
    Browser target_session = log_in(http(), target_email);

    auto list = staff.get(http(), "/admin?q=" + url_encode("zoé"));
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find(target_email), std::string::npos);
    EXPECT_EQ(list.body.find(staff_email), std::string::npos) << "filtered by the search";
    EXPECT_NE(staff.get(http(), "/admin?role=staff").body.find(staff_email), std::string::npos);
    EXPECT_EQ(target_session.get(http(), "/admin").status, 403);
    EXPECT_EQ(http().get("/admin").header("location"), "/login?next=%2Fadmin");

    const std::string person = "/admin/people/" + std::to_string(target);
    auto bad_role = staff.post(http(), person + "/role", "role=emperor");
    EXPECT_EQ(bad_role.status, 422);
    EXPECT_NE(bad_role.body.find("Choisissez un profil dans la liste."), std::string::npos);
    ASSERT_EQ(staff.post(http(), person + "/role", "role=coordinator").status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE kind = 'coordinator' AND id = " + std::to_string(target)), 1);
    const long long self = count("SELECT id FROM people WHERE email = '" + staff_email + "'");
    EXPECT_EQ(staff.post(http(), "/admin/people/" + std::to_string(self) + "/active", "active=0").status, 422) << "not oneself";

    ASSERT_EQ(staff.post(http(), person + "/active", "active=0").status, 303);
    EXPECT_EQ(target_session.get(http(), "/me").status, 303) << "logged out everywhere";
    EXPECT_THROW(log_in(http(), target_email), std::runtime_error);
    EXPECT_NE(staff.get(http(), "/admin?status=inactive").body.find(target_email), std::string::npos);
    ASSERT_EQ(staff.post(http(), person + "/active", "active=1").status, 303);
    EXPECT_NO_THROW(log_in(http(), target_email));

    auto orgs = staff.get(http(), "/admin/organisations?status=unverified");
    EXPECT_EQ(orgs.status, 200);
    auto audit = staff.get(http(), "/admin/audit");
    ASSERT_EQ(audit.status, 200);
    for (const char* action : {"staff_change_role", "staff_deactivate_account", "staff_reactivate_account"})
        EXPECT_NE(audit.body.find(std::string("data-action=\"") + action + "\""), std::string::npos) << action;
    for (const char* label : {"Rôle d&apos;un compte changé", "Compte désactivé", "Compte réactivé"})
        EXPECT_NE(audit.body.find(label), std::string::npos) << label << ": the action in the reader's language";
    EXPECT_NE(audit.body.find("Sacha Staff"), std::string::npos);
    EXPECT_NE(audit.body.find("&quot;to&quot;:&quot;coordinator&quot;"), std::string::npos);
}

TEST_F(Flows, DevelopmentOutboxShowsQueuedMailsWithTheirLinks) {
    const std::string address = email("outbox");
    const std::string csrf = set_cookie_value(http().get("/signup"), "csrf");
    ASSERT_EQ(http()
                  .request("POST", "/signup", {form_type, "Cookie: csrf=" + csrf},
                           "display_name=Odile&email=" + url_encode(address) +
                               "&role=student&password=" + url_encode("des tomates vertes au soleil") + "&consent=1&csrf=" + csrf)
                  .status,
              200);
    auto outbox = http().get("/dev/outbox");
    ASSERT_EQ(outbox.status, 200);
    EXPECT_NE(outbox.body.find(address), std::string::npos);
    EXPECT_NE(outbox.body.find("/confirm?token="), std::string::npos);
}

TEST_F(Flows, PasswordsAndLinkTokensNeverReachTheAccessLog) {
    const auto log_file = std::filesystem::temp_directory_path() / ("latitudes-access-" + std::to_string(::getpid()) + ".log");
    std::filesystem::remove(log_file);
    const std::string address = email("logged"), password = "une phrase secrète très longue 77";
    std::string confirm_link, reset_link;
    {
        ServerProcess logged(url_, {"--access-log", log_file.string()});
        HttpClient client(logged.port());
        const std::string csrf = set_cookie_value(client.get("/signup"), "csrf");
        const std::vector<std::string> headers{form_type, "Cookie: csrf=" + csrf};
        ASSERT_EQ(client
                      .request("POST", "/signup", headers,
                               "display_name=Lou&email=" + url_encode(address) +
                                   "&role=student&password=" + url_encode(password) + "&consent=1&csrf=" + csrf)
                      .status,
                  200);
        confirm_link = last_mailed_link(url_, address, "/confirm?token=");
        ASSERT_FALSE(confirm_link.empty());
        EXPECT_EQ(client.get(confirm_link).status, 200);
        ASSERT_EQ(client.request("POST", "/password/forgot", headers, "email=" + url_encode(address) + "&csrf=" + csrf).status,
                  200);
        reset_link = last_mailed_link(url_, address, "/password/reset?token=");
        ASSERT_FALSE(reset_link.empty());
        EXPECT_EQ(client.get(reset_link).status, 200);
        client.request("POST", "/login", headers,
                       "email=" + url_encode(address) + "&password=" + url_encode(password) + "&csrf=" + csrf);
        ASSERT_EQ(logged.stop(), 0);
    }
    std::ifstream in(log_file);
    const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(log.find("\"target\":\"/confirm?token=REDACTED"), std::string::npos) << log;
    EXPECT_NE(log.find("\"target\":\"/password/reset?token=REDACTED"), std::string::npos);
    auto token_of = [](const std::string& link) { return link.substr(link.find("token=") + 6, 43); };
    EXPECT_EQ(log.find(token_of(confirm_link)), std::string::npos);
    EXPECT_EQ(log.find(token_of(reset_link)), std::string::npos) << "a live reset link must not be readable in the log";
    EXPECT_EQ(log.find(password), std::string::npos);
    EXPECT_EQ(log.find(url_encode(password)), std::string::npos);
    std::filesystem::remove(log_file);
}

TEST_F(Flows, SignUpNamesOfExactlyTheLimitAreTakenOneMoreIsRefused) {
    const std::string csrf = set_cookie_value(http().get("/signup"), "csrf");
    auto sign_up = [&](const std::string& name, const std::string& address) {
        return http()
            .request("POST", "/signup", {form_type, "Cookie: csrf=" + csrf},
                     "email=" + url_encode(address) + "&display_name=" + url_encode(name) +
                         "&role=student&password=" + url_encode(test_password) + "&consent=1&csrf=" + csrf)
            .status;
    };
    std::string hundred;
    for (int i = 0; i < 50; ++i) hundred += "é日";  // 100 characters, 250 bytes: characters are counted
    EXPECT_EQ(sign_up(hundred, email("name-100")), 200);
    EXPECT_EQ(sign_up(hundred + "x", email("name-101")), 422);
    EXPECT_EQ(sign_up("", email("name-0")), 422);
    EXPECT_EQ(sign_up("L", email("name-1")), 200) << "one character is a name";
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE email IN ('" + email("name-100") + "', '" + email("name-1") + "')"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE email IN ('" + email("name-101") + "', '" + email("name-0") + "')"), 0);
}

// Kept last in this suite: it exhausts the limits of 127.0.0.1, and clears them when done.
TEST_F(Flows, ResetAndLogInAreThrottledPerAccountAndPerAddress) {
    const std::string address = email("throttled-reset"), other = email("throttled-other");
    create_account(url_, address, "student");
    create_account(url_, other, "student");
    const std::string csrf = set_cookie_value(http().get("/password/forgot"), "csrf");
    const std::vector<std::string> headers{form_type, "Cookie: csrf=" + csrf};
    auto forgot = [&](const std::string& who) {
        return http().request("POST", "/password/forgot", headers, "email=" + url_encode(who) + "&csrf=" + csrf);
    };
    // Per account: at most 3 mails a quarter of an hour, and the answer never changes.
    const auto first = forgot(address);
    ASSERT_EQ(first.status, 200);
    for (int i = 0; i < 3; ++i) {
        const auto again = forgot(address);
        EXPECT_EQ(again.status, 200);
        EXPECT_EQ(again.body, first.body);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'reset_password' AND to_address = '" + address + "'"), 3);
    // Per address: after 10 requests from one IP, whatever the e-mail, 429 with a message.
    int status = 200, sent = 4;
    while (status == 200 && sent < 30) {
        status = forgot(email("nobody-" + std::to_string(sent))).status;
        ++sent;
    }
    EXPECT_EQ(status, 429);
    EXPECT_LE(sent, 11);
    EXPECT_NE(forgot(other).body.find("Trop de tentatives"), std::string::npos);

    // Log-in from one address shared by a whole class (a school's NAT): 25 failed log-ins on other
    // accounts, more than a class makes, do not lock anyone else out.
    const std::string login_csrf = set_cookie_value(http().get("/login"), "csrf");
    auto login = [&](const std::string& who, const std::string& password) {
        return http()
            .request("POST", "/login", {form_type, "Cookie: csrf=" + login_csrf},
                     "email=" + url_encode(who) + "&password=" + url_encode(password) + "&csrf=" + login_csrf)
            .status;
    };
    for (int attempt = 0; attempt < 25; ++attempt)
        EXPECT_EQ(login(email("stranger-" + std::to_string(attempt)), "wrong password"), 401) << attempt;
    EXPECT_EQ(login(other, test_password), 303) << "one address's failures on other accounts lock nobody out";
    // Per account from many addresses: 20 failures block the account, from a new address too.
    latitudes::store::Database db(latitudes::store::DatabaseUrl::parse(url_), 1);
    auto execute = [&](const std::string& sql) {
        latitudes::store::Lease s(db);
        *s << sql;
    };
    const std::string now = latitudes::store::iso_utc(latitudes::store::Clock::now());
    for (int i = 0; i < 20; ++i)
        execute("INSERT INTO auth_attempts (attempt_key, at) VALUES ('email:" + address + "', '" + now + "')");
    EXPECT_EQ(login(address, test_password), 429);
    EXPECT_EQ(login(other, test_password), 303) << "the other account is not affected";
    // The per-address ceiling still holds: 200 failures from this address block every account.
    for (int i = 0; i < 200; ++i) execute("INSERT INTO auth_attempts (attempt_key, at) VALUES ('ip:127.0.0.1', '" + now + "')");
    EXPECT_EQ(login(other, test_password), 429);
    execute("DELETE FROM auth_attempts");
    EXPECT_EQ(login(other, test_password), 303) << "limits are per window, not forever";
    EXPECT_EQ(login(address, test_password), 303);
}

TEST_F(Flows, CookiesAreSecureWhenServedOverHttps) {
    auto secure_of = [](const HttpResponse& r) {
        for (const auto& c : r.set_cookies)
            if (c.rfind("csrf=", 0) == 0) return c.find("; Secure") != std::string::npos;
        ADD_FAILURE() << "no csrf cookie";
        return false;
    };
    EXPECT_FALSE(secure_of(http().get("/login"))) << "plain HTTP on loopback (make run)";
    for (const auto& args :
         {std::vector<std::string>{"--public-url", "https://latitudes.example"}, std::vector<std::string>{"--secure-cookies"}}) {
        ServerProcess server(url_, args);
        EXPECT_TRUE(secure_of(HttpClient(server.port()).get("/login"))) << args.front();
    }
}
