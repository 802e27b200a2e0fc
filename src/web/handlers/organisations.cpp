// Organisations: a person creates one and becomes its admin; admins invite others by
// e-mail and manage roles; until staff verify it, only its members (and staff) know it exists.
// Every decision comes from domain/policy through web/authorisation.
#include "service/organisations.hpp"
#include "domain/credentials.hpp"
#include "domain/policy.hpp"
#include "domain/text.hpp"
#include "store/organisations.hpp"
#include "web/authorisation.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;
using domain::Action;

namespace {

using service::creatable_kinds;
// Notices shown after a redirect (?done=...): a fixed list, so the parameter cannot inject text.
constexpr std::array<std::string_view, 4> notices{"invited", "role", "removed", "joined"};

Response new_organisation_page(Site& site, Request& request, const store::OrganisationRecord& form, const FormErrors& errors,
                               int status) {
    const auto context = page_context(request);
    json kinds = json::array();
    for (auto kind : creatable_kinds)
        kinds.push_back({{"value", kind},
                         {"label", message(site, context.lang, "kind." + std::string(kind))},
                         {"selected", form.kind == kind}});
    json data{{"name", form.name},
              {"city", form.city},
              {"website", form.website},
              {"description", form.description},
              {"kinds", kinds},
              {"form_errors", errors.view()},
              {"csrf", request.visitor.csrf_token}};
    return render_private_page(site, request, context, message(site, context.lang, "org.new.title"), "org_new", data, status,
                               "me");
}

// The organisation page; `errors` come from a refused form (status 422), `invite_email` is
// the address typed in the invitation form, kept when it is sent back.
Response organisation_page(Site& site, Request& request, soci::session& session, const OrganisationAccess& access,
                           const FormErrors& errors = {}, int status = 200, const std::string& invite_email = {}) {
    const auto& found = *access.organisation;
    const auto context = page_context(request);
    const auto lang = context.lang;
    const auto subject = subject_of(request.visitor);
    const auto flags = policy_flags(site);
    const auto org_context = access.context();
    auto allowed = [&](Action action) { return domain::decide(subject, action, org_context, flags).allowed; };
    const bool show_private = allowed(Action::view_organisation_private);
    const bool can_verify = !found.verified && domain::decide(subject, Action::staff_verify_organisation, {}, flags).allowed;
    const bool can_manage = allowed(Action::change_member_role);
    json data{{"name", found.name},
              {"kind", message(site, lang, "kind." + found.kind)},
              {"city", found.city},
              {"website", found.website},
              {"description", found.description},
              {"verified", found.verified},
              {"show_private", show_private},
              {"can_verify", can_verify},
              {"slug", found.slug},
              {"csrf", request.visitor.csrf_token},
              {"form_errors", errors.view()},
              {"can_invite", allowed(Action::invite_member)},
              {"invite_email", invite_email},
              {"can_leave", false},
              // The school's space, for its members and staff (the policy's answer for its cohorts).
              {"school_space", found.kind == "school" && allowed(Action::manage_cohorts)}};
    const std::string done = request.param("done");
    if (std::find(notices.begin(), notices.end(), done) != notices.end())
        data["notice"] = message(site, lang, "org.done." + done);
    if (show_private) {
        store::OrganisationRepository organisations(session);
        json members = json::array();
        const auto people = organisations.members(found.id);
        for (const auto& m : people) {
            const bool is_admin = m.role == domain::MemberRole::admin;
            members.push_back({{"name", m.display_name},
                               {"role", message(site, lang, "org.role." + std::string(domain::to_string(m.role)))},
                               {"person", m.person_id},
                               {"manage", can_manage && m.person_id != request.visitor.person_id},
                               {"next_role", is_admin ? "member" : "admin"},
                               {"next_role_label", message(site, lang, is_admin ? "org.make_member" : "org.make_admin")}});
        }
        data["members"] = members;
        // The only admin cannot leave (the store would refuse): no button that can only fail.
        const auto admins = std::count_if(people.begin(), people.end(),
                                          [](const store::Member& m) { return m.role == domain::MemberRole::admin; });
        data["can_leave"] = access.role == domain::MemberRole::member || (access.role == domain::MemberRole::admin && admins > 1);
        if (can_manage) {
            json pending = json::array();
            for (const auto& invitation : organisations.pending_invitations(found.id, store::Clock::now()))
                pending.push_back({{"email", invitation.email}, {"expires", invitation.expires_at.substr(0, 10)}});
            data["pending"] = pending;
            data["has_pending"] = !pending.empty();
        }
    }
    return render_private_page(site, request, context, found.name, "org", data, status);
}

long long person_param(const Request& request) { return parse_id(request.path_params.at("person")).value_or(0); }

// A change to a member (role, removal, leaving): the service's refusals become page messages.
// `input_ok` is checked after the authorisation: a stranger learns nothing, not even that the
// form was wrong.
Response change_member(Request& request, Site& site, Action action, long long person, bool input_ok, const std::string& done,
                       service::MemberChange change) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto access = authorise_in_organisation(site, request, *session, request.path_params["slug"], action);
    if (!access.decision.allowed) return refusal(site, request, access.decision);
    if (!input_ok) return error_page(site, request, 400);
    if (person == 0) return error_page(site, request, 404);
    const auto outcome = service::change_member(site.service_context(*session), access.organisation->id, person, change,
                                                request.visitor.person_id);
    using Kind = service::OrganisationOutcome::Kind;
    if (outcome.kind == Kind::last_admin || outcome.kind == Kind::not_a_member) {
        const bool last_admin = outcome.kind == Kind::last_admin;
        return organisation_page(site, request, *session, access,
                                 FormErrors{message(site, lang, last_admin ? "org.error.last_admin" : "org.error.not_member")},
                                 last_admin ? 422 : 404);
    }
    if (done == "left") return redirect(303, "/me");
    return redirect(303, "/orgs/" + access.organisation->slug + "?done=" + done);
}

}  // namespace

Response organisation_form(Request& request, Site& site) {
    return new_organisation_page(site, request, store::OrganisationRecord{0, "", "", "association", "", "", "", false}, {}, 200);
}

Response organisation_create(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::OrganisationRecord form{0,
                                   "",
                                   request.form_value("name"),
                                   request.form_value("kind"),
                                   request.form_value("city"),
                                   request.form_value("website"),
                                   request.form_value("description"),
                                   false};
    store::Lease session(site.db);
    const auto outcome = service::create_organisation(site.service_context(*session), form, request.visitor.person_id);
    if (outcome.kind == service::OrganisationOutcome::Kind::invalid) {
        FormErrors errors;  // the problems are named after the inputs (name, kind, city, website, description)
        for (const auto& problem : outcome.problems) errors.add(problem, message(site, lang, "org.error." + problem));
        for (auto* field : {&form.name, &form.city, &form.website, &form.description})
            if (!domain::is_valid_utf8(*field)) field->clear();  // never echo broken input; a long one stays to be shortened
        return new_organisation_page(site, request, form, errors, 422);
    }
    return redirect(303, "/orgs/" + outcome.organisation.slug);
}

Response organisation(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto access = authorise_in_organisation(site, request, *session, request.path_params["slug"],
                                                  Action::view_organisation_private);
    if (!access.organisation) return error_page(site, request, 404);
    // Unverified organisations are private as a whole: strangers cannot tell they exist.
    if (!access.organisation->verified && !access.decision.allowed) return error_page(site, request, 404);
    return organisation_page(site, request, *session, access);
}

Response organisation_verify(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto outcome = service::verify_organisation(site.service_context(*session), request.path_params["slug"],
                                                      request.visitor.person_id);
    if (outcome.kind == service::OrganisationOutcome::Kind::not_found) return error_page(site, request, 404);
    return redirect(303, "/orgs/" + outcome.organisation.slug);
}

Response organisation_invite(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto access = authorise_in_organisation(site, request, *session, request.path_params["slug"], Action::invite_member);
    if (!access.decision.allowed) return refusal(site, request, access.decision);
    const std::string raw = request.form_value("email");
    const auto outcome = service::invite(site.service_context(*session),
                                         {access.organisation->id, access.organisation->name, raw, request.visitor.person_id,
                                          request.visitor.display_name, lang});
    using Kind = service::OrganisationOutcome::Kind;
    const std::string typed = domain::is_valid_utf8(raw) ? domain::normalise_email(raw) : std::string();
    FormErrors errors;
    if (outcome.kind == Kind::invalid) errors.add("invite_email", message(site, lang, "org.error.invite_email"));
    if (outcome.kind == Kind::already_member) errors.add("invite_email", message(site, lang, "org.error.already_member"));
    if (!errors.empty()) return organisation_page(site, request, *session, access, errors, 422, typed);
    return redirect(303, "/orgs/" + access.organisation->slug + "?done=invited");
}

Response organisation_member_role(Request& request, Site& site) {
    const auto role = domain::parse_member_role(request.form_value("role"));
    const bool valid = role && *role != domain::MemberRole::none;
    const long long person = person_param(request);
    return change_member(request, site, Action::change_member_role, person, valid, "role",
                         role == domain::MemberRole::admin ? service::MemberChange::set_admin
                                                           : service::MemberChange::set_member);
}

Response organisation_member_remove(Request& request, Site& site) {
    const long long person = person_param(request);
    return change_member(request, site, Action::remove_member, person, true, "removed", service::MemberChange::remove);
}

Response organisation_leave(Request& request, Site& site) {
    const long long person = request.visitor.person_id;
    return change_member(request, site, Action::leave_organisation, person, true, "left", service::MemberChange::leave);
}

}  // namespace latitudes::web::handlers
