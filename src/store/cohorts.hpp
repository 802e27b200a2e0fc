#pragma once
// Semesters, schools' partnerships, cohorts and their students (migration 0010). A cohort's
// students are kept by e-mail; person_id is filled when the address has an account.
#include "store/accounts.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace latitudes::store {

struct SemesterRecord {
    long long id = 0;
    std::string code, label_fr, label_en, starts_on, ends_on;
};

// An organisation of kind school, as the partnership form lists it.
struct SchoolRow {
    long long id = 0;
    std::string slug, name, city;
    bool verified = false;
};

struct CohortRecord {
    long long id = 0, school_id = 0, semester_id = 0;
    std::string course, teachers, created_at;
    std::string school_slug, school_name, semester_code;
    long long students = 0;  // active ones
};

struct NewCohortStudent {
    std::string email;  // normalised
    std::string first_name, last_name, student_number, group_name;
};

struct CohortStudent {
    long long id = 0;
    NewCohortStudent student;
    long long person_id = 0;  // 0: no account yet (invited)
    std::string added_at;
};

class CohortRepository {
public:
    explicit CohortRepository(soci::session& session) : s_(session) {}

    std::vector<SemesterRecord> semesters();
    std::optional<SemesterRecord> semester(long long id);
    // Returns the new semester's id, or 0 when a semester has this code already.
    long long create_semester(const SemesterRecord& semester);
    // Changes the labels and dates (the code stays: the API and spreadsheets name semesters by
    // it); false when there is no such semester.
    bool update_semester(const SemesterRecord& semester);
    // The semesters a school is a partner for (staff record them).
    std::vector<long long> partner_semesters(long long school_id);
    void set_partner(long long school_id, long long semester_id, bool partner);
    // The schools that are partners for a semester, and how many there are for each semester
    // (semesters without any are absent).
    std::set<long long> partner_schools(long long semester_id);
    std::map<long long, long long> partner_counts();
    // Every organisation of kind school, by name.
    std::vector<SchoolRow> schools();

    long long create(long long school_id, long long semester_id, const std::string& course, const std::string& teachers,
                     long long created_by, Clock::time_point now);
    std::optional<CohortRecord> find(long long id);
    std::vector<CohortRecord> of_school(long long school_id);

    // Active students, by last name then e-mail.
    std::vector<CohortStudent> students(long long cohort_id);
    // Their normalised e-mails (the import's "already in the cohort").
    std::set<std::string> emails(long long cohort_id);
    // Adds a student, or brings back one who had been removed; returns the row's id.
    long long add_student(long long cohort_id, const NewCohortStudent& student, long long person_id, Clock::time_point now);
    // Marks a student as removed (history stays); false when not an active student of the cohort.
    bool remove_student(long long cohort_id, long long student_id, Clock::time_point now);
    // Links the rows of `email` that have no account yet to `person_id` (at sign-up); returns the count.
    long long link_person(const std::string& email, long long person_id);
    // The cohorts a person studies in (active), for Mon espace.
    std::vector<CohortRecord> of_person(long long person_id);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
