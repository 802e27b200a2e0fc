#include "domain/evaluation.hpp"

#include "domain/text.hpp"

#include <algorithm>

namespace latitudes::domain {

namespace {

constexpr std::array kind_names{"beneficiary", "student", "team_about_beneficiary", "teacher"};

std::string value_of(const Fields& fields, const std::string& name) {
    const auto it = fields.find(name);
    return it == fields.end() ? std::string() : trimmed(it->second);
}

// A whole number of at most 6 digits, no sign: what a scale or a share of points may be.
std::optional<int> whole_number(const std::string& text) {
    if (text.empty() || text.size() > 6 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoi(text);
}

int scale(const Fields& fields, const std::string& name, Problems& problems) {
    const auto text = value_of(fields, name);
    if (text.empty()) {
        problems[name] = problem::missing;
        return 0;
    }
    const auto n = whole_number(text);
    if (!n || *n < scale_min || *n > scale_max) {
        problems[name] = problem::out_of_range;
        return 0;
    }
    return *n;
}

template <std::size_t N>
std::string choice(const Fields& fields, const std::string& name, const std::array<std::string_view, N>& allowed,
                   Problems& problems) {
    const auto text = value_of(fields, name);
    if (text.empty()) problems[name] = problem::missing;
    else if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) problems[name] = problem::invalid_choice;
    else return text;
    return {};
}

std::string text(const Fields& fields, const std::string& name, bool required, std::size_t max, Problems& problems) {
    const auto value = value_of(fields, name);
    if (!is_valid_utf8(value)) problems[name] = problem::encoding;
    else if (required && value.empty()) problems[name] = problem::missing;
    else if (characters(value) > max) problems[name] = problem::too_long;
    else return value;
    return {};
}

// A checkbox: absent or "0"/"false" is no; "1", "on", "true" yes.
bool flag(const Fields& fields, const std::string& name, Problems& problems) {
    const auto value = value_of(fields, name);
    if (value.empty() || value == "0" || value == "false") return false;
    if (value == "1" || value == "on" || value == "true") return true;
    problems[name] = problem::invalid_choice;
    return false;
}

}  // namespace

std::string_view to_string(EvaluationKind kind) { return kind_names[static_cast<std::size_t>(kind)]; }

std::optional<EvaluationKind> parse_evaluation_kind(std::string_view text) {
    for (auto kind : all_evaluation_kinds)
        if (to_string(kind) == text) return kind;
    return std::nullopt;
}

TeamAction action_of(EvaluationKind kind) {
    switch (kind) {
        case EvaluationKind::beneficiary: return TeamAction::evaluate_as_beneficiary;
        case EvaluationKind::student: return TeamAction::give_student_feedback;
        case EvaluationKind::team_about_beneficiary: return TeamAction::rate_beneficiary;
        case EvaluationKind::teacher: return TeamAction::assess_team;
    }
    return TeamAction::assess_team;
}

std::string points_field(long long person_id) { return "points_" + std::to_string(person_id); }

int points_total(std::size_t team_size) { return points_per_member * static_cast<int>(team_size); }

std::vector<std::string> fields_of(EvaluationKind kind, const std::vector<long long>& teammates) {
    switch (kind) {
        case EvaluationKind::beneficiary:
            return {"usefulness", "quality", "will_use", "take_part_again", "comment", "consent_quote", "consent_showcase"};
        case EvaluationKind::student: {
            std::vector<std::string> names{"project_rating", "project_comment", "programme_rating", "programme_comment"};
            for (auto id : teammates) names.push_back(points_field(id));
            return names;
        }
        case EvaluationKind::team_about_beneficiary: return {"availability", "availability_comment"};
        case EvaluationKind::teacher: return {"outcome", "assessment_comment"};
    }
    return {};
}

CheckedEvaluation check_evaluation(EvaluationKind kind, const Fields& fields, const std::vector<long long>& teammates) {
    CheckedEvaluation out;
    auto& p = out.problems;
    switch (kind) {
        case EvaluationKind::beneficiary: {
            auto& e = out.beneficiary;
            e.usefulness = scale(fields, "usefulness", p);
            e.quality = scale(fields, "quality", p);
            e.will_use = choice(fields, "will_use", yes_maybe_no, p);
            e.take_part_again = choice(fields, "take_part_again", yes_maybe_no, p);
            e.comment = text(fields, "comment", false, max_evaluation_comment, p);
            e.consent_quote = flag(fields, "consent_quote", p);
            e.consent_showcase = flag(fields, "consent_showcase", p);
            // Nothing to quote without a comment: the consent is kept all the same, harmless.
            break;
        }
        case EvaluationKind::student: {
            auto& f = out.student;
            f.project_rating = scale(fields, "project_rating", p);
            f.project_comment = text(fields, "project_comment", false, max_evaluation_comment, p);
            f.programme_rating = scale(fields, "programme_rating", p);
            f.programme_comment = text(fields, "programme_comment", false, max_evaluation_comment, p);
            const int total = points_total(teammates.size());
            long long sum = 0;
            bool all_given = true;
            for (auto id : teammates) {
                const auto name = points_field(id);
                const auto value = value_of(fields, name);
                const auto n = whole_number(value);
                if (value.empty()) p[name] = problem::missing;
                else if (!n || *n > total) p[name] = problem::out_of_range;
                else {
                    f.points[id] = *n;
                    sum += *n;
                    continue;
                }
                all_given = false;
            }
            // The total is checked once every share reads as a number: one message, not two.
            if (all_given && sum != total) p["points"] = problem::points_sum;
            break;
        }
        case EvaluationKind::team_about_beneficiary:
            out.review.availability = scale(fields, "availability", p);
            out.review.comment = text(fields, "availability_comment", false, max_evaluation_comment, p);
            break;
        case EvaluationKind::teacher:
            out.assessment.outcome = choice(fields, "outcome", assessment_outcomes, p);
            out.assessment.comment = text(fields, "assessment_comment", true, max_evaluation_comment, p);
            break;
    }
    return out;
}

CheckedDelivery check_delivery(const Fields& fields) {
    CheckedDelivery out;
    out.delivery.link = text(fields, "link", false, max_delivery_link, out.problems);
    const auto& link = out.delivery.link;
    if (!link.empty() && link.rfind("https://", 0) != 0 && link.rfind("http://", 0) != 0)
        out.problems["link"] = problem::not_a_link;
    else if (!link.empty() && std::any_of(link.begin(), link.end(), [](char c) { return c == ' ' || c == '"' || c == '<'; }))
        out.problems["link"] = problem::not_a_link;
    out.delivery.note = text(fields, "delivery_note", false, max_delivery_note, out.problems);
    return out;
}

}  // namespace latitudes::domain
