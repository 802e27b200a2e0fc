#pragma once
// CSV as French spreadsheet software reads and writes it: LibreOffice Calc and Excel (fr) save
// "CSV" with ';' as separator (',' is the decimal mark), Excel in Windows-1252 without a BOM,
// LibreOffice in UTF-8 often with one. Reading is lenient, because the files come from people;
// writing produces what both programs open correctly with a double click. Pure, no I/O.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

// ---- Encoding --------------------------------------------------------------------------------

// The names decode_to_utf8 reports, stable (logged, and shown to staff in an import preview).
inline constexpr std::string_view encoding_utf8 = "utf-8";
inline constexpr std::string_view encoding_utf8_bom = "utf-8-bom";
inline constexpr std::string_view encoding_windows_1252 = "windows-1252";

// The file's text as UTF-8: a UTF-8 BOM is removed; text that is valid UTF-8 is kept as it is;
// anything else is read as Windows-1252 (what Excel fr saves), a superset of Latin-1 that every
// byte but five maps to a character. nullopt when the bytes are neither: a BOM followed by
// invalid UTF-8 (the file says UTF-8 and is damaged), one of the bytes Windows-1252 leaves
// undefined (0x81 0x8D 0x8F 0x90 0x9D), or a UTF-16 file (Excel's "Unicode text", recognised by
// its BOM: reading it as Windows-1252 would give a page of garbage with NULs).
// `encoding_out`, when given, receives one of the names above (left alone on nullopt).
// Throws std::runtime_error only when the C library has no Windows-1252 converter (a system
// without glibc's gconv modules): a deployment fault, not the user's file.
std::optional<std::string> decode_to_utf8(std::string_view bytes, std::string* encoding_out = nullptr);

// ---- Reading ---------------------------------------------------------------------------------

struct CsvTable {
    char separator = ';';
    std::vector<std::vector<std::string>> rows;  // as read: rows may have different lengths
    std::vector<int> line_of_row;                // 1-based physical line where each row starts
};

enum class CsvError {
    unterminated_quote,  // a quoted field runs to the end of the file
};
// Stable codes ("unterminated_quote").
std::string_view to_string(CsvError error);

struct CsvParseError {
    CsvError code;
    int line = 0;  // 1-based physical line where the offending field began
    bool operator==(const CsvParseError&) const = default;
};

struct CsvParse {
    CsvTable table;  // on error: the rows read before the offending one
    std::optional<CsvParseError> error;
    bool ok() const { return !error; }
};

// RFC 4180, with what real files need on top:
// - the separator is the most frequent of ';' ',' and tab on the first non-blank line (outside
//   quotes), ';' winning ties and when there is none (a single-column file);
// - line ends CRLF, LF or a lone CR (old Mac), freely mixed; line numbers count each as one;
// - quoted fields may hold separators, doubled quotes ("") and line breaks; a line break inside
//   a quoted field is returned as "\n" whatever its form in the file;
// - blank lines (empty or only spaces) are skipped, a final line end is optional;
// - unquoted cells are trimmed of surrounding spaces, quoted cells are kept exactly, and spaces
//   around the quotes are ignored;
// - a stray quote inside an unquoted cell, or text after a closing quote, is kept literally,
//   as Excel and LibreOffice do, rather than refusing the whole file.
// `utf8` is not checked: decode it with decode_to_utf8 first.
CsvParse parse_csv(std::string_view utf8);

// ---- Writing ---------------------------------------------------------------------------------

// A CSV export that Excel fr and LibreOffice open with a double click: UTF-8 BOM (without it
// Excel reads UTF-8 as Windows-1252), ';' separator, CRLF after every row. A field is quoted
// when it holds ; " CR LF , or tab, or begins or ends with a space, its quotes doubled; commas
// and tabs are not required by ';' but keep parse_csv's separator detection right on re-import.
// A cell beginning with = + - @ tab or CR gets a leading apostrophe (see spreadsheet.cpp).
// A row with a single empty cell is written as "" so that it is not read back as a blank line.
std::string write_csv(const std::vector<std::vector<std::string>>& rows);

// The cell as write_csv neutralises it (apostrophe added or not), before quoting.
std::string neutralise_formula(std::string_view cell);

}  // namespace latitudes::domain
