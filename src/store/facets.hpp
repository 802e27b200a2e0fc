#pragma once
// Counts per filter value for the catalogue ("facets"): for each of SDG, skill, level, format and
// status, how many public projects match every current filter but that one (so that each option
// tells how many projects choosing it would show).
//
// Counting with SQL costs five grouped scans of every public project per page (≈ 70 ms of CPU
// with 10,000 projects on SQLite), so the counts come from a compact in-memory index of the public
// projects instead: their level, format, status, SDGs, skills and search words, loaded in one
// query and reloaded when older than a few seconds (FacetCache). Counting then walks that index
// in memory (well under a millisecond). The text query matches exactly as in SQL: each search
// term must start a word of search_text (" term" as a substring is what LIKE '% term%' tests).
#include "store/database.hpp"
#include "store/projects.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace latitudes::store {

struct FacetCounts {
    long long total = 0;                                     // projects matching every filter
    std::array<long long, domain::sdg_count> sdg{};          // index 0 = SDG 1
    std::map<std::string, long long> skill;                  // by slug, every known skill
    std::map<std::string, long long> level, format, status;  // every value, zeros included
};

class FacetIndex {
public:
    // One query over the public projects (and their SDGs and skills).
    static std::shared_ptr<const FacetIndex> load(Database& database);

    // Counts under `filter` (its q, sdg, skill, level, format and status; the rest is ignored).
    // The index never changes, so the counts of a filter are kept (up to 512 filters) and shared.
    std::shared_ptr<const FacetCounts> count(const ProjectFilter& filter) const;
    std::size_t size() const { return kinds_.size(); }

private:
    FacetCounts compute(const ProjectFilter& filter) const;

    // One entry per public project, in arrays that a count walks in order (≈ 10 bytes a
    // project, plus its skills and search words, read only when a filter needs them).
    struct Kind {
        std::uint8_t level = 0, format = 0, status = 0;  // indices in domain::all_levels...
        std::uint32_t sdgs = 0;                          // bit (id - 1)
    };
    std::vector<Kind> kinds_;
    std::vector<std::uint32_t> skill_start_;  // skills of project i: skills_[skill_start_[i] .. skill_start_[i + 1]]
    std::vector<std::uint16_t> skills_;       // indices in skill_slugs_
    std::vector<std::uint32_t> text_start_;   // the same for the search words, in one string
    std::string texts_;
    std::vector<std::string> skill_slugs_;

    mutable std::mutex memo_mutex_;
    mutable std::map<std::string, std::shared_ptr<const FacetCounts>> memo_;
};

// The index shared by the worker threads, reloaded when older than `max_age`. While one thread
// reloads it, the others keep counting with the previous one, so no request waits but the very
// first. Counts may thus lag behind the catalogue by `max_age`.
class FacetCache {
public:
    explicit FacetCache(std::chrono::milliseconds max_age) : max_age_(max_age) {}
    std::shared_ptr<const FacetIndex> get(Database& database);

private:
    std::chrono::milliseconds max_age_;
    std::mutex mutex_;
    std::shared_ptr<const FacetIndex> current_;
    std::chrono::steady_clock::time_point loaded_at_{};
    bool loading_ = false;
};

}  // namespace latitudes::store
