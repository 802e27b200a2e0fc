// The applications API: one's own applications, and applying with a personal token. The same
// service call as the form (service/applications.hpp); answers are JSON {"error": {...}} on refusal.
#include "service/applications.hpp"
#include "store/applications.hpp"
#include "web/handlers/applications.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

#include <algorithm>

namespace latitudes::web::handlers {

using domain::Lang;
using nlohmann::json;
using service::share_parts;
using service::Shares;
using service::TextProblem;

namespace {

json application_json(const store::ApplicationRecord& a) {
    json shared = json::parse(a.shared, nullptr, false);
    if (!shared.is_object()) shared = json::object();
    return {{"id", a.id},
            {"project",
             {{"slug", a.project_slug},
              {"title", a.project_title},
              {"format", a.project_format},
              {"url", "/projects/" + a.project_slug}}},
            {"organisation", {{"name", a.organisation_name}}},
            {"status", a.status},
            {"message", a.message},
            {"shared", shared},
            {"owner_message", a.owner_message},
            {"created_at", a.created_at},
            {"updated_at", a.updated_at}};
}

}  // namespace

Response api_my_applications(Request& request, Site& site) {
    store::Lease session(site.db);
    json list = json::array();
    for (const auto& a : store::ApplicationRepository(*session).for_person(request.visitor.person_id))
        list.push_back(application_json(a));
    return private_json_response(200, json{{"applications", list}}.dump());
}

// POST /api/v1/projects/{slug}/applications: {"message": "...", "share": {"skills": true, ...}}.
Response api_apply(Request& request, Site& site) {
    json doc = json::parse(request.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return json_error(400, "invalid_json", "the body must be a JSON object (see docs/api/openapi.yaml)");
    if (doc.contains("message") && !doc["message"].is_string())
        return json_error(422, "invalid_type", "wrong type for field 'message'");
    const std::string text = doc.value("message", std::string());
    Shares shares;
    if (doc.contains("share") && !doc["share"].is_null()) {
        if (!doc["share"].is_object()) return json_error(422, "invalid_type", "wrong type for field 'share'");
        for (const auto& [key, value] : doc["share"].items()) {
            if (std::find(share_parts.begin(), share_parts.end(), key) == share_parts.end())
                return json_error(422, "invalid_field",
                                  "unknown part 'share." + key + "' (skills, causes, availability, school)");
            if (!value.is_boolean()) return json_error(422, "invalid_type", "wrong type for field 'share." + key + "'");
            shares[key] = value.get<bool>();
        }
    }
    // The message is checked before the project is looked up, as the API always did.
    switch (service::check_text(text, true, domain::max_application_message)) {
        case TextProblem::encoding: return json_error(400, "invalid_encoding", "the message is not valid UTF-8");
        case TextProblem::missing: return json_error(422, "invalid_message", "a message is required");
        case TextProblem::too_long:
            return json_error(422, "invalid_message",
                              "the message is longer than " + std::to_string(domain::max_application_message) + " characters");
        case TextProblem::none: break;
    }
    store::Lease session(site.db);
    const auto outcome = service::apply(site.service_context(*session), {request.path_params["slug"], request.visitor.person_id,
                                                                         request.visitor.display_name, text, shares});
    using Kind = service::ApplyOutcome::Kind;
    if (outcome.kind == Kind::not_found) return json_error(404, "not_found", "no public project with this slug");
    if (outcome.kind == Kind::refused) return json_error(409, outcome.refusal, refusal_text(site, Lang::en, outcome.refusal));
    const auto created = store::ApplicationRepository(*session).find(outcome.application_id);
    return private_json_response(201, json{{"application", application_json(*created)}}.dump());
}

}  // namespace latitudes::web::handlers
