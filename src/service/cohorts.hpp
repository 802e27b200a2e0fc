#pragma once
// Cohorts: a coordinator of a school makes one for a course and a semester, and adds students one
// by one or by importing a spreadsheet export (domain/roster.hpp reads it). The import shows every
// row's problems first; committing writes all accepted rows in one transaction or none. A student
// whose address has an account joins at once and is told by e-mail; the others are invited and
// join when they sign up with that address. Who may call each is the web layer's policy check.
#include "domain/roster.hpp"
#include "service/service.hpp"
#include "store/cohorts.hpp"

#include <string>
#include <vector>

namespace latitudes::service {

inline constexpr std::size_t max_course_name = 120;  // characters
inline constexpr std::size_t max_roster_bytes = 2 << 20;

struct NewCohort {
    long long school_id = 0, semester_id = 0, created_by = 0;
    std::string course, teachers;
};
struct CohortOutcome {
    enum class Kind { created, invalid } kind = Kind::created;
    long long cohort_id = 0;
    std::vector<std::string> problems;  // "course", "teachers", "semester"
};
CohortOutcome create_cohort(const Context& context, const NewCohort& input);

struct ImportInput {
    long long cohort_id = 0;
    std::string bytes;    // the file as uploaded
    bool commit = false;  // false: the preview only
};
struct ImportOutcome {
    enum class Kind { previewed, imported, invalid_file, too_large, not_found } kind = Kind::previewed;
    domain::RosterPreview preview;
    int joined = 0, invited = 0;  // imported: rows with an account already / invited to sign up
};
ImportOutcome import_students(const Context& context, const ImportInput& input);

struct AddStudentOutcome {
    enum class Kind { joined, invited, already, invalid, not_found } kind = Kind::joined;
    std::vector<std::string> problems;  // invalid: "email", "first_name", "last_name", "student_number", "group"
};
// One student typed in by the coordinator: joined at once when the address has an account (and
// told), else invited to sign up with it; "already" when the address is an active student.
AddStudentOutcome add_student(const Context& context, long long cohort_id, store::NewCohortStudent student);

struct RemoveOutcome {
    enum class Kind { removed, not_found } kind = Kind::removed;
};
// The student leaves the cohort (the row stays, marked removed: history is kept).
RemoveOutcome remove_student(const Context& context, long long cohort_id, long long student_id);

// At sign-up: the cohorts that invited this address now count the new account as their student.
long long join_invited_cohorts(soci::session& session, const std::string& email, long long person_id);

}  // namespace latitudes::service
