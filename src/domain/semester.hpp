#pragma once
// Semesters as staff write them (the staff pages, service/semesters.hpp): a code that names the
// semester in the API, the CLI and spreadsheets, two labels and the dates it runs. Pure.
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

inline constexpr std::size_t max_semester_label = 80;  // characters

// A semester's code: a year, a hyphen, then a capital letter and at most three
// more capital letters or digits: "2027-S1", "2026-P" (printemps), "2025-A" (automne).
bool is_valid_semester_code(std::string_view code);
// What a person typed, made a code: surrounding spaces removed, ASCII letters in capitals
// ("  2027-s1 " -> "2027-S1"). The result still has to be checked.
std::string normalise_semester_code(std::string_view text);

struct SemesterInput {
    std::string code, label_fr, label_en, starts_on, ends_on;  // dates YYYY-MM-DD
};

// Stable names (message keys admin.semesters.error.<name>, the service's problems).
enum class SemesterProblem { code, label_fr, label_en, starts_on, ends_on, ends_before_start };
std::string_view to_string(SemesterProblem problem);

// Every problem of the input, in enum order (empty: it may be stored). The labels are required
// single lines of at most max_semester_label characters; the dates exist and the semester ends
// strictly after it starts. `check_code` is false when the code is not being changed (an edit).
std::vector<SemesterProblem> check_semester(const SemesterInput& input, bool check_code = true);

}  // namespace latitudes::domain
