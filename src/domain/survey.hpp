#pragma once
// The awareness survey (issue 13), pure: its questions as staff design them, the check of one
// student's answer sheet, the windows of a semester's two waves, and the figures of a group of
// answers with the one rule that hides small groups (k-anonymity: survey_min_group).
#include "domain/project.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

inline constexpr std::size_t max_survey_label = 300;     // characters of a title or a question
inline constexpr std::size_t max_survey_end_label = 80;  // of a scale's end label
inline constexpr std::size_t max_survey_text = 2000;     // of a free-text answer
inline constexpr int min_scale_max = 2, max_scale_max = 10;
// Results are shown only for groups of at least this many answers: fewer could tell who said what.
inline constexpr long long survey_min_group = 5;

enum class QuestionKind { scale, yes_no, sdgs, text };
std::string_view to_string(QuestionKind kind);
std::optional<QuestionKind> parse_question_kind(std::string_view text);

enum class WaveMoment { start, end };
std::string_view to_string(WaveMoment moment);
std::optional<WaveMoment> parse_wave_moment(std::string_view text);

struct SurveyQuestion {
    long long id = 0;
    int position = 0;
    QuestionKind kind = QuestionKind::scale;
    std::string label_fr, label_en;
    bool required = true;
    int scale_max = 5;
    std::string low_fr, low_en, high_fr, high_en;  // a scale's ends
};

// Problems of a question as typed, as field names (label_fr, label_en, scale_max, low_fr,
// low_en, high_fr, high_en): message keys admin.surveys.error.<name>. Empty: it may be stored.
std::vector<std::string> check_question(const SurveyQuestion& question);
// Problems of a title (title_fr, title_en).
std::vector<std::string> check_survey_title(std::string_view title_fr, std::string_view title_en);

// One question's answer as read from the form: the values sent under its field (several for
// the SDGs), and what it becomes once checked.
struct AnswerValue {
    long long question_id = 0;
    long long number = 0;  // a scale's point, 1/0, an SDG's id; 0 for a text
    std::string text;
};
struct CheckedAnswers {
    std::vector<AnswerValue> values;
    std::map<long long, std::string> problems;  // question id -> required, out_of_scale, yes_no, sdg, too_long
};
CheckedAnswers check_answers(const std::vector<SurveyQuestion>& questions,
                             const std::map<long long, std::vector<std::string>>& sent);

// The window of a semester's wave, from its dates (YYYY-MM-DD): the start wave from the first
// day for three weeks, the end wave from two weeks before the last day to a week after it.
struct WaveWindow {
    std::string opens_on, closes_on;
};
WaveWindow wave_window(WaveMoment moment, std::string_view starts_on, std::string_view ends_on);
// `days` days after a YYYY-MM-DD date (negative: before).
std::string add_days(std::string_view date, int days);

// What a group's answers to one question add up to.
struct QuestionFigures {
    long long answered = 0;                  // how many answered it
    long long sum = 0;                       // scale: the sum of points; yes_no: how many said yes
    long long top = 0;                       // scale: how many chose the top of the scale
    std::map<long long, long long> choices;  // sdgs: how many chose each SDG
};
struct WaveFigures {
    long long answers = 0;                           // answer sheets
    std::map<long long, QuestionFigures> questions;  // by question id
};
void add_into(WaveFigures& total, const WaveFigures& part);

// A group: a cohort, a school in a semester, or a whole semester, and its two waves' figures,
// each present only when disclosed (at least survey_min_group answers).
enum class GroupLevel { all, semester, school, cohort };
struct GroupShift {
    GroupLevel level = GroupLevel::cohort;
    long long semester_id = 0, school_id = 0, cohort_id = 0;
    std::string semester_code, school_name, course;
    long long start_answers = 0, end_answers = 0;  // counts are shown always; figures only when disclosed
    std::optional<WaveFigures> start, end;
};
// The one place where small groups are hidden: nullopt below survey_min_group answers.
std::optional<WaveFigures> disclose(const WaveFigures& figures);

// The raw figures of one cohort's wave (as the store reads them), made into groups: each cohort,
// each school in each semester, each semester (sums of their shown cohorts only), then disclosed. The first
// group is every answer of the survey (level all), then each semester followed by its schools and cohorts.
struct CohortWave {
    long long semester_id = 0, school_id = 0, cohort_id = 0;
    std::string semester_code, school_name, course;
    WaveMoment moment = WaveMoment::start;
    WaveFigures figures;
};
std::vector<GroupShift> survey_shifts(const std::vector<CohortWave>& waves);

// A share in whole percent (0 when nothing to divide), and a mean with one decimal ("3.4").
long long percent(long long part, long long whole);
std::string mean_text(long long sum, long long count, char decimal_point);

}  // namespace latitudes::domain
