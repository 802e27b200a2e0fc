// The needs API: a new need with a personal token (the same service call as the form), and one
// need with its history and the moves the caller may make.
#include "domain/framing.hpp"
#include "service/needs.hpp"
#include "store/needs.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/project_access.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using domain::Action;
using nlohmann::json;

// POST /api/v1/needs: {"organisation": slug, "title", "summary", "format", "sdgs": [..], "problem", ...,
// "contact_name", "contact_email", "submit": bool}.
Response api_need_create(Request& request, Site& site) {
    json doc = json::parse(request.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return json_error(400, "invalid_json", "the body must be a JSON object (see docs/api/openapi.yaml)");
    std::string wrong;
    auto text = [&](const std::string& name) {
        if (!doc.contains(name) || doc[name].is_null()) return std::string();
        if (!doc[name].is_string()) wrong = wrong.empty() ? name : wrong;
        return doc[name].is_string() ? doc[name].get<std::string>() : std::string();
    };
    domain::NeedInput in;
    in.title = text("title");
    in.summary = text("summary");
    in.format = doc.contains("format") ? text("format") : "student_project";
    for (auto field : domain::need_text_fields) in.text[std::string(field)] = text(std::string(field));
    in.contact_name = text("contact_name");
    in.contact_email = text("contact_email");
    const std::string organisation = text("organisation");
    if (doc.contains("sdgs")) {
        if (!doc["sdgs"].is_array()) wrong = "sdgs";
        else
            for (const auto& sdg : doc["sdgs"]) {
                if (!sdg.is_number_integer()) {
                    wrong = "sdgs";
                    break;
                }
                in.sdgs.push_back(std::to_string(sdg.get<long long>()));
            }
    }
    const bool submitting = doc.contains("submit") && doc["submit"].is_boolean() && doc["submit"].get<bool>();
    if (doc.contains("submit") && !doc["submit"].is_boolean()) wrong = "submit";
    if (!wrong.empty()) return json_error(422, "invalid_type", "wrong type for field '" + wrong + "'");

    store::Lease session(site.db);
    const auto access = authorise_in_organisation(site, request, *session, organisation, Action::submit_need);
    if (!access.decision.allowed) {
        if (access.decision.reason == domain::reason::organisation_not_verified)
            return json_error(403, "organisation_not_verified", "the organisation is not verified yet");
        return json_error(422, "invalid_need", "invalid field: organisation (one of yours, verified)");
    }
    const auto checked = domain::check_need(in, submitting);
    if (!checked.ok()) {
        json body{{"error",
                   {{"code", "invalid_need"},
                    {"message", "invalid field: " + checked.problems.front()},
                    {"fields", checked.problems}}}};
        return json_response(422, body.dump());
    }
    const auto saved = service::create_need(site.service_context(*session),
                                            {in, submitting, access.organisation->id, request.visitor.person_id});
    if (saved.kind == service::NeedOutcome::Kind::throttled) {
        Response response = json_error(429, "too_many_needs",
                                       "at most " + std::to_string(domain::max_new_needs_per_hour) +
                                           " new needs an hour per account; retry after " +
                                           std::to_string(saved.retry_after.count()) + " s");
        add_retry_after(response, saved.retry_after);
        return response;
    }
    const long long id = saved.need_id;
    Response response = json_response(
        201, json{{"id", id}, {"status", submitting ? "submitted" : "draft"}, {"url", "/needs/" + std::to_string(id)}}.dump());
    response.header("Location", "/api/v1/needs/" + std::to_string(id));
    return response;
}

Response api_need(Request& request, Site& site) {
    store::Lease session(site.db);
    auto loaded_or = load_need(site, request, *session, Action::view_project_private);
    if (auto* refused = std::get_if<Response>(&loaded_or)) return std::move(*refused);
    const auto& loaded = std::get<LoadedNeed>(loaded_or);
    const auto& n = loaded.need;
    json history = json::array();
    for (const auto& c : store::NeedRepository(*session).history(n.id))
        history.push_back({{"from", c.from}, {"to", c.to}, {"by", c.actor_name}, {"reason", c.reason}, {"at", c.at}});
    json moves = json::array();
    for (auto to : domain::moves_for(loaded.status, loaded.move_context())) moves.push_back(domain::to_string(to));
    json body{{"id", n.id},
              {"slug", n.slug},
              {"title", n.title},
              {"summary", n.summary},
              {"format", domain::to_string(n.format)},
              {"level", n.level},
              {"status", domain::to_string(n.status)},
              {"organisation", {{"slug", n.organisation_slug}, {"name", n.organisation_name}}},
              {"sdgs", n.sdgs},
              {"need",
               {{"problem", n.text.problem},
                {"beneficiaries", n.text.beneficiaries},
                {"existing", n.text.existing},
                {"data_tools", n.text.data_tools},
                {"hopes", n.text.hopes},
                {"constraints", n.text.constraints},
                {"contact_name", n.text.contact_name},
                {"contact_email", n.text.contact_email}}},
              {"history", history},
              {"moves_allowed", moves}};
    return private_json_response(200, body.dump());
}

}  // namespace latitudes::web::handlers
