#include "store/project_query.hpp"

#include "domain/text.hpp"
#include "domain/url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace latitudes::store {

namespace {
std::optional<long long> to_int(const std::string& text) {
    long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}
}  // namespace

std::variant<ProjectFilter, FilterError> project_filter_from(const QueryParams& query, const std::vector<Skill>& skills,
                                                             const std::string& cursor_param, bool allow_limit) {
    auto param = [&](const std::string& name) {
        const auto it = query.find(name);
        return it == query.end() ? std::string() : it->second;
    };
    ProjectFilter filter;
    filter.q = param("q");
    if (filter.q.size() > max_query_length || !domain::is_valid_utf8(filter.q)) return FilterError{"q", filter.q};

    if (auto v = param("sdg"); !v.empty()) {
        auto id = to_int(v);
        if (!id || !domain::is_valid_sdg(static_cast<int>(*id))) return FilterError{"sdg", v};
        filter.sdg = static_cast<int>(*id);
    }
    if (auto v = param("skill"); !v.empty()) {
        if (std::none_of(skills.begin(), skills.end(), [&](const Skill& s) { return s.slug == v; }))
            return FilterError{"skill", v};
        filter.skill = v;
    }
    if (auto v = param("level"); !v.empty()) {
        filter.level = domain::parse_level(v);
        if (!filter.level) return FilterError{"level", v};
    }
    if (auto v = param("format"); !v.empty()) {
        filter.format = domain::parse_format(v);
        if (!filter.format) return FilterError{"format", v};
    }
    if (auto v = param("status"); !v.empty()) {
        filter.status = domain::parse_status(v);
        if (!filter.status || !domain::is_public(*filter.status)) return FilterError{"status", v};
    }
    if (auto v = param("sort"); !v.empty() && v != "new") {
        if (v != "closing") return FilterError{"sort", v};
        filter.sort = ProjectSort::closing;
    }
    if (auto v = param(cursor_param); !v.empty()) {
        // "ID.KEY": the id and sort key of the last project seen (keys are dates, instants or a
        // bucket digit followed by a date: letters, digits, '-' and ':'); a bare id is accepted too.
        const auto dot = v.find('.');
        auto id = to_int(v.substr(0, dot));
        if (!id || *id <= 0) return FilterError{cursor_param, v};
        filter.after = *id;
        if (dot != std::string::npos) {
            std::string key = v.substr(dot + 1);
            const bool valid = !key.empty() && key.size() <= 40 && std::all_of(key.begin(), key.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':';
            });
            if (!valid) return FilterError{cursor_param, v};
            filter.after_key = std::move(key);
        }
    }
    if (allow_limit) {
        if (auto v = param("limit"); !v.empty()) {
            auto n = to_int(v);
            if (!n || *n < 1 || *n > 100) return FilterError{"limit", v};
            filter.limit = static_cast<int>(*n);
        }
    }
    return filter;
}

std::variant<ProjectFilter, FilterError> parse_project_query(std::string_view query, const std::vector<Skill>& skills) {
    auto params = domain::parse_query(query);
    // Pagination is not part of a search.
    params.erase("after");
    params.erase("cursor");
    return project_filter_from(params, skills, "after", false);
}

std::string project_query_string(const ProjectFilter& filter) {
    std::string out;
    auto add = [&](const char* name, const std::string& value) {
        if (value.empty()) return;
        out += (out.empty() ? "" : "&") + std::string(name) + "=" + domain::url_encode(value);
    };
    add("q", filter.q);
    add("sdg", filter.sdg ? std::to_string(*filter.sdg) : "");
    add("skill", filter.skill);
    add("level", filter.level ? std::string(domain::to_string(*filter.level)) : "");
    add("format", filter.format ? std::string(domain::to_string(*filter.format)) : "");
    add("status", filter.status ? std::string(domain::to_string(*filter.status)) : "");
    add("sort", filter.sort == ProjectSort::closing ? "closing" : "");
    return out;
}

}  // namespace latitudes::store
