#include "service/surveys.hpp"

#include "domain/opportunity.hpp"
#include "store/accounts.hpp"
#include "store/cohorts.hpp"
#include "store/surveys.hpp"

namespace latitudes::service {

namespace {

std::string today(const Context& context) { return store::iso_utc(context.now).substr(0, 10); }

void add_title_problems(std::map<std::string, std::string>& problems, const std::string& fr, const std::string& en) {
    for (const auto& field : domain::check_survey_title(fr, en)) problems[field] = field;
}

}  // namespace

SurveyOutcome create_survey(const Context& context, long long staff_id, const std::string& title_fr, const std::string& title_en,
                            long long copied_from) {
    SurveyOutcome outcome;
    store::SurveyRepository surveys(context.session);
    if (copied_from != 0 && !surveys.find(copied_from)) return {SurveyOutcome::Kind::not_found, {}, 0, 0};
    add_title_problems(outcome.problems, title_fr, title_en);
    if (!outcome.problems.empty()) {
        outcome.kind = SurveyOutcome::Kind::invalid;
        return outcome;
    }
    store::WriteTransaction tx(context.session);
    outcome.survey_id = surveys.create(title_fr, title_en, copied_from, staff_id, context.now);
    tx.commit();
    return outcome;
}

SurveyOutcome save_survey(const Context& context, long long survey_id, const std::string& title_fr, const std::string& title_en,
                          const std::vector<domain::SurveyQuestion>& questions) {
    SurveyOutcome outcome;
    outcome.survey_id = survey_id;
    store::SurveyRepository surveys(context.session);
    if (!surveys.find(survey_id)) return {SurveyOutcome::Kind::not_found, {}, survey_id, 0};
    add_title_problems(outcome.problems, title_fr, title_en);
    for (const auto& q : questions)
        for (const auto& field : domain::check_question(q)) outcome.problems["q" + std::to_string(q.id) + "_" + field] = field;
    if (!outcome.problems.empty()) {
        outcome.kind = SurveyOutcome::Kind::invalid;
        return outcome;
    }
    store::WriteTransaction tx(context.session);
    // Checked in the transaction: a wave opened meanwhile freezes it.
    if (surveys.frozen(survey_id)) return {SurveyOutcome::Kind::frozen, {}, survey_id, 0};
    surveys.update_title(survey_id, title_fr, title_en);
    for (const auto& q : questions)
        if (!surveys.update_question(survey_id, q)) return {SurveyOutcome::Kind::not_found, {}, survey_id, q.id};
    tx.commit();
    return outcome;
}

SurveyOutcome add_survey_question(const Context& context, long long survey_id, const domain::SurveyQuestion& question) {
    SurveyOutcome outcome;
    outcome.survey_id = survey_id;
    store::SurveyRepository surveys(context.session);
    if (!surveys.find(survey_id)) return {SurveyOutcome::Kind::not_found, {}, survey_id, 0};
    for (const auto& field : domain::check_question(question)) outcome.problems[field] = field;
    if (!outcome.problems.empty()) {
        outcome.kind = SurveyOutcome::Kind::invalid;
        return outcome;
    }
    store::WriteTransaction tx(context.session);
    if (surveys.frozen(survey_id)) return {SurveyOutcome::Kind::frozen, {}, survey_id, 0};
    outcome.question_id = surveys.add_question(survey_id, question);
    tx.commit();
    return outcome;
}

SurveyOutcome remove_survey_question(const Context& context, long long survey_id, long long question_id) {
    store::SurveyRepository surveys(context.session);
    store::WriteTransaction tx(context.session);
    if (!surveys.find(survey_id)) return {SurveyOutcome::Kind::not_found, {}, survey_id, 0};
    if (surveys.frozen(survey_id)) return {SurveyOutcome::Kind::frozen, {}, survey_id, 0};
    if (!surveys.remove_question(survey_id, question_id)) return {SurveyOutcome::Kind::not_found, {}, survey_id, question_id};
    tx.commit();
    return {SurveyOutcome::Kind::done, {}, survey_id, question_id};
}

SurveyOutcome activate_survey(const Context& context, long long survey_id) {
    store::SurveyRepository surveys(context.session);
    store::WriteTransaction tx(context.session);
    if (!surveys.find(survey_id)) return {SurveyOutcome::Kind::not_found, {}, survey_id, 0};
    if (surveys.questions(survey_id).empty())
        return {SurveyOutcome::Kind::invalid, {{"questions", "no_questions"}}, survey_id, 0};
    surveys.activate(survey_id);
    tx.commit();
    return {SurveyOutcome::Kind::done, {}, survey_id, 0};
}

WaveOutcome open_survey_wave(const Context& context, long long survey_id, long long cohort_id, const std::string& moment,
                             const std::string& closes_on) {
    WaveOutcome outcome;
    store::SurveyRepository surveys(context.session);
    if (!surveys.find(survey_id)) return {WaveOutcome::Kind::not_found, {}, 0};
    const auto parsed = domain::parse_wave_moment(moment);
    if (!parsed) outcome.problems["moment"] = "moment";
    if (!store::CohortRepository(context.session).find(cohort_id)) outcome.problems["cohort"] = "cohort";
    const auto closes = domain::date_as_typed(closes_on);
    if (!domain::is_valid_date(closes)) outcome.problems["closes_on"] = "closes_on";
    else if (closes < today(context)) outcome.problems["closes_on"] = "closes_past";
    if (surveys.questions(survey_id).empty()) outcome.problems["questions"] = "no_questions";
    if (!outcome.problems.empty()) {
        outcome.kind = WaveOutcome::Kind::invalid;
        return outcome;
    }
    store::WriteTransaction tx(context.session);
    outcome.wave_id = surveys.open_wave(survey_id, cohort_id, *parsed, today(context), closes, context.now);
    if (outcome.wave_id == 0) return {WaveOutcome::Kind::invalid, {{"cohort", "wave_exists"}}, 0};
    tx.commit();
    return outcome;
}

AnswerOutcome answer_survey(const Context& context, long long wave_id, long long person_id,
                            const std::map<long long, std::vector<std::string>>& sent) {
    store::SurveyRepository surveys(context.session);
    const auto wave = surveys.wave(wave_id);
    if (!wave || !surveys.is_student(wave_id, person_id)) return {AnswerOutcome::Kind::not_found, {}};
    if (surveys.answered(wave_id, person_id)) return {AnswerOutcome::Kind::already, {}};
    const std::string day = today(context);
    if (day < wave->opens_on || day > wave->closes_on) return {AnswerOutcome::Kind::closed, {}};
    auto checked = domain::check_answers(surveys.questions(wave->survey_id), sent);
    if (!checked.problems.empty()) return {AnswerOutcome::Kind::invalid, std::move(checked.problems)};
    store::WriteTransaction tx(context.session);
    if (!surveys.record_answer(*wave, person_id, checked.values)) return {AnswerOutcome::Kind::already, {}};
    tx.commit();
    return {};
}

}  // namespace latitudes::service
