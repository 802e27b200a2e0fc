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
    std::unordered_map<long long, std::uint32_t> entry_by_id;
    Query q("SELECT p.id, p.level, p.format, p.status, p.search_text FROM projects p WHERE p.status IN ");
    q.append(public_status_sql());
    q.for_each(*db, [&](const soci::row& r) {
        const auto level = domain::parse_level(column_text(r, 1));
        const auto format = domain::parse_format(column_text(r, 2));
        const auto status = domain::parse_status(column_text(r, 3));
        if (!level || !format || !status) return;
        Kind k;
        k.level = static_cast<std::uint8_t>(index_of(domain::all_levels, *level));
        k.format = static_cast<std::uint8_t>(index_of(domain::all_formats, *format));
        k.status = static_cast<std::uint8_t>(index_of(domain::public_statuses, *status));
        entry_by_id.emplace(column_int(r, 0), static_cast<std::uint32_t>(index->kinds_.size()));
        index->kinds_.push_back(k);
        index->text_start_.push_back(static_cast<std::uint32_t>(index->texts_.size()));
        index->texts_ += column_text(r, 4);
    });
    index->text_start_.push_back(static_cast<std::uint32_t>(index->texts_.size()));
    Query("SELECT project_id, sdg_id FROM project_sdgs").for_each(*db, [&](const soci::row& r) {
        const auto found = entry_by_id.find(column_int(r, 0));
        const auto sdg = column_int(r, 1);
        if (found != entry_by_id.end() && domain::is_valid_sdg(static_cast<int>(sdg)))
            index->kinds_[found->second].sdgs |= 1u << (sdg - 1);
    });
    std::vector<std::pair<std::uint32_t, std::uint16_t>> pairs;  // (entry, skill)
    Query("SELECT project_id, skill_id FROM project_skills").for_each(*db, [&](const soci::row& r) {
        const auto found = entry_by_id.find(column_int(r, 0));
        const auto skill = skill_by_id.find(column_int(r, 1));
        if (found != entry_by_id.end() && skill != skill_by_id.end()) pairs.emplace_back(found->second, skill->second);
    });
    std::sort(pairs.begin(), pairs.end());
    index->skill_start_.assign(index->kinds_.size() + 1, 0);
    for (const auto& [entry, skill] : pairs) ++index->skill_start_[entry + 1];
    for (std::size_t i = 1; i < index->skill_start_.size(); ++i) index->skill_start_[i] += index->skill_start_[i - 1];
    index->skills_.reserve(pairs.size());
    for (const auto& [entry, skill] : pairs) index->skills_.push_back(skill);
    return index;
}

std::shared_ptr<const FacetCounts> FacetIndex::count(const ProjectFilter& filter) const {
    std::string key = filter.q;
    key += '\n' + (filter.sdg ? std::to_string(*filter.sdg) : "") + '\n' + filter.skill + '\n';
    if (filter.level) key += domain::to_string(*filter.level);
    key += '\n';
    if (filter.format) key += domain::to_string(*filter.format);
    key += '\n';
    if (filter.status) key += domain::to_string(*filter.status);
    {
        std::lock_guard lock(memo_mutex_);
        if (auto found = memo_.find(key); found != memo_.end()) return found->second;
    }
    auto counts = std::make_shared<const FacetCounts>(compute(filter));
    std::lock_guard lock(memo_mutex_);
    if (memo_.size() >= 512) memo_.clear();  // many distinct searches: start again
    memo_.emplace(std::move(key), counts);
    return counts;
}

FacetCounts FacetIndex::compute(const ProjectFilter& filter) const {
    FacetCounts counts;
    std::array<long long, domain::all_levels.size()> level{};
    std::array<long long, domain::all_formats.size()> format{};
    std::array<long long, domain::public_statuses.size()> status{};
    std::vector<long long> skill(skill_slugs_.size());

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
        if (want_status < 0) want_status = 255;  // not a public status: matches nothing
    }
    const std::uint32_t want_sdg = filter.sdg && domain::is_valid_sdg(*filter.sdg) ? 1u << (*filter.sdg - 1) : 0;
    int want_skill = -1;
    if (!filter.skill.empty()) {
        want_skill = index_of(skill_slugs_, filter.skill);
        if (want_skill < 0) want_skill = static_cast<int>(skill_slugs_.size());  // unknown: matches nothing
    }

    const std::string_view texts(texts_);
    for (std::size_t i = 0; i < kinds_.size(); ++i) {
        const Kind e = kinds_[i];
        if (!words.empty()) {
            const auto text = texts.substr(text_start_[i], text_start_[i + 1] - text_start_[i]);
            bool text_ok = true;
            for (const auto& w : words)
                if (text.find(w) == std::string_view::npos) {
                    text_ok = false;
                    break;
                }
            if (!text_ok) continue;
        }
        const auto* skills_begin = skills_.data() + skill_start_[i];
        const auto* skills_end = skills_.data() + skill_start_[i + 1];
        // Which filters this project fails; a facet counts the projects that fail at most its own.
        const bool sdg_ok = !filter.sdg || (e.sdgs & want_sdg) != 0;
        const bool skill_ok = want_skill < 0 || std::find(skills_begin, skills_end, want_skill) != skills_end;
        const bool level_ok = want_level < 0 || e.level == want_level;
        const bool format_ok = want_format < 0 || e.format == want_format;
        const bool status_ok = want_status < 0 || e.status == want_status;
        const int failed = !sdg_ok + !skill_ok + !level_ok + !format_ok + !status_ok;
        if (failed > 1) continue;
        if (failed == 0) ++counts.total;
        if (failed == 0 || !sdg_ok)
            for (std::uint32_t bits = e.sdgs; bits != 0; bits &= bits - 1)
                ++counts.sdg[static_cast<std::size_t>(__builtin_ctz(bits))];
        if (failed == 0 || !skill_ok)
            for (auto k = skills_begin; k != skills_end; ++k) ++skill[*k];
        if (failed == 0 || !level_ok) ++level[e.level];
        if (failed == 0 || !format_ok) ++format[e.format];
        if (failed == 0 || !status_ok) ++status[e.status];
    }
    for (std::size_t i = 0; i < skill_slugs_.size(); ++i) counts.skill[skill_slugs_[i]] = skill[i];
    for (std::size_t i = 0; i < level.size(); ++i) counts.level[std::string(domain::to_string(domain::all_levels[i]))] = level[i];
    for (std::size_t i = 0; i < format.size(); ++i)
        counts.format[std::string(domain::to_string(domain::all_formats[i]))] = format[i];
    for (std::size_t i = 0; i < status.size(); ++i)
        counts.status[std::string(domain::to_string(domain::public_statuses[i]))] = status[i];
    return counts;
}

std::shared_ptr<const FacetIndex> FacetCache::get(Database& database) {
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        if (current_ && (now - loaded_at_ < max_age_ || loading_)) return current_;
        if (current_) loading_ = true;  // this thread reloads; the others keep the current one
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
