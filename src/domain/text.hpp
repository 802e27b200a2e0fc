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

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

}  // namespace latitudes::domain
