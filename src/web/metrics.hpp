#pragma once
// Request counters and latency histograms, exposed at /metrics in Prometheus text format.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace latitudes::web {

class Metrics {
public:
    static constexpr std::array<double, 11> bucket_bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};
    // `route` is the route pattern (e.g. /projects/{slug}), never the raw path, so labels stay few.
    void record(std::string_view route, int status, double seconds);
    std::string prometheus() const;

private:
    struct Histogram {
        std::array<std::uint64_t, bucket_bounds.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t, std::less<>> requests_;
    std::map<std::string, Histogram, std::less<>> latency_;
};

}  // namespace latitudes::web
