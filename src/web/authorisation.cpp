#include "web/authorisation.hpp"

#include "web/page.hpp"
#include "web/site.hpp"

namespace latitudes::web {

domain::Subject subject_of(const Visitor& visitor) {
    domain::Subject subject;
    subject.authenticated = visitor.logged_in();
    subject.person_id = visitor.person_id;
    subject.role = visitor.role;
    return subject;
}

domain::Role visitor_role(std::string_view stored) { return domain::parse_role(stored).value_or(domain::Role::anonymous); }

bool has_staff_view(const Site& site, const Request& request) {
    return decide_for(site, request, domain::Action::staff_list_people).allowed;
}

domain::PolicyFlags policy_flags(const Site& site) { return domain::PolicyFlags{site.options.development_mode}; }

domain::Decision decide_for(const Site& site, const Request& request, domain::Action action) {
    return domain::decide(subject_of(request.visitor), action, std::nullopt, policy_flags(site));
}

std::string safe_next(std::string_view next) {
    if (next.size() < 1 || next.size() > 512 || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\')))
        return {};
    for (char c : next)
        if (static_cast<unsigned char>(c) < 0x20 || c == '\\' || c == 0x7f) return {};
    return std::string(next);
}

Response refusal(Site& site, const Request& request, const domain::Decision& decision) {
    const bool login = decision.reason == domain::reason::login_required;
    if (request.path.rfind("/api/", 0) == 0) {
        if (login) {
            Response response = json_error(401, "unauthorized", "a personal API token is required (Authorization: Bearer …)");
            response.header("WWW-Authenticate", "Bearer");
            return response;
        }
        if (decision.hide_existence) return json_error(404, "not_found", "not found");
        return json_error(403, "forbidden", std::string("not allowed: ") + std::string(decision.reason));
    }
    if (login) {
        // Only pages one may open come back after the login: a form's POST target would 405.
        const std::string next = request.method == "GET" ? safe_next(request.target) : std::string();
        return redirect(303, next.empty() || next == "/me" ? "/login" : "/login?next=" + url_encode(next));
    }
    return error_page(site, request, decision.hide_existence ? 404 : 403);
}

domain::OrganisationContext OrganisationAccess::context() const {
    return {organisation ? organisation->id : 0, organisation && organisation->verified, role};
}

namespace {
OrganisationAccess decide_in(const Site& site, const Request& request, store::OrganisationRepository& organisations,
                             std::optional<store::OrganisationRecord> found, domain::Action action) {
    OrganisationAccess access;
    access.organisation = std::move(found);
    if (!access.organisation) {
        // An unknown slug answers like a private one: nobody learns which slugs exist.
        access.decision = {false, true, domain::reason::not_a_member};
        return access;
    }
    if (request.visitor.logged_in()) access.role = organisations.member_role(access.organisation->id, request.visitor.person_id);
    access.decision = domain::decide(subject_of(request.visitor), action, access.context(), policy_flags(site));
    return access;
}
}  // namespace

OrganisationAccess authorise_in_organisation(const Site& site, const Request& request, soci::session& session,
                                             const std::string& slug, domain::Action action) {
    store::OrganisationRepository organisations(session);
    return decide_in(site, request, organisations, organisations.find_by_slug(slug), action);
}

OrganisationAccess authorise_in_organisation(const Site& site, const Request& request, soci::session& session,
                                             long long organisation_id, domain::Action action) {
    store::OrganisationRepository organisations(session);
    return decide_in(site, request, organisations, organisations.find(organisation_id), action);
}

}  // namespace latitudes::web
