// The awareness survey's storage (migration 0016, store/surveys.hpp), on each engine. Anonymity
// as LimeSurvey means it, checked on the schema itself: no column of the answer tables can name
// a person or date an answer (no person id, no time, no sequential id, no rowid on SQLite), and
// the participation table holds only who answered which wave, no answer. Then the behaviour:
// one answer writes one participation and one anonymous answer, a second one nothing; the
// figures of the results come back per cohort and wave.
#include "store/accounts.hpp"
#include "store/cohorts.hpp"
#include "store/organisations.hpp"
#include "store/surveys.hpp"
#include "support/store_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace latitudes;
using namespace latitudes::store;

namespace {

class SurveysFixture : public test::MigratedDatabase {
protected:
    SurveysFixture() : MigratedDatabase("surveys") {}

    std::vector<std::string> columns(const std::string& table) {
        std::vector<std::string> names;
        const std::string sql =
            db_->engine() == Engine::sqlite
                ? "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid"
                : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '" +
                      table + "' ORDER BY ordinal_position";
        Query(sql).for_each(s(), [&](const soci::row& r) { names.push_back(column_text(r, 0)); });
        return names;
    }
    // The tables a table's foreign keys point to.
    std::set<std::string> references(const std::string& table) {
        std::set<std::string> targets;
        const std::string sql =
            db_->engine() == Engine::sqlite
                ? "SELECT \"table\" FROM pragma_foreign_key_list('" + table + "')"
                : "SELECT DISTINCT ccu.table_name FROM information_schema.table_constraints tc "
                  "JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name "
                  "AND ccu.table_schema = tc.table_schema WHERE tc.constraint_type = 'FOREIGN KEY' "
                  "AND tc.table_schema = current_schema() AND tc.table_name = '" +
                      table + "'";
        Query(sql).for_each(s(), [&](const soci::row& r) { targets.insert(column_text(r, 0)); });
        return targets;
    }

    // A school, a semester, a cohort of `size` students with accounts, an active survey of two
    // questions (a scale, yes/no) and an open start wave.
    void make_wave(int size) {
        const long long admin = AccountRepository(s()).create({"admin@ecole.example", "Admin", "coordinator", "hash", false},
                                                              now_);
        OrganisationRecord o;
        o.name = "École test";
        o.kind = "school";
        school_ = OrganisationRepository(s()).create(o, admin, now_).id;
        CohortRepository cohorts(s());
        const long long semester = cohorts.create_semester({0, "2031-S1", "Printemps 2031", "Spring 2031", "2031-02-01",
                                                            "2031-06-30"});
        cohort_ = cohorts.create(school_, semester, "Projet solidaire", "", admin, now_);
        for (int i = 0; i < size; ++i) {
            const std::string email = "student" + std::to_string(i) + "@ecole.example";
            const long long person = AccountRepository(s()).create({email, "Student", "student", "hash", true}, now_);
            cohorts.add_student(cohort_, {email, "S", "T", "", ""}, person, now_);
            students_.push_back(person);
        }
        SurveyRepository surveys(s());
        survey_ = surveys.create("ESS", "SSE", 0, admin, now_);
        scale_ = surveys.add_question(survey_, {0, 0, domain::QuestionKind::scale, "Q", "Q", true, 5, "a", "a", "b", "b"});
        yes_ = surveys.add_question(survey_, {0, 0, domain::QuestionKind::yes_no, "Q", "Q", true, 5, "", "", "", ""});
        surveys.activate(survey_);
        wave_ = surveys.open_wave(survey_, cohort_, domain::WaveMoment::start, "2031-02-01", "2031-02-21", now_);
    }
    bool answer(long long person, long long point) {
        SurveyRepository surveys(s());
        WriteTransaction tx(s());
        const bool done = surveys.record_answer(*surveys.wave(wave_), person, {{scale_, point, ""}, {yes_, 1, ""}});
        tx.commit();
        return done;
    }

    long long school_ = 0, cohort_ = 0, survey_ = 0, scale_ = 0, yes_ = 0, wave_ = 0;
    std::vector<long long> students_;
};

bool links_to_a_person_or_a_time(const std::string& column) {
    for (const char* part : {"person", "people", "account", "email", "student", "_at", "time", "date", "_on", "created", "seq"})
        if (column.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_F(SurveysFixture, NoColumnOfTheAnswersCanLinkThemToAPerson) {
    for (const std::string table : {"survey_answers", "survey_answer_values"}) {
        const auto names = columns(table);
        ASSERT_FALSE(names.empty()) << table;
        for (const auto& column : names) EXPECT_FALSE(links_to_a_person_or_a_time(column)) << table << "." << column;
        const auto targets = references(table);
        EXPECT_EQ(targets.count("people"), 0u) << table << " points to people";
        EXPECT_EQ(targets.count("survey_participations"), 0u) << table;
        EXPECT_EQ(targets.count("cohort_students"), 0u) << table;
    }
    EXPECT_EQ(columns("survey_answers"), (std::vector<std::string>{"id", "survey_id", "wave_id", "cohort_id"}));
    // The answer's id is text (a random token), not a sequence that would follow the participations' order.
    if (db_->engine() == Engine::postgresql)
        EXPECT_EQ(count("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND "
                        "table_name = 'survey_answers' AND column_name = 'id' AND data_type = 'text' AND column_default IS NULL "
                        "AND is_identity = 'NO'"),
                  1);
    else
        EXPECT_THROW(count("SELECT MAX(rowid) FROM survey_answers"), std::exception)
            << "WITHOUT ROWID: no hidden insertion order either";
}

TEST_F(SurveysFixture, TheParticipationSaysWhoAnsweredWhichWaveAndNothingElse) {
    EXPECT_EQ(columns("survey_participations"), (std::vector<std::string>{"wave_id", "person_id"}));
    EXPECT_EQ(references("survey_participations"), (std::set<std::string>{"survey_waves", "people"}));
    if (db_->engine() == Engine::sqlite) EXPECT_THROW(count("SELECT MAX(rowid) FROM survey_participations"), std::exception);
}

TEST_F(SurveysFixture, AnAnswerWritesOneParticipationAndOneAnonymousAnswerAndASecondOneNothing) {
    make_wave(6);
    ASSERT_NE(wave_, 0);
    EXPECT_EQ(SurveyRepository(s()).open_wave(survey_, cohort_, domain::WaveMoment::start, "2031-02-01", "2031-02-21", now_), 0)
        << "one start wave per cohort";
    EXPECT_TRUE(SurveyRepository(s()).frozen(survey_)) << "a wave freezes its survey";
    EXPECT_TRUE(answer(students_[0], 5));
    EXPECT_FALSE(answer(students_[0], 1)) << "answering twice writes nothing";
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_participations"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answer_values"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers WHERE cohort_id = " + std::to_string(cohort_) +
                    " AND wave_id = " + std::to_string(wave_) + " AND survey_id = " + std::to_string(survey_)),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers WHERE LENGTH(id) = 43"), 1) << "a random 256-bit token";
    EXPECT_TRUE(SurveyRepository(s()).answered(wave_, students_[0]));
    EXPECT_FALSE(SurveyRepository(s()).answered(wave_, students_[1]));
    EXPECT_EQ(SurveyRepository(s()).recipients(wave_, true).size(), 5u) << "the reminder skips who answered";

    for (std::size_t i = 1; i < 5; ++i) EXPECT_TRUE(answer(students_[i], static_cast<long long>(i)));
    const auto waves = SurveyRepository(s()).cohort_waves(survey_);
    ASSERT_EQ(waves.size(), 1u);
    EXPECT_EQ(waves[0].figures.answers, 5);
    EXPECT_EQ(waves[0].figures.questions.at(scale_).sum, 5 + 1 + 2 + 3 + 4);
    EXPECT_EQ(waves[0].figures.questions.at(scale_).top, 1);
    EXPECT_EQ(waves[0].figures.questions.at(yes_).sum, 5);
    const auto shifts = survey_shifts(s(), survey_);
    ASSERT_FALSE(shifts.empty());
    EXPECT_TRUE(shifts.back().start.has_value()) << "5 answers: shown";
}

TEST_F(SurveysFixture, FourAnswersAreNotShownFiveAre) {
    make_wave(6);
    for (std::size_t i = 0; i < 4; ++i) ASSERT_TRUE(answer(students_[i], 3));
    for (const auto& g : survey_shifts(s(), survey_)) {
        EXPECT_FALSE(g.start.has_value()) << "4 answers: hidden at every level";
        EXPECT_FALSE(g.end.has_value());
    }
    ASSERT_TRUE(answer(students_[4], 3));
    for (const auto& g : survey_shifts(s(), survey_)) EXPECT_TRUE(g.start.has_value());
}

TEST_F(SurveysFixture, TheSemestersWavesAreMadeForTheActiveSurveyOnce) {
    make_wave(1);
    // make_wave opened the start wave; the end wave's window opens two weeks before the end.
    SurveyRepository surveys(s());
    EXPECT_EQ(surveys.make_semester_waves("2031-02-10", now_), 0) << "the start wave is there";
    EXPECT_EQ(surveys.make_semester_waves("2031-06-16", now_), 0) << "not yet the end's window";
    EXPECT_EQ(surveys.make_semester_waves("2031-06-17", now_), 1);
    EXPECT_EQ(surveys.make_semester_waves("2031-06-20", now_), 0) << "once";
}
