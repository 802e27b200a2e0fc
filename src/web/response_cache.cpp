#include "web/response_cache.hpp"

namespace latitudes::web {

std::optional<Response> ResponseCache::get(const std::string& key) {
    auto& shard = shard_for(key);
    std::lock_guard lock(shard.mutex);
    auto it = shard.entries.find(key);
    if (it == shard.entries.end()) return std::nullopt;
    if (it->second.expires <= std::chrono::steady_clock::now()) {
        shard.entries.erase(it);
        return std::nullopt;
    }
    return it->second.response;
}

void ResponseCache::put(const std::string& key, const Response& response) {
    auto& shard = shard_for(key);
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(shard.mutex);
    if (shard.entries.size() >= max_entries_per_shard_) {
        // Many distinct addresses (searches): drop what expired, or everything if nothing did.
        std::erase_if(shard.entries, [&](const auto& item) { return item.second.expires <= now; });
        if (shard.entries.size() >= max_entries_per_shard_) shard.entries.clear();
    }
    shard.entries.insert_or_assign(key, Entry{response, now + ttl_});
}

void ResponseCache::clear() {
    for (auto& shard : shards_) {
        std::lock_guard lock(shard.mutex);
        shard.entries.clear();
    }
}

}  // namespace latitudes::web
