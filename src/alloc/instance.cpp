#include "alloc/instance.hpp"

#include "alloc/applicant_orders.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <random>
#include <string_view>

namespace latitudes::alloc {

namespace {

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::uint64_t hash_bytes(std::string_view s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then a final mix
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
    return splitmix64(h);
}

// Open-addressing map from id to dense index; ids are views into the Campaign, which outlives it.
// Ids of up to 16 bytes are also stored inline so that a lookup touches only the slot.
class IdMap {
public:
    explicit IdMap(std::size_t expected) {
        std::size_t cap = 16;
        while (cap < expected * 2 + 2) cap <<= 1;
        slots_.assign(cap, Slot{});
        mask_ = cap - 1;
    }
    // Returns the existing index if present, else inserts `index` and returns none.
    int insert(std::string_view id, int index) {
        const std::uint64_t h = hash_bytes(id);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.index == none) {
                if (++size_ * 2 > slots_.size()) {  // keep the load under 1/2: grow, then retry
                    grow();
                    --size_;
                    return insert(id, index);
                }
                s.hash = h;
                s.index = index;
                s.len = static_cast<std::uint32_t>(id.size());
                s.id = id.data();
                std::memcpy(s.inline_id, id.data(), std::min<std::size_t>(id.size(), sizeof s.inline_id));
                return none;
            }
            if (s.hash == h && equal(s, id)) return s.index;
        }
    }
    int find(std::string_view id) const {
        const std::uint64_t h = hash_bytes(id);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.index == none) return none;
            if (s.hash == h && equal(s, id)) return s.index;
        }
    }

private:
    struct Slot {
        std::uint64_t hash = 0;
        int index = none;
        std::uint32_t len = 0;
        char inline_id[16] = {};
        const char* id = nullptr;
    };
    static bool equal(const Slot& s, std::string_view id) {
        if (s.len != id.size()) return false;
        if (id.size() <= sizeof s.inline_id) return std::memcmp(s.inline_id, id.data(), id.size()) == 0;
        return std::memcmp(s.id, id.data(), id.size()) == 0;
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.size() * 2, Slot{});
        mask_ = slots_.size() - 1;
        for (const Slot& s : old) {
            if (s.index == none) continue;
            std::size_t i = s.hash & mask_;
            while (slots_[i].index != none) i = (i + 1) & mask_;
            slots_[i] = s;
        }
    }
    std::vector<Slot> slots_;
    std::size_t mask_ = 0, size_ = 0;
};

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }
std::string at(const char* list, std::size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }
std::string at(const std::string& base, const char* field, std::size_t i) {
    return base + "." + field + "[" + std::to_string(i) + "]";
}

}  // namespace

std::uint64_t lottery_value(std::uint64_t seed, std::string_view id) { return splitmix64(hash_bytes(id) ^ splitmix64(seed)); }

int Instance::max_list_length() const {
    int best = 0;
    for (int s = 0; s < n; ++s) best = std::max(best, pref_off[s + 1] - pref_off[s]);
    return best;
}

Instance compile(const Campaign& c) {
    Instance in;
    in.n = static_cast<int>(c.students.size());
    in.m = static_cast<int>(c.projects.size());
    in.k = static_cast<int>(c.supervisors.size());
    const int n = in.n, m = in.m, k = in.k;
    if (c.options.seed) {
        in.seed = *c.options.seed;
    } else {
        std::random_device rd;
        in.seed = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
    }

    // --- ids ---------------------------------------------------------------------------------
    IdMap students(n), projects(m), supervisors(k);
    in.student_ids.reserve(n);
    for (int s = 0; s < n; ++s) {
        const std::string& id = c.students[s].id;
        if (id.empty()) throw InputError(at("students", s) + ".id", "student id is empty");
        int prev = students.insert(id, s);
        if (prev != none)
            throw InputError(at("students", s) + ".id",
                             "duplicate student id " + quoted(id) + " (first defined at " + at("students", prev) + ")");
        in.student_ids.push_back(id);
    }
    for (int p = 0; p < m; ++p) {
        const std::string& id = c.projects[p].id;
        if (id.empty()) throw InputError(at("projects", p) + ".id", "project id is empty");
        int prev = projects.insert(id, p);
        if (prev != none)
            throw InputError(at("projects", p) + ".id",
                             "duplicate project id " + quoted(id) + " (first defined at " + at("projects", prev) + ")");
        in.project_ids.push_back(id);
    }
    for (int l = 0; l < k; ++l) {
        const std::string& id = c.supervisors[l].id;
        if (id.empty()) throw InputError(at("supervisors", l) + ".id", "supervisor id is empty");
        int prev = supervisors.insert(id, l);
        if (prev != none)
            throw InputError(at("supervisors", l) + ".id",
                             "duplicate supervisor id " + quoted(id) + " (first defined at " + at("supervisors", prev) + ")");
        in.supervisor_ids.push_back(id);
    }

    // --- skills (interned) -------------------------------------------------------------------
    std::vector<std::string_view> skill_names;
    IdMap skill_map(16);  // grows as needed; there are usually few distinct skills
    auto skill_id = [&](const std::string& name) {
        int idx = skill_map.find(name);
        if (idx == none) {
            idx = static_cast<int>(skill_names.size());
            skill_names.push_back(name);
            skill_map.insert(name, idx);
        }
        return idx;
    };
    in.skill_off.assign(n + 1, 0);
    for (int s = 0; s < n; ++s) {
        for (std::size_t i = 0; i < c.students[s].skills.size(); ++i) {
            const auto& sk = c.students[s].skills[i];
            if (sk.level < 0)
                throw InputError(at("students", s) + ".skills." + sk.skill,
                                 "negative skill level " + std::to_string(sk.level) + " for student " + quoted(c.students[s].id));
            in.skill.emplace_back(skill_id(sk.skill), sk.level);
        }
        in.skill_off[s + 1] = static_cast<int>(in.skill.size());
    }
    in.req_off.assign(m + 1, 0);
    for (int p = 0; p < m; ++p) {
        for (const auto& sk : c.projects[p].required_skills) {
            if (sk.level < 0)
                throw InputError(at("projects", p) + ".required_skills." + sk.skill,
                                 "negative skill level " + std::to_string(sk.level) + " for project " + quoted(c.projects[p].id));
            in.req.emplace_back(skill_id(sk.skill), sk.level);
        }
        in.req_off[p + 1] = static_cast<int>(in.req.size());
    }

    // --- supervisors -------------------------------------------------------------------------
    std::vector<std::uint64_t> mark(n, 0);  // generation marks for duplicate detection in rankings
    std::uint64_t generation = 0;
    in.sup_capacity.resize(k);
    detail::Rankings rankings;  // supervisor and project rankings as student indices
    rankings.sup_rank_off.assign(k + 1, 0);
    for (int l = 0; l < k; ++l) {
        const auto& sv = c.supervisors[l];
        const std::string where = at("supervisors", l);
        if (sv.capacity && *sv.capacity < 0)
            throw InputError(where + ".capacity",
                             "negative capacity " + std::to_string(*sv.capacity) + " for supervisor " + quoted(sv.id));
        in.sup_capacity[l] = sv.capacity ? *sv.capacity : std::numeric_limits<int>::max();
        ++generation;
        for (std::size_t i = 0; i < sv.ranking.size(); ++i) {
            int s = students.find(sv.ranking[i]);
            if (s == none)
                throw InputError(at(where, "ranking", i),
                                 "unknown student " + quoted(sv.ranking[i]) + " in the ranking of supervisor " + quoted(sv.id));
            if (mark[s] == generation)
                throw InputError(at(where, "ranking", i), "student " + quoted(sv.ranking[i]) +
                                                              " listed twice in the ranking of supervisor " + quoted(sv.id));
            mark[s] = generation;
            rankings.sup_rank.push_back(s);
        }
        rankings.sup_rank_off[l + 1] = static_cast<int>(rankings.sup_rank.size());
    }

    // --- projects ----------------------------------------------------------------------------
    in.capacity.resize(m);
    in.min_size.resize(m);
    in.supervisor.resize(m);
    rankings.proj_rank_off.assign(m + 1, 0);
    rankings.has_ranking.assign(m, 0);
    for (int p = 0; p < m; ++p) {
        const auto& pr = c.projects[p];
        const std::string where = at("projects", p);
        if (pr.capacity < 0)
            throw InputError(where + ".capacity",
                             "negative capacity " + std::to_string(pr.capacity) + " for project " + quoted(pr.id));
        if (pr.min_size < 0)
            throw InputError(where + ".min_size",
                             "negative min_size " + std::to_string(pr.min_size) + " for project " + quoted(pr.id));
        if (pr.min_size > pr.capacity)
            throw InputError(where + ".min_size", "min_size " + std::to_string(pr.min_size) + " is above the capacity " +
                                                      std::to_string(pr.capacity) + " of project " + quoted(pr.id));
        in.capacity[p] = pr.capacity;
        in.min_size[p] = pr.min_size;
        in.supervisor[p] = none;
        if (pr.supervisor) {
            int l = supervisors.find(*pr.supervisor);
            if (l == none)
                throw InputError(where + ".supervisor",
                                 "unknown supervisor " + quoted(*pr.supervisor) + " for project " + quoted(pr.id));
            in.supervisor[p] = l;
        }
        if (pr.ranking) {
            rankings.has_ranking[p] = 1;
            ++generation;
            for (std::size_t i = 0; i < pr.ranking->size(); ++i) {
                const std::string& sid = (*pr.ranking)[i];
                int s = students.find(sid);
                if (s == none)
                    throw InputError(at(where, "ranking", i),
                                     "unknown student " + quoted(sid) + " in the ranking of project " + quoted(pr.id));
                if (mark[s] == generation)
                    throw InputError(at(where, "ranking", i),
                                     "student " + quoted(sid) + " listed twice in the ranking of project " + quoted(pr.id));
                mark[s] = generation;
                rankings.proj_rank.push_back(s);
            }
        }
        rankings.proj_rank_off[p + 1] = static_cast<int>(rankings.proj_rank.size());
    }
    // Projects of each supervisor.
    in.sup_proj_off.assign(k + 1, 0);
    for (int p = 0; p < m; ++p)
        if (in.supervisor[p] != none) ++in.sup_proj_off[in.supervisor[p] + 1];
    for (int l = 0; l < k; ++l) in.sup_proj_off[l + 1] += in.sup_proj_off[l];
    in.sup_proj.resize(in.sup_proj_off[k]);
    {
        std::vector<int> fill(in.sup_proj_off.begin(), in.sup_proj_off.end() - 1);
        for (int p = 0; p < m; ++p)
            if (in.supervisor[p] != none) in.sup_proj[fill[in.supervisor[p]]++] = p;
    }

    // --- students' choices --------------------------------------------------------------------
    std::size_t total = 0;
    for (const auto& s : c.students) total += s.choices.size();
    in.pref_off.assign(n + 1, 0);
    in.pref.reserve(total);
    std::vector<int> seen(m, none);  // seen[p] = last student that chose p (duplicate detection)
    for (int s = 0; s < n; ++s) {
        const auto& st = c.students[s];
        for (std::size_t i = 0; i < st.choices.size(); ++i) {
            int p = projects.find(st.choices[i]);
            if (p == none)
                throw InputError(at(at("students", s), "choices", i),
                                 "unknown project " + quoted(st.choices[i]) + " chosen by student " + quoted(st.id));
            if (seen[p] == s)
                throw InputError(at(at("students", s), "choices", i),
                                 "project " + quoted(st.choices[i]) + " listed twice by student " + quoted(st.id));
            seen[p] = s;
            in.pref.push_back(p);
        }
        in.pref_off[s + 1] = static_cast<int>(in.pref.size());
    }

    // --- lottery -----------------------------------------------------------------------------
    {
        std::vector<std::pair<std::uint64_t, int>> order(n);
        for (int s = 0; s < n; ++s) order[s] = {lottery_value(in.seed, in.student_ids[s]), s};
        std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
            if (a.first != b.first) return a.first < b.first;
            return in.student_ids[a.second] < in.student_ids[b.second];
        });
        in.lottery.resize(n);
        for (int i = 0; i < n; ++i) in.lottery[order[i].second] = static_cast<std::uint32_t>(i);
    }

    // Position of each student in a ranking, via a scratch array reset after use.
    std::vector<int> pos_in(n, none);

    // --- project and supervisor applicant orders (applicant_orders.cpp) ----------------------
    const std::vector<std::uint32_t> entry_fit = detail::order_project_applicants(in, rankings, skill_names.size(), pos_in);
    detail::order_supervisor_applicants(in, rankings, entry_fit, pos_in);
    return in;
}

}  // namespace latitudes::alloc
