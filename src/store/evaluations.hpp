#pragma once
// The end of a project (migration 0019): a team's delivery, the four evaluations that follow it
// (each one row per team, or per team and student, edited in place), the contribution points,
// and what the reminder job and the showcase need of them. Writes run inside the caller's
// transaction (service/evaluations.cpp).
#include "domain/evaluation.hpp"
#include "store/accounts.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct DeliveryRecord {
    long long team_id = 0;
    std::string delivered_by_name, link, note, delivered_at, evaluated_at;
};

struct Authored {
    long long author_id = 0;
    std::string author_name, updated_at;
};
struct BeneficiaryEvaluationRecord : Authored {
    domain::BeneficiaryEvaluation evaluation;
};
struct StudentFeedbackRecord : Authored {
    domain::StudentFeedback feedback;  // points left empty: read them with contribution_points()
};
struct BeneficiaryReviewRecord : Authored {
    domain::BeneficiaryReview review;
};
struct AssessmentRecord : Authored {
    domain::TeacherAssessment assessment;
};
struct PointsGiven {
    long long giver_id = 0, receiver_id = 0;
    int points = 0;
};

// A delivered team still awaiting answers, with the reminders it has had.
struct AwaitingTeam {
    long long team_id = 0;
    std::string delivered_at, reminded_7d_at, reminded_14d_at;
};

class EvaluationRepository {
public:
    explicit EvaluationRepository(soci::session& session) : s_(session) {}

    std::optional<DeliveryRecord> delivery(long long team_id);
    // False when the team was delivered already (nothing written).
    bool add_delivery(long long team_id, long long by, const domain::Delivery& delivery, Clock::time_point now);
    // Sets evaluated_at once; false when it was set already.
    bool mark_evaluated(long long team_id, Clock::time_point now);
    // How many of the project's teams there are, are delivered, are evaluated.
    struct ProjectTeams {
        long long teams = 0, delivered = 0, evaluated = 0;
    };
    ProjectTeams project_teams(long long project_id);

    std::optional<BeneficiaryEvaluationRecord> beneficiary_evaluation(long long team_id);
    std::vector<StudentFeedbackRecord> student_feedback(long long team_id);
    std::optional<BeneficiaryReviewRecord> beneficiary_review(long long team_id);
    std::optional<AssessmentRecord> assessment(long long team_id);
    // The teacher's view only (domain TeamAction::read_contribution_points).
    std::vector<PointsGiven> contribution_points(long long team_id);

    // Each returns true for a first answer, false when it replaced an earlier one.
    bool save(long long team_id, long long author, const domain::BeneficiaryEvaluation& e, Clock::time_point now);
    bool save(long long team_id, long long student, const domain::StudentFeedback& f, Clock::time_point now);
    bool save(long long team_id, long long author, const domain::BeneficiaryReview& r, Clock::time_point now);
    bool save(long long team_id, long long author, const domain::TeacherAssessment& a, Clock::time_point now);

    // Delivered before `delivered_before`, not evaluated, and missing the reminder `mark_column`
    // (reminded_7d_at or reminded_14d_at).
    std::vector<AwaitingTeam> awaiting(const std::string& delivered_before, bool second, int limit);
    // Sets the reminder's mark (and, for the second, the first's if it never went: a team met
    // only after 14 days gets one reminder, not two at once); false when another run set it.
    bool mark_reminded(long long team_id, bool second, Clock::time_point now);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
