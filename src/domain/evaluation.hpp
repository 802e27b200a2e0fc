#pragma once
// The end of a project (issue 13): a team's delivery and the four evaluations that follow it —
// the beneficiary's, each student's (with TEAMMATES-style contribution points), the team's review
// of the beneficiary, the teacher's assessment — checked field by field here, from the raw text
// of a form or of the JSON API, and what must be in before a team counts as evaluated. Pure.
#include "domain/team.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

enum class EvaluationKind { beneficiary, student, team_about_beneficiary, teacher };
inline constexpr std::array all_evaluation_kinds{EvaluationKind::beneficiary, EvaluationKind::student,
                                                 EvaluationKind::team_about_beneficiary, EvaluationKind::teacher};
std::string_view to_string(EvaluationKind kind);
std::optional<EvaluationKind> parse_evaluation_kind(std::string_view text);
// The workspace right each one needs (domain/team.hpp's table).
TeamAction action_of(EvaluationKind kind);

inline constexpr int scale_min = 1, scale_max = 5;
// TEAMMATES' "equal share": each student shares 100 points per member of the team among all of
// them, themselves included; 100 to someone means they did their fair share.
inline constexpr int points_per_member = 100;
inline constexpr std::size_t max_evaluation_comment = 2000;  // characters
inline constexpr std::size_t max_delivery_link = 500;
inline constexpr std::size_t max_delivery_note = 2000;

using Fields = std::map<std::string, std::string>;    // raw values by field name
using Problems = std::map<std::string, std::string>;  // field name -> problem code

namespace problem {
inline constexpr std::string_view missing = "missing";
inline constexpr std::string_view out_of_range = "out_of_range";      // a scale or points outside their bounds
inline constexpr std::string_view invalid_choice = "invalid_choice";  // not one of the offered answers
inline constexpr std::string_view too_long = "too_long";
inline constexpr std::string_view encoding = "encoding";
inline constexpr std::string_view points_sum = "points_sum";  // on "points": the total is not 100 × team size
inline constexpr std::string_view not_a_link = "not_a_link";  // the delivery's link is not http(s)
}  // namespace problem

struct BeneficiaryEvaluation {
    int usefulness = 0, quality = 0;  // 1 to 5
    std::string will_use;             // yes, maybe, no
    std::string take_part_again;      // yes, maybe, no
    std::string comment;              // may be empty
    bool consent_quote = false;       // the comment may be quoted in the public showcase
    bool consent_showcase = false;    // the project may be featured in the public showcase
};

struct StudentFeedback {
    int project_rating = 0, programme_rating = 0;  // 1 to 5
    std::string project_comment, programme_comment;
    std::map<long long, int> points;  // teammate (themselves included) -> points given
};

struct BeneficiaryReview {
    int availability = 0;  // 1 to 5
    std::string comment;
};

struct TeacherAssessment {
    std::string outcome;  // pass, fail
    std::string comment;  // required
};

// The three-way answers of will_use and take_part_again.
inline constexpr std::array<std::string_view, 3> yes_maybe_no{"yes", "maybe", "no"};
inline constexpr std::array<std::string_view, 2> assessment_outcomes{"pass", "fail"};

// "points_12": the form's and the checks' name of the points given to person 12.
std::string points_field(long long person_id);
int points_total(std::size_t team_size);

// The field names a kind reads (the API refuses any other).
std::vector<std::string> fields_of(EvaluationKind kind, const std::vector<long long>& teammates);

struct CheckedEvaluation {
    BeneficiaryEvaluation beneficiary;
    StudentFeedback student;
    BeneficiaryReview review;
    TeacherAssessment assessment;
    Problems problems;  // empty: the part of `kind` is complete and valid
};
// `teammates`: every student of the team (the giver included), for the points.
CheckedEvaluation check_evaluation(EvaluationKind kind, const Fields& fields, const std::vector<long long>& teammates);

struct Delivery {
    std::string link, note;  // both optional (fields "link" and "delivery_note")
};
struct CheckedDelivery {
    Delivery delivery;
    Problems problems;
};
CheckedDelivery check_delivery(const Fields& fields);

// What a delivered team's evaluation has and awaits. It is evaluated when the beneficiary's
// evaluation, every student's feedback and (for a school's team) the teacher's assessment are in;
// the team's review of the beneficiary is welcome, not awaited.
struct EvaluationProgress {
    bool delivered = false;
    bool beneficiary = false;
    int students_expected = 0, students_answered = 0;
    bool review = false;
    bool assessment_expected = false;  // an opportunity's team has no school, so no teacher
    bool assessment = false;
    bool complete() const {
        return delivered && beneficiary && students_answered >= students_expected && (!assessment_expected || assessment);
    }
};

}  // namespace latitudes::domain
