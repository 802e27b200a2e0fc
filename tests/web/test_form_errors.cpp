// Refused forms show each problem next to its field and summarised at the top, each linked to its
// field (web/form_errors.hpp, WCAG 3.3.1): the log-in and password forms, the account forms of
// "Mon espace" (e-mail, password, tokens, deletion), the profile, a new organisation and an
// invitation, and the staff's role change. The value typed stays to be corrected, a long one
// included; a problem of the whole form is in the summary only. In-process, on both engines.
#include "support/form_errors.hpp"
#include "support/in_process_site.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace latitudes::test;
using namespace latitudes;
using web::url_encode;

class FormErrorsPages : public InProcessSite<FormErrorsPages> {
protected:
    static bool has(const HttpResponse& r, const std::string& text) { return r.body.find(text) != std::string::npos; }
    // A POST of an anonymous form, with its CSRF cookie and token.
    static HttpResponse anonymous_post(const std::string& form_page, const std::string& target, const std::string& body) {
        const std::string csrf = set_cookie_value(http().get(form_page), "csrf");
        return http().request("POST", target, {form_type, "Cookie: csrf=" + csrf}, body + "&csrf=" + csrf);
    }
};

TEST_F(FormErrorsPages, LogInAndForgottenPassword) {
    const std::string address = email("login-errors");
    create_account(url_, address, "student");
    const auto no_email = anonymous_post("/login", "/login", "email=&password=x");
    EXPECT_EQ(no_email.status, 400);
    EXPECT_TRUE(shows_field_error(no_email.body, "email")) << no_email.body;
    const auto no_password = anonymous_post("/login", "/login", "email=" + url_encode(address) + "&password=");
    EXPECT_TRUE(shows_field_error(no_password.body, "password"));
    EXPECT_TRUE(has(no_password, "value=\"" + address + "\"")) << "the address stays";
    // A wrong password does not say which of the two was wrong: the summary only.
    const auto wrong = anonymous_post("/login", "/login", "email=" + url_encode(address) + "&password=wrong-wrong-wrong");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_TRUE(has(wrong, "data-testid=\"error-summary\""));
    EXPECT_FALSE(has(wrong, "aria-invalid"));

    const auto forgot = anonymous_post("/password/forgot", "/password/forgot", "email=pas-une-adresse");
    EXPECT_EQ(forgot.status, 422);
    EXPECT_TRUE(shows_field_error(forgot.body, "email"));
    EXPECT_TRUE(has(forgot, "value=\"pas-une-adresse\""));
}

TEST_F(FormErrorsPages, TheAccountFormsOfMonEspace) {
    create_account(url_, email("me-errors"), "student", "Maé Erreurs");
    Browser me = log_in(http(), email("me-errors"));

    const auto address = me.post(http(), "/me/email", "new_email=pas-une-adresse&current_password=wrong");
    EXPECT_EQ(address.status, 422);
    EXPECT_TRUE(shows_field_error(address.body, "new_email"));
    EXPECT_TRUE(shows_field_error(address.body, "email_password")) << "both mistakes at once";
    EXPECT_TRUE(has(address, "value=\"pas-une-adresse\""));
    EXPECT_FALSE(has(address, "id=\"current_password-error\"")) << "the other forms are untouched";
    const std::string long_address(250, 'a');
    const auto too_long = me.post(http(), "/me/email",
                                  "new_email=" + long_address + "%40x.fr&current_password=" + url_encode(test_password));
    EXPECT_TRUE(shows_field_error(too_long.body, "new_email"));
    EXPECT_TRUE(has(too_long, "value=\"" + long_address + "@x.fr\"")) << "a long address stays to be corrected";

    const auto wrong = me.post(http(), "/me/password", "current_password=wrong&new_password=x");
    EXPECT_EQ(wrong.status, 422);
    EXPECT_TRUE(shows_field_error(wrong.body, "current_password"));
    const auto weak = me.post(http(), "/me/password", "current_password=" + url_encode(test_password) + "&new_password=azerty");
    EXPECT_EQ(weak.status, 422);
    EXPECT_TRUE(shows_field_error(weak.body, "new_password"));

    const std::string long_name(70, 't');
    const auto token = me.post(http(), "/me/tokens", "name=" + long_name);
    EXPECT_EQ(token.status, 422);
    EXPECT_TRUE(shows_field_error(token.body, "token_name"));
    EXPECT_TRUE(has(token, "value=\"" + long_name + "\"")) << "the name stays to be shortened";

    const auto deletion = me.post(http(), "/me/delete", "current_password=wrong");
    EXPECT_EQ(deletion.status, 422);
    EXPECT_TRUE(shows_field_error(deletion.body, "delete_password"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE email = '" + email("me-errors") + "'"), 1);
}

TEST_F(FormErrorsPages, TheProfile) {
    create_account(url_, email("profile-errors"), "professional", "Pia Profil");
    Browser pro = log_in(http(), email("profile-errors"));
    const std::string long_employer(130, 'e');
    const auto refused = pro.post(http(), "/me/profile", "employer=" + long_employer + "&hours_per_week=100&bio=Bonjour");
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(shows_field_error(refused.body, "employer"));
    EXPECT_TRUE(shows_field_error(refused.body, "hours_per_week"));
    EXPECT_TRUE(has(refused, "value=\"" + long_employer + "\"")) << "kept to be shortened";
    EXPECT_TRUE(has(refused, "value=\"100\""));
    EXPECT_TRUE(has(refused, ">Bonjour</textarea>"));
    const auto sdg = pro.post(http(), "/me/profile", "sdg=99");
    EXPECT_TRUE(has(sdg, "<a href=\"#sdgs\">")) << "a group of boxes is linked too";
    EXPECT_TRUE(has(sdg, "aria-describedby=\"sdgs-error\""));
}

TEST_F(FormErrorsPages, ANewOrganisationAndAnInvitation) {
    create_account(url_, email("org-errors"), "professional", "Olga Orga");
    Browser admin = log_in(http(), email("org-errors"));
    const std::string long_city(130, 'v');
    const auto refused = admin.post(http(), "/orgs/new", "name=&kind=association&city=" + long_city + "&website=pas-un-site");
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(shows_field_error(refused.body, "name"));
    EXPECT_TRUE(shows_field_error(refused.body, "city"));
    EXPECT_TRUE(shows_field_error(refused.body, "website"));
    EXPECT_TRUE(has(refused, "value=\"" + long_city + "\"")) << "kept to be shortened";
    EXPECT_TRUE(has(refused, "value=\"pas-un-site\""));

    const auto made = admin.post(http(), "/orgs/new", "name=Erreurs+et+Compagnie&kind=association");
    ASSERT_EQ(made.status, 303);
    const std::string org = made.header("location");
    const auto invite = admin.post(http(), org + "/invitations", "email=pas-une-adresse");
    EXPECT_EQ(invite.status, 422);
    EXPECT_TRUE(shows_field_error(invite.body, "invite_email"));
    EXPECT_TRUE(has(invite, "value=\"pas-une-adresse\""));
}

TEST_F(FormErrorsPages, AStaffRoleChange) {
    create_account(url_, email("staff-errors"), "staff", "Zed Staff");
    const long long target = create_account(url_, email("role-target"), "student", "Aaa Première");
    Browser staff = log_in(http(), email("staff-errors"));
    const std::string field = "role-" + std::to_string(target);
    const auto refused = staff.post(http(), "/admin/people/" + std::to_string(target) + "/role", "role=emperor");
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(shows_field_error(refused.body, field)) << "at the person's role";
    const long long self = count("SELECT id FROM people WHERE email = '" + email("staff-errors") + "'");
    const auto oneself = staff.post(http(), "/admin/people/" + std::to_string(self) + "/active", "active=0");
    EXPECT_EQ(oneself.status, 422);
    EXPECT_TRUE(has(oneself, "data-testid=\"error-summary\""));
    EXPECT_FALSE(has(oneself, "aria-invalid")) << "no field of its own: the summary only";
}
