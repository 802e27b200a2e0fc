#include "domain/spreadsheet.hpp"

#include "domain/text.hpp"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <stdexcept>

namespace latitudes::domain {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// The five bytes Windows-1252 leaves undefined. Checked here rather than left to the converter:
// glibc refuses them, but other converters (and the WHATWG "windows-1252" label) map them to C1
// controls, and a file holding them is not a Windows-1252 file anyway.
bool is_undefined_in_windows_1252(unsigned char byte) {
    return byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D;
}

// Closes the conversion descriptor whatever happens.
struct Converter {
    iconv_t handle;
    Converter(const char* to, const char* from) : handle(iconv_open(to, from)) {}
    ~Converter() {
        if (handle != reinterpret_cast<iconv_t>(-1)) iconv_close(handle);
    }
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;
};

// We use the C library's converter (glibc's iconv, part of libc: nothing to link) rather than a
// hand-written table of the 27 characters of 0x80..0x9F: one less table to get wrong, and the
// same converter the rest of the system trusts.
std::optional<std::string> windows_1252_to_utf8(std::string_view bytes) {
    Converter converter("UTF-8", "WINDOWS-1252");
    if (converter.handle == reinterpret_cast<iconv_t>(-1))
        throw std::runtime_error("iconv has no WINDOWS-1252 to UTF-8 converter (gconv modules missing?)");
    // Every Windows-1252 byte becomes at most 3 UTF-8 bytes (U+20AC is E2 82 AC), so one call
    // with this buffer converts everything.
    std::string out(bytes.size() * 3, '\0');
    std::string in(bytes);  // iconv wants a char**, not a const one
    char* in_ptr = in.data();
    std::size_t in_left = in.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    if (iconv(converter.handle, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<std::size_t>(-1)) return std::nullopt;
    out.resize(out.size() - out_left);
    return out;
}

// Length of the line end at `i` (2 for CRLF, 1 for a lone CR or LF), 0 when there is none.
std::size_t line_end(std::string_view s, std::size_t i) {
    if (s[i] == '\n') return 1;
    if (s[i] == '\r') return (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
    return 0;
}

// The separator of the first non-blank line, counting only characters outside quotes. A quote
// opens a quoted field only at the start of a field, as in parse_csv; which separator ends a
// field is not known yet, so any candidate does.
char detect_separator(std::string_view s) {
    constexpr std::array<char, 3> candidates{';', ',', '\t'};  // in tie-breaking order
    std::array<int, 3> counts{};
    bool in_quotes = false, field_start = true, blank = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') ++i;
            else if (c == '"') in_quotes = false;
            continue;
        }
        if (const auto end = line_end(s, i)) {
            if (!blank) break;
            i += end - 1;
            field_start = true;
            continue;
        }
        if (c == ' ') continue;
        blank = false;
        if (c == '"' && field_start) {
            in_quotes = true;
            field_start = false;
            continue;
        }
        field_start = false;
        for (std::size_t k = 0; k < candidates.size(); ++k) {
            if (c == candidates[k]) {
                ++counts[k];
                field_start = true;
            }
        }
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k < candidates.size(); ++k)
        if (counts[k] > counts[best]) best = k;
    return candidates[best];
}

void trim_spaces_right(std::string& cell) {
    while (!cell.empty() && cell.back() == ' ') cell.pop_back();
}

bool needs_quotes(std::string_view cell) {
    if (cell.empty()) return false;
    if (cell.front() == ' ' || cell.back() == ' ') return true;
    return cell.find_first_of(";\"\r\n,\t") != std::string_view::npos;
}

}  // namespace

std::optional<std::string> decode_to_utf8(std::string_view bytes, std::string* encoding_out) {
    auto report = [&](std::string_view name) {
        if (encoding_out) *encoding_out = std::string(name);
    };
    if (bytes.starts_with(utf8_bom)) {
        const auto rest = bytes.substr(utf8_bom.size());
        if (!is_valid_utf8(rest)) return std::nullopt;
        report(encoding_utf8_bom);
        return std::string(rest);
    }
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return std::nullopt;
    if (is_valid_utf8(bytes)) {
        report(encoding_utf8);
        return std::string(bytes);
    }
    for (const char c : bytes)
        if (is_undefined_in_windows_1252(static_cast<unsigned char>(c))) return std::nullopt;
    auto text = windows_1252_to_utf8(bytes);
    if (text) report(encoding_windows_1252);
    return text;
}

std::string_view to_string(CsvError error) {
    switch (error) {
        case CsvError::unterminated_quote: return "unterminated_quote";
    }
    return "unknown";
}

CsvParse parse_csv(std::string_view s) {
    CsvParse result;
    CsvTable& table = result.table;
    const char sep = table.separator = detect_separator(s);
    const std::size_t n = s.size();
    std::size_t i = 0;
    int line = 1;
    while (i < n) {
        const int row_line = line;
        std::vector<std::string> row;
        bool quoted = false;  // of the last cell read; tells a blank line from a "" cell
        for (;;) {
            std::size_t j = i;
            while (j < n && s[j] == ' ') ++j;
            std::string cell;
            quoted = j < n && s[j] == '"';
            if (quoted) {
                const int quote_line = line;
                bool closed = false;
                for (i = j + 1; i < n;) {
                    if (s[i] == '"') {
                        if (i + 1 < n && s[i + 1] == '"') {
                            cell += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (const auto end = line_end(s, i)) {
                        cell += '\n';
                        i += end;
                        ++line;
                        continue;
                    }
                    cell += s[i++];
                }
                if (!closed) {
                    result.error = CsvParseError{CsvError::unterminated_quote, quote_line};
                    return result;
                }
                // Text after the closing quote is kept, as spreadsheets do ("ab"cd -> abcd);
                // spaces before the separator are not part of the cell.
                std::string tail;
                while (i < n && s[i] != sep && !line_end(s, i)) tail += s[i++];
                trim_spaces_right(tail);
                cell += tail;
            } else {
                for (i = j; i < n && s[i] != sep && !line_end(s, i);) cell += s[i++];
                trim_spaces_right(cell);
            }
            row.push_back(std::move(cell));
            if (i < n && s[i] == sep) {
                ++i;
                continue;
            }
            if (i < n) {
                i += line_end(s, i);
                ++line;
            }
            break;
        }
        const bool blank = row.size() == 1 && !quoted && row.front().empty();
        if (blank) continue;
        table.rows.push_back(std::move(row));
        table.line_of_row.push_back(row_line);
    }
    return result;
}

// OWASP "CSV Injection": a spreadsheet opening the export runs a cell that begins with = + - @
// as a formula (=HYPERLINK to exfiltrate data, DDE commands on old Excel), and tab or CR can be
// swallowed in front of one. Exported cells hold what users typed (names, titles, comments), so
// such cells get a leading apostrophe, which makes Excel and LibreOffice treat them as text.
// The price is a visible apostrophe on harmless cells such as "-5" or "+33 6...": acceptable in
// an export meant for reading, not for re-computation.
std::string neutralise_formula(std::string_view cell) {
    if (!cell.empty()) {
        switch (cell.front()) {
            case '=':
            case '+':
            case '-':
            case '@':
            case '\t':
            case '\r': return "'" + std::string(cell);
            default: break;
        }
    }
    return std::string(cell);
}

std::string write_csv(const std::vector<std::vector<std::string>>& rows) {
    std::string out(utf8_bom);
    for (const auto& row : rows) {
        if (row.size() == 1 && row.front().empty()) out += "\"\"";
        for (std::size_t k = 0; k < row.size(); ++k) {
            if (k > 0) out += ';';
            const std::string cell = neutralise_formula(row[k]);
            if (!needs_quotes(cell)) {
                out += cell;
                continue;
            }
            out += '"';
            for (const char c : cell) {
                if (c == '"') out += '"';
                out += c;
            }
            out += '"';
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace latitudes::domain
