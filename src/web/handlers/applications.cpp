// Applications to opportunities: every format but semester projects. A student, tech
// professional or researcher applies with a message and the parts of their profile they choose
// to share (snapshotted as JSON); the beneficiary organisation's members (or staff) accept,
// decline or ask for a call; the applicant follows the status in /me/applications and may
// withdraw while no answer came. Reminders and expiry are jobs (src/jobs/applications.cpp).
//
// Answers: a project that is not public, an application that is not the visitor's (withdraw)
// or of an organisation they do not belong to (review) is 404, like an unknown one. Applying
// where domain::can_apply refuses (semester project, not open, deadline passed, full, already
// applied) is 409 with the reason, and nothing is written; a decision the status no longer
// allows (already answered, withdrawn, expired) or that would go beyond the capacity is 409.
// A form with a missing or overlong message comes back with its values (422); broken UTF-8 is
// 400; an unknown decision is 400.
#include "web/handlers/applications.hpp"
#include "web/handlers/application_views.hpp"

#include "domain/opportunity.hpp"
#include "domain/text.hpp"
#include "service/applications.hpp"
#include "store/applications.hpp"
#include "store/organisations.hpp"
#include "web/authorisation.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

#include <algorithm>

namespace latitudes::web::handlers {

using domain::Action;
using domain::ApplicationStatus;
using domain::Lang;
using nlohmann::json;

namespace {

using service::share_parts;
using service::Shares;
using service::TextProblem;
using service::is_public_status;
// Notices after a redirect (?done=...): a fixed list, so the parameter cannot inject text.
constexpr std::array<std::string_view, 5> notices{"applied", "withdrawn", "accepted", "declined", "call_requested"};

long long id_param(const Request& request) {
    const auto it = request.path_params.find("id");
    return it == request.path_params.end() ? 0 : parse_id(it->second).value_or(0);
}

std::string date_of(const std::string& instant) { return instant.substr(0, 10); }

// ---------------------------------------------------------------------------------------------
// Profile parts

Shares shares_from_form(const Request& request) {
    Shares shares;
    for (auto part : share_parts) shares[part] = request.form_value("share_" + std::string(part)) == "1";
    return shares;
}

using service::OpportunityState;

OpportunityState opportunity_state(soci::session& session, const store::OpportunityTarget& target, long long person_id) {
    return service::opportunity_state(session, target, person_id, store::Clock::now());
}

// ---------------------------------------------------------------------------------------------
// The apply form

struct ApplyForm {
    std::string message;
    Shares shares;
    bool defaults = true;  // first display: every non-empty part is offered checked
};

// A problem of the application's message, shown at its textarea.
FormErrors message_error(std::string text) {
    FormErrors errors;
    errors.add("message", std::move(text));
    return errors;
}

Response apply_page(Site& site, Request& request, soci::session& session, const store::OpportunityTarget& target,
                    const OpportunityState& state, const ApplyForm& form, const FormErrors& errors, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    json data{{"title", target.title},
              {"slug", target.slug},
              {"organisation", target.organisation_name},
              {"format_label", message(site, lang, "format." + target.format)},
              {"rows", detail_rows(site, lang, state.format, state.details, state.accepted)},
              {"csrf", request.visitor.csrf_token},
              {"form_errors", errors.view()},
              {"message", form.message},
              {"max_message", domain::max_application_message},
              {"applicant_name", request.visitor.display_name},
              {"applicant_email", request.visitor.email}};
    if (!state.refusal.empty()) {
        data["refusal"] = refusal_text(site, lang, state.refusal);
        data["refusal_code"] = state.refusal;
        if (state.earlier && state.refusal == domain::apply_refusal::already_applied)
            data["earlier_status"] = message(site, lang, "application.status." + state.earlier->status);
    } else {
        // What each part would share, read from the profile now.
        const auto preview = shared_items(
            site, lang, service::profile_snapshot(session, site.skills, request.visitor.person_id, {true, true, true, true}));
        json parts = json::array();
        for (auto part : share_parts) {
            std::string value;
            for (const auto& item : preview)
                if (item["part"] == part) value = item["value"].get<std::string>();
            Shares shares = form.shares;
            parts.push_back({{"part", part},
                             {"label", message(site, lang, "apply.share." + std::string(part))},
                             {"preview", value.empty() ? message(site, lang, "apply.share.empty") : value},
                             {"checked", form.defaults ? !value.empty() : shares[part]}});
        }
        data["parts"] = parts;
        data["show_form"] = true;
    }
    return render_private_page(site, request, context, message(site, lang, "apply.title", {{"title", target.title}}), "apply",
                               data, status, "projects");
}

// ---------------------------------------------------------------------------------------------
// The owner's list

struct DecisionForm {
    long long id = 0;  // the application the form was about
    std::string decision, message;
    FormErrors errors;  // a problem of the message is at the decision's textarea (accept-, call-, decline-<id>)
};

// The id of the textarea of a decision on application `id`.
std::string decision_field(const std::string& decision, long long id) {
    const std::string prefix = decision == "accepted" ? "accept" : decision == "call_requested" ? "call" : "decline";
    return prefix + "-" + std::to_string(id);
}

Response applications_page(Site& site, Request& request, soci::session& session, const store::OpportunityTarget& target,
                           const DecisionForm& form, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::ApplicationRepository repo(session);
    const auto state = opportunity_state(session, target, 0);
    json items = json::array();
    int awaiting_count = 0;
    const json shown_errors = form.errors.view();
    auto error_at = [&](const std::string& field) {
        return shown_errors["field"].contains(field) ? shown_errors["field"][field] : json("");
    };
    for (const auto& a : repo.for_project(target.id)) {
        const auto parsed = domain::parse_application_status(a.status).value_or(ApplicationStatus::expired);
        const bool awaiting = domain::is_awaiting(parsed);
        awaiting_count += awaiting;
        const bool this_form = form.id == a.id;
        auto typed = [&](const std::string& decision, const std::string& fallback) {
            return this_form && form.decision == decision ? form.message : fallback;
        };
        const std::string name = a.person_name.empty() ? "—" : a.person_name;
        const json shared = shared_items(site, lang, a.shared);
        items.push_back({{"id", a.id},
                         {"name", name},
                         {"email", a.person_email},
                         {"has_email", !a.person_email.empty()},
                         {"created", date_of(a.created_at)},
                         {"created_text", format_date(a.created_at, lang)},
                         {"status", a.status},
                         {"status_label", message(site, lang, "application.status." + a.status)},
                         {"message_lines", lines_of(a.message)},
                         {"owner_message_lines", lines_of(a.owner_message)},
                         {"has_owner_message", !a.owner_message.empty()},
                         {"shared", shared},
                         {"has_shared", !shared.empty()},
                         {"awaiting", awaiting},
                         {"can_call", parsed == ApplicationStatus::pending},
                         {"accept_message", typed("accepted", "")},
                         {"call_message", typed("call_requested", "")},
                         {"decline_message", typed("declined", message(site, lang, "applications.decline_template",
                                                                       {{"name", name},
                                                                        {"project", target.title},
                                                                        {"organisation", target.organisation_name}}))},
                         {"open_accept", this_form && form.decision == "accepted"},
                         {"open_call", this_form && form.decision == "call_requested"},
                         {"open_decline", this_form && form.decision == "declined"},
                         {"accept_error", error_at(decision_field("accepted", a.id))},
                         {"call_error", error_at(decision_field("call_requested", a.id))},
                         {"decline_error", error_at(decision_field("declined", a.id))}});
    }
    json data{{"title", target.title},
              {"slug", target.slug},
              {"organisation", target.organisation_name},
              {"public", is_public_status(target.status)},
              {"csrf", request.visitor.csrf_token},
              {"rows", detail_rows(site, lang, state.format, state.details, state.accepted)},
              {"applications", items},
              {"has_applications", !items.empty()},
              {"awaiting_count", awaiting_count},
              {"full", state.accepted >= state.details.capacity},
              {"max_message", domain::max_application_message},
              {"form_errors", shown_errors}};
    const std::string done = request.param("done");
    if (std::find(notices.begin(), notices.end(), done) != notices.end())
        data["notice"] = message(site, lang, "applications.done." + done);
    return render_private_page(site, request, context, message(site, lang, "applications.title", {{"title", target.title}}),
                               "applications", data, status, "me");
}

// ---------------------------------------------------------------------------------------------
// Mon espace: my applications

Response my_applications_page(Site& site, Request& request, const FormErrors& errors, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::Lease session(site.db);
    store::ApplicationRepository repo(*session);
    json items = json::array();
    for (const auto& a : repo.for_person(request.visitor.person_id)) {
        const auto parsed = domain::parse_application_status(a.status).value_or(ApplicationStatus::expired);
        const json shared = shared_items(site, lang, a.shared);
        items.push_back({{"id", a.id},
                         {"title", a.project_title},
                         {"slug", a.project_slug},
                         {"public", is_public_status(a.project_status)},
                         {"organisation", a.organisation_name},
                         {"format_label", message(site, lang, "format." + a.project_format)},
                         {"status", a.status},
                         {"status_label", message(site, lang, "application.status." + a.status)},
                         {"created", date_of(a.created_at)},
                         {"created_text", format_date(a.created_at, lang)},
                         {"updated", date_of(a.updated_at)},
                         {"message_lines", lines_of(a.message)},
                         {"owner_message_lines", lines_of(a.owner_message)},
                         {"has_owner_message", !a.owner_message.empty()},
                         {"shared", shared},
                         {"has_shared", !shared.empty()},
                         {"can_withdraw", domain::can_withdraw(parsed)}});
    }
    json data{{"applications", items},
              {"has_applications", !items.empty()},
              {"csrf", request.visitor.csrf_token},
              {"form_errors", errors.view()}};
    const std::string done = request.param("done");
    if (std::find(notices.begin(), notices.end(), done) != notices.end())
        data["notice"] = message(site, lang, "my_applications.done." + done);
    return render_private_page(site, request, context, message(site, lang, "my_applications.title"), "my_applications", data,
                               status, "me");
}

}  // namespace

std::string refusal_text(const Site& site, Lang lang, std::string_view refusal) {
    return message(site, lang, "apply.refusal." + std::string(refusal));
}

json opportunity_view(Site& site, Lang lang, const store::ProjectCard& card) {
    const auto format = domain::parse_format(card.format);
    if (!format || !domain::detail_fields(*format).applications) return nullptr;
    store::Lease session(site.db);
    const store::OpportunityTarget target{card.id, card.slug, card.title, card.format, card.status, 0, "", ""};
    const auto state = opportunity_state(*session, target, 0);
    const bool full = state.refusal == domain::apply_refusal::full;
    json view{{"rows", detail_rows(site, lang, state.format, state.details, state.accepted)},
              {"can_apply", state.refusal.empty()},
              {"full", full},
              {"apply_href", "/projects/" + card.slug + "/apply"}};
    if (!state.refusal.empty() && !full) view["closed"] = refusal_text(site, lang, state.refusal);
    return view;
}

Response apply_form(Request& request, Site& site) {
    store::Lease session(site.db);
    store::ApplicationRepository repo(*session);
    const auto target = repo.target(request.path_params["slug"]);
    if (!target || !is_public_status(target->status)) return error_page(site, request, 404);
    const auto state = opportunity_state(*session, *target, request.visitor.person_id);
    return apply_page(site, request, *session, *target, state, {}, {}, state.refusal.empty() ? 200 : 409);
}

// The form and the API apply through service::apply; each presents the outcome its own way.
Response apply(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    ApplyForm form{request.form_value("message"), shares_from_form(request), false};
    store::Lease session(site.db);
    const auto outcome = service::apply(site.service_context(*session),
                                        {request.path_params["slug"], request.visitor.person_id, request.visitor.display_name,
                                         form.message, form.shares});
    using Kind = service::ApplyOutcome::Kind;
    if (outcome.kind == Kind::not_found) return error_page(site, request, 404);
    if (outcome.kind == Kind::applied) return redirect(303, "/me/applications?done=applied");
    const auto& target = *outcome.target;
    auto state = opportunity_state(*session, target, request.visitor.person_id);
    if (outcome.kind == Kind::refused) {
        // One who may not apply is told why, whatever the form said.
        state.refusal = outcome.refusal;
        return apply_page(site, request, *session, target, state, {}, {}, 409);
    }
    switch (outcome.problem) {
        case TextProblem::encoding:
            form.message.clear();  // broken text is not echoed back
            return apply_page(site, request, *session, target, state, form,
                              FormErrors{message(site, lang, "apply.error.encoding")}, 400);
        case TextProblem::missing:
            return apply_page(site, request, *session, target, state, form,
                              message_error(message(site, lang, "apply.error.message_missing")), 422);
        default:
            return apply_page(site, request, *session, target, state, form,
                              message_error(message(site, lang, "apply.error.message_too_long",
                                                    {{"max", std::to_string(domain::max_application_message)}})),
                              422);
    }
}

Response project_applications(Request& request, Site& site) {
    store::Lease session(site.db);
    store::ApplicationRepository repo(*session);
    const auto target = repo.target(request.path_params["slug"]);
    // An unknown project answers like another organisation's: nobody learns which exist.
    if (!target) return refusal(site, request, {false, true, domain::reason::not_a_member});
    const auto access = authorise_in_organisation(site, request, *session, target->organisation_slug,
                                                  Action::review_applications);
    if (!access.decision.allowed) return refusal(site, request, access.decision);
    return applications_page(site, request, *session, *target, {}, 200);
}

Response application_decide(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    const long long id = id_param(request);
    store::Lease session(site.db);
    store::ApplicationRepository repo(*session);
    const auto found = id == 0 ? std::nullopt : repo.find(id);
    const auto target = found ? repo.target(found->project_id) : std::nullopt;
    if (!target) return refusal(site, request, {false, true, domain::reason::not_a_member});
    const auto access = authorise_in_organisation(site, request, *session, target->organisation_slug,
                                                  Action::review_applications);
    if (!access.decision.allowed) return refusal(site, request, access.decision);

    DecisionForm form{id, request.form_value("decision"), request.form_value("message"), {}};
    const auto outcome = service::decide(site.service_context(*session),
                                         {id, form.decision, form.message, request.visitor.person_id});
    using Kind = service::DecideOutcome::Kind;
    switch (outcome.kind) {
        case Kind::decided: return redirect(303, "/projects/" + target->slug + "/applications?done=" + form.decision);
        case Kind::not_found: return error_page(site, request, 404);
        case Kind::bad_decision: return error_page(site, request, 400);
        case Kind::full:
        case Kind::not_awaiting:
            form.errors.add(  // the application's state, not its message: a problem of the whole form
                "",
                message(site, lang, outcome.kind == Kind::full ? "applications.error.full" : "applications.error.not_awaiting"));
            return applications_page(site, request, *session, *target, form, 409);
        case Kind::invalid: break;
    }
    if (outcome.problem == TextProblem::encoding) {
        form.message.clear();
        form.errors.add("", message(site, lang, "apply.error.encoding"));
        return applications_page(site, request, *session, *target, form, 400);
    }
    form.errors.add(decision_field(form.decision, id), outcome.problem == TextProblem::missing
                                                           ? message(site, lang, "applications.error.message_missing")
                                                           : message(site, lang, "apply.error.message_too_long",
                                                                     {{"max", std::to_string(domain::max_application_message)}}));
    return applications_page(site, request, *session, *target, form, 422);
}

Response application_withdraw(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    service::WithdrawOutcome outcome;
    {
        store::Lease session(site.db);
        outcome = service::withdraw(site.service_context(*session), id_param(request), request.visitor.person_id);
    }
    using Kind = service::WithdrawOutcome::Kind;
    if (outcome.kind == Kind::withdrawn) return redirect(303, "/me/applications?done=withdrawn");
    if (outcome.kind == Kind::not_found) return error_page(site, request, 404);
    return my_applications_page(site, request, FormErrors{message(site, lang, "my_applications.error.not_awaiting")}, 409);
}

Response my_applications(Request& request, Site& site) { return my_applications_page(site, request, {}, 200); }

}  // namespace latitudes::web::handlers
