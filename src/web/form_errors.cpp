#include "web/form_errors.hpp"

namespace latitudes::web {

void FormErrors::add(const std::string& field, std::string text) { items_.emplace_back(field, std::move(text)); }

std::vector<std::string> FormErrors::texts() const {
    std::vector<std::string> out;
    for (const auto& [field, text] : items_) out.push_back(text);
    return out;
}

nlohmann::json FormErrors::view() const {
    nlohmann::json summary = nlohmann::json::array(), by_field = nlohmann::json::object();
    for (const auto& [field, text] : items_) {
        summary.push_back({{"field", field}, {"text", text}});
        if (field.empty()) continue;
        // Two problems of one field (a password too short and too common) are read together.
        auto& shown = by_field[field];
        shown = shown.is_string() ? shown.get<std::string>() + " " + text : text;
    }
    return {{"has", !items_.empty()}, {"summary", summary}, {"field", by_field}};
}

}  // namespace latitudes::web
