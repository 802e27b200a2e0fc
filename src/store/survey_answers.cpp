// The anonymous side of the survey: answers and participations, the jobs' waves and marks, and
// the figures of the results.
#include "domain/credentials.hpp"
#include "store/query.hpp"
#include "store/surveys.hpp"

#include <tuple>

namespace latitudes::store {

bool SurveyRepository::record_answer(const WaveRecord& wave, long long person_id,
                                     const std::vector<domain::AnswerValue>& values) {
    // Who answered: the person and the wave, nothing else. A second answer inserts nothing.
    if (Query("INSERT INTO survey_participations (wave_id, person_id) VALUES (:w, :p) ON CONFLICT DO NOTHING")
            .bind("w", wave.id)
            .bind("p", person_id)
            .execute(s_) != 1)
        return false;
    // What they answered: a random id (no sequence to line up with the participations' order),
    // the survey, wave and cohort, no person and no time.
    const std::string id = domain::random_token();
    Query("INSERT INTO survey_answers (id, survey_id, wave_id, cohort_id) VALUES (:id, :s, :w, :c)")
        .bind("id", id)
        .bind("s", wave.survey_id)
        .bind("w", wave.id)
        .bind("c", wave.cohort_id)
        .execute(s_);
    for (const auto& v : values)
        Query("INSERT INTO survey_answer_values (answer_id, question_id, number, text) VALUES (:a, :q, :n, :t)")
            .bind("a", id)
            .bind("q", v.question_id)
            .bind("n", v.number)
            .bind("t", v.text)
            .execute(s_);
    return true;
}

int SurveyRepository::make_semester_waves(const std::string& today, Clock::time_point now) {
    const long long survey = active_id();
    if (survey == 0) return 0;
    struct Cohort {
        long long id;
        std::string starts_on, ends_on;
    };
    std::vector<Cohort> cohorts;
    // Semesters under way around today (the end wave closes a week after the last day).
    Query("SELECT c.id, se.starts_on, se.ends_on FROM cohorts c JOIN semesters se ON se.id = c.semester_id "
          "WHERE se.starts_on <= :today AND se.ends_on >= :from ORDER BY c.id")
        .bind("today", today)
        .bind("from", domain::add_days(today, -7))
        .for_each(s_, [&](const soci::row& r) {
            cohorts.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2)});
        });
    int made = 0;
    for (const auto& c : cohorts)
        for (auto moment : {domain::WaveMoment::start, domain::WaveMoment::end}) {
            const auto window = domain::wave_window(moment, c.starts_on, c.ends_on);
            if (window.opens_on <= today && today <= window.closes_on &&
                open_wave(survey, c.id, moment, window.opens_on, window.closes_on, now) != 0)
                ++made;
        }
    return made;
}

namespace {

std::vector<long long> ids(soci::session& s, Query query) {
    std::vector<long long> list;
    query.for_each(s, [&](const soci::row& r) { list.push_back(column_int(r, 0)); });
    return list;
}

}  // namespace

std::vector<WaveRecord> SurveyRepository::due_invitations(const std::string& today) {
    std::vector<WaveRecord> list;
    for (const long long id : ids(s_, Query("SELECT id FROM survey_waves WHERE invited_at IS NULL AND opens_on <= :today "
                                            "AND closes_on >= :today ORDER BY closes_on, id LIMIT 500")
                                          .bind("today", today)))
        if (auto w = wave(id)) list.push_back(std::move(*w));
    return list;
}

std::vector<WaveRecord> SurveyRepository::due_reminders(const std::string& today) {
    std::vector<WaveRecord> list;
    for (const long long id :
         ids(s_, Query("SELECT id FROM survey_waves WHERE reminded_at IS NULL AND invited_at IS NOT NULL AND opens_on <= :today "
                       "AND closes_on >= :today AND closes_on <= :soon ORDER BY closes_on, id LIMIT 500")
                     .bind("today", today)
                     .bind("soon", domain::add_days(today, 3))))
        if (auto w = wave(id)) list.push_back(std::move(*w));
    return list;
}

bool SurveyRepository::mark_invited(long long wave_id, Clock::time_point now) {
    return Query("UPDATE survey_waves SET invited_at = :at WHERE id = :id AND invited_at IS NULL")
               .bind("at", iso_utc(now))
               .bind("id", wave_id)
               .execute(s_) == 1;
}

bool SurveyRepository::mark_reminded(long long wave_id, Clock::time_point now) {
    return Query("UPDATE survey_waves SET reminded_at = :at, invited_at = COALESCE(invited_at, :also) "
                 "WHERE id = :id AND reminded_at IS NULL")
               .bind("at", iso_utc(now))
               .bind("also", iso_utc(now))
               .bind("id", wave_id)
               .execute(s_) == 1;
}

std::vector<Recipient> SurveyRepository::recipients(long long wave_id, bool unanswered_only) {
    std::vector<Recipient> list;
    Query(std::string("SELECT DISTINCT pe.id, pe.email, pe.display_name FROM survey_waves w "
                      "JOIN cohort_students cs ON cs.cohort_id = w.cohort_id AND cs.removed_at IS NULL "
                      "JOIN people pe ON pe.id = cs.person_id JOIN accounts ac ON ac.person_id = pe.id "
                      "WHERE w.id = :wave AND ac.active = 1 AND pe.email IS NOT NULL ") +
          (unanswered_only ? "AND NOT EXISTS (SELECT 1 FROM survey_participations p WHERE p.wave_id = w.id "
                             "AND p.person_id = pe.id) "
                           : "") +
          "ORDER BY pe.id")
        .bind("wave", wave_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_text(r, 1), column_text(r, 2)});
        });
    return list;
}

std::vector<domain::CohortWave> SurveyRepository::cohort_waves(long long survey_id) {
    std::map<long long, domain::CohortWave> waves;  // by wave id
    Query("SELECT w.id, c.semester_id, c.school_id, c.id, se.code, o.name, c.course, w.moment, "
          "(SELECT COUNT(*) FROM survey_answers a WHERE a.wave_id = w.id) "
          "FROM survey_waves w JOIN cohorts c ON c.id = w.cohort_id JOIN organisations o ON o.id = c.school_id "
          "JOIN semesters se ON se.id = c.semester_id WHERE w.survey_id = :s")
        .bind("s", survey_id)
        .for_each(s_, [&](const soci::row& r) {
            auto& w = waves[column_int(r, 0)];
            w.semester_id = column_int(r, 1);
            w.school_id = column_int(r, 2);
            w.cohort_id = column_int(r, 3);
            w.semester_code = column_text(r, 4);
            w.school_name = column_text(r, 5);
            w.course = column_text(r, 6);
            w.moment = domain::parse_wave_moment(column_text(r, 7)).value_or(domain::WaveMoment::start);
            w.figures.answers = column_int(r, 8);
        });
    // One grouped scan of the values: per wave, question and value, how many chose it.
    Query("SELECT a.wave_id, v.question_id, q.kind, q.scale_max, v.number, COUNT(*) FROM survey_answer_values v "
          "JOIN survey_answers a ON a.id = v.answer_id JOIN survey_questions q ON q.id = v.question_id "
          "WHERE a.survey_id = :s GROUP BY a.wave_id, v.question_id, q.kind, q.scale_max, v.number")
        .bind("s", survey_id)
        .for_each(s_, [&](const soci::row& r) {
            const auto found = waves.find(column_int(r, 0));
            if (found == waves.end()) return;
            auto& q = found->second.figures.questions[column_int(r, 1)];
            const auto kind = domain::parse_question_kind(column_text(r, 2)).value_or(domain::QuestionKind::text);
            const long long number = column_int(r, 4), n = column_int(r, 5);
            switch (kind) {
                case domain::QuestionKind::scale:
                    q.answered += n;
                    q.sum += number * n;
                    if (number == column_int(r, 3)) q.top += n;
                    break;
                case domain::QuestionKind::yes_no:
                    q.answered += n;
                    if (number == 1) q.sum += n;
                    break;
                case domain::QuestionKind::sdgs: q.choices[number] += n; break;
                case domain::QuestionKind::text: q.answered += n; break;
            }
        });
    std::vector<domain::CohortWave> list;
    for (auto& [id, w] : waves) list.push_back(std::move(w));
    return list;
}

std::vector<domain::GroupShift> survey_shifts(soci::session& session, long long survey_id) {
    return domain::survey_shifts(SurveyRepository(session).cohort_waves(survey_id));
}

}  // namespace latitudes::store
