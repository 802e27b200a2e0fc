// Authorisation, end to end: every route of the routing table, requested by every kind of
// visitor, gets the answer domain/policy decides — and what is private to organisation B stays
// private to a member of organisation A, whatever ids they try. A second walk sends every
// state-changing route without a CSRF token and checks nothing changed.
#include "support/in_process_site.hpp"

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
    Browser browser;  // empty sid for the anonymous visitor
    std::string anonymous_csrf;
    // Special visitors: one who sends only a personal token (HTML routes must not take it for a
    // log-in: it is the API's credential), and a deactivated account still sending its old session.
    std::string token;
    bool deactivated = false;
};

// What an allowed GET of the walk answers (its ids are real, its query empty), per the status
// codes documented in each handler file: 200, but for the e-mailed links, which answer 400 "this
// link is invalid" without their token, the sign-up and log-in forms, which send a logged-in
// person to Mon espace (303), a semester project, which takes no applications (409), and the
// framing sheet of B's need, which is a draft: a sheet exists from submission on (404).
int documented_get_status(const std::string& pattern, bool logged_in) {
    if (pattern == "/confirm" || pattern == "/password/reset" || pattern == "/me/email/confirm" ||
        pattern == "/invitations/accept")
        return 400;
    if (logged_in && (pattern == "/signup" || pattern == "/login")) return 303;
    if (pattern == "/projects/{slug}/apply") return 409;
    if (pattern == "/favicon.ico") return 301;  // to the logo
    if (pattern == "/metrics") return 404;      // no metrics token configured: served on the admin port only
    if (pattern == "/framing/{id}") return 404;
    // The walk's campaign 999999 does not exist: a campaign answers 404 to anyone but its school
    // and its students (test_campaigns.cpp walks real ones with each kind of visitor).
    if (pattern.rfind("/api/v1/campaigns/{id}", 0) == 0 || pattern.rfind("/campaigns/{id}", 0) == 0) return 404;
    // Likewise cohort 999999; the walk's organisation is no school, so it has no school space, and
    // a new campaign names no school (test_school_pages.cpp walks real ones).
    if (pattern.rfind("/cohorts/{id}", 0) == 0 || pattern.rfind("/schools/", 0) == 0 || pattern == "/campaigns/new") return 404;
    // Nor does team 999999: a workspace answers 404 to anyone not of it (test_teams.cpp walks
    // real ones with each kind of visitor).
    if (pattern.rfind("/teams/{id}", 0) == 0 || pattern.rfind("/api/v1/teams/{id}", 0) == 0) return 404;
    // Nor does semester 999999 (test_admin_semesters.cpp walks real ones).
    if (pattern == "/admin/semesters/{id}") return 404;
    // Nor does survey 999999, nor wave 999999 (test_surveys.cpp walks real ones; a wave answers
    // 404 to anyone but the students of its cohort).
    if (pattern.rfind("/admin/surveys/{id}", 0) == 0 || pattern.rfind("/surveys/waves/{id}", 0) == 0) return 404;
    return 200;
}

// The routing table, as the server builds it.
std::vector<web::Route> all_routes() {
    web::Router router;
    web::handlers::register_routes(router);
    return router.routes();
}

}  // namespace

class Access : public InProcessSite<Access> {
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
    auto need = b_admin.post(http(), "/needs/new",
                             "organisation=" + b_slug + "&intent=save&title=Besoin+de+B&format=student_project");
    ASSERT_EQ(need.status, 303);
    const std::string b_need_id =
        need.header("location").substr(std::string("/needs/").size(), need.header("location").find('?') - 7);
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
    {
        const std::string email = "walker-token." + pid + "@latitudes.example";
        const long long id = create_account(url_, email, "student");
        Browser holder = log_in(http(), email);
        Walker bearer{"student by token only", Role::student, {}, set_cookie_value(http().get("/login"), "csrf")};
        bearer.token = personal_token(http(), holder);
        ASSERT_FALSE(bearer.token.empty());
        bearer.browser.person_id = id;
        walkers.push_back(bearer);
        const std::string gone = "walker-deactivated." + pid + "@latitudes.example";
        const long long gone_id = create_account(url_, gone, "professional");
        Walker deactivated{"deactivated professional", Role::professional, log_in(http(), gone),
                           set_cookie_value(http().get("/login"), "csrf")};
        deactivated.deactivated = true;
        ASSERT_EQ(verifier.post(http(), "/admin/people/" + std::to_string(gone_id) + "/active", "active=0").status, 303);
        walkers.push_back(deactivated);
    }

    const long long b_members_before = scalar(
        url_, "SELECT COUNT(*) FROM memberships m JOIN organisations o ON o.id = m.organisation_id "
              "WHERE o.slug = '" +
                  b_slug + "'");
    ASSERT_EQ(b_members_before, 1);

    auto routes = all_routes();
    // Log-out ends the walker's session: walk it last.
    std::stable_partition(routes.begin(), routes.end(), [](const web::Route& r) { return r.pattern != "/logout"; });
    ASSERT_GE(routes.size(), 45u);

    int checked = 0, denied = 0;
    for (const auto& walker : walkers) {
        for (const auto& route : routes) {
            // Who the server must take the visitor for on this route.
            const bool api_route = route.pattern.rfind("/api/", 0) == 0;
            const bool as_anonymous = walker.role == Role::anonymous || walker.deactivated ||
                                      (!walker.token.empty() && !api_route);
            const domain::Subject subject = as_anonymous ? domain::Subject{} : domain::Subject{walker.role, true, true, 1};
            std::string target = route.pattern;
            auto replace = [&](const std::string& param, const std::string& value) {
                if (auto at = target.find(param); at != std::string::npos) target.replace(at, param.size(), value);
            };
            replace("{slug}", route.pattern.rfind("/projects/", 0) == 0 || route.pattern.rfind("/api/v1/projects/", 0) == 0
                                  ? public_project
                                  : b_slug);
            replace("{person}", std::to_string(b_admin_id));
            const bool about_need = target.rfind("/needs/", 0) == 0 || target.rfind("/framing/", 0) == 0 ||
                                    target.rfind("/api/v1/needs/", 0) == 0;
            replace("{id}", about_need ? b_need_id : target.rfind("/me/tokens/", 0) == 0 ? std::to_string(b_token_id) : "999999");
            // The organisation of a new need comes from the form (empty here): never created.
            const bool organisation_in_body = route.method == "POST" &&
                                              (route.pattern == "/needs/new" || route.pattern == "/api/v1/needs" ||
                                               route.pattern == "/api/v1/cohorts" || route.pattern == "/api/v1/campaigns");

            std::vector<std::string> headers;
            std::string body;
            const bool unsafe = route.method != "GET";
            if (!walker.token.empty()) {
                // The token and, like any browser before log-in, the anonymous CSRF pair.
                headers.push_back("Authorization: Bearer " + walker.token);
                headers.push_back("Cookie: csrf=" + walker.anonymous_csrf);
                if (unsafe) body = "csrf=" + walker.anonymous_csrf;
            } else if (walker.deactivated) {
                headers.push_back("Cookie: sid=" + walker.browser.sid + "; csrf=" + walker.anonymous_csrf);
                if (unsafe) body = "csrf=" + walker.anonymous_csrf;
            } else if (walker.role == Role::anonymous) {
                headers.push_back("Cookie: csrf=" + walker.anonymous_csrf);
                if (unsafe) body = "csrf=" + walker.anonymous_csrf;
            } else {
                headers.push_back("Cookie: sid=" + walker.browser.sid);
                if (unsafe) body = "csrf=" + walker.browser.csrf;
            }
            if (unsafe) {
                // The API takes the body its route declares (JSON, or the CSV of a roster), pages a form.
                if (api_route) {
                    headers.push_back("Content-Type: " + route.api.body_type);
                    body = route.api.body_type == "application/json" ? "{}" : "";
                } else {
                    headers.push_back(form_type);
                }
                const bool anonymous_pair = walker.role == Role::anonymous || walker.deactivated || !walker.token.empty();
                headers.push_back("X-CSRF-Token: " + (anonymous_pair ? walker.anonymous_csrf : walker.browser.csrf));
            }
            const auto r = http().request(route.method, target, headers, body);

            // What the policy decides for this visitor; organisation routes are about B, to which
            // no walker belongs (staff oversee it without being members).
            const auto decision = domain::is_organisation_action(route.action)
                                      ? domain::decide(subject, route.action,
                                                       domain::OrganisationContext{1, true, domain::MemberRole::none})
                                      : domain::decide(subject, route.action);
            const std::string what = walker.label + " " + route.method + " " + target + " (" +
                                     std::string(domain::to_string(route.action)) + ": " + std::string(decision.reason) +
                                     ") -> " + std::to_string(r.status);
            const bool api = target.rfind("/api/", 0) == 0;
            if (organisation_in_body && decision.reason != domain::reason::login_required) {
                // Refused as a form error: no organisation of theirs was chosen (in the API, a need
                // names none, and a cohort or campaign names no school of theirs: the same 404 as
                // another school's).
                EXPECT_EQ(r.status, !api || route.pattern == "/api/v1/needs" ? 422 : 404) << what;
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
                EXPECT_NE(r.status, 415) << what << ": the walk sends each route the body it takes";
                if (route.method == "GET") {
                    // The ids are real: an allowed page answers what its handler documents.
                    EXPECT_EQ(r.status, documented_get_status(route.pattern, !as_anonymous)) << what;
                }
            }
            // Whatever the policy says: staff pages are refused to everyone else (an anonymous
            // visitor is sent to log in).
            if (target.rfind("/admin", 0) == 0 && (walker.role != Role::staff || as_anonymous)) {
                if (as_anonymous) EXPECT_EQ(r.status, 303) << what;
                else EXPECT_TRUE(r.status == 403 || r.status == 404) << what;
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, static_cast<int>(walkers.size() * routes.size()));
    EXPECT_GT(denied, static_cast<int>(walkers.size()) * 5);

    // Nothing of B changed: nobody joined or was removed, no invitation, its admin's token lives.
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM memberships m JOIN organisations o ON o.id = m.organisation_id "
                           "WHERE o.slug = '" +
                               b_slug + "'"),
              1);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM memberships m JOIN organisations o ON o.id = m.organisation_id "
                           "WHERE o.slug = '" +
                               b_slug + "' AND m.person_id = " + std::to_string(b_admin_id) + " AND m.role = 'admin'"),
              1);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM one_time_tokens t JOIN organisations o ON o.id = t.organisation_id "
                           "WHERE o.slug = '" +
                               b_slug + "'"),
              0);
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
        EXPECT_EQ(
            a_admin.post(http(), "/orgs/" + slug + "/members/" + std::to_string(b_admin_id) + "/role", "role=member").status,
            404);
        EXPECT_EQ(a_admin.post(http(), "/orgs/" + slug + "/members/" + std::to_string(b_admin_id) + "/remove").status, 404);
        EXPECT_EQ(a_admin.post(http(), "/orgs/" + slug + "/leave").status, 404);
    }
    // Nor through A's own address with B's people.
    EXPECT_EQ(a_admin.post(http(), "/orgs/" + a_slug + "/members/" + std::to_string(b_admin_id) + "/remove").status, 404);
    EXPECT_EQ(a_admin.post(http(), "/orgs/" + a_slug + "/members/" + std::to_string(b_admin_id) + "/role", "role=admin").status,
              404);

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
            EXPECT_EQ(r.status, 403) << route.method << " " << target << (token.empty() ? " without" : " with a forged")
                                     << " token";
        }
        ++walked;
    }
    EXPECT_GE(walked, 20);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM audit_log"), audit_before);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM mail_outbox"), mails_before);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM organisations WHERE verified = 1 AND slug = '" + slug + "'"), 0);
    EXPECT_EQ(staff.get(http(), "/me").status, 200) << "still logged in, account still there";
}

namespace {

// Organisation routes walked by people inside the organisation, with real ids: the decision is
// computed with their real membership, and an allowed request must do what it is for. A GET
// answers 200; a POST (sent with an empty form) is refused for its content at most (400, 409 or
// 422) or done (2xx, 3xx), never 401, 403 or 404: the ids are real, so a 404 would mean the route
// or the handler refused someone the policy allows.
void expect_insider_answer(const web::Route& route, const HttpResponse& r, const domain::Decision& decision,
                           const std::string& what) {
    if (!decision.allowed) {
        EXPECT_EQ(r.status, decision.hide_existence ? 404 : 403) << what;
        return;
    }
    if (route.method == "GET") {
        EXPECT_EQ(r.status, 200) << what;
        return;
    }
    EXPECT_TRUE((r.status >= 200 && r.status < 400) || r.status == 400 || r.status == 409 || r.status == 422) << what;
}

}  // namespace

TEST_F(Access, MembersAndAdminsOfAnOrganisationWalkItsRoutesAsThePolicyDecides) {
    const std::string pid = std::to_string(::getpid());
    // B is a seeded, verified organisation with a published internship; C is new and unverified.
    const std::string b_slug = "fab-inclusion", b_project = "stage-data-impact-fab-inclusion";
    auto member_of = [&](const std::string& slug, long long person, const std::string& role) {
        latitudes::store::Database db(latitudes::store::DatabaseUrl::parse(url_), 1);
        latitudes::store::Lease s(db);
        *s << "INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT " + std::to_string(person) +
                  ", id, '" + role + "', '2026-01-01T00:00:00Z' FROM organisations WHERE slug = '" + slug + "'";
    };
    struct Insider {
        std::string label;
        domain::MemberRole role;
        long long id;
        Browser browser;
    };
    std::vector<Insider> insiders;
    for (const auto& [label, role] : std::vector<std::pair<std::string, domain::MemberRole>>{
             {"member", domain::MemberRole::member}, {"admin", domain::MemberRole::admin}}) {
        const std::string address = "insider-" + label + "." + pid + "@latitudes.example";
        const long long id = create_account(url_, address, "beneficiary", "Insider " + label);
        member_of(b_slug, id, label);
        insiders.push_back({label + " of B", role, id, log_in(http(), address)});
    }
    // Real subjects for the ids: a member to act on, a draft need of B, an application to B's internship.
    const long long victim = create_account(url_, "insider-victim." + pid + "@latitudes.example", "beneficiary", "Victor Membre");
    member_of(b_slug, victim, "member");
    Browser b_admin = insiders[1].browser;
    // Submitted, so that its framing sheet exists.
    auto need = b_admin.post(http(), "/needs/new",
                             "organisation=" + b_slug + "&intent=submit&title=Besoin+interne&format=student_project" +
                                 "&summary=Un+outil&problem=Papier&beneficiaries=300+personnes&hopes=Une+application" +
                                 "&contact_name=Nadia&contact_email=nadia%40asso.example");
    ASSERT_EQ(need.status, 303);
    const std::string need_id = need.header("location").substr(7, need.header("location").find('?') - 7);
    create_account(url_, "insider-applicant." + pid + "@latitudes.example", "student", "Ana Candidate");
    Browser applicant = log_in(http(), "insider-applicant." + pid + "@latitudes.example");
    ASSERT_EQ(applicant.post(http(), "/projects/" + b_project + "/apply", "message=Bonjour").status, 303);
    const std::string application_id = std::to_string(scalar(url_, "SELECT MAX(id) FROM applications"));

    auto routes = all_routes();
    std::erase_if(routes, [](const web::Route& r) { return !domain::is_organisation_action(r.action); });
    // A school's space, cohort and campaign routes are walked by its own members, and refused to
    // another school's, in test_campaigns.cpp and test_school_pages.cpp (B is no school: its ids
    // here are a need's).
    std::erase_if(routes, [](const web::Route& r) {
        return r.pattern.find("/cohorts") != std::string::npos || r.pattern.find("/campaigns") != std::string::npos ||
               r.pattern.rfind("/schools/", 0) == 0;
    });
    // Leaving ends the walker's membership: walk it last.
    std::stable_partition(routes.begin(), routes.end(),
                          [](const web::Route& r) { return r.pattern.find("/leave") == std::string::npos; });
    ASSERT_GE(routes.size(), 14u);
    int allowed = 0, walked = 0;
    auto walk = [&](const Insider& who, const std::string& slug, bool verified) {
        const domain::Subject subject{domain::Role::beneficiary, true, true, who.id};
        for (const auto& route : routes) {
            std::string target = route.pattern;
            auto replace = [&](const std::string& param, const std::string& value) {
                if (auto at = target.find(param); at != std::string::npos) target.replace(at, param.size(), value);
            };
            const bool about_project = route.pattern.rfind("/projects/", 0) == 0;
            replace("{slug}", about_project ? b_project : slug);
            replace("{person}", std::to_string(victim));
            replace("{id}", route.pattern.rfind("/applications/", 0) == 0 ? application_id : need_id);
            // Routes about B's need, project or application are B's whatever organisation is walked.
            const bool about_b = about_project || route.pattern.find("{id}") != std::string::npos;
            if (!verified && about_b) continue;
            const bool api = target.rfind("/api/", 0) == 0;
            std::vector<std::string> headers = who.browser.headers();
            std::string body;
            if (route.method != "GET") {
                headers.push_back("X-CSRF-Token: " + who.browser.csrf);
                if (api) {
                    headers.push_back("Content-Type: application/json");
                    body = route.pattern == "/api/v1/needs" ? R"({"organisation":")" + slug + R"(","title":"Par l'API"})" : "{}";
                } else {
                    headers.push_back(form_type);
                    body = "csrf=" + who.browser.csrf;
                    if (route.pattern == "/needs/new")
                        body += "&organisation=" + slug + "&intent=save&title=Par+le+formulaire&format=student_project";
                }
            }
            const auto r = http().request(route.method, target, headers, body);
            const auto exact = domain::decide(subject, route.action, domain::OrganisationContext{1, verified, who.role});
            const std::string what = who.label + (verified ? "" : " (unverified C)") + " " + route.method + " " + target + " (" +
                                     std::string(domain::to_string(route.action)) + ": " + std::string(exact.reason) + ") -> " +
                                     std::to_string(r.status) + " " + r.body.substr(0, 160);
            if (route.pattern == "/needs/new" && !verified) {
                // The organisation comes from the form: an unverified one is a form error.
                EXPECT_EQ(r.status, 422) << what;
            } else if (route.pattern == "/api/v1/needs" && !verified) {
                EXPECT_EQ(r.status, 403) << what;
                EXPECT_NE(r.body.find("organisation_not_verified"), std::string::npos) << what;
            } else {
                expect_insider_answer(route, r, exact, what);
            }
            allowed += exact.allowed;
            ++walked;
        }
    };
    for (const auto& who : insiders) walk(who, b_slug, true);
    // C: the same people are its admin and member; it is not verified, so it can bring no need.
    const std::string c_slug = create_organisation(insiders[1].browser, "Organisation C " + pid);
    member_of(c_slug, insiders[0].id, "member");
    member_of(c_slug, victim, "member");
    for (const auto& who : insiders) walk(who, c_slug, false);
    EXPECT_GE(walked, 40);
    EXPECT_GE(allowed, 20);
    // What the walk did is what each could do: the admin removed the member acted on, in B and in C.
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM memberships WHERE person_id = " + std::to_string(victim)), 0);
    EXPECT_EQ(scalar(url_,
                     "SELECT COUNT(*) FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE o.slug = '" +
                         c_slug + "' AND m.role = 'admin'"),
              1)
        << "the only admin of C cannot leave";
}
