#include "service/evaluations.hpp"

#include "domain/workflow.hpp"
#include "store/activity.hpp"
#include "store/evaluations.hpp"
#include "store/needs.hpp"

#include <algorithm>
#include <set>

namespace latitudes::service {

namespace {

using domain::EvaluationKind;
using domain::Status;

// The platform makes the project's moves for its teams (whose own right is domain/team.hpp's
// mark_delivered, or having answered): the move must exist in the workflow as staff would make
// it, and is recorded with the team member whose action caused it.
bool move_project(const Context& context, const store::TeamRecord& team, Status from, Status to, long long actor) {
    if (!domain::can_move(from, to, domain::MoveContext{true, domain::MemberRole::none, true}, false).empty()) return false;
    return store::NeedRepository(context.session).move(team.project_id, from, to, actor, "", context.now);
}

std::string_view activity_kind(EvaluationKind kind) {
    switch (kind) {
        case EvaluationKind::beneficiary: return "beneficiary_evaluated";
        case EvaluationKind::student: return "student_feedback_given";
        case EvaluationKind::team_about_beneficiary: return "beneficiary_reviewed";
        case EvaluationKind::teacher: return "team_assessed";
    }
    return "";
}

std::string team_path(long long team_id) { return "/teams/" + std::to_string(team_id); }

// Everyone awaited is asked, once, as soon as the team delivers.
void ask_for_evaluations(const Context& context, const store::TeamRecord& team) {
    for (const auto& to : awaited_people(context.session, team))
        context.notifier.tell(context.session, to, "evaluation_request", {{"project", team.project_title}, {"reminder", false}},
                              team_path(team.id), context.now);
}

}  // namespace

std::vector<long long> answering_students(const store::TeamRecord& team) {
    std::vector<long long> ids;
    for (const auto& s : team.students)
        if (!s.email.empty()) ids.push_back(s.person_id);
    return ids;
}

domain::EvaluationProgress evaluation_progress(soci::session& session, const store::TeamRecord& team) {
    store::EvaluationRepository repo(session);
    domain::EvaluationProgress progress;
    progress.delivered = repo.delivery(team.id).has_value();
    progress.beneficiary = repo.beneficiary_evaluation(team.id).has_value();
    const auto students = answering_students(team);
    progress.students_expected = static_cast<int>(students.size());
    for (const auto& f : repo.student_feedback(team.id))
        if (std::find(students.begin(), students.end(), f.author_id) != students.end()) ++progress.students_answered;
    progress.review = repo.beneficiary_review(team.id).has_value();
    progress.assessment_expected = team.school_id != 0;
    progress.assessment = repo.assessment(team.id).has_value();
    return progress;
}

std::vector<store::Recipient> awaited_people(soci::session& session, const store::TeamRecord& team) {
    store::EvaluationRepository repo(session);
    const auto progress = evaluation_progress(session, team);
    std::set<long long> answered;
    for (const auto& f : repo.student_feedback(team.id)) answered.insert(f.author_id);
    std::vector<store::Recipient> out;
    for (const auto& [person, standing] : store::TeamRepository(session).people(team)) {
        if (person.email.empty()) continue;
        const bool owes = (standing.beneficiary && !progress.beneficiary) ||
                          (standing.student && !answered.count(person.person_id)) ||
                          (standing.teacher && progress.assessment_expected && !progress.assessment);
        if (owes) out.push_back({person.email, person.name});
    }
    return out;
}

DeliverOutcome mark_delivered(const Context& context, const DeliverInput& input) {
    DeliverOutcome outcome;
    auto checked = domain::check_delivery(input.fields);
    if (!checked.problems.empty()) {
        outcome.kind = DeliverOutcome::Kind::invalid;
        outcome.problems = std::move(checked.problems);
        return outcome;
    }
    store::WriteTransaction tx(context.session);
    const auto team = store::TeamRepository(context.session).find(input.team_id);
    if (!team) return {DeliverOutcome::Kind::not_found};
    store::EvaluationRepository repo(context.session);
    if (repo.delivery(team->id)) return {DeliverOutcome::Kind::already_delivered};
    const auto status = domain::parse_status(team->project_status);
    if (status != Status::in_progress) return {DeliverOutcome::Kind::not_in_progress};
    if (!repo.add_delivery(team->id, input.actor_id, checked.delivery, context.now))
        return {DeliverOutcome::Kind::already_delivered};
    // A project of several teams is delivered when the last of them is.
    const auto counts = repo.project_teams(team->project_id);
    if (counts.delivered == counts.teams)
        outcome.project_moved = move_project(context, *team, Status::in_progress, Status::delivered, input.actor_id);
    store::record_activity(context.session,
                           {team->id, team->organisation_id, input.actor_id, "team_delivered", team->project_title,
                            team_path(team->id) + "#end"},
                           context.now);
    ask_for_evaluations(context, *team);
    tx.commit();
    return outcome;
}

EvaluateOutcome submit_evaluation(const Context& context, const EvaluateInput& input) {
    EvaluateOutcome outcome;
    store::WriteTransaction tx(context.session);
    const auto team = store::TeamRepository(context.session).find(input.team_id);
    if (!team) return {EvaluateOutcome::Kind::not_found};
    store::EvaluationRepository repo(context.session);
    const auto delivery = repo.delivery(team->id);
    if (!delivery) return {EvaluateOutcome::Kind::not_delivered};
    std::vector<long long> teammates;
    for (const auto& s : team->students) teammates.push_back(s.person_id);
    auto checked = domain::check_evaluation(input.kind, input.fields, teammates);
    if (!checked.problems.empty()) {
        outcome.kind = EvaluateOutcome::Kind::invalid;
        outcome.problems = std::move(checked.problems);
        return outcome;
    }
    bool first = false;
    switch (input.kind) {
        case EvaluationKind::beneficiary: first = repo.save(team->id, input.actor_id, checked.beneficiary, context.now); break;
        case EvaluationKind::student: first = repo.save(team->id, input.actor_id, checked.student, context.now); break;
        case EvaluationKind::team_about_beneficiary:
            first = repo.save(team->id, input.actor_id, checked.review, context.now);
            break;
        case EvaluationKind::teacher: first = repo.save(team->id, input.actor_id, checked.assessment, context.now); break;
    }
    outcome.kind = first ? EvaluateOutcome::Kind::saved : EvaluateOutcome::Kind::edited;
    // The feed says who answered, never what: no points, no grade, no scale.
    store::record_activity(context.session,
                           {team->id, team->organisation_id, input.actor_id, std::string(activity_kind(input.kind)),
                            team->project_title, team_path(team->id) + "#end"},
                           context.now);
    if (delivery->evaluated_at.empty() && evaluation_progress(context.session, *team).complete() &&
        repo.mark_evaluated(team->id, context.now)) {
        outcome.team_evaluated = true;
        store::record_activity(context.session,
                               {team->id, team->organisation_id, 0, "team_evaluated", team->project_title,
                                team_path(team->id) + "#end"},
                               context.now);
        const auto counts = repo.project_teams(team->project_id);
        if (counts.evaluated == counts.teams && domain::parse_status(team->project_status) == Status::delivered)
            outcome.project_evaluated = move_project(context, *team, Status::delivered, Status::evaluated, input.actor_id);
    }
    tx.commit();
    return outcome;
}

}  // namespace latitudes::service
