#include "web/router.hpp"

namespace latitudes::web {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (pos < path.size()) {
        auto end = path.find('/', pos);
        if (end == std::string_view::npos) end = path.size();
        if (end > pos) parts.emplace_back(path.substr(pos, end - pos));
        pos = end + 1;
    }
    return parts;
}

Route& Router::add(std::string method, std::string pattern, Handler handler, domain::Action action, bool cacheable) {
    Route route{std::move(method), pattern, split_path(pattern), std::move(handler), action, cacheable, {}};
    return routes_.emplace_back(std::move(route));
}

Router::Match Router::match(Request& request) const {
    Match result;
    const auto parts = split_path(request.path);
    const std::string method = request.method == "HEAD" ? "GET" : request.method;
    for (const auto& route : routes_) {
        if (route.segments.size() != parts.size()) continue;
        std::map<std::string, std::string> params;
        bool ok = true;
        for (std::size_t i = 0; i != parts.size() && ok; ++i) {
            const auto& seg = route.segments[i];
            if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') params[seg.substr(1, seg.size() - 2)] = parts[i];
            else ok = seg == parts[i];
        }
        if (!ok) continue;
        if (route.method != method) {
            if (!result.path_known) result.allowed = "HEAD";
            result.path_known = true;
            result.allowed = route.method + ", " + result.allowed;
            continue;
        }
        request.path_params = std::move(params);
        result.route = &route;
        return result;
    }
    return result;
}

}  // namespace latitudes::web
