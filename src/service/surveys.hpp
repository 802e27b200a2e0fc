#pragma once
// The awareness survey's use cases: staff design a survey (title, questions in both languages),
// make one the active survey, open a cohort's wave; a student answers a wave once, anonymously.
// Who may call each is the web layer's business (staff for the design; for an answer the handler
// has already checked the person is a student of the wave's cohort, and the service checks again).
#include "domain/survey.hpp"
#include "service/service.hpp"

#include <map>
#include <string>
#include <vector>

namespace latitudes::service {

struct SurveyOutcome {
    enum class Kind { done, invalid, not_found, frozen } kind = Kind::done;
    // invalid: field name -> problem (admin.surveys.error.<problem>); a question's fields are
    // named q<id>_<field> when saving the whole survey.
    std::map<std::string, std::string> problems;
    long long survey_id = 0, question_id = 0;
};

// A new survey (with copied_from: a new version of that one, with its questions).
SurveyOutcome create_survey(const Context& context, long long staff_id, const std::string& title_fr, const std::string& title_en,
                            long long copied_from);
// The title and every question as edited (questions named by id). Frozen once it has a wave.
SurveyOutcome save_survey(const Context& context, long long survey_id, const std::string& title_fr, const std::string& title_en,
                          const std::vector<domain::SurveyQuestion>& questions);
SurveyOutcome add_survey_question(const Context& context, long long survey_id, const domain::SurveyQuestion& question);
SurveyOutcome remove_survey_question(const Context& context, long long survey_id, long long question_id);
// The semesters' waves take the active survey (one at most); it needs a question.
SurveyOutcome activate_survey(const Context& context, long long survey_id);

struct WaveOutcome {
    enum class Kind { opened, invalid, not_found } kind = Kind::opened;
    std::map<std::string, std::string> problems;  // cohort, moment, closes_on, questions -> problem
    long long wave_id = 0;
};
// Staff open a cohort's start or end wave today, until closes_on (today or later). One wave per
// cohort and moment; the survey needs a question. The jobs send the invitations.
WaveOutcome open_survey_wave(const Context& context, long long survey_id, long long cohort_id, const std::string& moment,
                             const std::string& closes_on);

struct AnswerOutcome {
    enum class Kind { answered, invalid, already, closed, not_found } kind = Kind::answered;
    std::map<long long, std::string> problems;  // question id -> problem (survey.error.<problem>)
};
// One answer sheet: `sent` maps a question's id to the values sent for it. not_found when the
// person is no active student of the wave's cohort; closed outside its window; already when they
// answered it. The participation and the anonymous answer are written in one transaction.
AnswerOutcome answer_survey(const Context& context, long long wave_id, long long person_id,
                            const std::map<long long, std::vector<std::string>>& sent);

}  // namespace latitudes::service
