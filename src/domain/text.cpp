#include "domain/text.hpp"

#include "domain/framing.hpp"

#include <cstdint>

namespace latitudes::domain {

namespace {

// Folding of U+00C0..U+017F (Latin-1 Supplement and Latin Extended-A) to ASCII.
// Index = code point - 0xC0. Empty entries keep the original character.
// clang-format off
constexpr const char* latin_fold[] = {
    // C0-CF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // D0-DF
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
    // E0-EF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // F0-FF
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y",
    // 100-10F
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    // 110-11F
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    // 120-12F
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    // 130-13F
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    // 140-14F
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    // 150-15F
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    // 160-16F
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    // 170-17F
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};
// clang-format on

// Decodes one UTF-8 sequence at `i`; returns its length (0 when malformed).
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) { return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF && cont(1)) {
        cp = ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
        return 2;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF && cont(1) && cont(2)) {
        cp = ((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4 && cont(1) && cont(2) && cont(3)) {
        cp = ((b0 & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
             ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
        if (cp < 0x10000 || cp > 0x10FFFF) return 0;
        return 4;
    }
    return 0;
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80); }

}  // namespace

bool is_valid_utf8(std::string_view text) {
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto n = decode(text, i, cp);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string fold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto n = decode(text, i, cp);
        if (n == 0) {  // malformed byte: drop it, never propagate broken UTF-8
            ++i;
            continue;
        }
        if (cp < 0x80) {
            out += (cp >= 'A' && cp <= 'Z') ? static_cast<char>(cp + 32) : static_cast<char>(cp);
        } else if (cp >= 0xC0 && cp <= 0x17F && latin_fold[cp - 0xC0]) {
            out += latin_fold[cp - 0xC0];
        } else if (cp == 0x2019 || cp == 0x2018) {
            out += '\'';  // typographic apostrophes
        } else {
            out.append(text.substr(i, n));
        }
        i += n;
    }
    return out;
}

std::string stem(std::string word) {
    // Deliberately light: enough for plurals, never so aggressive that unrelated words meet.
    if (word.size() > 4 && ends_with(word, "aux")) {  // sociaux -> social, journaux -> journal
        word.replace(word.size() - 3, 3, "al");
    } else if (word.size() > 3 && ends_with(word, "eux")) {  // jeux -> jeu, lieux -> lieu
        word.pop_back();
    } else if (word.size() > 3 && ends_with(word, "ies")) {  // communities -> community, technologies
        word.replace(word.size() - 3, 3, "y");
    } else if (word.size() > 3 && ends_with(word, "ie")) {  // technologie -> technology: French meets English
        word.replace(word.size() - 2, 2, "y");
    } else if (word.size() > 3 && word.back() == 's' && !ends_with(word, "ss") && !ends_with(word, "us") &&
               !ends_with(word, "is")) {  // associations -> association
        word.pop_back();
    }
    return word;
}

std::vector<std::string> search_terms(std::string_view text) {
    std::vector<std::string> terms;
    const std::string folded = fold(text);
    std::string word;
    for (std::size_t i = 0; i <= folded.size(); ++i) {
        if (i < folded.size() && is_word_char(folded[i])) {
            word += folded[i];
        } else if (!word.empty()) {
            terms.push_back(stem(std::move(word)));
            word.clear();
        }
    }
    return terms;
}

std::string search_index(std::string_view text) {
    std::string index;
    for (const auto& term : search_terms(text)) {
        index += ' ';
        index += term;
    }
    return index;
}

std::string slugify(std::string_view text) {
    std::string slug;
    for (char c : fold(text)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            slug += c;
        } else if (!slug.empty() && slug.back() != '-') {
            slug += '-';
        }
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::size_t characters(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

std::string trimmed(std::string_view value) {
    constexpr std::string_view space = " \t\r\n";
    const auto first = value.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    const auto last = value.find_last_not_of(space);
    return std::string(value.substr(first, last - first + 1));
}

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool has_control_character(std::string_view text, bool multi_line) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\t') continue;
        if (c == '\n' || c == '\r') {
            if (!multi_line) return true;
            continue;
        }
        if (c < 0x20 || c == 0x7f) return true;
        // C1 controls are U+0080..U+009F, encoded C2 80..C2 9F.
        if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80)
            return true;
    }
    return false;
}

bool is_multi_line_field(std::string_view name) {
    static constexpr std::string_view own[] = {"bio", "body", "comment", "description", "message", "reason",
                                               // the end of a project (domain/evaluation.hpp)
                                               "delivery_note", "project_comment", "programme_comment", "availability_comment",
                                               "assessment_comment"};
    for (auto field : own)
        if (name == field) return true;
    for (auto field : need_text_fields)
        if (name == field) return true;
    for (auto field : framing_text_fields)
        if (name == field) return true;
    // A free-text answer of the awareness survey (web/handlers/surveys.hpp names them so).
    return name.starts_with("survey_text_");
}

}  // namespace latitudes::domain
