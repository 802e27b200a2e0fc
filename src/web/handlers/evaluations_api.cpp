// GET and POST /api/v1/teams/{id}/evaluations: the end of a project over JSON, through the same
// service call as the forms (evaluation_forms.cpp). POST {"kind": "beneficiary" | "student" |
// "team_about_beneficiary" | "teacher", ...fields} with numbers for scales, booleans for consents
// and, for a student, "points": {"<person id>": n, ...}. GET says what the team has and awaits,
// and the answers the visitor's standing may read (the points to the school's teachers only).
//
// Status codes: see evaluation_forms.cpp.
#include "service/evaluations.hpp"
#include "store/evaluations.hpp"
#include "web/handlers/evaluations.hpp"
#include "web/handlers/handlers.hpp"

namespace latitudes::web::handlers {

using domain::EvaluationKind;
using nlohmann::json;

namespace {

// {"error": {"code": "invalid_evaluation", "fields": [names], "problems": {name: problem code}}}.
Response invalid(const json& problems) {
    json names = json::array();
    for (const auto& [name, code] : problems.items()) names.push_back(name);
    return private_json_response(422, json{{"error",
                                            {{"code", "invalid_evaluation"},
                                             {"message", "invalid fields: " + problems.dump()},
                                             {"fields", names},
                                             {"problems", problems}}}}
                                          .dump());
}

// The JSON body as the raw text the domain's checks read; a value of the wrong type is a problem
// of its field, named in `wrong`.
domain::Fields fields_of_body(const json& doc, EvaluationKind kind, const std::vector<long long>& teammates, json& wrong) {
    domain::Fields fields;
    for (const auto& name : domain::fields_of(kind, teammates)) {
        if (name.rfind("points_", 0) == 0) continue;
        if (!doc.contains(name) || doc[name].is_null()) continue;
        const auto& value = doc[name];
        if (value.is_string()) fields[name] = value.get<std::string>();
        else if (value.is_number_integer() && value.get<long long>() >= 0) fields[name] = std::to_string(value.get<long long>());
        else if (value.is_boolean()) fields[name] = value.get<bool>() ? "1" : "0";
        else wrong[name] = "invalid_type";
    }
    if (kind == EvaluationKind::student && doc.contains("points")) {
        if (!doc["points"].is_object()) {
            wrong["points"] = "invalid_type";
            return fields;
        }
        for (const auto& [key, value] : doc["points"].items()) {
            const auto id = parse_id(key);
            if (!id || std::find(teammates.begin(), teammates.end(), *id) == teammates.end())
                wrong["points." + key] = "not_a_teammate";
            else if (!value.is_number_integer() || value.get<long long>() < 0) wrong["points." + key] = "invalid_type";
            else fields[domain::points_field(*id)] = std::to_string(value.get<long long>());
        }
    }
    for (const auto& [key, value] : doc.items())
        if (key != "kind" && key != "points" && !fields.count(key) && !wrong.contains(key)) {
            const auto known = domain::fields_of(kind, teammates);
            if (std::find(known.begin(), known.end(), key) == known.end()) wrong[key] = "unknown_field";
        }
    return fields;
}

}  // namespace

Response api_team_evaluations(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    auto loaded = load_team(site, request, *session);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& workspace = std::get<LoadedTeam>(loaded);
    const auto& team = workspace.team;
    store::EvaluationRepository repo(*session);
    const auto delivery = repo.delivery(team.id);
    const auto p = service::evaluation_progress(*session, team);
    json body{{"team", team.id},
              {"project_status", team.project_status},
              {"delivered_at", delivery ? json(delivery->delivered_at) : json(nullptr)},
              {"evaluated_at", delivery && !delivery->evaluated_at.empty() ? json(delivery->evaluated_at) : json(nullptr)},
              {"progress",
               {{"beneficiary", p.beneficiary},
                {"students_answered", p.students_answered},
                {"students_expected", p.students_expected},
                {"review", p.review},
                {"assessment_expected", p.assessment_expected},
                {"assessment", p.assessment}}}};
    using domain::TeamAction;
    if (workspace.may(TeamAction::read_reviews)) {
        if (const auto e = repo.beneficiary_evaluation(team.id))
            body["beneficiary"] = {{"usefulness", e->evaluation.usefulness},
                                   {"quality", e->evaluation.quality},
                                   {"will_use", e->evaluation.will_use},
                                   {"take_part_again", e->evaluation.take_part_again},
                                   {"comment", e->evaluation.comment},
                                   {"consent_quote", e->evaluation.consent_quote},
                                   {"consent_showcase", e->evaluation.consent_showcase},
                                   {"updated_at", e->updated_at}};
        json students = json::array();
        for (const auto& f : repo.student_feedback(team.id))
            students.push_back({{"student", f.author_id},
                                {"project_rating", f.feedback.project_rating},
                                {"project_comment", f.feedback.project_comment},
                                {"programme_rating", f.feedback.programme_rating},
                                {"programme_comment", f.feedback.programme_comment},
                                {"updated_at", f.updated_at}});
        body["students"] = students;
        if (const auto r = repo.beneficiary_review(team.id))
            body["team_about_beneficiary"] = {
                {"availability", r->review.availability}, {"comment", r->review.comment}, {"updated_at", r->updated_at}};
    }
    if (const auto a = repo.assessment(team.id); a && (workspace.may(TeamAction::read_reviews) || workspace.standing.student))
        body["teacher"] = {{"outcome", a->assessment.outcome}, {"comment", a->assessment.comment}, {"updated_at", a->updated_at}};
    if (workspace.may(TeamAction::read_contribution_points)) {
        json points = json::array();
        for (const auto& g : repo.contribution_points(team.id))
            points.push_back({{"giver", g.giver_id}, {"receiver", g.receiver_id}, {"points", g.points}});
        body["contribution_points"] = points;
    }
    (void)lang;
    return private_json_response(200, body.dump());
}

Response api_team_evaluate(Request& request, Site& site) {
    store::Lease session(site.db);
    auto loaded = load_team(site, request, *session);
    if (auto* refused = std::get_if<Response>(&loaded)) return std::move(*refused);
    const auto& workspace = std::get<LoadedTeam>(loaded);
    const json doc = json::parse(request.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return json_error(400, "invalid_json", "the body must be a JSON object (see docs/api/openapi.yaml)");
    const auto kind = doc.contains("kind") && doc["kind"].is_string()
                          ? domain::parse_evaluation_kind(doc["kind"].get<std::string>())
                          : std::nullopt;
    if (!kind) return invalid(json{{"kind", "invalid_choice"}});
    if (!workspace.may(domain::action_of(*kind)))
        return json_error(403, "not_allowed", "your standing in this team may not give this evaluation");
    std::vector<long long> teammates;
    for (const auto& s : workspace.team.students) teammates.push_back(s.person_id);
    json wrong = json::object();
    const auto fields = fields_of_body(doc, *kind, teammates, wrong);
    if (!wrong.empty()) return invalid(wrong);
    const auto outcome = service::submit_evaluation(site.service_context(*session),
                                                    {workspace.team.id, request.visitor.person_id, *kind, fields});
    using Kind = service::EvaluateOutcome::Kind;
    switch (outcome.kind) {
        case Kind::not_found: return json_error(404, "not_found", "no such team");
        case Kind::not_delivered: return json_error(409, "not_delivered", "the team has not delivered yet");
        case Kind::invalid: {
            json problems = json::object();
            for (const auto& [field, code] : outcome.problems) {
                // The points of person 12 are "points.12" in the API, as its body names them.
                const bool points = field.rfind("points_", 0) == 0;
                problems[points ? "points." + field.substr(7) : field] = code;
            }
            return invalid(problems);
        }
        case Kind::saved:
        case Kind::edited: break;
    }
    json body{{"kind", domain::to_string(*kind)},
              {"edited", outcome.kind == Kind::edited},
              {"team_evaluated", outcome.team_evaluated},
              {"project_evaluated", outcome.project_evaluated}};
    return private_json_response(outcome.kind == Kind::saved ? 201 : 200, body.dump());
}

}  // namespace latitudes::web::handlers
