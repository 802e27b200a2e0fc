#pragma once
// Message catalogues (i18n/fr.json, i18n/en.json) and the choice of a visitor's language.
// French is the default and the reference: every key must exist in every catalogue.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

enum class Lang { fr, en };
inline constexpr std::array all_langs{Lang::fr, Lang::en};

std::string_view to_string(Lang lang);

// The one of two values written per language (reference data has name_fr and name_en columns).
template <typename T>
const T& localized(Lang lang, const T& fr, const T& en) {
    return lang == Lang::fr ? fr : en;
}
std::optional<Lang> parse_lang(std::string_view code);  // "fr", "en", "en-GB", "FR"...

// Picks the language: an explicit ?lang= first, then the cookie, then Accept-Language
// (highest q-value among the supported ones), else French.
Lang negotiate_lang(std::string_view query_lang, std::string_view cookie_lang, std::string_view accept_language);

class Catalogue {
public:
    // Loads one language from a flat JSON object {"key": "text"}; throws std::runtime_error.
    void load(Lang lang, std::string_view json_text);
    // The text for a key; throws std::out_of_range naming the key when it is missing.
    const std::string& get(Lang lang, std::string_view key) const;
    bool has(Lang lang, std::string_view key) const;
    // Keys present in one language and missing in another, as "en: key" lines (empty when complete).
    std::vector<std::string> missing_keys() const;
    const std::map<std::string, std::string, std::less<>>& entries(Lang lang) const;

private:
    std::array<std::map<std::string, std::string, std::less<>>, all_langs.size()> messages_;
};

}  // namespace latitudes::domain
