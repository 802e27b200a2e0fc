#include "web/handlers/application_views.hpp"

#include "web/page.hpp"

namespace latitudes::web::handlers {

using domain::Lang;
using nlohmann::json;

json lines_of(const std::string& text) {
    json lines = json::array();
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back({{"line", line}, {"last", end == text.size()}});
        start = end + 1;
    }
    return lines;
}

json shared_items(const Site& site, Lang lang, const json& shared) {
    json items = json::array();
    if (!shared.is_object()) return items;
    auto add = [&](std::string_view part, const std::string& label_key, const std::string& value) {
        if (!value.empty()) items.push_back({{"part", part}, {"label", message(site, lang, label_key)}, {"value", value}});
    };
    if (auto it = shared.find("skills"); it != shared.end() && it->is_array()) {
        std::string text;
        for (const auto& item : *it) {
            if (!item.is_object() || !item.contains("skill") || !item["skill"].is_string()) continue;
            const std::string slug = item["skill"].get<std::string>();
            std::string name = slug;
            for (const auto& skill : site.skills)
                if (skill.slug == slug) name = domain::localized(lang, skill.name_fr, skill.name_en);
            const int level = item.value("level", 0);
            text += (text.empty() ? "" : ", ") + name;
            if (level >= 1 && level <= 3) text += " (" + message(site, lang, "skill_level." + std::to_string(level)) + ")";
        }
        add("skills", "apply.share.skills", text);
    }
    if (auto it = shared.find("causes"); it != shared.end() && it->is_array()) {
        std::string text;
        for (const auto& id : *it) {
            if (!id.is_number_integer() || !domain::is_valid_sdg(id.get<int>())) continue;
            const auto index = static_cast<std::size_t>(id.get<int>() - 1);
            if (index >= site.sdgs.size()) continue;
            const auto& sdg = site.sdgs[index];
            text += (text.empty() ? "" : ", ") + std::to_string(sdg.id) + ". " +
                    domain::localized(lang, sdg.name_fr, sdg.name_en);
        }
        add("causes", "apply.share.causes", text);
    }
    if (auto it = shared.find("availability"); it != shared.end() && it->is_object()) {
        std::string text = it->value("text", std::string());
        if (auto hours = it->find("hours_per_week"); hours != it->end() && hours->is_number_integer())
            text += (text.empty() ? "" : " · ") +
                    message(site, lang, "opportunity.hours_value", {{"n", std::to_string(hours->get<int>())}});
        add("availability", "apply.share.availability", text);
    }
    std::string school_text;
    if (auto it = shared.find("school"); it != shared.end() && it->is_object()) {
        school_text = it->value("name", std::string());
        if (auto year = it->find("study_year"); year != it->end() && year->is_number_integer())
            school_text += " · " + message(site, lang, "apply.study_year", {{"n", std::to_string(year->get<int>())}});
    }
    if (auto it = shared.find("employer"); it != shared.end() && it->is_string())
        school_text += (school_text.empty() ? "" : " · ") + it->get<std::string>();
    add("school", "apply.share.school", school_text);
    return items;
}

json shared_items(const Site& site, Lang lang, const std::string& shared_text) {
    return shared_items(site, lang, json::parse(shared_text, nullptr, false));
}

json detail_rows(const Site& site, Lang lang, domain::Format format, const domain::OpportunityDetails& d, long long accepted) {
    const auto fields = domain::detail_fields(format);
    json rows = json::array();
    auto row = [&](const std::string& key, const std::string& value) {
        rows.push_back({{"key", key}, {"label", message(site, lang, "opportunity." + key)}, {"value", value}});
    };
    if (d.remote && !d.place.empty()) row("place", message(site, lang, "opportunity.place_or_remote", {{"place", d.place}}));
    else if (d.remote) row("place", message(site, lang, "opportunity.remote"));
    else if (!d.place.empty()) row("place", d.place);
    if (fields.hours_per_week && d.hours_per_week > 0)
        row("hours_per_week", message(site, lang, "opportunity.hours_value", {{"n", std::to_string(d.hours_per_week)}}));
    if (fields.compensation && d.compensation > 0)
        row("compensation", message(site, lang, "opportunity.compensation_value", {{"n", std::to_string(d.compensation)}}));
    if (fields.partner && !d.partner.empty()) row(format == domain::Format::research_topic ? "partners" : "partner", d.partner);
    if (fields.frequency && !d.frequency.empty()) row("frequency", message(site, lang, "opportunity.frequency." + d.frequency));
    if (fields.sessions && d.sessions > 0)
        row("sessions", message(site, lang, "opportunity.sessions_value", {{"n", std::to_string(d.sessions)}}));
    if (fields.seeking && !d.seeking.empty()) row("seeking", message(site, lang, "opportunity.seeking." + d.seeking));
    row("capacity", message(site, lang, "opportunity.capacity_value",
                            {{"capacity", std::to_string(d.capacity)}, {"accepted", std::to_string(accepted)}}));
    if (!d.deadline.empty()) row("deadline", d.deadline);
    return rows;
}

}  // namespace latitudes::web::handlers
