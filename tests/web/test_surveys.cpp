// The awareness survey's pages, in-process through Site::handle on SQLite and PostgreSQL: staff
// design a survey (every bad input refused next to its field, 422, nothing stored), open a
// cohort's wave, which freezes the questions (409, a copy is the new version); a student of the
// cohort answers once (an answer out of scale or a missing required one refused next to the
// question; twice refused kindly, 409), anonymously; a student of another cohort and staff get
// 404; the results hide a group of 4 answers and show one of 5.
#include "store/accounts.hpp"
#include "store/cohorts.hpp"
#include "store/query.hpp"
#include "store/surveys.hpp"
#include "support/form_errors.hpp"
#include "support/in_process_site.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace latitudes::test;
using namespace latitudes;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

long long id_in(const std::string& location, const std::string& prefix) {
    if (location.rfind(prefix, 0) != 0) return 0;
    return std::stoll(location.substr(prefix.size()));
}

std::string question_form(const std::string& kind, const std::string& fr, const std::string& en, const std::string& ends) {
    return "kind=" + kind + "&label_fr=" + web::url_encode(fr) + "&label_en=" + web::url_encode(en) + "&required=1" + ends;
}

}  // namespace

class Surveys : public InProcessSite<Surveys> {
protected:
    static Browser staff() {
        static const std::string who = email("survey-staff");
        static bool made = false;
        if (!made) create_account(url_, who, "staff", "Sam Staff");
        made = true;
        return log_in(http(), who);
    }
    // A cohort of `students` (accounts made with the CLI when `with_logins`, else directly).
    static long long cohort(const std::string& course, const std::vector<std::string>& students) {
        store::Lease s(*db_);
        const long long school = store::Query("SELECT MIN(id) FROM organisations WHERE kind = 'school'").scalar(*s);
        const long long semester = store::Query("SELECT MAX(id) FROM semesters").scalar(*s);
        const long long id = store::CohortRepository(*s).create(school, semester, course, "", 0, store::Clock::now());
        for (const auto& who : students) {
            const long long person = store::Query("SELECT id FROM people WHERE email = :e").bind("e", who).scalar(*s);
            store::CohortRepository(*s).add_student(id, {who, "É", "L", "", ""}, person, store::Clock::now());
        }
        return id;
    }
    static long long student(const std::string& who) {
        create_account(url_, email(who), "student", "Élève " + who);
        return 0;
    }
    // A survey with a scale and a yes/no question, made through the pages; returns its id.
    static long long designed(const Browser& admin) {
        const auto made = admin.post(http(), "/admin/surveys", "title_fr=ESS&title_en=SSE");
        const long long id = id_in(made.header("location"), "/admin/surveys/");
        admin.post(http(), "/admin/surveys/" + std::to_string(id) + "/questions",
                   question_form("scale", "Connaissez-vous l'ESS ?", "Do you know the SSE?",
                                 "&scale_max=5&low_fr=Non&low_en=No&high_fr=Pr%C3%A9cis%C3%A9ment&high_en=Precisely"));
        admin.post(http(), "/admin/surveys/" + std::to_string(id) + "/questions",
                   question_form("yes_no", "Encore ?", "Again?", ""));
        return id;
    }
    static long long open_wave(const Browser& admin, long long survey, long long cohort_id) {
        const auto r = admin.post(http(), "/admin/surveys/" + std::to_string(survey) + "/waves",
                                  "cohort=" + std::to_string(cohort_id) + "&moment=start&closes_on=2099-01-01");
        EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
        return count("SELECT MAX(id) FROM survey_waves WHERE cohort_id = " + std::to_string(cohort_id));
    }
    static std::vector<long long> question_ids(long long survey) {
        store::Lease s(*db_);
        std::vector<long long> ids;
        for (const auto& q : store::SurveyRepository(*s).questions(survey)) ids.push_back(q.id);
        return ids;
    }
};

TEST_F(Surveys, StaffDesignASurveyAndEveryBadInputIsRefusedNextToItsField) {
    const Browser admin = staff();
    const auto list = admin.get(http(), "/admin/surveys");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "href=\"/admin/surveys\" aria-current=\"page\"")) << "a tab of the staff pages";
    EXPECT_TRUE(contains(admin.get(http(), "/admin/surveys?lang=en").body, "New survey"));

    const long long before = count("SELECT COUNT(*) FROM surveys");
    const auto no_title = admin.post(http(), "/admin/surveys", "title_fr=+&title_en=SSE");
    EXPECT_EQ(no_title.status, 422);
    EXPECT_TRUE(shows_field_error(no_title.body, "title_fr"));
    EXPECT_TRUE(contains(no_title.body, "value=\"SSE\"")) << "what was typed comes back";
    EXPECT_EQ(count("SELECT COUNT(*) FROM surveys"), before);

    const auto made = admin.post(http(), "/admin/surveys", "title_fr=ESS&title_en=SSE");
    ASSERT_EQ(made.status, 303);
    const long long id = id_in(made.header("location"), "/admin/surveys/");
    ASSERT_GT(id, 0);
    const std::string base = "/admin/surveys/" + std::to_string(id);

    const auto no_end = admin.post(http(), base + "/questions",
                                   question_form("scale", "Connaissez-vous l'ESS ?", "Do you know the SSE?",
                                                 "&scale_max=5&low_fr=Non&low_en=No&high_fr=Oui&high_en="));
    EXPECT_EQ(no_end.status, 422);
    EXPECT_TRUE(shows_field_error(no_end.body, "new_high_en"));
    const auto too_many = admin.post(http(), base + "/questions",
                                     question_form("scale", "Q", "Q", "&scale_max=11&low_fr=a&low_en=a&high_fr=b&high_en=b"));
    EXPECT_EQ(too_many.status, 422);
    EXPECT_TRUE(shows_field_error(too_many.body, "new_scale_max"));
    EXPECT_EQ(admin.post(http(), base + "/questions", question_form("ranking", "Q", "Q", "")).status, 422);
    EXPECT_EQ(admin.post(http(), base + "/questions", question_form("yes_no", "", "Again?", "")).status, 422);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_questions WHERE survey_id = " + std::to_string(id)), 0);

    EXPECT_EQ(admin.post(http(), base + "/questions", question_form("yes_no", "Encore ?", "Again?", "")).status, 303);
    EXPECT_EQ(admin.post(http(), base + "/questions", question_form("sdgs", "ODD ?", "SDGs?", "")).status, 303);
    const auto ids = question_ids(id);
    ASSERT_EQ(ids.size(), 2u);
    const std::string q = "q" + std::to_string(ids[0]) + "_";
    EXPECT_EQ(admin.post(http(), base + "/questions/" + std::to_string(ids[1]) + "/delete").status, 303);
    EXPECT_EQ(question_ids(id).size(), 1u);
    const auto blank = admin.post(http(), base, "title_fr=ESS&title_en=SSE&" + q + "label_fr=&" + q + "label_en=Again%3F");
    EXPECT_EQ(blank.status, 422);
    EXPECT_TRUE(contains(blank.body, "Indiquez la question en français"));
    EXPECT_EQ(
        admin.post(http(), base, "title_fr=ESS+2&title_en=SSE+2&" + q + "label_fr=Encore+%3F&" + q + "label_en=Again%3F").status,
        303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM surveys WHERE title_fr = 'ESS 2'"), 1);
    EXPECT_EQ(admin.post(http(), base + "/activate").status, 303);

    // A wave freezes it: changes are refused (409), a copy is the new version.
    const auto wave_bad = admin.post(http(), base + "/waves", "cohort=999999&moment=middle&closes_on=2001-01-01");
    EXPECT_EQ(wave_bad.status, 422);
    EXPECT_TRUE(contains(wave_bad.body, "wave_cohort-error"));
    EXPECT_TRUE(contains(wave_bad.body, "wave_closes_on-error"));
    open_wave(admin, id, cohort("Promo gelée", {}));
    const auto frozen = admin.post(http(), base, "title_fr=X&title_en=Y&" + q + "label_fr=Autre&" + q + "label_en=Other");
    EXPECT_EQ(frozen.status, 409);
    EXPECT_EQ(admin.post(http(), base + "/questions", question_form("yes_no", "Encore ?", "Again?", "")).status, 409);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_questions WHERE label_fr = 'Autre'"), 0);
    EXPECT_TRUE(contains(admin.get(http(), base).body, "data-testid=\"survey-frozen\""));
    const auto copy = admin.post(http(), "/admin/surveys", "copy_of=" + std::to_string(id) + "&title_fr=ESS+v2&title_en=SSE+v2");
    ASSERT_EQ(copy.status, 303);
    EXPECT_EQ(question_ids(id_in(copy.header("location"), "/admin/surveys/")).size(), 1u);
    EXPECT_EQ(admin.get(http(), "/admin/surveys/999999").status, 404);
}

TEST_F(Surveys, AStudentOfTheCohortAnswersOnceAndEveryoneElseGets404) {
    const Browser admin = staff();
    student("ana");
    student("other");
    const long long survey = designed(admin);
    const long long mine = cohort("Promo d'Ana", {email("ana")});
    cohort("Autre promo", {email("other")});
    const long long wave = open_wave(admin, survey, mine);
    const std::string page = "/surveys/waves/" + std::to_string(wave);
    const auto ids = question_ids(survey);

    const Browser other = log_in(http(), email("other"));
    const auto stranger = other.get(http(), page);
    EXPECT_EQ(stranger.status, 404);
    EXPECT_FALSE(contains(stranger.body, "ESS"));
    EXPECT_EQ(other.post(http(), page, "q" + std::to_string(ids[0]) + "=3").status, 404);
    EXPECT_EQ(admin.get(http(), page).status, 404) << "staff design it; the students answer it";
    EXPECT_EQ(other.get(http(), "/surveys/waves/999999").status, 404);

    const Browser ana = log_in(http(), email("ana"));
    EXPECT_TRUE(contains(ana.get(http(), "/me").body, "href=\"" + page + "\"")) << "the call to answer on Mon espace";
    const auto form = ana.get(http(), page);
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, "Connaissez-vous l"));
    EXPECT_TRUE(contains(ana.get(http(), page + "?lang=en").body, "Do you know the SSE?"));

    const auto bad = ana.post(http(), page, "q" + std::to_string(ids[0]) + "=6");
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(shows_field_error(bad.body, "q" + std::to_string(ids[0]))) << "out of scale";
    EXPECT_TRUE(shows_field_error(bad.body, "q" + std::to_string(ids[1]))) << "a required answer missing";
    EXPECT_TRUE(contains(bad.body, "Choisissez une des valeurs de l"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_participations WHERE wave_id = " + std::to_string(wave)), 0);

    const std::string good = "q" + std::to_string(ids[0]) + "=4&q" + std::to_string(ids[1]) + "=yes";
    const auto answered = ana.post(http(), page, good);
    ASSERT_EQ(answered.status, 303);
    EXPECT_TRUE(contains(ana.get(http(), answered.header("location")).body, "data-testid=\"survey-thanks\""));
    const auto twice = ana.post(http(), page, good);
    EXPECT_EQ(twice.status, 409);
    EXPECT_TRUE(contains(twice.body, "Vous avez déjà répondu"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_participations WHERE wave_id = " + std::to_string(wave)), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answers WHERE wave_id = " + std::to_string(wave)), 1);
    EXPECT_FALSE(contains(ana.get(http(), "/me").body, "href=\"" + page + "\"")) << "answered: no more call";
}

TEST_F(Surveys, TheResultsHideFourAnswersAndShowFive) {
    const Browser admin = staff();
    const long long survey = designed(admin);
    std::vector<long long> people;
    std::vector<std::string> emails;
    {
        store::Lease s(*db_);
        for (int i = 0; i < 5; ++i) {
            emails.push_back("k" + std::to_string(i) + "." + email("anon"));
            people.push_back(store::AccountRepository(*s).create({emails.back(), "K", "student", "x", true, ""},
                                                                 store::Clock::now()));
        }
    }
    const long long wave = open_wave(admin, survey, cohort("Promo de cinq", emails));
    const auto ids = question_ids(survey);
    const auto answer = [&](long long person, long long point) {
        store::Lease s(*db_);
        store::SurveyRepository surveys(*s);
        store::WriteTransaction tx(*s);
        ASSERT_TRUE(surveys.record_answer(*surveys.wave(wave), person, {{ids[0], point, ""}, {ids[1], 1, ""}}));
        tx.commit();
    };
    for (int i = 0; i < 4; ++i) answer(people[i], 5);
    const std::string results = "/admin/surveys/" + std::to_string(survey) + "/results";
    const auto four = admin.get(http(), results);
    ASSERT_EQ(four.status, 200);
    EXPECT_TRUE(contains(four.body, "moins de 5 réponses : non montré"));
    EXPECT_FALSE(contains(four.body, "100 %")) << "no figure of the 4 answers";
    answer(people[4], 1);
    const auto five = admin.get(http(), results);
    EXPECT_TRUE(contains(five.body, "80 % · moyenne 4,2")) << "4 of 5 at the top, mean 21/5";
    EXPECT_TRUE(contains(admin.get(http(), results + "?lang=en").body, "80 % · mean 4.2"));
    EXPECT_EQ(admin.get(http(), "/admin/surveys/999999/results").status, 404);
}
