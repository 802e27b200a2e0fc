// Organisations (issue 3): a person creates one and becomes its admin; until staff verify it,
// only its members (and staff) know it exists. Every decision comes from domain/policy.
#include "domain/policy.hpp"
#include "domain/text.hpp"
#include "store/organisations.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 5> creatable_kinds{"association", "social_enterprise", "public_institution",
                                                          "company", "school"};

domain::Subject subject_of(const Visitor& visitor) {
    domain::Subject subject;
    subject.authenticated = visitor.logged_in();
    subject.person_id = visitor.person_id;
    subject.role = domain::parse_role(visitor.role).value_or(domain::Role::anonymous);
    return subject;
}

// The page for a refused decision: log in first, or 404 where even existence is private, or 403.
Response refusal(Site& site, Request& request, const domain::Decision& decision) {
    if (!request.visitor.logged_in() && decision.reason == domain::reason::login_required) return redirect(303, "/login");
    return error_page(site, request, decision.hide_existence ? 404 : 403);
}

Response new_organisation_page(Site& site, Request& request, const store::OrganisationRecord& form,
                               const std::vector<std::string>& errors, int status) {
    const auto context = page_context(request);
    json kinds = json::array();
    for (auto kind : creatable_kinds)
        kinds.push_back({{"value", kind}, {"label", message(site, context.lang, "kind." + std::string(kind))}, {"selected", form.kind == kind}});
    json data{{"name", form.name}, {"city", form.city}, {"website", form.website}, {"description", form.description},
              {"kinds", kinds}, {"errors", errors}, {"has_errors", !errors.empty()}, {"csrf", request.visitor.csrf_token}};
    Response response = render_page(site, request, context, message(site, context.lang, "org.new.title"), "org_new", data, status, "me");
    response.header("Cache-Control", "no-store");
    return response;
}

bool within(const std::string& text, std::size_t max) { return domain::is_valid_utf8(text) && text.size() <= max; }

}  // namespace

Response organisation_form(Request& request, Site& site) {
    const auto decision = domain::decide(subject_of(request.visitor), domain::Action::create_organisation);
    if (!decision.allowed) return refusal(site, request, decision);
    return new_organisation_page(site, request, store::OrganisationRecord{0, "", "", "association", "", "", "", false}, {}, 200);
}

Response organisation_create(Request& request, Site& site) {
    const auto decision = domain::decide(subject_of(request.visitor), domain::Action::create_organisation);
    if (!decision.allowed) return refusal(site, request, decision);
    const auto lang = page_context(request).lang;
    store::OrganisationRecord form{0, "", request.form_value("name"), request.form_value("kind"), request.form_value("city"),
                                   request.form_value("website"), request.form_value("description"), false};
    std::vector<std::string> errors;
    const bool name_ok = within(form.name, 120) && domain::slugify(form.name).size() >= 2;
    if (!name_ok) errors.push_back(message(site, lang, "org.error.name"));
    if (std::find(creatable_kinds.begin(), creatable_kinds.end(), form.kind) == creatable_kinds.end())
        errors.push_back(message(site, lang, "org.error.kind"));
    if (!within(form.city, 120)) errors.push_back(message(site, lang, "org.error.city"));
    const bool website_ok = form.website.empty() ||
        (within(form.website, 200) && (form.website.rfind("https://", 0) == 0 || form.website.rfind("http://", 0) == 0) &&
         form.website.find_first_of(" \"'<>") == std::string::npos);
    if (!website_ok) errors.push_back(message(site, lang, "org.error.website"));
    if (!within(form.description, 2000)) errors.push_back(message(site, lang, "org.error.description"));
    if (!errors.empty()) {
        for (auto* field : {&form.name, &form.city, &form.website, &form.description})
            if (!domain::is_valid_utf8(*field) || field->size() > 2000) field->clear();   // never echo broken input
        return new_organisation_page(site, request, form, errors, 422);
    }
    const auto now = store::Clock::now();
    store::Lease session(site.db);
    soci::transaction tx(*session);
    const auto created = store::OrganisationRepository(*session).create(form, request.visitor.person_id, now);
    store::write_audit(*session, request.visitor.person_id, "create_organisation", "organisation", created.id, "{}", now);
    tx.commit();
    return redirect(303, "/orgs/" + created.slug);
}

Response organisation(Request& request, Site& site) {
    store::Lease session(site.db);
    store::OrganisationRepository organisations(*session);
    const auto found = organisations.find_by_slug(request.path_params["slug"]);
    if (!found) return error_page(site, request, 404);
    const std::string role = request.visitor.logged_in() ? organisations.member_role(found->id, request.visitor.person_id) : "";
    const domain::OrganisationContext context_org{found->id, found->verified,
                                                  role == "admin" ? domain::MemberRole::admin
                                                  : role == "member" ? domain::MemberRole::member : domain::MemberRole::none};
    const auto private_view = domain::decide(subject_of(request.visitor), domain::Action::view_organisation_private, context_org);
    // Unverified organisations are private as a whole: strangers cannot tell they exist.
    if (!found->verified && !private_view.allowed) return error_page(site, request, 404);

    const auto context = page_context(request);
    const bool can_verify = !found->verified &&
        domain::decide(subject_of(request.visitor), domain::Action::staff_verify_organisation).allowed;
    json data{{"name", found->name}, {"kind", message(site, context.lang, "kind." + found->kind)}, {"city", found->city},
              {"website", found->website}, {"description", found->description}, {"verified", found->verified},
              {"show_private", private_view.allowed}, {"can_verify", can_verify}, {"slug", found->slug},
              {"csrf", request.visitor.csrf_token}};
    if (private_view.allowed) {
        json members = json::array();
        for (const auto& m : organisations.members(found->id))
            members.push_back({{"name", m.display_name}, {"role", message(site, context.lang, "org.role." + m.role)}});
        data["members"] = members;
    }
    Response response = render_page(site, request, context, found->name, "org", data, 200);
    response.header("Cache-Control", "no-store");
    return response;
}

Response organisation_verify(Request& request, Site& site) {
    const auto decision = domain::decide(subject_of(request.visitor), domain::Action::staff_verify_organisation);
    if (!decision.allowed) return refusal(site, request, decision);
    const auto now = store::Clock::now();
    store::Lease session(site.db);
    store::OrganisationRepository organisations(*session);
    const auto found = organisations.find_by_slug(request.path_params["slug"]);
    if (!found) return error_page(site, request, 404);
    soci::transaction tx(*session);
    organisations.set_verified(found->id, true);
    store::write_audit(*session, request.visitor.person_id, "staff_verify_organisation", "organisation", found->id, "{}", now);
    tx.commit();
    return redirect(303, "/orgs/" + found->slug);
}

}  // namespace latitudes::web::handlers
