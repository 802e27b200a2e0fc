#include "store/surveys.hpp"

#include "store/query.hpp"

namespace latitudes::store {

namespace {

constexpr const char* survey_columns = "SELECT s.id, COALESCE(s.copied_from, 0), s.title_fr, s.title_en, s.created_at, s.active, "
                                       "(SELECT COUNT(*) FROM survey_waves w WHERE w.survey_id = s.id), "
                                       "(SELECT COUNT(*) FROM survey_answers a WHERE a.survey_id = s.id) FROM surveys s ";

SurveyRecord survey_of(const soci::row& r) {
    SurveyRecord s;
    s.id = column_int(r, 0);
    s.copied_from = column_int(r, 1);
    s.title_fr = column_text(r, 2);
    s.title_en = column_text(r, 3);
    s.created_at = column_text(r, 4);
    s.active = column_int(r, 5) == 1;
    s.waves = column_int(r, 6);
    s.answers = column_int(r, 7);
    return s;
}

constexpr const char* question_columns =
    "SELECT id, position, kind, label_fr, label_en, required, scale_max, low_fr, low_en, high_fr, high_en "
    "FROM survey_questions ";

constexpr const char* wave_columns =
    "SELECT w.id, w.survey_id, w.cohort_id, c.school_id, c.semester_id, w.moment, w.opens_on, w.closes_on, "
    "COALESCE(w.invited_at, ''), COALESCE(w.reminded_at, ''), c.course, o.name, se.code, s.title_fr, s.title_en, "
    "(SELECT COUNT(*) FROM cohort_students cs WHERE cs.cohort_id = c.id AND cs.removed_at IS NULL), "
    "(SELECT COUNT(*) FROM survey_participations p WHERE p.wave_id = w.id) "
    "FROM survey_waves w JOIN cohorts c ON c.id = w.cohort_id JOIN organisations o ON o.id = c.school_id "
    "JOIN semesters se ON se.id = c.semester_id JOIN surveys s ON s.id = w.survey_id ";

WaveRecord wave_of(const soci::row& r) {
    WaveRecord w;
    w.id = column_int(r, 0);
    w.survey_id = column_int(r, 1);
    w.cohort_id = column_int(r, 2);
    w.school_id = column_int(r, 3);
    w.semester_id = column_int(r, 4);
    w.moment = domain::parse_wave_moment(column_text(r, 5)).value_or(domain::WaveMoment::start);
    w.opens_on = column_text(r, 6);
    w.closes_on = column_text(r, 7);
    w.invited_at = column_text(r, 8);
    w.reminded_at = column_text(r, 9);
    w.course = column_text(r, 10);
    w.school_name = column_text(r, 11);
    w.semester_code = column_text(r, 12);
    w.survey_title_fr = column_text(r, 13);
    w.survey_title_en = column_text(r, 14);
    w.students = column_int(r, 15);
    w.participations = column_int(r, 16);
    return w;
}

}  // namespace

std::vector<SurveyRecord> SurveyRepository::surveys() {
    std::vector<SurveyRecord> list;
    Query(std::string(survey_columns) + "ORDER BY s.id DESC").for_each(s_, [&](const soci::row& r) {
        list.push_back(survey_of(r));
    });
    return list;
}

std::optional<SurveyRecord> SurveyRepository::find(long long id) {
    std::optional<SurveyRecord> found;
    Query(std::string(survey_columns) + "WHERE s.id = :id").bind("id", id).for_each(s_, [&](const soci::row& r) {
        found = survey_of(r);
    });
    return found;
}

long long SurveyRepository::active_id() { return Query("SELECT MAX(id) FROM surveys WHERE active = 1").scalar(s_); }

std::vector<domain::SurveyQuestion> SurveyRepository::questions(long long survey_id) {
    std::vector<domain::SurveyQuestion> list;
    Query(std::string(question_columns) + "WHERE survey_id = :s ORDER BY position, id")
        .bind("s", survey_id)
        .for_each(s_, [&](const soci::row& r) {
            domain::SurveyQuestion q;
            q.id = column_int(r, 0);
            q.position = static_cast<int>(column_int(r, 1));
            q.kind = domain::parse_question_kind(column_text(r, 2)).value_or(domain::QuestionKind::text);
            q.label_fr = column_text(r, 3);
            q.label_en = column_text(r, 4);
            q.required = column_int(r, 5) == 1;
            q.scale_max = static_cast<int>(column_int(r, 6));
            q.low_fr = column_text(r, 7);
            q.low_en = column_text(r, 8);
            q.high_fr = column_text(r, 9);
            q.high_en = column_text(r, 10);
            list.push_back(std::move(q));
        });
    return list;
}

long long SurveyRepository::create(const std::string& title_fr, const std::string& title_en, long long copied_from, long long by,
                                   Clock::time_point now) {
    const long long id = Query("INSERT INTO surveys (title_fr, title_en, copied_from, created_by, created_at) "
                               "VALUES (:fr, :en, NULLIF(:from, 0), NULLIF(:by, 0), :at) RETURNING id")
                             .bind("fr", title_fr)
                             .bind("en", title_en)
                             .bind("from", copied_from)
                             .bind("by", by)
                             .bind("at", iso_utc(now))
                             .scalar(s_);
    if (copied_from != 0)
        for (const auto& q : questions(copied_from)) add_question(id, q);
    return id;
}

bool SurveyRepository::frozen(long long survey_id) {
    return Query("SELECT COUNT(*) FROM survey_waves WHERE survey_id = :s").bind("s", survey_id).scalar(s_) > 0;
}

void SurveyRepository::update_title(long long survey_id, const std::string& title_fr, const std::string& title_en) {
    Query("UPDATE surveys SET title_fr = :fr, title_en = :en WHERE id = :id")
        .bind("fr", title_fr)
        .bind("en", title_en)
        .bind("id", survey_id)
        .execute(s_);
}

namespace {

Query& bind_question(Query& query, const domain::SurveyQuestion& q) {
    return query.bind("kind", std::string(domain::to_string(q.kind)))
        .bind("label_fr", q.label_fr)
        .bind("label_en", q.label_en)
        .bind("required", q.required ? 1LL : 0LL)
        .bind("scale_max", static_cast<long long>(q.scale_max))
        .bind("low_fr", q.low_fr)
        .bind("low_en", q.low_en)
        .bind("high_fr", q.high_fr)
        .bind("high_en", q.high_en);
}

}  // namespace

bool SurveyRepository::update_question(long long survey_id, const domain::SurveyQuestion& q) {
    Query query("UPDATE survey_questions SET kind = :kind, label_fr = :label_fr, label_en = :label_en, required = :required, "
                "scale_max = :scale_max, low_fr = :low_fr, low_en = :low_en, high_fr = :high_fr, high_en = :high_en "
                "WHERE id = :id AND survey_id = :survey");
    bind_question(query, q).bind("id", q.id).bind("survey", survey_id);
    return query.execute(s_) == 1;
}

long long SurveyRepository::add_question(long long survey_id, const domain::SurveyQuestion& q) {
    const long long position =
        Query("SELECT COALESCE(MAX(position), 0) + 1 FROM survey_questions WHERE survey_id = :s").bind("s", survey_id).scalar(s_);
    Query query("INSERT INTO survey_questions (survey_id, position, kind, label_fr, label_en, required, scale_max, low_fr, "
                "low_en, high_fr, high_en) VALUES (:survey, :position, :kind, :label_fr, :label_en, :required, :scale_max, "
                ":low_fr, :low_en, :high_fr, :high_en) RETURNING id");
    bind_question(query, q).bind("survey", survey_id).bind("position", position);
    return query.scalar(s_);
}

bool SurveyRepository::remove_question(long long survey_id, long long question_id) {
    return Query("DELETE FROM survey_questions WHERE id = :id AND survey_id = :s")
               .bind("id", question_id)
               .bind("s", survey_id)
               .execute(s_) == 1;
}

void SurveyRepository::activate(long long survey_id) {
    Query("UPDATE surveys SET active = CASE WHEN id = :id THEN 1 ELSE 0 END").bind("id", survey_id).execute(s_);
}

std::vector<WaveRecord> SurveyRepository::waves_of(long long survey_id) {
    std::vector<WaveRecord> list;
    Query(std::string(wave_columns) + "WHERE w.survey_id = :s ORDER BY se.starts_on DESC, o.name, c.course, w.moment DESC")
        .bind("s", survey_id)
        .for_each(s_, [&](const soci::row& r) { list.push_back(wave_of(r)); });
    return list;
}

std::vector<std::pair<long long, std::string>> SurveyRepository::cohort_choices() {
    std::vector<std::pair<long long, std::string>> list;
    Query("SELECT c.id, se.code, o.name, c.course FROM cohorts c JOIN organisations o ON o.id = c.school_id "
          "JOIN semesters se ON se.id = c.semester_id ORDER BY se.starts_on DESC, o.name, c.course, c.id")
        .for_each(s_, [&](const soci::row& r) {
            list.emplace_back(column_int(r, 0), column_text(r, 1) + " · " + column_text(r, 2) + " · " + column_text(r, 3));
        });
    return list;
}

std::optional<WaveRecord> SurveyRepository::wave(long long id) {
    std::optional<WaveRecord> found;
    Query(std::string(wave_columns) + "WHERE w.id = :id").bind("id", id).for_each(s_, [&](const soci::row& r) {
        found = wave_of(r);
    });
    return found;
}

long long SurveyRepository::open_wave(long long survey_id, long long cohort_id, domain::WaveMoment moment,
                                      const std::string& opens_on, const std::string& closes_on, Clock::time_point now) {
    return Query("INSERT INTO survey_waves (survey_id, cohort_id, moment, opens_on, closes_on, created_at) "
                 "VALUES (:survey, :cohort, :moment, :opens, :closes, :at) ON CONFLICT (cohort_id, moment) DO NOTHING "
                 "RETURNING id")
        .bind("survey", survey_id)
        .bind("cohort", cohort_id)
        .bind("moment", std::string(domain::to_string(moment)))
        .bind("opens", opens_on)
        .bind("closes", closes_on)
        .bind("at", iso_utc(now))
        .scalar(s_);
}

std::vector<PersonWave> SurveyRepository::open_waves_of(long long person_id, const std::string& today) {
    std::vector<PersonWave> list;
    Query(std::string(wave_columns) +
          "WHERE w.opens_on <= :today AND w.closes_on >= :today AND EXISTS (SELECT 1 FROM cohort_students cs "
          "WHERE cs.cohort_id = w.cohort_id AND cs.person_id = :person AND cs.removed_at IS NULL) ORDER BY w.closes_on, w.id")
        .bind("today", today)
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({wave_of(r), false});
        });
    for (auto& w : list) w.answered = answered(w.wave.id, person_id);
    return list;
}

bool SurveyRepository::is_student(long long wave_id, long long person_id) {
    return Query("SELECT COUNT(*) FROM survey_waves w JOIN cohort_students cs ON cs.cohort_id = w.cohort_id "
                 "WHERE w.id = :w AND cs.person_id = :p AND cs.removed_at IS NULL")
               .bind("w", wave_id)
               .bind("p", person_id)
               .scalar(s_) > 0;
}

bool SurveyRepository::answered(long long wave_id, long long person_id) {
    return Query("SELECT COUNT(*) FROM survey_participations WHERE wave_id = :w AND person_id = :p")
               .bind("w", wave_id)
               .bind("p", person_id)
               .scalar(s_) > 0;
}

}  // namespace latitudes::store
