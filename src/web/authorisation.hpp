#pragma once
// The web side of domain/policy: who the visitor is for the policy, what a refusal looks like,
// and the check for routes about one organisation. Every route names its Action in routes.cpp;
// Site::handle asks decide() before any handler runs. Organisation actions need the
// organisation, which only the handler can load: Site then only requires a login, and the
// handler must call authorise_in_organisation() before anything else (the decision fails closed
// without it: see domain::reason::missing_organisation).
#include "domain/policy.hpp"
#include "store/organisations.hpp"
#include "web/http.hpp"

#include <optional>
#include <string>

namespace latitudes::web {

class Site;

domain::Subject subject_of(const Visitor& visitor);
// The role stored with an account, for the visitor: an unknown one is nobody special.
domain::Role visitor_role(std::string_view stored);
domain::PolicyFlags policy_flags(const Site& site);

// The answer to a refused decision: JSON 401/403/404 under /api/; otherwise a redirect to
// /login (coming back here after) when a login is required, 404 when even the existence is
// private, 403 else.
Response refusal(Site& site, const Request& request, const domain::Decision& decision);

// decide() for an action without an organisation, as Site::handle does for every route.
domain::Decision decide_for(const Site& site, const Request& request, domain::Action action);

// Whether the visitor has the staff's view (the policy's answer for listing everyone's accounts):
// where it changes what a page offers (the admin menu, the organisations a need can be brought for).
bool has_staff_view(const Site& site, const Request& request);

// The organisation named by the route's {slug}, the visitor's role in it, and the decision.
struct OrganisationAccess {
    std::optional<store::OrganisationRecord> organisation;  // unset when the slug is unknown
    domain::MemberRole role = domain::MemberRole::none;
    domain::Decision decision;
    domain::OrganisationContext context() const;
};
OrganisationAccess authorise_in_organisation(const Site& site, const Request& request, soci::session& session,
                                             const std::string& slug, domain::Action action);
// The same for an organisation known by id (a project's beneficiary, a need's organisation).
OrganisationAccess authorise_in_organisation(const Site& site, const Request& request, soci::session& session,
                                             long long organisation_id, domain::Action action);

// A local path to come back to after logging in ("" unless it is safe: one leading slash, no
// scheme, no backslash, no control characters).
std::string safe_next(std::string_view next);

}  // namespace latitudes::web
