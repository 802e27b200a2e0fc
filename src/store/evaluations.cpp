#include "store/evaluations.hpp"

#include "store/query.hpp"

namespace latitudes::store {

namespace {

bool exists(soci::session& s, const std::string& sql, long long team_id, long long person_id = 0) {
    Query q(sql);
    q.bind("t", team_id);
    if (person_id) q.bind("p", person_id);
    return q.scalar(s) > 0;
}

template <typename Record>
void read_authored(Record& r, const soci::row& row, int from) {
    r.author_id = column_int(row, from);
    r.author_name = column_text(row, from + 1);
    r.updated_at = column_text(row, from + 2);
}

constexpr const char* author_columns = "COALESCE(x.author_id, 0), COALESCE(pe.display_name, ''), x.updated_at ";

}  // namespace

std::optional<DeliveryRecord> EvaluationRepository::delivery(long long team_id) {
    std::optional<DeliveryRecord> found;
    Query("SELECT d.team_id, COALESCE(pe.display_name, ''), d.link, d.note, d.delivered_at, COALESCE(d.evaluated_at, '') "
          "FROM team_deliveries d LEFT JOIN people pe ON pe.id = d.delivered_by WHERE d.team_id = :t")
        .bind("t", team_id)
        .for_each(s_, [&](const soci::row& r) {
            found = DeliveryRecord{column_int(r, 0),  column_text(r, 1), column_text(r, 2),
                                   column_text(r, 3), column_text(r, 4), column_text(r, 5)};
        });
    return found;
}

bool EvaluationRepository::add_delivery(long long team_id, long long by, const domain::Delivery& delivery,
                                        Clock::time_point now) {
    return Query("INSERT INTO team_deliveries (team_id, delivered_by, link, note, delivered_at) "
                 "VALUES (:t, :by, :link, :note, :at) ON CONFLICT (team_id) DO NOTHING")
               .bind("t", team_id)
               .bind("by", by)
               .bind("link", delivery.link)
               .bind("note", delivery.note)
               .bind("at", iso_utc(now))
               .execute(s_) == 1;
}

bool EvaluationRepository::mark_evaluated(long long team_id, Clock::time_point now) {
    return Query("UPDATE team_deliveries SET evaluated_at = :at WHERE team_id = :t AND evaluated_at IS NULL")
               .bind("at", iso_utc(now))
               .bind("t", team_id)
               .execute(s_) == 1;
}

EvaluationRepository::ProjectTeams EvaluationRepository::project_teams(long long project_id) {
    ProjectTeams counts;
    Query("SELECT COUNT(*), COUNT(d.team_id), COUNT(d.evaluated_at) FROM teams t "
          "LEFT JOIN team_deliveries d ON d.team_id = t.id WHERE t.project_id = :p")
        .bind("p", project_id)
        .for_each(s_, [&](const soci::row& r) {
            counts = {column_int(r, 0), column_int(r, 1), column_int(r, 2)};
        });
    return counts;
}

std::optional<BeneficiaryEvaluationRecord> EvaluationRepository::beneficiary_evaluation(long long team_id) {
    std::optional<BeneficiaryEvaluationRecord> found;
    Query(std::string("SELECT x.usefulness, x.quality, x.will_use, x.take_part_again, x.comment, x.consent_quote, "
                      "x.consent_showcase, ") +
          author_columns + "FROM beneficiary_evaluations x LEFT JOIN people pe ON pe.id = x.author_id WHERE x.team_id = :t")
        .bind("t", team_id)
        .for_each(s_, [&](const soci::row& r) {
            BeneficiaryEvaluationRecord e;
            e.evaluation = {static_cast<int>(column_int(r, 0)),
                            static_cast<int>(column_int(r, 1)),
                            column_text(r, 2),
                            column_text(r, 3),
                            column_text(r, 4),
                            column_int(r, 5) != 0,
                            column_int(r, 6) != 0};
            read_authored(e, r, 7);
            found = std::move(e);
        });
    return found;
}

std::vector<StudentFeedbackRecord> EvaluationRepository::student_feedback(long long team_id) {
    std::vector<StudentFeedbackRecord> list;
    Query("SELECT x.project_rating, x.project_comment, x.programme_rating, x.programme_comment, x.student_id, "
          "COALESCE(pe.display_name, ''), x.updated_at FROM student_feedback x LEFT JOIN people pe ON pe.id = x.student_id "
          "WHERE x.team_id = :t ORDER BY pe.display_name, x.student_id")
        .bind("t", team_id)
        .for_each(s_, [&](const soci::row& r) {
            StudentFeedbackRecord f;
            f.feedback.project_rating = static_cast<int>(column_int(r, 0));
            f.feedback.project_comment = column_text(r, 1);
            f.feedback.programme_rating = static_cast<int>(column_int(r, 2));
            f.feedback.programme_comment = column_text(r, 3);
            read_authored(f, r, 4);
            list.push_back(std::move(f));
        });
    return list;
}

std::optional<BeneficiaryReviewRecord> EvaluationRepository::beneficiary_review(long long team_id) {
    std::optional<BeneficiaryReviewRecord> found;
    Query(std::string("SELECT x.availability, x.comment, ") + author_columns +
          "FROM beneficiary_reviews x LEFT JOIN people pe ON pe.id = x.author_id WHERE x.team_id = :t")
        .bind("t", team_id)
        .for_each(s_, [&](const soci::row& r) {
            BeneficiaryReviewRecord e;
            e.review = {static_cast<int>(column_int(r, 0)), column_text(r, 1)};
            read_authored(e, r, 2);
            found = std::move(e);
        });
    return found;
}

std::optional<AssessmentRecord> EvaluationRepository::assessment(long long team_id) {
    std::optional<AssessmentRecord> found;
    Query(std::string("SELECT x.outcome, x.comment, ") + author_columns +
          "FROM team_assessments x LEFT JOIN people pe ON pe.id = x.author_id WHERE x.team_id = :t")
        .bind("t", team_id)
        .for_each(s_, [&](const soci::row& r) {
            AssessmentRecord e;
            e.assessment = {column_text(r, 0), column_text(r, 1)};
            read_authored(e, r, 2);
            found = std::move(e);
        });
    return found;
}

std::vector<PointsGiven> EvaluationRepository::contribution_points(long long team_id) {
    std::vector<PointsGiven> list;
    Query("SELECT giver_id, receiver_id, points FROM contribution_points WHERE team_id = :t ORDER BY giver_id, receiver_id")
        .bind("t", team_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0), column_int(r, 1), static_cast<int>(column_int(r, 2))});
        });
    return list;
}

bool EvaluationRepository::save(long long team_id, long long author, const domain::BeneficiaryEvaluation& e,
                                Clock::time_point now) {
    const bool first = !exists(s_, "SELECT COUNT(*) FROM beneficiary_evaluations WHERE team_id = :t", team_id);
    Query("INSERT INTO beneficiary_evaluations (team_id, author_id, usefulness, quality, will_use, take_part_again, comment, "
          "consent_quote, consent_showcase, created_at, updated_at) VALUES (:t, :a, :u, :q, :w, :g, :c, :cq, :cs, :at, :at2) "
          "ON CONFLICT (team_id) DO UPDATE SET author_id = excluded.author_id, usefulness = excluded.usefulness, "
          "quality = excluded.quality, will_use = excluded.will_use, take_part_again = excluded.take_part_again, "
          "comment = excluded.comment, consent_quote = excluded.consent_quote, consent_showcase = excluded.consent_showcase, "
          "updated_at = excluded.updated_at")
        .bind("t", team_id)
        .bind("a", author)
        .bind("u", e.usefulness)
        .bind("q", e.quality)
        .bind("w", e.will_use)
        .bind("g", e.take_part_again)
        .bind("c", e.comment)
        .bind("cq", e.consent_quote ? 1 : 0)
        .bind("cs", e.consent_showcase ? 1 : 0)
        .bind("at", iso_utc(now))
        .bind("at2", iso_utc(now))
        .execute(s_);
    return first;
}

bool EvaluationRepository::save(long long team_id, long long student, const domain::StudentFeedback& f, Clock::time_point now) {
    const bool first = !exists(s_, "SELECT COUNT(*) FROM student_feedback WHERE team_id = :t AND student_id = :p", team_id,
                               student);
    Query("INSERT INTO student_feedback (team_id, student_id, project_rating, project_comment, programme_rating, "
          "programme_comment, created_at, updated_at) VALUES (:t, :p, :pr, :pc, :gr, :gc, :at, :at2) "
          "ON CONFLICT (team_id, student_id) DO UPDATE SET project_rating = excluded.project_rating, "
          "project_comment = excluded.project_comment, programme_rating = excluded.programme_rating, "
          "programme_comment = excluded.programme_comment, updated_at = excluded.updated_at")
        .bind("t", team_id)
        .bind("p", student)
        .bind("pr", f.project_rating)
        .bind("pc", f.project_comment)
        .bind("gr", f.programme_rating)
        .bind("gc", f.programme_comment)
        .bind("at", iso_utc(now))
        .bind("at2", iso_utc(now))
        .execute(s_);
    // The new distribution replaces the whole of the old one.
    Query("DELETE FROM contribution_points WHERE team_id = :t AND giver_id = :p")
        .bind("t", team_id)
        .bind("p", student)
        .execute(s_);
    for (const auto& [receiver, points] : f.points)
        Query("INSERT INTO contribution_points (team_id, giver_id, receiver_id, points) VALUES (:t, :g, :r, :n)")
            .bind("t", team_id)
            .bind("g", student)
            .bind("r", receiver)
            .bind("n", points)
            .execute(s_);
    return first;
}

bool EvaluationRepository::save(long long team_id, long long author, const domain::BeneficiaryReview& r, Clock::time_point now) {
    const bool first = !exists(s_, "SELECT COUNT(*) FROM beneficiary_reviews WHERE team_id = :t", team_id);
    Query("INSERT INTO beneficiary_reviews (team_id, author_id, availability, comment, created_at, updated_at) "
          "VALUES (:t, :a, :v, :c, :at, :at2) ON CONFLICT (team_id) DO UPDATE SET author_id = excluded.author_id, "
          "availability = excluded.availability, comment = excluded.comment, updated_at = excluded.updated_at")
        .bind("t", team_id)
        .bind("a", author)
        .bind("v", r.availability)
        .bind("c", r.comment)
        .bind("at", iso_utc(now))
        .bind("at2", iso_utc(now))
        .execute(s_);
    return first;
}

bool EvaluationRepository::save(long long team_id, long long author, const domain::TeacherAssessment& a, Clock::time_point now) {
    const bool first = !exists(s_, "SELECT COUNT(*) FROM team_assessments WHERE team_id = :t", team_id);
    Query("INSERT INTO team_assessments (team_id, author_id, outcome, comment, created_at, updated_at) "
          "VALUES (:t, :a, :o, :c, :at, :at2) ON CONFLICT (team_id) DO UPDATE SET author_id = excluded.author_id, "
          "outcome = excluded.outcome, comment = excluded.comment, updated_at = excluded.updated_at")
        .bind("t", team_id)
        .bind("a", author)
        .bind("o", a.outcome)
        .bind("c", a.comment)
        .bind("at", iso_utc(now))
        .bind("at2", iso_utc(now))
        .execute(s_);
    return first;
}

std::vector<AwaitingTeam> EvaluationRepository::awaiting(const std::string& delivered_before, bool second, int limit) {
    std::vector<AwaitingTeam> list;
    Query q("SELECT team_id, delivered_at, COALESCE(reminded_7d_at, ''), COALESCE(reminded_14d_at, '') FROM team_deliveries "
            "WHERE evaluated_at IS NULL AND delivered_at <= :before AND ");
    q.append(second ? "reminded_14d_at IS NULL" : "reminded_7d_at IS NULL AND reminded_14d_at IS NULL");
    q.append(" ORDER BY delivered_at, team_id LIMIT :limit").bind("before", delivered_before).bind("limit", limit);
    q.for_each(s_, [&](const soci::row& r) {
        list.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3)});
    });
    return list;
}

bool EvaluationRepository::mark_reminded(long long team_id, bool second, Clock::time_point now) {
    Query q(second ? "UPDATE team_deliveries SET reminded_14d_at = :at, reminded_7d_at = COALESCE(reminded_7d_at, :at2) "
                     "WHERE team_id = :t AND reminded_14d_at IS NULL AND evaluated_at IS NULL"
                   : "UPDATE team_deliveries SET reminded_7d_at = :at "
                     "WHERE team_id = :t AND reminded_7d_at IS NULL AND evaluated_at IS NULL");
    q.bind("at", iso_utc(now)).bind("t", team_id);
    if (second) q.bind("at2", iso_utc(now));
    return q.execute(s_) == 1;
}

}  // namespace latitudes::store
