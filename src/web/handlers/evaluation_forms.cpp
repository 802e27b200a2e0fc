// The forms of "Fin du projet" (/teams/{id}/delivery, /teams/{id}/evaluations) and the API
// (GET and POST /api/v1/teams/{id}/evaluations): thin adapters over service/evaluations.hpp. An
// evaluation given again replaces the earlier one (the answer is edited, never duplicated).
//
// Status codes, pages: 303 to the workspace's "Fin du projet" once saved; 403 when the visitor's
// standing may not give this evaluation (a student the beneficiary's, a beneficiary the
// assessment); 404 for a stranger to the workspace (load_team); 409 when the team is not
// delivered yet, or delivered already, or its project not in progress; 422 with each problem next
// to its field (the section shown alone, with the form).
// API: 201 a first answer, 200 an edited one, 400 a body that is not a JSON object, 401, 403, 404
// as above, 409, 422 {"error": {"code": "invalid_evaluation", "fields": [...], "problems": {field: problem}}}.
#include "service/evaluations.hpp"
#include "store/evaluations.hpp"
#include "web/handlers/evaluations.hpp"
#include "web/handlers/handlers.hpp"

namespace latitudes::web::handlers {

using domain::EvaluationKind;
using nlohmann::json;

namespace {

std::vector<long long> teammates_of(const store::TeamRecord& team) {
    std::vector<long long> ids;
    for (const auto& s : team.students) ids.push_back(s.person_id);
    return ids;
}

// The section alone, with the refused form and its problems.
Response refused_page(Site& site, Request& request, soci::session& session, const LoadedTeam& workspace,
                      const EndFormState& state, int status) {
    const auto context = page_context(request);
    json data{{"id", workspace.team.id}, {"title", workspace.team.project_title}, {"path", workspace.path()}};
    data["end"] = end_of_project_view(site, request, context.lang, session, workspace, &state);
    // A refusal of the state (not delivered yet, delivered already) may leave no form to show it in.
    if (status == 409 && !state.errors.empty()) data["end"]["refusal"] = state.errors.texts().front();
    return render_private_page(site, request, context, workspace.team.project_title, "team_end_page", std::move(data), status,
                               "me");
}

FormErrors errors_of(Site& site, domain::Lang lang, const domain::Problems& problems, const domain::Fields& fields,
                     std::size_t team_size) {
    FormErrors errors;
    for (const auto& [field, code] : problems)
        errors.add(field, evaluation_problem_text(site, lang, field, code, fields, team_size));
    return errors;
}

}  // namespace

Response team_delivery(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    auto loaded = load_team(site, request, *session);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& workspace = std::get<LoadedTeam>(loaded);
    if (!workspace.may(domain::TeamAction::mark_delivered)) return error_page(site, request, 403);
    const domain::Fields fields{{"link", request.form_value("link")}, {"delivery_note", request.form_value("delivery_note")}};
    const auto outcome = service::mark_delivered(site.service_context(*session),
                                                 {workspace.team.id, request.visitor.person_id, fields});
    using Kind = service::DeliverOutcome::Kind;
    switch (outcome.kind) {
        case Kind::delivered: return redirect(303, workspace.path() + "?done=delivery#end");
        case Kind::not_found: return error_page(site, request, 404);
        case Kind::invalid:
            return refused_page(site, request, *session, workspace,
                                {"delivery", fields, errors_of(site, lang, outcome.problems, fields, 0)}, 422);
        case Kind::already_delivered:
        case Kind::not_in_progress: break;
    }
    return refused_page(site, request, *session, workspace,
                        {"delivery", fields,
                         FormErrors{message(site, lang,
                                            outcome.kind == Kind::already_delivered ? "evaluation.error.already_delivered"
                                                                                    : "evaluation.not_in_progress")}},
                        409);
}

Response team_evaluate(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    auto loaded = load_team(site, request, *session);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& workspace = std::get<LoadedTeam>(loaded);
    const auto kind = domain::parse_evaluation_kind(request.form_value("kind"));
    if (!kind) return error_page(site, request, 422, message(site, lang, "evaluation.error.kind"));
    if (!workspace.may(domain::action_of(*kind))) return error_page(site, request, 403);
    domain::Fields fields;
    for (const auto& name : domain::fields_of(*kind, teammates_of(workspace.team))) fields[name] = request.form_value(name);
    const auto outcome = service::submit_evaluation(site.service_context(*session),
                                                    {workspace.team.id, request.visitor.person_id, *kind, fields});
    using Kind = service::EvaluateOutcome::Kind;
    const std::string form(domain::to_string(*kind));
    switch (outcome.kind) {
        case Kind::saved:
        case Kind::edited: return redirect(303, workspace.path() + "?done=" + form + "#end");
        case Kind::not_found: return error_page(site, request, 404);
        case Kind::not_delivered:
            return refused_page(site, request, *session, workspace,
                                {form, fields, FormErrors{message(site, lang, "evaluation.error.not_delivered")}}, 409);
        case Kind::invalid: break;
    }
    return refused_page(site, request, *session, workspace,
                        {form, fields, errors_of(site, lang, outcome.problems, fields, workspace.team.students.size())}, 422);
}

}  // namespace latitudes::web::handlers
