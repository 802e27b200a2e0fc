// The awareness survey's pure rules: a question's check, an answer sheet's check (out of scale,
// missing required answer, unknown SDG), the waves' windows, and k-anonymity: a group of 4
// answers is hidden, 5 shown, and a hidden cohort counts in no total (no differencing).
#include "domain/survey.hpp"

#include <gtest/gtest.h>

using namespace latitudes::domain;

namespace {

std::vector<SurveyQuestion> questions() {
    return {{1, 1, QuestionKind::scale, "Connaissez-vous l'ESS ?", "Do you know the SSE?", true, 5, "Non", "No", "Oui", "Yes"},
            {2, 2, QuestionKind::yes_no, "Encore ?", "Again?", true, 5, "", "", "", ""},
            {3, 3, QuestionKind::sdgs, "ODD ?", "SDGs?", false, 5, "", "", "", ""},
            {4, 4, QuestionKind::text, "Un mot ?", "A word?", false, 5, "", "", "", ""}};
}

CohortWave wave(long long cohort, long long school, WaveMoment moment, long long answers, long long top) {
    CohortWave w;
    w.semester_id = 1;
    w.semester_code = "2027-P";
    w.school_id = school;
    w.cohort_id = cohort;
    w.moment = moment;
    w.figures.answers = answers;
    w.figures.questions[1] = {answers, answers * 3, top, {}};
    return w;
}

}  // namespace

TEST(SurveyQuestions, AScaleNeedsBothLanguagesAndItsEndsLabelled) {
    SurveyQuestion q{0, 0, QuestionKind::scale, "Q", "Q", true, 5, "a", "a", "b", "b"};
    EXPECT_TRUE(check_question(q).empty());
    q.label_en = " ";
    q.scale_max = 11;
    q.high_fr.clear();
    EXPECT_EQ(check_question(q), (std::vector<std::string>{"label_en", "scale_max", "high_fr"}));
    SurveyQuestion yes_no{0, 0, QuestionKind::yes_no, "Q", "Q", true, 0, "", "", "", ""};
    EXPECT_TRUE(check_question(yes_no).empty()) << "no scale, no ends";
    EXPECT_EQ(check_survey_title("", "Title"), (std::vector<std::string>{"title_fr"}));
}

TEST(SurveyAnswers, EachAnswerIsCheckedAndNothingIsKeptWhenOneIsWrong) {
    const auto ok = check_answers(questions(), {{1, {"5"}}, {2, {"no"}}, {3, {"13", "4", "13"}}, {4, {"Bien"}}});
    EXPECT_TRUE(ok.problems.empty());
    ASSERT_EQ(ok.values.size(), 5u) << "one value each, one per distinct SDG";
    EXPECT_EQ(ok.values[0].number, 5);
    EXPECT_EQ(ok.values[1].number, 0);
    EXPECT_EQ(ok.values[4].text, "Bien");

    const auto optional_left_out = check_answers(questions(), {{1, {"1"}}, {2, {"yes"}}});
    EXPECT_TRUE(optional_left_out.problems.empty());

    const auto bad = check_answers(questions(), {{1, {"6"}}, {3, {"18"}}});
    EXPECT_EQ(bad.problems.at(1), "out_of_scale");
    EXPECT_EQ(bad.problems.at(2), "required");
    EXPECT_EQ(bad.problems.at(3), "sdg");
    EXPECT_TRUE(bad.values.empty());
    EXPECT_EQ(check_answers(questions(), {{1, {"0"}}, {2, {"yes"}}}).problems.at(1), "out_of_scale");
    EXPECT_EQ(check_answers(questions(), {{1, {"2", "3"}}, {2, {"yes"}}}).problems.at(1), "out_of_scale");
    EXPECT_EQ(check_answers(questions(), {{1, {"-1"}}, {2, {"maybe"}}}).problems.at(2), "yes_no");
    EXPECT_EQ(check_answers(questions(), {{1, {"2"}}, {2, {"yes"}}, {4, {std::string(2001, 'a')}}}).problems.at(4), "too_long");
}

TEST(SurveyWaves, WindowsComeFromTheSemestersDates) {
    const auto start = wave_window(WaveMoment::start, "2027-02-01", "2027-06-30");
    EXPECT_EQ(start.opens_on, "2027-02-01");
    EXPECT_EQ(start.closes_on, "2027-02-21");
    const auto end = wave_window(WaveMoment::end, "2027-02-01", "2027-06-30");
    EXPECT_EQ(end.opens_on, "2027-06-17");
    EXPECT_EQ(end.closes_on, "2027-07-07");
    EXPECT_EQ(add_days("2027-12-31", 1), "2028-01-01");
    EXPECT_EQ(add_days("2028-03-01", -1), "2028-02-29");
}

TEST(SurveyShifts, FewerThanFiveAnswersAreNotShownAndCountInNoTotal) {
    EXPECT_FALSE(disclose(WaveFigures{4, {}}).has_value());
    EXPECT_TRUE(disclose(WaveFigures{5, {}}).has_value());
    // School 10: a cohort of 5 (shown) and a cohort of 4 (hidden) at the start; 6 at the end.
    const auto shifts = survey_shifts({wave(1, 10, WaveMoment::start, 5, 1), wave(2, 10, WaveMoment::start, 4, 4),
                                       wave(1, 10, WaveMoment::end, 6, 3)});
    ASSERT_EQ(shifts.size(), 5u) << "all, the semester, the school, its two cohorts";
    EXPECT_EQ(shifts[0].level, GroupLevel::all);
    EXPECT_EQ(shifts[1].level, GroupLevel::semester);
    EXPECT_EQ(shifts[2].level, GroupLevel::school);
    EXPECT_EQ(shifts[3].level, GroupLevel::cohort);
    EXPECT_EQ(shifts[3].cohort_id, 1);
    ASSERT_TRUE(shifts[3].start && shifts[3].end) << "5 and 6 answers: shown";
    EXPECT_EQ(shifts[3].start->questions.at(1).top, 1);
    EXPECT_EQ(shifts[4].cohort_id, 2);
    EXPECT_FALSE(shifts[4].start) << "4 answers: not shown";
    EXPECT_EQ(shifts[4].start_answers, 4);
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(shifts[i].start);
        EXPECT_EQ(shifts[i].start->answers, 5) << "the hidden cohort is in no total: 9 less 5 would tell its answers";
        EXPECT_EQ(shifts[i].start->questions.at(1).top, 1);
        EXPECT_EQ(shifts[i].end->answers, 6);
    }
    EXPECT_EQ(percent(1, 3), 33);
    EXPECT_EQ(percent(2, 3), 67);
    EXPECT_EQ(percent(1, 0), 0);
    EXPECT_EQ(mean_text(17, 5, ','), "3,4");
}
