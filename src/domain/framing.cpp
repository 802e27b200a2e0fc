#include "domain/framing.hpp"

#include "domain/credentials.hpp"
#include "domain/text.hpp"

#include <algorithm>
#include <charconv>

namespace latitudes::domain {

namespace {

int whole(const std::string& text, int low, int high) {
    if (text.empty() || text.size() > 3) return 0;
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) return 0;
    return value;
}

std::string get(const std::map<std::string, std::string>& map, std::string_view key) {
    const auto it = map.find(std::string(key));
    return it == map.end() ? std::string() : it->second;
}

DetailsInput details_input(const FramingSheet& sheet) {
    const auto& d = sheet.details;
    return {get(d, "place"),     get(d, "remote"),   get(d, "hours_per_week"), get(d, "compensation"), get(d, "partner"),
            get(d, "frequency"), get(d, "sessions"), get(d, "seeking"),        get(d, "capacity"),     get(d, "deadline")};
}

bool any_detail(const FramingSheet& sheet) {
    return std::any_of(sheet.details.begin(), sheet.details.end(), [](const auto& kv) { return !is_blank(kv.second); });
}

// Skill problems: unknown or repeated skill, level outside 1..3.
void check_skills(const FramingSheet& sheet, const std::set<std::string>& slugs, std::vector<std::string>& problems) {
    std::set<std::string> seen;
    bool bad_skill = false, bad_level = false;
    for (const auto& [slug, level] : sheet.skills) {
        if (!slugs.count(slug) || !seen.insert(slug).second) bad_skill = true;
        if (level != "1" && level != "2" && level != "3") bad_level = true;
    }
    if (bad_skill) problems.push_back("skill");
    if (bad_level) problems.push_back("skill_level");
}

}  // namespace

nlohmann::json to_json(const FramingSheet& sheet) {
    nlohmann::json out = nlohmann::json::object();
    for (auto field : framing_text_fields) out[std::string(field)] = get(sheet.text, field);
    out["team_min"] = sheet.team_min;
    out["team_max"] = sheet.team_max;
    out["semester"] = sheet.semester;
    out["starts_on"] = sheet.starts_on;
    out["ends_on"] = sheet.ends_on;
    out["sdgs"] = sheet.sdgs;
    nlohmann::json skills = nlohmann::json::array();
    for (const auto& [slug, level] : sheet.skills) skills.push_back({{"skill", slug}, {"level", level}});
    out["skills"] = skills;
    nlohmann::json details = nlohmann::json::object();
    for (auto field : framing_detail_fields) details[std::string(field)] = get(sheet.details, field);
    out["details"] = details;
    return out;
}

FramingSheet sheet_from_json(const nlohmann::json& json) {
    FramingSheet sheet;
    if (!json.is_object()) return sheet;
    auto text = [](const nlohmann::json& object, std::string_view key) {
        const auto it = object.find(std::string(key));
        return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    for (auto field : framing_text_fields) sheet.text[std::string(field)] = text(json, field);
    sheet.team_min = text(json, "team_min");
    sheet.team_max = text(json, "team_max");
    sheet.semester = text(json, "semester");
    sheet.starts_on = text(json, "starts_on");
    sheet.ends_on = text(json, "ends_on");
    if (auto it = json.find("sdgs"); it != json.end() && it->is_array())
        for (const auto& item : *it)
            if (item.is_string()) sheet.sdgs.push_back(item.get<std::string>());
    if (auto it = json.find("skills"); it != json.end() && it->is_array())
        for (const auto& item : *it)
            if (item.is_object()) sheet.skills.emplace_back(text(item, "skill"), text(item, "level"));
    if (auto it = json.find("details"); it != json.end() && it->is_object())
        for (auto field : framing_detail_fields) sheet.details[std::string(field)] = text(*it, field);
    return sheet;
}

std::vector<std::string> check_framing(const FramingSheet& sheet, Format format, const std::set<std::string>& skill_slugs) {
    std::vector<std::string> problems;
    bool utf8 = is_valid_utf8(sheet.team_min) && is_valid_utf8(sheet.team_max) && is_valid_utf8(sheet.semester) &&
                is_valid_utf8(sheet.starts_on) && is_valid_utf8(sheet.ends_on);
    for (const auto& sdg : sheet.sdgs) utf8 = utf8 && is_valid_utf8(sdg);
    for (const auto& [k, v] : sheet.text) utf8 = utf8 && is_valid_utf8(v);
    for (const auto& [k, v] : sheet.details) utf8 = utf8 && is_valid_utf8(v);
    for (const auto& [slug, level] : sheet.skills) utf8 = utf8 && is_valid_utf8(slug) && is_valid_utf8(level);
    if (!utf8) return {"encoding"};
    for (auto field : framing_text_fields)
        if (characters(get(sheet.text, field)) > max_framing_text) problems.push_back("too_long:" + std::string(field));
    if (!sheet.team_min.empty() || !sheet.team_max.empty())
        if (team_size(sheet).first == 0) problems.push_back("team_size");
    const bool starts_ok = sheet.starts_on.empty() || is_valid_date(sheet.starts_on);
    const bool ends_ok = sheet.ends_on.empty() || is_valid_date(sheet.ends_on);
    if (!starts_ok) problems.push_back("starts_on");
    if (!ends_ok) problems.push_back("ends_on");
    if (starts_ok && ends_ok && !sheet.starts_on.empty() && !sheet.ends_on.empty() && sheet.ends_on < sheet.starts_on)
        problems.push_back("dates_order");
    if (std::any_of(sheet.sdgs.begin(), sheet.sdgs.end(), [](const std::string& sdg) { return whole(sdg, 1, sdg_count) == 0; }))
        problems.push_back("sdg");
    check_skills(sheet, skill_slugs, problems);
    // A draft may leave details out; what it gives must be right (a missing value is for
    // missing_for_ready to report).
    if (detail_fields(format).applications && any_detail(sheet))
        for (auto problem : check_details(format, details_input(sheet)).problems) {
            const std::string name(to_string(problem));
            if (!is_blank(get(sheet.details, name))) problems.push_back("detail:" + name);
        }
    return problems;
}

std::vector<std::string> missing_for_ready(const FramingSheet& sheet, Format format, const std::set<std::string>& skill_slugs) {
    std::vector<std::string> missing;
    for (auto field : {"statement", "users", "scope", "deliverables"})
        if (is_blank(get(sheet.text, field))) missing.emplace_back(field);
    // A semester project needs its team size; other formats count places (details' capacity).
    if (format == Format::student_project && team_size(sheet).first == 0) missing.emplace_back("team_size");
    // The campaigns of a semester offer its projects: a semester project must say which one.
    if (format == Format::student_project && is_blank(sheet.semester)) missing.emplace_back("semester");
    if (sheet.skills.empty()) missing.emplace_back("skills");
    std::vector<std::string> skill_problems;
    check_skills(sheet, skill_slugs, skill_problems);
    missing.insert(missing.end(), skill_problems.begin(), skill_problems.end());
    if (detail_fields(format).applications)
        for (auto problem : check_details(format, details_input(sheet)).problems)
            missing.push_back("detail:" + std::string(to_string(problem)));
    return missing;
}

std::vector<std::string> changed_fields(const FramingSheet& before, const FramingSheet& after) {
    std::vector<std::string> changed;
    for (auto field : framing_text_fields)
        if (get(before.text, field) != get(after.text, field)) changed.emplace_back(field);
    if (before.team_min != after.team_min || before.team_max != after.team_max) changed.emplace_back("team_size");
    if (before.semester != after.semester) changed.emplace_back("semester");
    if (before.starts_on != after.starts_on || before.ends_on != after.ends_on) changed.emplace_back("dates");
    if (sheet_sdgs(before) != sheet_sdgs(after)) changed.emplace_back("sdgs");
    if (before.skills != after.skills) changed.emplace_back("skills");
    for (auto field : framing_detail_fields)
        if (get(before.details, field) != get(after.details, field)) changed.emplace_back(field);
    return changed;
}

std::pair<int, int> team_size(const FramingSheet& sheet) {
    const int min = whole(sheet.team_min, 1, 50), max = whole(sheet.team_max, 1, 50);
    if (min == 0 || max == 0 || min > max) return {0, 0};
    return {min, max};
}

std::vector<int> sheet_sdgs(const FramingSheet& sheet) {
    std::set<int> sdgs;
    for (const auto& text : sheet.sdgs)
        if (const int sdg = whole(text, 1, sdg_count)) sdgs.insert(sdg);
    return {sdgs.begin(), sdgs.end()};
}

CheckedNeed check_need(const NeedInput& need, bool submitting) {
    CheckedNeed out;
    bool utf8 = is_valid_utf8(need.title) && is_valid_utf8(need.summary) && is_valid_utf8(need.format) &&
                is_valid_utf8(need.contact_name) && is_valid_utf8(need.contact_email);
    for (const auto& [k, v] : need.text) utf8 = utf8 && is_valid_utf8(v);
    for (const auto& sdg : need.sdgs) utf8 = utf8 && is_valid_utf8(sdg);
    if (!utf8) {
        out.problems.push_back("encoding");
        return out;
    }
    auto& p = out.problems;
    if (is_blank(need.title) || characters(need.title) > 120 || slugify(need.title).size() < 2) p.push_back("title");
    if (characters(need.summary) > 300 || (submitting && is_blank(need.summary))) p.push_back("summary");
    if (!parse_format(need.format)) p.push_back("format");
    for (auto field : need_text_fields) {
        const std::string value = get(need.text, field);
        if (characters(value) > max_need_text) p.push_back("too_long:" + std::string(field));
        else if (submitting && is_blank(value) && (field == "problem" || field == "beneficiaries" || field == "hopes"))
            p.push_back("required:" + std::string(field));
    }
    if (characters(need.contact_name) > 100 || (submitting && is_blank(need.contact_name))) p.push_back("contact_name");
    const std::string email = normalise_email(need.contact_email);
    if ((!email.empty() || submitting) && !is_valid_email(email)) p.push_back("contact_email");
    std::set<int> sdgs;
    for (const auto& text : need.sdgs) {
        const int sdg = whole(text, 1, sdg_count);
        if (sdg == 0) {
            if (std::find(p.begin(), p.end(), "sdg") == p.end()) p.push_back("sdg");
        } else {
            sdgs.insert(sdg);
        }
    }
    out.sdgs.assign(sdgs.begin(), sdgs.end());
    return out;
}

}  // namespace latitudes::domain
