#include "store/facets.hpp"

#include "domain/text.hpp"
#include "store/query.hpp"

#include <algorithm>
#include <unordered_map>

namespace latitudes::store {

namespace {

template <typename Range, typename Value>
int index_of(const Range& range, Value value) {
    for (std::size_t i = 0; i < range.size(); ++i)
        if (range[i] == value) return static_cast<int>(i);
    return -1;
}

}  // namespace

std::shared_ptr<const FacetIndex> FacetIndex::load(Database& database) {
    auto index = std::make_shared<FacetIndex>();
    Lease db(database);
    std::unordered_map<long long, std::uint16_t> skill_by_id;
    Query("SELECT id, slug FROM skills ORDER BY id").for_each(*db, [&](const soci::row& r) {
        skill_by_id.emplace(column_int(r, 0), static_cast<std::uint16_t>(index->skill_slugs_.size()));
        index->skill_slugs_.push_back(column_text(r, 1));
    });
    // Three plain scans cost less than one query with a correlated subquery per project.
    std::unordered_map<long long, std::size_t> entry_by_id;
    Query q("SELECT p.id, p.level, p.format, p.status, p.search_text FROM projects p WHERE p.status IN ");
    q.append(public_status_sql());
    q.for_each(*db, [&](const soci::row& r) {
        const auto level = domain::parse_level(column_text(r, 1));
        const auto format = domain::parse_format(column_text(r, 2));
        const auto status = domain::parse_status(column_text(r, 3));
        if (!level || !format || !status) return;
        Entry e;
        e.level = static_cast<std::uint8_t>(index_of(domain::all_levels, *level));
        e.format = static_cast<std::uint8_t>(index_of(domain::all_formats, *format));
        e.status = static_cast<std::uint8_t>(index_of(domain::public_statuses, *status));
        e.search_text = column_text(r, 4);
        entry_by_id.emplace(column_int(r, 0), index->entries_.size());
        index->entries_.push_back(std::move(e));
    });
    Query("SELECT project_id, sdg_id FROM project_sdgs").for_each(*db, [&](const soci::row& r) {
        const auto found = entry_by_id.find(column_int(r, 0));
        const auto sdg = column_int(r, 1);
        if (found != entry_by_id.end() && domain::is_valid_sdg(static_cast<int>(sdg)))
            index->entries_[found->second].sdgs |= 1u << (sdg - 1);
    });
    Query("SELECT project_id, skill_id FROM project_skills").for_each(*db, [&](const soci::row& r) {
        const auto found = entry_by_id.find(column_int(r, 0));
        const auto skill = skill_by_id.find(column_int(r, 1));
        if (found != entry_by_id.end() && skill != skill_by_id.end())
            index->entries_[found->second].skills.push_back(skill->second);
    });
    return index;
}

FacetCounts FacetIndex::count(const ProjectFilter& filter) const {
    FacetCounts counts;
    std::vector<long long> level(domain::all_levels.size()), format(domain::all_formats.size()),
        status(domain::public_statuses.size()), skill(skill_slugs_.size());

    // The same terms as the SQL query (at most 8), each to be found at the start of a word.
    std::vector<std::string> words;
    for (const auto& term : domain::search_terms(filter.q)) {
        if (words.size() == 8) break;
        words.push_back(" " + term);
    }
    const int want_level = filter.level ? index_of(domain::all_levels, *filter.level) : -1;
    const int want_format = filter.format ? index_of(domain::all_formats, *filter.format) : -1;
    int want_status = -1;
    if (filter.status) {
        want_status = index_of(domain::public_statuses, *filter.status);
        if (want_status < 0) want_status = 255;   // not a public status: matches nothing
    }
    const std::uint32_t want_sdg = filter.sdg && domain::is_valid_sdg(*filter.sdg) ? 1u << (*filter.sdg - 1) : 0;
    int want_skill = -1;
    if (!filter.skill.empty()) {
        want_skill = index_of(skill_slugs_, filter.skill);
        if (want_skill < 0) want_skill = static_cast<int>(skill_slugs_.size());   // unknown: matches nothing
    }

    for (const auto& e : entries_) {
        bool text_ok = true;
        for (const auto& w : words)
            if (e.search_text.find(w) == std::string::npos) {
                text_ok = false;
                break;
            }
        if (!text_ok) continue;
        // Which filters this project fails; a facet counts the projects that fail at most its own.
        const bool sdg_ok = !filter.sdg || (e.sdgs & want_sdg) != 0;
        const bool skill_ok = want_skill < 0 || std::find(e.skills.begin(), e.skills.end(), want_skill) != e.skills.end();
        const bool level_ok = want_level < 0 || e.level == want_level;
        const bool format_ok = want_format < 0 || e.format == want_format;
        const bool status_ok = want_status < 0 || e.status == want_status;
        const int failed = !sdg_ok + !skill_ok + !level_ok + !format_ok + !status_ok;
        if (failed > 1) continue;
        if (failed == 0) ++counts.total;
        if (failed == 0 || !sdg_ok)
            for (int id = 1; id <= domain::sdg_count; ++id)
                if (e.sdgs & (1u << (id - 1))) ++counts.sdg[static_cast<std::size_t>(id - 1)];
        if (failed == 0 || !skill_ok)
            for (auto k : e.skills) ++skill[k];
        if (failed == 0 || !level_ok) ++level[e.level];
        if (failed == 0 || !format_ok) ++format[e.format];
        if (failed == 0 || !status_ok) ++status[e.status];
    }
    for (std::size_t i = 0; i < skill_slugs_.size(); ++i) counts.skill[skill_slugs_[i]] = skill[i];
    for (std::size_t i = 0; i < level.size(); ++i) counts.level[std::string(domain::to_string(domain::all_levels[i]))] = level[i];
    for (std::size_t i = 0; i < format.size(); ++i) counts.format[std::string(domain::to_string(domain::all_formats[i]))] = format[i];
    for (std::size_t i = 0; i < status.size(); ++i)
        counts.status[std::string(domain::to_string(domain::public_statuses[i]))] = status[i];
    return counts;
}

std::shared_ptr<const FacetIndex> FacetCache::get(Database& database) {
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        if (current_ && (now - loaded_at_ < max_age_ || loading_)) return current_;
        if (current_) loading_ = true;   // this thread reloads; the others keep the current one
    }
    std::shared_ptr<const FacetIndex> fresh;
    try {
        fresh = FacetIndex::load(database);
    } catch (...) {
        std::lock_guard lock(mutex_);
        loading_ = false;
        throw;
    }
    std::lock_guard lock(mutex_);
    current_ = fresh;
    loaded_at_ = now;
    loading_ = false;
    return fresh;
}

}  // namespace latitudes::store
