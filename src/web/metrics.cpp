#include "web/metrics.hpp"

#include <fmt/format.h>

namespace latitudes::web {

void Metrics::record(std::string_view route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    auto key = std::make_pair(std::string(route), status);
    ++requests_[key];
    auto it = latency_.find(route);
    if (it == latency_.end()) it = latency_.emplace(std::string(route), Histogram{}).first;
    auto& h = it->second;
    for (std::size_t i = 0; i != bucket_bounds.size(); ++i)
        if (seconds <= bucket_bounds[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::prometheus() const {
    std::lock_guard lock(mutex_);
    std::string out;
    out += "# HELP latitudes_http_requests_total HTTP requests by route and status.\n";
    out += "# TYPE latitudes_http_requests_total counter\n";
    for (const auto& [key, count] : requests_)
        out += fmt::format("latitudes_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", key.first, key.second, count);
    out += "# HELP latitudes_http_request_duration_seconds Time to answer a request, by route.\n";
    out += "# TYPE latitudes_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        for (std::size_t i = 0; i != bucket_bounds.size(); ++i)
            out += fmt::format("latitudes_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
                               bucket_bounds[i], h.buckets[i]);
        out += fmt::format("latitudes_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route, h.count);
        out += fmt::format("latitudes_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n", route, h.sum);
        out += fmt::format("latitudes_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route, h.count);
    }
    return out;
}

}  // namespace latitudes::web
