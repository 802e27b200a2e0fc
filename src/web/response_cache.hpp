#pragma once
// A short-lived cache of public, anonymous GET responses ("micro-cache"): under load, the same
// catalogue page is rendered once per TTL instead of once per request. Staleness is bounded by
// the TTL (default 1 s), also across several servers sharing a PostgreSQL database; a server
// that writes public data calls clear().
#include "web/http.hpp"

#include <array>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace latitudes::web {

class ResponseCache {
public:
    explicit ResponseCache(std::chrono::milliseconds ttl, std::size_t max_entries = 20000)
        : ttl_(ttl), max_entries_per_shard_(max_entries / shard_count + 1) {}

    bool enabled() const { return ttl_.count() > 0; }
    std::optional<Response> get(const std::string& key);
    void put(const std::string& key, const Response& response);
    void clear();

private:
    static constexpr std::size_t shard_count = 16;
    struct Entry {
        Response response;
        std::chrono::steady_clock::time_point expires;
    };
    struct Shard {
        std::mutex mutex;
        std::unordered_map<std::string, Entry> entries;
    };
    Shard& shard_for(const std::string& key) { return shards_[std::hash<std::string>{}(key) % shard_count]; }

    std::chrono::milliseconds ttl_;
    std::size_t max_entries_per_shard_;
    std::array<Shard, shard_count> shards_;
};

}  // namespace latitudes::web
