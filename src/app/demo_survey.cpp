#include "app/demo_survey.hpp"

#include "app/demo_campaigns.hpp"
#include "render/views.hpp"
#include "service/surveys.hpp"
#include "store/projects.hpp"
#include "store/query.hpp"
#include "store/surveys.hpp"

#include <stdexcept>

namespace latitudes::app {

namespace {

using namespace std::chrono_literals;

void check(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error("demo survey: " + what);
}

std::vector<domain::SurveyQuestion> default_questions() {
    using K = domain::QuestionKind;
    return {
        {0, 0, K::scale, "Que savez-vous de l'économie sociale et solidaire (ESS) ?",
         "What do you know of the social and solidarity economy (SSE)?", true, 5, "Je n'en ai jamais entendu parler",
         "I have never heard of it", "Je sais précisément ce que c'est", "I know precisely what it is"},
        {0, 0, K::yes_no, "Vous engageriez-vous à nouveau dans un projet solidaire ?",
         "Would you commit to a solidarity project again?", true, 5, "", "", "", ""},
        {0, 0, K::sdgs, "Quels objectifs de développement durable (ODD) comptent le plus pour vous ?",
         "Which sustainable development goals (SDGs) matter most to you?", false, 5, "", "", "", ""},
        {0, 0, K::text, "Un mot sur ce que vous attendez du projet, ou sur ce qu'il vous a appris ?",
         "A word on what you expect from the project, or on what it taught you?", false, 5, "", "", "", ""},
    };
}

// The students of a cohort (person ids), the demo student first when there.
std::vector<long long> students_of(soci::session& session, long long cohort, long long demo_student) {
    std::vector<long long> list;
    store::Query("SELECT person_id FROM cohort_students WHERE cohort_id = :c AND person_id IS NOT NULL AND removed_at IS NULL "
                 "ORDER BY CASE WHEN person_id = :demo THEN 0 ELSE 1 END, id")
        .bind("c", cohort)
        .bind("demo", demo_student)
        .for_each(session, [&](const soci::row& r) { list.push_back(store::column_int(r, 0)); });
    return list;
}

}  // namespace

DemoSurveyReport seed_demo_survey(soci::session& db, const std::vector<store::Skill>& skills,
                                  std::chrono::system_clock::time_point now) {
    DemoSurveyReport report;
    const render::Views views(render::load_catalogue());
    const mail::Notifier notifier(views, "http://127.0.0.1:8080");
    soci::session* session = &db;
    const auto at = [&](store::Clock::time_point when) { return service::Context{*session, when, notifier, skills}; };
    const auto staff =
        store::Query("SELECT COALESCE(MIN(id), 0) FROM people WHERE email = 'equipe@demo.latitudes.org'").scalar(*session);
    const long long student =
        store::Query("SELECT COALESCE(MAX(id), 0) FROM people WHERE email = :e").bind("e", demo_student_email).scalar(*session);
    check(student != 0, "the demo student");

    const auto made = service::create_survey(at(now - 120 * 24h), staff, "Économie sociale et solidaire : ce que vous en savez",
                                             "The social and solidarity economy: what you know of it", 0);
    check(made.kind == service::SurveyOutcome::Kind::done, "the default survey");
    report.survey = made.survey_id;
    for (const auto& q : default_questions())
        check(service::add_survey_question(at(now - 120 * 24h), report.survey, q).kind == service::SurveyOutcome::Kind::done,
              "a question");
    check(service::activate_survey(at(now - 120 * 24h), report.survey).kind == service::SurveyOutcome::Kind::done, "activation");
    const auto questions = store::SurveyRepository(*session).questions(report.survey);

    const auto cohort = [&](const std::string& course) {
        const long long id =
            store::Query("SELECT COALESCE(MAX(id), 0) FROM cohorts WHERE course = :c").bind("c", course).scalar(*session);
        check(id != 0, "cohort " + course);
        return id;
    };
    report.shown_cohort = cohort("Projet Tech for Good — 3e année");
    report.small_cohort = cohort("Ingénierie solidaire — 2e année");
    const long long open_cohort = cohort("Numérique responsable — 1re année");

    // A wave opened `from` days ago for `days` days, answered by `answers` students (after the
    // `skip` first ones), who know more of the ESS at the end than at the start.
    const auto wave = [&](long long cohort_id, domain::WaveMoment moment, int from, int days, std::size_t skip,
                          std::size_t answers, bool invited) {
        store::SurveyRepository surveys(*session);
        const auto opens = now - from * 24h;
        long long id = 0;
        {
            store::WriteTransaction tx(*session);
            id = surveys.open_wave(report.survey, cohort_id, moment, store::iso_utc(opens).substr(0, 10),
                                   store::iso_utc(opens + days * 24h).substr(0, 10), opens);
            if (invited) surveys.mark_invited(id, opens);
            tx.commit();
        }
        check(id != 0, "a wave");
        const auto people = students_of(*session, cohort_id, student);
        const bool end = moment == domain::WaveMoment::end;
        for (std::size_t i = skip; i < people.size() && i < skip + answers; ++i) {
            const std::string knows = std::to_string(end ? (i % 3 == 0 ? 4 : 5) : (i % 4 == 0 ? 5 : 1 + i % 3));
            std::map<long long, std::vector<std::string>> sent{
                {questions[0].id, {knows}},
                {questions[1].id, {end && i % 5 == 0 ? "no" : "yes"}},
                {questions[2].id, {std::to_string(13), std::to_string(end ? 10 : 4 + i % 3), std::to_string(1 + i % 17)}}};
            if (i % 3 == 1)
                sent[questions[3].id] = {end ? "Travailler pour une association, c'est concret." : "Découvrir l'ESS."};
            const auto answered = service::answer_survey(at(opens + (1 + i % 3) * 24h), id, people[i], sent);
            check(answered.kind == service::AnswerOutcome::Kind::answered, "an answer");
        }
        return id;
    };
    // Shown: 9 answers at the start and 7 at the end so far, the demo student among them both times.
    wave(report.shown_cohort, domain::WaveMoment::start, 90, 21, 0, 9, true);
    wave(report.shown_cohort, domain::WaveMoment::end, 6, 14, 0, 7, true);
    // Too small to be shown: 4 answers.
    wave(report.small_cohort, domain::WaveMoment::start, 60, 21, 1, 4, true);
    // Open now, not invited yet (the jobs send the invitations): three classmates answered, not her.
    report.open_wave = wave(open_cohort, domain::WaveMoment::start, 2, 19, 1, 3, false);
    return report;
}

}  // namespace latitudes::app
