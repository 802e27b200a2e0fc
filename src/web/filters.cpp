#include "web/filters.hpp"

#include "domain/text.hpp"

#include <algorithm>
#include <charconv>

namespace latitudes::web {

namespace {
std::optional<long long> to_int(const std::string& text) {
    long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}
}  // namespace

std::variant<store::ProjectFilter, FilterError> parse_project_filter(const Request& request,
                                                                    const std::vector<store::Skill>& skills,
                                                                    const std::string& cursor_param,
                                                                    bool allow_limit) {
    store::ProjectFilter filter;
    filter.q = request.param("q");
    if (filter.q.size() > max_query_length || !domain::is_valid_utf8(filter.q)) return FilterError{"q", filter.q};

    if (auto v = request.param("sdg"); !v.empty()) {
        auto id = to_int(v);
        if (!id || !domain::is_valid_sdg(static_cast<int>(*id))) return FilterError{"sdg", v};
        filter.sdg = static_cast<int>(*id);
    }
    if (auto v = request.param("skill"); !v.empty()) {
        if (std::none_of(skills.begin(), skills.end(), [&](const store::Skill& s) { return s.slug == v; }))
            return FilterError{"skill", v};
        filter.skill = v;
    }
    if (auto v = request.param("level"); !v.empty()) {
        filter.level = domain::parse_level(v);
        if (!filter.level) return FilterError{"level", v};
    }
    if (auto v = request.param("format"); !v.empty()) {
        filter.format = domain::parse_format(v);
        if (!filter.format) return FilterError{"format", v};
    }
    if (auto v = request.param("status"); !v.empty()) {
        filter.status = domain::parse_status(v);
        if (!filter.status || !domain::is_public(*filter.status)) return FilterError{"status", v};
    }
    if (auto v = request.param(cursor_param); !v.empty()) {
        auto id = to_int(v);
        if (!id || *id <= 0) return FilterError{cursor_param, v};
        filter.after = *id;
    }
    if (allow_limit) {
        if (auto v = request.param("limit"); !v.empty()) {
            auto n = to_int(v);
            if (!n || *n < 1 || *n > 100) return FilterError{"limit", v};
            filter.limit = static_cast<int>(*n);
        }
    }
    return filter;
}

}  // namespace latitudes::web
