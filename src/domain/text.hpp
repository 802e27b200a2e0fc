#pragma once
// Text rules shared by search, slugs and input checks. Pure functions, UTF-8 in and out.
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

// Lower-cases and removes diacritics from Latin letters ("Éducation" -> "education",
// "œuvre" -> "oeuvre"); other characters are kept as they are.
std::string fold(std::string_view text);

// Words for full-text search: folded, split on anything that is not a letter or digit,
// and reduced to a singular-like stem so that French and English plurals match
// ("associations" -> "association", "sociaux" -> "social", "jeux" -> "jeu").
std::vector<std::string> search_terms(std::string_view text);
std::string stem(std::string word);

// The indexed form stored with a project: " term1 term2 ..." (each term preceded by a space).
std::string search_index(std::string_view text);

// "Accès à l'éducation !" -> "acces-a-l-education".
std::string slugify(std::string_view text);

// `text` with & < > " ' escaped for HTML text and attribute values.
std::string html_escape(std::string_view text);

// The number of characters (code points) of UTF-8 text: "é" is one, as a person counts.
std::size_t characters(std::string_view text);
// `value` without surrounding spaces, tabs and line breaks (a trailing line break typed with
// Alt+Enter in a spreadsheet, spaces inside quotes: never meant to be part of a name).
std::string trimmed(std::string_view value);
// True when `text` is empty or only spaces, tabs and line breaks.
bool is_blank(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

// True when `text` holds a control character that no field may store: any C0 control but tab,
// DEL, or a C1 control (U+0080 to U+009F); CR and LF only where `multi_line`. A NUL cuts C
// strings short, and a line break in a single-line value reaches e-mails as a fake header line.
bool has_control_character(std::string_view text, bool multi_line);

// True for the names of the fields that hold several lines (a textarea on the pages, the same
// key in the JSON API): messages, comments, reasons, descriptions, a need's and a sheet's texts.
// Every other field is a single line.
bool is_multi_line_field(std::string_view name);

}  // namespace latitudes::domain
