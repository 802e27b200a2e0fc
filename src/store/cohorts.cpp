#include "store/cohorts.hpp"

#include "store/query.hpp"

namespace latitudes::store {

namespace {

constexpr const char* cohort_columns =
    "SELECT c.id, c.school_id, c.semester_id, c.course, c.teachers, c.created_at, o.slug, o.name, se.code, "
    "(SELECT COUNT(*) FROM cohort_students cs WHERE cs.cohort_id = c.id AND cs.removed_at IS NULL) "
    "FROM cohorts c JOIN organisations o ON o.id = c.school_id JOIN semesters se ON se.id = c.semester_id ";

CohortRecord cohort_of(const soci::row& r) {
    return {column_int(r, 0),  column_int(r, 1),  column_int(r, 2),  column_text(r, 3), column_text(r, 4),
            column_text(r, 5), column_text(r, 6), column_text(r, 7), column_text(r, 8), column_int(r, 9)};
}

SemesterRecord semester_of(const soci::row& r) {
    return {column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4), column_text(r, 5)};
}

}  // namespace

std::vector<SemesterRecord> CohortRepository::semesters() {
    std::vector<SemesterRecord> list;
    Query("SELECT id, code, label_fr, label_en, starts_on, ends_on FROM semesters ORDER BY starts_on DESC, id")
        .for_each(s_, [&](const soci::row& r) { list.push_back(semester_of(r)); });
    return list;
}

std::optional<SemesterRecord> CohortRepository::semester(long long id) {
    std::optional<SemesterRecord> found;
    Query("SELECT id, code, label_fr, label_en, starts_on, ends_on FROM semesters WHERE id = :id")
        .bind("id", id)
        .for_each(s_, [&](const soci::row& r) { found = semester_of(r); });
    return found;
}

long long CohortRepository::create_semester(const SemesterRecord& semester) {
    // A code taken meanwhile by another transaction inserts nothing (and returns no id) instead
    // of failing on the UNIQUE constraint.
    return Query("INSERT INTO semesters (code, label_fr, label_en, starts_on, ends_on) VALUES (:code, :fr, :en, :starts, :ends) "
                 "ON CONFLICT (code) DO NOTHING RETURNING id")
        .bind("code", semester.code)
        .bind("fr", semester.label_fr)
        .bind("en", semester.label_en)
        .bind("starts", semester.starts_on)
        .bind("ends", semester.ends_on)
        .scalar(s_);
}

bool CohortRepository::update_semester(const SemesterRecord& semester) {
    return Query("UPDATE semesters SET label_fr = :fr, label_en = :en, starts_on = :starts, ends_on = :ends WHERE id = :id")
               .bind("fr", semester.label_fr)
               .bind("en", semester.label_en)
               .bind("starts", semester.starts_on)
               .bind("ends", semester.ends_on)
               .bind("id", semester.id)
               .execute(s_) == 1;
}

std::vector<long long> CohortRepository::partner_semesters(long long school_id) {
    std::vector<long long> ids;
    Query("SELECT semester_id FROM school_semesters WHERE school_id = :school ORDER BY semester_id")
        .bind("school", school_id)
        .for_each(s_, [&](const soci::row& r) { ids.push_back(column_int(r, 0)); });
    return ids;
}

void CohortRepository::set_partner(long long school_id, long long semester_id, bool partner) {
    if (partner)
        Query("INSERT INTO school_semesters (school_id, semester_id) VALUES (:school, :semester) ON CONFLICT DO NOTHING")
            .bind("school", school_id)
            .bind("semester", semester_id)
            .execute(s_);
    else
        Query("DELETE FROM school_semesters WHERE school_id = :school AND semester_id = :semester")
            .bind("school", school_id)
            .bind("semester", semester_id)
            .execute(s_);
}

std::set<long long> CohortRepository::partner_schools(long long semester_id) {
    std::set<long long> ids;
    Query("SELECT school_id FROM school_semesters WHERE semester_id = :semester")
        .bind("semester", semester_id)
        .for_each(s_, [&](const soci::row& r) { ids.insert(column_int(r, 0)); });
    return ids;
}

std::map<long long, long long> CohortRepository::partner_counts() {
    std::map<long long, long long> counts;
    Query("SELECT semester_id, COUNT(*) FROM school_semesters GROUP BY semester_id").for_each(s_, [&](const soci::row& r) {
        counts[column_int(r, 0)] = column_int(r, 1);
    });
    return counts;
}

std::vector<SchoolRow> CohortRepository::schools() {
    std::vector<SchoolRow> list;
    Query("SELECT id, slug, name, city, verified FROM organisations WHERE kind = 'school' ORDER BY name, id")
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3), column_int(r, 4) != 0});
        });
    return list;
}

long long CohortRepository::create(long long school_id, long long semester_id, const std::string& course,
                                   const std::string& teachers, long long created_by, Clock::time_point now) {
    return Query("INSERT INTO cohorts (school_id, semester_id, course, teachers, created_by, created_at) "
                 "VALUES (:school, :semester, :course, :teachers, NULLIF(:by, 0), :at) RETURNING id")
        .bind("school", school_id)
        .bind("semester", semester_id)
        .bind("course", course)
        .bind("teachers", teachers)
        .bind("by", created_by)
        .bind("at", iso_utc(now))
        .scalar(s_);
}

std::optional<CohortRecord> CohortRepository::find(long long id) {
    std::optional<CohortRecord> found;
    Query(std::string(cohort_columns) + "WHERE c.id = :id").bind("id", id).for_each(s_, [&](const soci::row& r) {
        found = cohort_of(r);
    });
    return found;
}

std::vector<CohortRecord> CohortRepository::of_school(long long school_id) {
    std::vector<CohortRecord> list;
    Query(std::string(cohort_columns) + "WHERE c.school_id = :school ORDER BY se.starts_on DESC, c.course, c.id")
        .bind("school", school_id)
        .for_each(s_, [&](const soci::row& r) { list.push_back(cohort_of(r)); });
    return list;
}

std::vector<CohortRecord> CohortRepository::of_person(long long person_id) {
    std::vector<CohortRecord> list;
    Query(std::string(cohort_columns) +
          "WHERE c.id IN (SELECT cohort_id FROM cohort_students WHERE person_id = :person AND removed_at IS NULL) "
          "ORDER BY se.starts_on DESC, c.id")
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) { list.push_back(cohort_of(r)); });
    return list;
}

std::vector<CohortStudent> CohortRepository::students(long long cohort_id) {
    std::vector<CohortStudent> list;
    Query("SELECT id, email, first_name, last_name, student_number, group_name, person_id, added_at FROM cohort_students "
          "WHERE cohort_id = :cohort AND removed_at IS NULL ORDER BY last_name, first_name, email")
        .bind("cohort", cohort_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0),
                            {column_text(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4), column_text(r, 5)},
                            column_int(r, 6),
                            column_text(r, 7)});
        });
    return list;
}

std::set<std::string> CohortRepository::emails(long long cohort_id) {
    std::set<std::string> set;
    Query("SELECT email FROM cohort_students WHERE cohort_id = :cohort AND removed_at IS NULL")
        .bind("cohort", cohort_id)
        .for_each(s_, [&](const soci::row& r) { set.insert(column_text(r, 0)); });
    return set;
}

long long CohortRepository::add_student(long long cohort_id, const NewCohortStudent& student, long long person_id,
                                        Clock::time_point now) {
    // A student removed earlier comes back on the same row (UNIQUE (cohort_id, email)).
    const long long updated =
        Query("UPDATE cohort_students SET removed_at = NULL, first_name = :first, last_name = :last, student_number = :number, "
              "group_name = :grp, person_id = COALESCE(person_id, NULLIF(:person, 0)), added_at = :at "
              "WHERE cohort_id = :cohort AND email = :email AND removed_at IS NOT NULL")
            .bind("first", student.first_name)
            .bind("last", student.last_name)
            .bind("number", student.student_number)
            .bind("grp", student.group_name)
            .bind("person", person_id)
            .bind("at", iso_utc(now))
            .bind("cohort", cohort_id)
            .bind("email", student.email)
            .execute(s_);
    if (updated == 1)
        return Query("SELECT id FROM cohort_students WHERE cohort_id = :cohort AND email = :email")
            .bind("cohort", cohort_id)
            .bind("email", student.email)
            .scalar(s_);
    return Query("INSERT INTO cohort_students (cohort_id, email, first_name, last_name, student_number, group_name, person_id, "
                 "added_at) VALUES (:cohort, :email, :first, :last, :number, :grp, NULLIF(:person, 0), :at) RETURNING id")
        .bind("cohort", cohort_id)
        .bind("email", student.email)
        .bind("first", student.first_name)
        .bind("last", student.last_name)
        .bind("number", student.student_number)
        .bind("grp", student.group_name)
        .bind("person", person_id)
        .bind("at", iso_utc(now))
        .scalar(s_);
}

bool CohortRepository::remove_student(long long cohort_id, long long student_id, Clock::time_point now) {
    return Query("UPDATE cohort_students SET removed_at = :at WHERE id = :id AND cohort_id = :cohort AND removed_at IS NULL")
               .bind("at", iso_utc(now))
               .bind("id", student_id)
               .bind("cohort", cohort_id)
               .execute(s_) == 1;
}

long long CohortRepository::link_person(const std::string& email, long long person_id) {
    return Query("UPDATE cohort_students SET person_id = :person WHERE email = :email AND person_id IS NULL")
        .bind("person", person_id)
        .bind("email", email)
        .execute(s_);
}

}  // namespace latitudes::store
