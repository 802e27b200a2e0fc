#pragma once
// The end of a project: a team marks its deliverable delivered, then each evaluation is given
// (or given again: an answer replaces the earlier one, so a beneficiary may still withdraw its
// consent to the showcase). Each call is one transaction with its activity entry and its mails;
// the project moves to delivered once all its teams are, and to evaluated once all its teams'
// awaited answers are in. Who may give which is the workspace's rule (domain/team.hpp), checked
// by the web layer before the call (load_team); the service checks the state.
#include "domain/evaluation.hpp"
#include "service/service.hpp"
#include "store/teams.hpp"

namespace latitudes::service {

struct DeliverInput {
    long long team_id = 0;
    long long actor_id = 0;
    domain::Fields fields;  // link, note
};
struct DeliverOutcome {
    enum class Kind { delivered, invalid, already_delivered, not_in_progress, not_found } kind = Kind::delivered;
    domain::Problems problems;   // invalid
    bool project_moved = false;  // the project is now "delivered"
};
DeliverOutcome mark_delivered(const Context& context, const DeliverInput& input);

struct EvaluateInput {
    long long team_id = 0;
    long long actor_id = 0;
    domain::EvaluationKind kind = domain::EvaluationKind::beneficiary;
    domain::Fields fields;
};
struct EvaluateOutcome {
    enum class Kind { saved, edited, invalid, not_delivered, not_found } kind = Kind::saved;
    domain::Problems problems;       // invalid
    bool team_evaluated = false;     // this answer was the last awaited one of the team
    bool project_evaluated = false;  // ... and of the project, which moved to "evaluated"
};
EvaluateOutcome submit_evaluation(const Context& context, const EvaluateInput& input);

// What the team's evaluation has and awaits (read inside or outside a transaction).
domain::EvaluationProgress evaluation_progress(soci::session& session, const store::TeamRecord& team);

// The students who may answer (they have an account): those whose feedback is awaited.
std::vector<long long> answering_students(const store::TeamRecord& team);

// The people who still owe an answer, once each: the beneficiary's contacts without its
// evaluation, the students without their feedback, the school's teachers without the assessment.
std::vector<store::Recipient> awaited_people(soci::session& session, const store::TeamRecord& team);

}  // namespace latitudes::service
