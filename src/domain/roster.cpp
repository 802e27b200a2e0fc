#include "domain/roster.hpp"

#include "domain/credentials.hpp"
#include "domain/text.hpp"

#include <array>
#include <utility>

namespace latitudes::domain {

namespace {

// Headers as roster_column compares them: folded (no case, no accents), then only letters and
// digits kept, so that "E-mail", "e mail" and "EMAIL" meet, and so do "N° étudiant" and
// "n etudiant" or "Numéro d’étudiant" and "numero d'etudiant".
std::string header_key(std::string_view header) {
    std::string key;
    for (const char c : fold(header))
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
    return key;
}

// The names seen in French and English university exports (Apogée, Moodle, ADE, Google Forms,
// hand-made sheets), in header_key form.
constexpr std::array<std::pair<std::string_view, RosterColumn>, 30> known_headers{{
    {"email", RosterColumn::email},
    {"mail", RosterColumn::email},
    {"courriel", RosterColumn::email},
    {"adresseemail", RosterColumn::email},
    {"adressemail", RosterColumn::email},
    {"adressecourriel", RosterColumn::email},
    {"adresseelectronique", RosterColumn::email},
    {"emailaddress", RosterColumn::email},
    {"prenom", RosterColumn::first_name},
    {"firstname", RosterColumn::first_name},
    {"givenname", RosterColumn::first_name},
    {"nom", RosterColumn::last_name},
    {"nomdefamille", RosterColumn::last_name},
    {"nomdusage", RosterColumn::last_name},
    {"lastname", RosterColumn::last_name},
    {"surname", RosterColumn::last_name},
    {"familyname", RosterColumn::last_name},
    {"numeroetudiant", RosterColumn::student_number},
    {"numerodetudiant", RosterColumn::student_number},
    {"netudiant", RosterColumn::student_number},   // "N° étudiant": the ° is dropped
    {"noetudiant", RosterColumn::student_number},  // "No étudiant", typed without a °
    {"numetudiant", RosterColumn::student_number},
    {"studentnumber", RosterColumn::student_number},
    {"studentid", RosterColumn::student_number},
    {"matricule", RosterColumn::student_number},
    {"groupe", RosterColumn::group},
    {"group", RosterColumn::group},
    {"groupetd", RosterColumn::group},
    {"td", RosterColumn::group},
    {"classe", RosterColumn::group},
}};

RosterProblem problem(std::string code, int line = 0, std::string detail = {}) {
    return RosterProblem{std::move(code), line, std::move(detail)};
}

}  // namespace

std::string_view to_string(RosterColumn column) {
    switch (column) {
        case RosterColumn::email: return "email";
        case RosterColumn::first_name: return "first_name";
        case RosterColumn::last_name: return "last_name";
        case RosterColumn::student_number: return "student_number";
        case RosterColumn::group: return "group";
    }
    return "unknown";
}

std::optional<RosterColumn> roster_column(std::string_view header) {
    const std::string key = header_key(header);
    for (const auto& [name, column] : known_headers)
        if (key == name) return column;
    return std::nullopt;
}

RosterPreview read_roster(std::string_view bytes, const std::set<std::string>& already_in_cohort) {
    RosterPreview preview;
    std::string encoding;
    const auto text = decode_to_utf8(bytes, &encoding);
    if (!text) {
        preview.file_problems.push_back(problem("encoding"));
        return preview;
    }
    preview.encoding = encoding;

    const CsvParse parsed = parse_csv(*text);
    if (!parsed.ok()) {
        preview.file_problems.push_back(problem(std::string(to_string(parsed.error->code)), parsed.error->line));
        return preview;
    }
    const CsvTable& table = parsed.table;
    preview.separator = table.separator;
    if (table.rows.empty()) {
        preview.file_problems.push_back(problem("empty"));
        return preview;
    }

    // ---- The header: which cell index holds which column.
    const auto& header = table.rows.front();
    std::vector<std::optional<RosterColumn>> column_at(header.size());
    for (std::size_t k = 0; k < header.size(); ++k) {
        const std::string name = trimmed(header[k]);
        if (name.empty()) continue;  // an unnamed column (a trailing ';'): nothing to say
        const auto column = roster_column(name);
        if (!column) {
            preview.warnings.push_back(problem("unknown_column", 0, name));
        } else if (preview.columns.contains(*column)) {
            preview.file_problems.push_back(problem("duplicate_column", 0, name));
        } else {
            preview.columns.emplace(*column, name);
            column_at[k] = column;
        }
    }
    if (!preview.columns.contains(RosterColumn::email)) preview.file_problems.push_back(problem("no_email_column"));
    if (!preview.ok()) return preview;

    // ---- Data rows: blank ones skipped, then bounded before any work is done on them.
    auto cell = [&](const std::vector<std::string>& row, std::size_t k) -> std::string_view {
        return k < row.size() ? std::string_view(row[k]) : std::string_view();
    };
    std::vector<std::size_t> data;
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        bool blank = true;
        for (std::size_t k = 0; k < header.size() && blank; ++k) blank = is_blank(cell(table.rows[r], k));
        if (!blank) data.push_back(r);
    }
    if (data.empty()) {
        preview.file_problems.push_back(problem("empty"));
        return preview;
    }
    if (data.size() > max_roster_rows) {
        preview.file_problems.push_back(problem("too_many_rows"));
        return preview;
    }

    std::map<std::string, int> first_line_of;  // normalised e-mail -> line of its first row
    for (const std::size_t r : data) {
        const auto& cells = table.rows[r];
        RosterRow row;
        row.line = table.line_of_row[r];
        std::string raw_email;
        const std::string* control = nullptr;  // header of the first cell with a problem
        const std::string* too_long = nullptr;
        for (std::size_t k = 0; k < header.size(); ++k) {
            if (!column_at[k]) continue;
            std::string value = trimmed(cell(cells, k));
            const std::string& name = preview.columns.at(*column_at[k]);
            if (!control && has_control_character(value, false)) control = &name;
            if (!too_long && characters(value) > max_roster_cell) too_long = &name;
            switch (*column_at[k]) {
                case RosterColumn::email: raw_email = std::move(value); break;
                case RosterColumn::first_name: row.first_name = std::move(value); break;
                case RosterColumn::last_name: row.last_name = std::move(value); break;
                case RosterColumn::student_number: row.student_number = std::move(value); break;
                case RosterColumn::group: row.group = std::move(value); break;
            }
        }
        row.email = normalise_email(raw_email);
        const bool valid = !row.email.empty() && is_valid_email(row.email);
        if (row.email.empty()) row.problems.push_back(problem("email_missing"));
        else if (!valid) row.problems.push_back(problem("email_invalid"));
        if (control) row.problems.push_back(problem("control_character", 0, *control));
        if (too_long) row.problems.push_back(problem("too_long", 0, *too_long));
        if (valid) {
            const auto [first, inserted] = first_line_of.emplace(row.email, row.line);
            if (!inserted) row.problems.push_back(problem("duplicate_in_file", first->second));
            if (already_in_cohort.contains(row.email)) row.problems.push_back(problem("already_in_cohort"));
        }
        ++(row.accepted() ? preview.accepted : preview.refused);
        preview.rows.push_back(std::move(row));
    }
    return preview;
}

}  // namespace latitudes::domain
