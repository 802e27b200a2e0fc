#include "domain/semester.hpp"

#include "domain/opportunity.hpp"
#include "domain/text.hpp"

#include <array>

namespace latitudes::domain {

namespace {

constexpr std::array<std::string_view, 6> problem_names{"code",      "label_fr", "label_en",
                                                        "starts_on", "ends_on",  "ends_before_start"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_capital(char c) { return c >= 'A' && c <= 'Z'; }

bool is_label(const std::string& text) {
    return is_valid_utf8(text) && !is_blank(text) && characters(text) <= max_semester_label &&
           !has_control_character(text, false);
}

}  // namespace

bool is_valid_semester_code(std::string_view code) {
    if (code.size() < 6 || code.size() > 9 || code[4] != '-') return false;
    for (std::size_t i = 0; i != 4; ++i)
        if (!is_digit(code[i])) return false;
    if (code[0] != '2' || code[1] != '0') return false;  // 2000 to 2099, within the dates' years
    if (!is_capital(code[5])) return false;
    for (std::size_t i = 6; i != code.size(); ++i)
        if (!is_capital(code[i]) && !is_digit(code[i])) return false;
    return true;
}

std::string normalise_semester_code(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    text = text.substr(first, text.find_last_not_of(" \t") - first + 1);
    std::string code(text);
    for (char& c : code)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return code;
}

std::string_view to_string(SemesterProblem problem) { return problem_names.at(static_cast<std::size_t>(problem)); }

std::vector<SemesterProblem> check_semester(const SemesterInput& input, bool check_code) {
    std::vector<SemesterProblem> problems;
    if (check_code && !is_valid_semester_code(input.code)) problems.push_back(SemesterProblem::code);
    if (!is_label(input.label_fr)) problems.push_back(SemesterProblem::label_fr);
    if (!is_label(input.label_en)) problems.push_back(SemesterProblem::label_en);
    const bool starts_ok = is_valid_date(input.starts_on), ends_ok = is_valid_date(input.ends_on);
    if (!starts_ok) problems.push_back(SemesterProblem::starts_on);
    if (!ends_ok) problems.push_back(SemesterProblem::ends_on);
    // YYYY-MM-DD dates compare as text.
    if (starts_ok && ends_ok && input.ends_on <= input.starts_on) problems.push_back(SemesterProblem::ends_before_start);
    return problems;
}

}  // namespace latitudes::domain
