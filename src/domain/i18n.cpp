#include "domain/i18n.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <stdexcept>

namespace latitudes::domain {

std::string_view to_string(Lang lang) { return lang == Lang::en ? "en" : "fr"; }

std::optional<Lang> parse_lang(std::string_view code) {
    if (code.size() < 2) return std::nullopt;
    if (code.size() > 2 && code[2] != '-' && code[2] != '_') return std::nullopt;
    const char a = static_cast<char>(std::tolower(static_cast<unsigned char>(code[0])));
    const char b = static_cast<char>(std::tolower(static_cast<unsigned char>(code[1])));
    if (a == 'f' && b == 'r') return Lang::fr;
    if (a == 'e' && b == 'n') return Lang::en;
    return std::nullopt;
}

Lang negotiate_lang(std::string_view query_lang, std::string_view cookie_lang, std::string_view accept_language) {
    if (auto l = parse_lang(query_lang)) return *l;
    if (auto l = parse_lang(cookie_lang)) return *l;
    // Accept-Language: "en-GB,en;q=0.9,fr;q=0.8"
    std::optional<Lang> best;
    double best_q = 0.0;
    std::size_t pos = 0;
    while (pos < accept_language.size()) {
        auto end = accept_language.find(',', pos);
        if (end == std::string_view::npos) end = accept_language.size();
        std::string_view item = accept_language.substr(pos, end - pos);
        pos = end + 1;
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        double q = 1.0;
        if (auto semi = item.find(';'); semi != std::string_view::npos) {
            auto params = item.substr(semi + 1);
            item = item.substr(0, semi);
            if (auto qpos = params.find("q="); qpos != std::string_view::npos) {
                try {
                    q = std::stod(std::string(params.substr(qpos + 2)));
                } catch (const std::exception&) {
                    q = 0.0;
                }
            }
        }
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (auto l = parse_lang(item); l && q > best_q) {
            best = l;
            best_q = q;
        }
    }
    return best.value_or(Lang::fr);
}

void Catalogue::load(Lang lang, std::string_view json_text) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("message catalogue " + std::string(to_string(lang)) + ": " + e.what());
    }
    if (!doc.is_object())
        throw std::runtime_error("message catalogue " + std::string(to_string(lang)) + " must be a JSON object");
    auto& target = messages_[static_cast<std::size_t>(lang)];
    for (auto& [key, value] : doc.items()) {
        if (!value.is_string())
            throw std::runtime_error("message catalogue " + std::string(to_string(lang)) + ": key '" + key +
                                     "' must be a string");
        target[key] = value.get<std::string>();
    }
}

const std::string& Catalogue::get(Lang lang, std::string_view key) const {
    const auto& m = messages_[static_cast<std::size_t>(lang)];
    auto it = m.find(key);
    if (it == m.end())
        throw std::out_of_range("missing message '" + std::string(key) + "' in catalogue " + std::string(to_string(lang)));
    return it->second;
}

bool Catalogue::has(Lang lang, std::string_view key) const {
    const auto& m = messages_[static_cast<std::size_t>(lang)];
    return m.find(key) != m.end();
}

std::vector<std::string> Catalogue::missing_keys() const {
    std::vector<std::string> missing;
    for (Lang a : all_langs)
        for (Lang b : all_langs)
            if (a != b)
                for (const auto& [key, _] : entries(a))
                    if (!has(b, key)) missing.push_back(std::string(to_string(b)) + ": " + key);
    return missing;
}

const std::map<std::string, std::string, std::less<>>& Catalogue::entries(Lang lang) const {
    return messages_[static_cast<std::size_t>(lang)];
}

}  // namespace latitudes::domain
