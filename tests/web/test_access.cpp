// Authorisation, end to end: every route of the routing table, requested by every kind of
// visitor, gets the answer domain/policy decides — and what is private to organisation B stays
// private to a member of organisation A, whatever ids they try. A second walk sends every
// state-changing route without a CSRF token and checks nothing changed.
#include "support/demo_server.hpp"

#include "domain/policy.hpp"
#include "web/handlers/handlers.hpp"
#include "web/router.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace latitudes::test;
using namespace latitudes;
using domain::Action;
using domain::Role;

namespace {

struct Walker {
    std::string label;
    Role role = Role::anonymous;
    Browser browser;            // empty sid for the anonymous visitor
    std::string anonymous_csrf;
};

// The routing table, as the server builds it.
std::vector<web::Route> all_routes() {
    web::Router router;
    web::handlers::register_routes(router);
    return router.routes();
}

}  // namespace

class Access : public DemoServer<Access> {
protected:

    // An organisation created through the form by `admin`; returns its slug.
    static std::string create_organisation(const Browser& admin, const std::string& name) {
        auto r = admin.post(http(), "/orgs/new", "name=" + web::url_encode(name) + "&kind=association");
        EXPECT_EQ(r.status, 303);
        return r.header("location").substr(std::string("/orgs/").size());
    }

};

TEST_F(Access, EveryRouteAnswersEveryVisitorAsThePolicyDecides) {
    const std::string pid = std::to_string(::getpid());
    // Organisation B and its admin, a stranger to everybody who walks.
    const std::string b_email = "b-admin." + pid + "@latitudes.example";
    const long long b_admin_id = create_account(url_, b_email, "company", "Bea Admin");
    Browser b_admin = log_in(http(), b_email);
    const std::string b_slug = create_organisation(b_admin, "Organisation B " + pid);
    auto token_page = b_admin.post(http(), "/me/tokens", "name=script");
    ASSERT_EQ(token_page.status, 200);
    const long long b_token_id = scalar(url_, "SELECT MAX(id) FROM api_tokens WHERE person_id = " + std::to_string(b_admin_id));
    ASSERT_GT(b_token_id, 0);
    const std::string public_project = "cuestionarix";
    // B is verified (by a staff member who does not walk) and has a draft need.
    create_account(url_, "b-verifier." + pid + "@latitudes.example", "staff");
    Browser verifier = log_in(http(), "b-verifier." + pid + "@latitudes.example");
    ASSERT_EQ(verifier.post(http(), "/orgs/" + b_slug + "/verify").status, 303);
    auto need = b_admin.post(http(), "/needs/new", "organisation=" + b_slug + "&intent=save&title=Besoin+de+B&format=student_project");
    ASSERT_EQ(need.status, 303);
    const std::string b_need_id = need.header("location").substr(std::string("/needs/").size(), need.header("location").find('?') - 7);
    const long long needs_before = scalar(url_, "SELECT COUNT(*) FROM needs");

    // Organisation A, with an admin and a member who will both walk.
    std::vector<Walker> walkers;
    walkers.push_back({"anonymous", Role::anonymous, {}, set_cookie_value(http().get("/login"), "csrf")});
    for (auto role : domain::all_roles) {
        if (role == Role::anonymous) continue;
        const std::string name(domain::to_string(role));
        const std::string email = "walker-" + name + "." + pid + "@latitudes.example";
        create_account(url_, email, name);
        walkers.push_back({name, role, log_in(http(), email), ""});
    }
    const std::string a_admin_email = "a-admin." + pid + "@latitudes.example";
    create_account(url_, a_admin_email, "beneficiary");
    Walker a_admin{"admin of A", Role::beneficiary, log_in(http(), a_admin_email), ""};
    create_organisation(a_admin.browser, "Organisation A " + pid);
    walkers.push_back(a_admin);

    const long long b_members_before = scalar(url_, "SELECT COUNT(*) FROM memberships m JOIN organisations o ON o.id = m.organisation_id "
                                                    "WHERE o.slug = '" + b_slug + "'");
    ASSERT_EQ(b_members_before, 1);

    auto routes = all_routes();
    // Log-out ends the walker's session: walk it last.
    std::stable_partition(routes.begin(), routes.end(), [](const web::Route& r) { return r.pattern != "/logout"; });
    ASSERT_GE(routes.size(), 45u);

    int checked = 0, denied = 0;
    for (const auto& walker : walkers) {
        const domain::Subject subject{walker.role, walker.role != Role::anonymous, true, 1};
        for (const auto& route : routes) {
            std::string target = route.pattern;
            auto replace = [&](const std::string& param, const std::string& value) {
                if (auto at = target.find(param); at != std::string::npos) target.replace(at, param.size(), value);
            };
            replace("{slug}", route.pattern.rfind("/projects/", 0) == 0 || route.pattern.rfind("/api/v1/projects/", 0) == 0
                                  ? public_project : b_slug);
            replace("{person}", std::to_string(b_admin_id));
            const bool about_need = target.rfind("/needs/", 0) == 0 || target.rfind("/framing/", 0) == 0 ||
                                    target.rfind("/api/v1/needs/", 0) == 0;
            replace("{id}", about_need ? b_need_id : target.rfind("/me/tokens/", 0) == 0 ? std::to_string(b_token_id) : "999999");
            // The organisation of a new need comes from the form (empty here): never created.
            const bool organisation_in_body = route.method == "POST" && (route.pattern == "/needs/new" || route.pattern == "/api/v1/needs");

            std::vector<std::string> headers;
            std::string body;
            const bool unsafe = route.method != "GET";
            if (walker.role == Role::anonymous) {
                headers.push_back("Cookie: csrf=" + walker.anonymous_csrf);
                if (unsafe) body = "csrf=" + walker.anonymous_csrf;
            } else {
                headers.push_back("Cookie: sid=" + walker.browser.sid);
                if (unsafe) body = "csrf=" + walker.browser.csrf;
            }
            if (unsafe) {
                headers.push_back(form_type);
                headers.push_back("X-CSRF-Token: " + (walker.role == Role::anonymous ? walker.anonymous_csrf : walker.browser.csrf));
            }
            const auto r = http().request(route.method, target, headers, body);

            // What the policy decides for this visitor; organisation routes are about B, to which
            // no walker belongs (staff oversee it without being members).
            const auto decision = domain::is_organisation_action(route.action)
                ? domain::decide(subject, route.action, domain::OrganisationContext{1, true, domain::MemberRole::none})
                : domain::decide(subject, route.action);
            const std::string what = walker.label + " " + route.method + " " + target + " (" +
                                     std::string(domain::to_string(route.action)) + ": " + std::string(decision.reason) +
                                     ") -> " + std::to_string(r.status);
            const bool api = target.rfind("/api/", 0) == 0;
            if (organisation_in_body && decision.reason != domain::reason::login_required) {
                // Refused as a form error: no organisation of theirs was chosen (the API first
                // refuses the form body: it takes JSON).
                EXPECT_EQ(r.status, api ? 400 : 422) << what;
            } else if (!decision.allowed) {
                ++denied;
                if (decision.reason == domain::reason::login_required) {
                    if (api) {
                        EXPECT_EQ(r.status, 401) << what;
                    } else {
                        EXPECT_EQ(r.status, 303) << what;
                        EXPECT_EQ(r.header("location").rfind("/login", 0), 0u) << what << " location " << r.header("location");
                    }
                } else {
                    EXPECT_EQ(r.status, decision.hide_existence ? 404 : 403) << what;
                }
            } else {
                EXPECT_NE(r.status, 401) << what;
                EXPECT_NE(r.status, 403) << what;
                EXPECT_EQ(r.header("location").rfind("/login", 0), std::string::npos) << what;
                EXPECT_LT(r.status, 500) << what;
            }
            // Whatever the policy says: staff pages are refused to everyone else (an anonymous
            // visitor is sent to log in).
            if (target.rfind("/admin", 0) == 0 && walker.role != Role::staff) {
                if (walker.role == Role::anonymous)
                    EXPECT_EQ(r.status, 303) << what;
                else
                    EXPECT_TRUE(r.status == 403 || r.status == 404) << what;
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, static_cast<int>(walkers.size() * routes.size()));
    EXPECT_GT(denied, static_cast<int>(walkers.size()) * 5);

    // Nothing of B changed: nobody joined or was removed, no invitation, its admin's token lives.
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM memberships m JOIN organisations o ON o.id = m.organisation_id "
                           "WHERE o.slug = '" + b_slug + "'"), 1);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM memberships m JOIN organisations o ON o.id = m.organisation_id "
                           "WHERE o.slug = '" + b_slug + "' AND m.person_id = " + std::to_string(b_admin_id) + " AND m.role = 'admin'"), 1);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM one_time_tokens t JOIN organisations o ON o.id = t.organisation_id "
                           "WHERE o.slug = '" + b_slug + "'"), 0);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NULL AND id = " + std::to_string(b_token_id)), 1);
    EXPECT_EQ(b_admin.get(http(), "/me").status, 200) << "B's admin is still logged in";
    // B's need: no other need was created, it is still a draft, nobody commented or framed it.
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM needs"), needs_before);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM projects WHERE status = 'draft' AND id = " + b_need_id), 1);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM framing_comments WHERE project_id = " + b_need_id), 0);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM framing_revisions WHERE project_id = " + b_need_id), 0);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM status_changes WHERE project_id = " + b_need_id), 0);
}

TEST_F(Access, AMemberOfACannotReadOrChangeWhatIsPrivateToB) {
    const std::string pid = std::to_string(::getpid());
    const std::string b_email = "b2-admin." + pid + "@latitudes.example";
    const long long b_admin_id = create_account(url_, b_email, "beneficiary", "Bruno Admin");
    Browser b_admin = log_in(http(), b_email);
    const std::string b_slug = create_organisation(b_admin, "Organisation B2 " + pid);
    const std::string a_email = "a2-admin." + pid + "@latitudes.example";
    create_account(url_, a_email, "beneficiary", "Alice Admin");
    Browser a_admin = log_in(http(), a_email);
    const std::string a_slug = create_organisation(a_admin, "Organisation A2 " + pid);

    // Unverified B does not exist for A's admin, whatever they try; an unknown slug answers the same.
    for (const std::string& slug : {b_slug, std::string("no-such-organisation")}) {
        EXPECT_EQ(a_admin.get(http(), "/orgs/" + slug).status, 404) << slug;
        EXPECT_EQ(a_admin.post(http(), "/orgs/" + slug + "/invitations", "email=x%40y.fr").status, 404) << slug;
        EXPECT_EQ(a_admin.post(http(), "/orgs/" + slug + "/members/" + std::to_string(b_admin_id) + "/role", "role=member").status, 404);
        EXPECT_EQ(a_admin.post(http(), "/orgs/" + slug + "/members/" + std::to_string(b_admin_id) + "/remove").status, 404);
        EXPECT_EQ(a_admin.post(http(), "/orgs/" + slug + "/leave").status, 404);
    }
    // Nor through A's own address with B's people.
    EXPECT_EQ(a_admin.post(http(), "/orgs/" + a_slug + "/members/" + std::to_string(b_admin_id) + "/remove").status, 404);
    EXPECT_EQ(a_admin.post(http(), "/orgs/" + a_slug + "/members/" + std::to_string(b_admin_id) + "/role", "role=admin").status, 404);

    // Once B is verified its public page shows, never its members or invitation form.
    const std::string staff_email = "verifier2." + pid + "@latitudes.example";
    create_account(url_, staff_email, "staff");
    Browser staff = log_in(http(), staff_email);
    ASSERT_EQ(staff.post(http(), "/orgs/" + b_slug + "/verify").status, 303);
    auto seen = a_admin.get(http(), "/orgs/" + b_slug);
    EXPECT_EQ(seen.status, 200);
    EXPECT_EQ(seen.body.find("data-testid=\"org-members\""), std::string::npos);
    EXPECT_EQ(seen.body.find("data-testid=\"org-invite\""), std::string::npos);
    EXPECT_EQ(seen.body.find("Bruno Admin"), std::string::npos);
    EXPECT_EQ(a_admin.post(http(), "/orgs/" + b_slug + "/invitations", "email=x%40y.fr").status, 404);
    // Staff read B's members (oversight) but cannot act as its admin.
    EXPECT_NE(staff.get(http(), "/orgs/" + b_slug).body.find("Bruno Admin"), std::string::npos);
    EXPECT_EQ(staff.post(http(), "/orgs/" + b_slug + "/invitations", "email=x%40y.fr").status, 403);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM one_time_tokens WHERE purpose = 'invitation' AND email = 'x@y.fr'"), 0);
}

TEST_F(Access, StateChangingRoutesWithoutCsrfTokenAre403AndChangeNothing) {
    const std::string pid = std::to_string(::getpid());
    const std::string email = "csrf-staff." + pid + "@latitudes.example";
    const long long staff_id = create_account(url_, email, "staff");
    Browser staff = log_in(http(), email);
    const std::string slug = create_organisation(staff, "Organisation CSRF " + pid);
    const long long audit_before = scalar(url_, "SELECT COUNT(*) FROM audit_log");
    const long long mails_before = scalar(url_, "SELECT COUNT(*) FROM mail_outbox");
    int walked = 0;
    for (const auto& route : all_routes()) {
        if (route.method == "GET") continue;
        std::string target = route.pattern;
        for (const auto& [param, value] : std::vector<std::pair<std::string, std::string>>{
                 {"{slug}", slug}, {"{person}", std::to_string(staff_id)}, {"{id}", "1"}})
            if (auto at = target.find(param); at != std::string::npos) target.replace(at, param.size(), value);
        const std::string body = "name=x&email=x%40y.fr&role=member&active=0&new_password=aaaaaaaaaaaaaaaa&current_password=" +
                                 web::url_encode(test_password);
        for (const auto& token : {std::string(), std::string("csrf=forged&")}) {
            auto r = http().request(route.method, target, staff.headers({form_type}), token + body);
            EXPECT_EQ(r.status, 403) << route.method << " " << target << (token.empty() ? " without" : " with a forged") << " token";
        }
        ++walked;
    }
    EXPECT_GE(walked, 20);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM audit_log"), audit_before);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM mail_outbox"), mails_before);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM organisations WHERE verified = 1 AND slug = '" + slug + "'"), 0);
    EXPECT_EQ(staff.get(http(), "/me").status, 200) << "still logged in, account still there";
}
