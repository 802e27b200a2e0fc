#pragma once
// A cohort's student list, as a teacher exports it from the university's information system or
// types it in a spreadsheet: the file is decoded, parsed, its columns recognised by their
// headers, and every row checked, so that the import page can show what will be imported and
// what will not, and why, before anything is written. Pure, no I/O.
//
// Problems are stable codes (the web layer translates them); no message is built here.
#include "domain/spreadsheet.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

// More data rows than this is refused as a whole: the largest cohorts are a few hundred, and a
// bound keeps one upload from becoming a long transaction. The upload size must be bounded
// before this (the whole file is decoded and parsed first).
inline constexpr std::size_t max_roster_rows = 5000;
// Characters (code points) per cell of a recognised column.
inline constexpr std::size_t max_roster_cell = 200;

enum class RosterColumn { email, first_name, last_name, student_number, group };
// Stable codes: "email", "first_name", "last_name", "student_number", "group".
std::string_view to_string(RosterColumn column);

// The column a header names, ignoring case, accents, spaces and punctuation, in French or
// English: "E-mail", "Adresse électronique", "Prénom", "Nom de famille", "N° étudiant",
// "Student ID", "Groupe", "TD"... nullopt for anything else.
std::optional<RosterColumn> roster_column(std::string_view header);

struct RosterProblem {
    std::string code;
    int line = 0;          // the line it refers to, when it names one (see the codes below)
    std::string detail{};  // the header concerned, as written in the file, when there is one
    bool operator==(const RosterProblem&) const = default;
};

// Row problems, at most one of each code per row, in this order:
//   "email_missing"      the e-mail cell is empty
//   "email_invalid"      not an address (domain::is_valid_email after normalise_email)
//   "control_character"  a recognised cell holds a control character or a line break
//                        (domain::has_control_character, single-line); detail: its header
//   "too_long"           a recognised cell has more than max_roster_cell characters; detail: its header
//   "duplicate_in_file"  the e-mail (normalised) is on an earlier row; line: the first such row
//   "already_in_cohort"  the e-mail is already a member of the cohort
// Only the recognised columns are checked: the others are not imported, so a long comment in a
// "Remarques" column must not refuse a student.
struct RosterRow {
    int line = 0;                                              // physical line of the file where the row starts (1-based)
    std::string email;                                         // normalised (trimmed, lower case), even when invalid
    std::string first_name, last_name, student_number, group;  // trimmed
    std::vector<RosterProblem> problems;
    bool accepted() const { return problems.empty(); }
};

// File problems; when there is one, no row is read (rows empty, counts zero):
//   "encoding"            neither UTF-8 nor Windows-1252 (see decode_to_utf8)
//   "unterminated_quote"  line: where the quoted field began
//   "no_email_column"     no header names an e-mail column
//   "duplicate_column"    two headers name the same column; detail: the second, one problem each
//   "empty"               no data row: the file is empty, blank, or holds only the header
//   "too_many_rows"       more than max_roster_rows data rows
// Warnings do not stop the import:
//   "unknown_column"      detail: a header that names no column (its cells are ignored)
struct RosterPreview {
    std::string encoding;                         // as decode_to_utf8 reports it; empty if undecodable
    char separator = 0;                           // 0 if the file could not be parsed
    std::map<RosterColumn, std::string> columns;  // recognised columns -> header as written
    std::vector<RosterProblem> file_problems;
    std::vector<RosterProblem> warnings;
    std::vector<RosterRow> rows;  // in file order, blank rows left out
    std::size_t accepted = 0, refused = 0;
    bool ok() const { return file_problems.empty(); }
};

// Reads an uploaded roster. `already_in_cohort` holds the normalised e-mails of the cohort's
// current members. The header is the first non-blank line; rows whose cells (under the headers)
// are all blank are skipped, cells beyond the last header are ignored, missing ones are empty.
RosterPreview read_roster(std::string_view bytes, const std::set<std::string>& already_in_cohort);

}  // namespace latitudes::domain
