// The "Fin du projet" section of the workspace (templates/_team_end.mustache): the delivery, what
// the evaluation has and awaits, then each visitor's own form (the beneficiary's evaluation, a
// student's feedback with the contribution points, the team's review of the beneficiary, the
// teacher's assessment) prefilled with their earlier answer, and the answers their standing may
// read (domain/team.hpp: read_reviews; the points to read_contribution_points, the teachers, only).
// A student's own points are not shown back either: the form starts from the equal share.
#include "web/handlers/evaluations.hpp"

#include "service/evaluations.hpp"
#include "store/evaluations.hpp"

#include <map>

namespace latitudes::web::handlers {

using domain::EvaluationKind;
using domain::Lang;
using nlohmann::json;

namespace {

struct ViewContext {
    Site& site;
    Lang lang;
    const EndFormState* refused;
    std::string text(std::string_view key, const std::map<std::string, std::string>& vars = {}) const {
        return message(site, lang, key, vars);
    }
};

// The value a form shows: what was just refused, else the stored answer.
std::string shown(const ViewContext& v, std::string_view form, const std::string& field, const std::string& stored) {
    if (v.refused && v.refused->form == form) {
        const auto it = v.refused->fields.find(field);
        return it == v.refused->fields.end() ? std::string() : it->second;
    }
    return stored;
}

json field_error(const ViewContext& v, std::string_view form, const std::string& field) {
    if (!v.refused || v.refused->form != form) return nullptr;
    const auto view = v.refused->errors.view();
    return view["field"].contains(field) ? view["field"][field] : json(nullptr);
}

json options(const std::string& name, const std::string& current,
             const std::vector<std::pair<std::string, std::string>>& values) {
    json list = json::array();
    for (const auto& [value, label] : values)
        list.push_back({{"value", value}, {"label", label}, {"checked", value == current}, {"id", name + "-" + value}});
    return list;
}

json scale(const ViewContext& v, std::string_view form, const std::string& name, std::string_view legend_key,
           const std::string& stored) {
    std::vector<std::pair<std::string, std::string>> values;
    for (int i = domain::scale_min; i <= domain::scale_max; ++i) values.emplace_back(std::to_string(i), std::to_string(i));
    return {{"id", name},
            {"name", name},
            {"legend", v.text(legend_key)},
            {"hint", v.text("evaluation.scale_hint")},
            {"options", options(name, shown(v, form, name, stored), values)},
            {"error", field_error(v, form, name)}};
}

template <std::size_t N>
json choice(const ViewContext& v, std::string_view form, const std::string& name, std::string_view legend_key,
            const std::array<std::string_view, N>& values, std::string_view label_prefix, const std::string& stored) {
    std::vector<std::pair<std::string, std::string>> labelled;
    for (auto value : values) labelled.emplace_back(std::string(value), v.text(std::string(label_prefix) + std::string(value)));
    return {{"id", name},
            {"name", name},
            {"legend", v.text(legend_key)},
            {"hint", nullptr},
            {"options", options(name, shown(v, form, name, stored), labelled)},
            {"error", field_error(v, form, name)}};
}

json text_field(const ViewContext& v, std::string_view form, const std::string& name, const std::string& stored) {
    return {{"value", shown(v, form, name, stored)}, {"error", field_error(v, form, name)}};
}

json form_errors(const ViewContext& v, std::string_view form) {
    return v.refused && v.refused->form == form ? v.refused->errors.view() : FormErrors().view();
}

std::string stars(int n) { return std::to_string(n) + "/5"; }

std::string person_name(const store::TeamRecord& team, long long id) {
    for (const auto& s : team.students)
        if (s.person_id == id) return s.name;
    return "—";
}

json progress_view(const ViewContext& v, const domain::EvaluationProgress& p) {
    auto item = [&](std::string_view key, bool done, std::string state = {}) {
        if (state.empty()) state = v.text(done ? "evaluation.state.in" : "evaluation.state.awaited");
        return json{{"label", v.text(key)}, {"done", done}, {"state", state}};
    };
    json list = json::array();
    list.push_back(item("evaluation.progress.beneficiary", p.beneficiary));
    list.push_back(item("evaluation.progress.students", p.students_answered >= p.students_expected,
                        v.text("evaluation.progress.students_count",
                               {{"n", std::to_string(p.students_answered)}, {"total", std::to_string(p.students_expected)}})));
    if (p.assessment_expected) list.push_back(item("evaluation.progress.assessment", p.assessment));
    list.push_back(item("evaluation.progress.review", p.review,
                        v.text(p.review ? "evaluation.state.in" : "evaluation.state.optional")));
    return list;
}

// What the teacher reads of the points: for each student, the points each teammate gave them and
// their mean, against the equal share of 100.
json points_view(const ViewContext& v, const store::TeamRecord& team, const std::vector<store::PointsGiven>& points) {
    json students = json::array();
    std::map<long long, bool> gave;
    for (const auto& p : points) gave[p.giver_id] = true;
    for (const auto& s : team.students) {
        json from = json::array();
        long long sum = 0, n = 0;
        for (const auto& p : points)
            if (p.receiver_id == s.person_id) {
                from.push_back(
                    {{"giver", person_name(team, p.giver_id)}, {"points", p.points}, {"self", p.giver_id == s.person_id}});
                sum += p.points;
                ++n;
            }
        students.push_back({{"name", s.name},
                            {"mean", n ? json(std::to_string((sum + n / 2) / n)) : json(nullptr)},
                            {"from", from},
                            {"has_given", gave.count(s.person_id) > 0}});
    }
    return {{"students", students}, {"any", !points.empty()}, {"equal_share", domain::points_per_member}};
}

}  // namespace

std::string evaluation_problem_text(Site& site, Lang lang, const std::string& field, const std::string& code,
                                    const domain::Fields& fields, std::size_t team_size) {
    namespace problem = domain::problem;
    const bool points = field.rfind("points", 0) == 0;
    const std::string total = std::to_string(domain::points_total(team_size));
    if (code == problem::points_sum) {
        long long sum = 0;
        for (const auto& [name, value] : fields)
            if (name.rfind("points_", 0) == 0 && !value.empty() && value.size() < 7) sum += std::atoll(value.c_str());
        return message(site, lang, "evaluation.error.points_sum", {{"total", total}, {"sum", std::to_string(sum)}});
    }
    if (points) return message(site, lang, "evaluation.error.points_each", {{"total", total}});
    if (code == problem::too_long)
        return message(site, lang, "evaluation.error.too_long",
                       {{"max", std::to_string(field == "link" ? domain::max_delivery_link : domain::max_evaluation_comment)}});
    const bool text_field = field.find("comment") != std::string::npos || field == "delivery_note" || field == "link";
    if (code == problem::missing)
        return message(site, lang, text_field ? "evaluation.error.text_missing" : "evaluation.error.missing");
    return message(site, lang, "evaluation.error." + code);
}

json end_of_project_view(Site& site, const Request& request, Lang lang, soci::session& session, const LoadedTeam& workspace,
                         const EndFormState* refused) {
    using domain::TeamAction;
    const ViewContext v{site, lang, refused};
    const auto& team = workspace.team;
    store::EvaluationRepository repo(session);
    const auto delivery = repo.delivery(team.id);
    const auto progress = service::evaluation_progress(session, team);
    json end{{"action", workspace.path() + "/evaluations"}, {"delivery_action", workspace.path() + "/delivery"}};
    if (const auto done = request.param("done"); !done.empty() && (done == "delivery" || domain::parse_evaluation_kind(done)))
        end["done"] = v.text("evaluation.done." + done);
    if (!delivery) {
        end["delivered"] = nullptr;
        const bool in_progress = team.project_status == "in_progress";
        if (workspace.may(TeamAction::mark_delivered) && in_progress)
            end["delivery_form"] = {{"link", text_field(v, "delivery", "link", "")},
                                    {"note", text_field(v, "delivery", "delivery_note", "")},
                                    {"form_errors", form_errors(v, "delivery")}};
        end["not_delivered"] = v.text(in_progress ? "evaluation.not_delivered" : "evaluation.not_in_progress");
        return end;
    }
    end["delivered"] = {{"at", format_instant(delivery->delivered_at, lang)},
                        {"by", delivery->delivered_by_name.empty() ? json(nullptr) : json(delivery->delivered_by_name)},
                        {"link", delivery->link.empty() ? json(nullptr) : json(delivery->link)},
                        {"note", delivery->note.empty() ? json(nullptr) : json(delivery->note)}};
    end["evaluated"] = delivery->evaluated_at.empty() ? json(nullptr) : json(format_instant(delivery->evaluated_at, lang));
    end["progress"] = progress_view(v, progress);

    const auto evaluation = repo.beneficiary_evaluation(team.id);
    const auto feedback = repo.student_feedback(team.id);
    const auto review = repo.beneficiary_review(team.id);
    const auto assessment = repo.assessment(team.id);
    const long long me = request.visitor.person_id;

    if (workspace.may(TeamAction::evaluate_as_beneficiary)) {
        const domain::BeneficiaryEvaluation e = evaluation ? evaluation->evaluation : domain::BeneficiaryEvaluation{};
        const auto num = [](int n) { return n ? std::to_string(n) : std::string(); };
        const auto checked = [&](const std::string& name, bool stored) {
            return shown(v, "beneficiary", name, stored ? "1" : "") == "1";
        };
        end["beneficiary_form"] = {
            {"answered", evaluation ? json(format_instant(evaluation->updated_at, lang)) : json(nullptr)},
            {"usefulness", scale(v, "beneficiary", "usefulness", "evaluation.usefulness", num(e.usefulness))},
            {"quality", scale(v, "beneficiary", "quality", "evaluation.quality", num(e.quality))},
            {"will_use",
             choice(v, "beneficiary", "will_use", "evaluation.will_use", domain::yes_maybe_no, "evaluation.choice.", e.will_use)},
            {"take_part_again", choice(v, "beneficiary", "take_part_again", "evaluation.take_part_again", domain::yes_maybe_no,
                                       "evaluation.choice.", e.take_part_again)},
            {"comment", text_field(v, "beneficiary", "comment", e.comment)},
            {"consent_quote", checked("consent_quote", e.consent_quote)},
            {"consent_showcase", checked("consent_showcase", e.consent_showcase)},
            {"form_errors", form_errors(v, "beneficiary")}};
    }
    if (workspace.may(TeamAction::give_student_feedback)) {
        domain::StudentFeedback mine;
        json answered = nullptr;
        for (const auto& f : feedback)
            if (f.author_id == me) {
                mine = f.feedback;
                answered = format_instant(f.updated_at, lang);
            }
        const auto num = [](int n) { return n ? std::to_string(n) : std::string(); };
        json points = json::array();
        for (const auto& s : team.students) {
            const auto name = domain::points_field(s.person_id);
            points.push_back({{"name", name},
                              {"label", s.person_id == me ? v.text("evaluation.points_yourself", {{"name", s.name}}) : s.name},
                              {"value", shown(v, "student", name, std::to_string(domain::points_per_member))},
                              {"error", field_error(v, "student", name)}});
        }
        end["student_form"] = {
            {"answered", answered},
            {"project_rating", scale(v, "student", "project_rating", "evaluation.project_rating", num(mine.project_rating))},
            {"project_comment", text_field(v, "student", "project_comment", mine.project_comment)},
            {"programme_rating",
             scale(v, "student", "programme_rating", "evaluation.programme_rating", num(mine.programme_rating))},
            {"programme_comment", text_field(v, "student", "programme_comment", mine.programme_comment)},
            {"points", points},
            {"points_total", domain::points_total(team.students.size())},
            {"points_help",
             v.text("evaluation.points_help", {{"total", std::to_string(domain::points_total(team.students.size()))},
                                               {"n", std::to_string(team.students.size())}})},
            {"points_error", field_error(v, "student", "points")},
            {"form_errors", form_errors(v, "student")}};
    }
    if (workspace.may(TeamAction::rate_beneficiary)) {
        end["review_form"] = {
            {"answered", review ? json(v.text("evaluation.review_by",
                                              {{"name", review->author_name}, {"at", format_instant(review->updated_at, lang)}}))
                                : json(nullptr)},
            {"availability", scale(v, "team_about_beneficiary", "availability", "evaluation.availability",
                                   review ? std::to_string(review->review.availability) : std::string())},
            {"availability_comment",
             text_field(v, "team_about_beneficiary", "availability_comment", review ? review->review.comment : "")},
            {"form_errors", form_errors(v, "team_about_beneficiary")}};
    }
    if (workspace.may(TeamAction::assess_team) && progress.assessment_expected) {
        end["teacher_form"] = {{"answered", assessment ? json(format_instant(assessment->updated_at, lang)) : json(nullptr)},
                               {"outcome", choice(v, "teacher", "outcome", "evaluation.outcome", domain::assessment_outcomes,
                                                  "evaluation.outcome.", assessment ? assessment->assessment.outcome : "")},
                               {"assessment_comment",
                                text_field(v, "teacher", "assessment_comment", assessment ? assessment->assessment.comment : "")},
                               {"form_errors", form_errors(v, "teacher")}};
    }
    // The answers, for those who read the reviews; a team's students read their own assessment.
    const bool reads = workspace.may(TeamAction::read_reviews);
    if (reads) {
        json reviews;
        if (evaluation) {
            const auto& e = evaluation->evaluation;
            reviews["beneficiary"] = {{"by", evaluation->author_name},
                                      {"usefulness", stars(e.usefulness)},
                                      {"quality", stars(e.quality)},
                                      {"will_use", v.text("evaluation.choice." + e.will_use)},
                                      {"take_part_again", v.text("evaluation.choice." + e.take_part_again)},
                                      {"comment", e.comment.empty() ? json(nullptr) : json(e.comment)},
                                      {"consents", v.text(e.consent_showcase ? (e.consent_quote ? "evaluation.consents.both"
                                                                                                : "evaluation.consents.showcase")
                                                                             : "evaluation.consents.none")}};
        }
        json students = json::array();
        for (const auto& f : feedback)
            students.push_back({{"by", f.author_name},
                                {"project_rating", stars(f.feedback.project_rating)},
                                {"project_comment",
                                 f.feedback.project_comment.empty() ? json(nullptr) : json(f.feedback.project_comment)},
                                {"programme_rating", stars(f.feedback.programme_rating)},
                                {"programme_comment",
                                 f.feedback.programme_comment.empty() ? json(nullptr) : json(f.feedback.programme_comment)}});
        reviews["students"] = students;
        reviews["has_students"] = !students.empty();
        if (review)
            reviews["review"] = {{"by", review->author_name},
                                 {"availability", stars(review->review.availability)},
                                 {"comment", review->review.comment.empty() ? json(nullptr) : json(review->review.comment)}};
        end["reviews"] = reviews;
    }
    if (assessment && (reads || workspace.standing.student))
        end["assessment"] = {{"by", assessment->author_name},
                             {"outcome", v.text("evaluation.outcome." + assessment->assessment.outcome)},
                             {"comment", assessment->assessment.comment}};
    if (workspace.may(TeamAction::read_contribution_points))
        end["points"] = points_view(v, team, repo.contribution_points(team.id));
    return end;
}

}  // namespace latitudes::web::handlers
