#include "alloc/instance.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <random>
#include <string_view>
#include <tuple>

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
    std::vector<int> sup_rank_off(k + 1, 0), sup_rank;  // supervisor rankings as student indices
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
            sup_rank.push_back(s);
        }
        sup_rank_off[l + 1] = static_cast<int>(sup_rank.size());
    }

    // --- projects ----------------------------------------------------------------------------
    in.capacity.resize(m);
    in.min_size.resize(m);
    in.supervisor.resize(m);
    std::vector<int> proj_rank_off(m + 1, 0), proj_rank;
    std::vector<char> has_ranking(m, 0);
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
            has_ranking[p] = 1;
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
                proj_rank.push_back(s);
            }
        }
        proj_rank_off[p + 1] = static_cast<int>(proj_rank.size());
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
    const int L = static_cast<int>(in.pref.size());

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

    // --- project applicant orders ------------------------------------------------------------
    // Linear apart from small sorts: entries are bucketed by project (counting sort) while students
    // are visited in lottery order, so every bucket starts in lottery order; a project ordered by a
    // ranking then moves its ranked applicants to the front (in ranking order), and a project ordered
    // by skill fit is stably sorted by fit (the lottery breaks the ties).
    in.app_off.assign(m + 1, 0);
    for (int e = 0; e < L; ++e) ++in.app_off[in.pref[e] + 1];
    for (int p = 0; p < m; ++p) in.app_off[p + 1] += in.app_off[p];
    in.app_student.resize(L);
    in.app_entry.resize(L);
    std::vector<std::uint32_t> entry_fit(L, 0);  // skill fit of each application
    {
        std::vector<int> by_lottery(n);
        for (int s = 0; s < n; ++s) by_lottery[in.lottery[s]] = s;
        std::vector<int> fill(in.app_off.begin(), in.app_off.end() - 1);
        std::vector<int> level(skill_names.size(), 0);
        for (const int s : by_lottery) {
            for (int j = in.skill_off[s]; j < in.skill_off[s + 1]; ++j) level[in.skill[j].first] = in.skill[j].second;
            for (int e = in.pref_off[s]; e < in.pref_off[s + 1]; ++e) {
                const int p = in.pref[e];
                std::uint64_t fit = 0;
                for (int r = in.req_off[p]; r < in.req_off[p + 1]; ++r)
                    fit += static_cast<std::uint64_t>(std::min(level[in.req[r].first], in.req[r].second));
                const int i = fill[p]++;
                in.app_entry[i] = e;
                in.app_student[i] = s;
                entry_fit[e] = static_cast<std::uint32_t>(std::min<std::uint64_t>(fit, 0x7fffffff));
            }
            for (int j = in.skill_off[s]; j < in.skill_off[s + 1]; ++j) level[in.skill[j].first] = 0;
        }
    }
    std::vector<std::pair<int, int>> ranked;  // (ranking position, bucket index)
    std::vector<int> tmp_entry, tmp_student;
    // Reorders project p's bucket: students with pos_in set first, by position; others keep order.
    auto order_by_ranking = [&](int p) {
        const int b = in.app_off[p], en = in.app_off[p + 1];
        ranked.clear();
        for (int i = b; i < en; ++i)
            if (pos_in[in.app_student[i]] != none) ranked.emplace_back(pos_in[in.app_student[i]], i);
        if (ranked.empty()) return;
        std::sort(ranked.begin(), ranked.end());
        tmp_entry.clear();
        tmp_student.clear();
        for (const auto& [pos, i] : ranked) {
            tmp_entry.push_back(in.app_entry[i]);
            tmp_student.push_back(in.app_student[i]);
        }
        for (int i = b; i < en; ++i)
            if (pos_in[in.app_student[i]] == none) {
                tmp_entry.push_back(in.app_entry[i]);
                tmp_student.push_back(in.app_student[i]);
            }
        std::copy(tmp_entry.begin(), tmp_entry.end(), in.app_entry.begin() + b);
        std::copy(tmp_student.begin(), tmp_student.end(), in.app_student.begin() + b);
    };
    for (int p = 0; p < m; ++p) {
        if (!has_ranking[p]) continue;
        for (int i = proj_rank_off[p]; i < proj_rank_off[p + 1]; ++i) pos_in[proj_rank[i]] = i - proj_rank_off[p];
        order_by_ranking(p);
        for (int i = proj_rank_off[p]; i < proj_rank_off[p + 1]; ++i) pos_in[proj_rank[i]] = none;
    }
    for (int l = 0; l < k; ++l) {
        if (sup_rank_off[l + 1] == sup_rank_off[l]) continue;
        for (int i = sup_rank_off[l]; i < sup_rank_off[l + 1]; ++i) pos_in[sup_rank[i]] = i - sup_rank_off[l];
        for (int j = in.sup_proj_off[l]; j < in.sup_proj_off[l + 1]; ++j)
            if (!has_ranking[in.sup_proj[j]]) order_by_ranking(in.sup_proj[j]);
        for (int i = sup_rank_off[l]; i < sup_rank_off[l + 1]; ++i) pos_in[sup_rank[i]] = none;
    }
    std::vector<std::pair<std::uint64_t, int>> by_fit;
    for (int p = 0; p < m; ++p) {
        const int l = in.supervisor[p];
        if (has_ranking[p] || (l != none && sup_rank_off[l + 1] > sup_rank_off[l]) || in.req_off[p + 1] == in.req_off[p])
            continue;
        const int b = in.app_off[p], en = in.app_off[p + 1];
        by_fit.clear();
        for (int i = b; i < en; ++i)
            by_fit.emplace_back(~static_cast<std::uint64_t>(entry_fit[in.app_entry[i]]), i);  // higher fit first
        std::stable_sort(by_fit.begin(), by_fit.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        tmp_entry.clear();
        tmp_student.clear();
        for (const auto& [f, i] : by_fit) {
            tmp_entry.push_back(in.app_entry[i]);
            tmp_student.push_back(in.app_student[i]);
        }
        std::copy(tmp_entry.begin(), tmp_entry.end(), in.app_entry.begin() + b);
        std::copy(tmp_student.begin(), tmp_student.end(), in.app_student.begin() + b);
    }
    in.proj_pos.assign(L, none);
    for (int p = 0; p < m; ++p)
        for (int i = in.app_off[p]; i < in.app_off[p + 1]; ++i) in.proj_pos[in.app_entry[i]] = i - in.app_off[p];

    // --- supervisor applicant orders ---------------------------------------------------------
    // A supervisor with a ranking orders students (one position per student, shared by all their
    // applications to the supervisor's projects): the SPA model; students it does not rank follow,
    // by lottery. A supervisor without ranking is indifferent between students and orders the
    // applications (student, project) instead, by a priority that agrees with each project's own
    // order and depends on nothing but the student and the project (see below): the supervisor's
    // choice is then a matroid greedy choice, and SPA-student stays stable, student-optimal and
    // strategy-proof.
    std::vector<std::uint64_t> max_fit(m, 0);
    for (int p = 0; p < m; ++p) {
        for (int r = in.req_off[p]; r < in.req_off[p + 1]; ++r) max_fit[p] += static_cast<std::uint64_t>(in.req[r].second);
        max_fit[p] = std::min<std::uint64_t>(max_fit[p], 0x7fffffff);
    }
    in.sup_pos.assign(L, none);
    in.sapp_off.assign(k + 1, 0);
    in.sup_ranked.assign(k, 0);
    in.sapp_student.clear();
    in.sapp_student.reserve(L);
    std::vector<int> sup_slot(n, none);  // student -> position in the current supervisor's order
    std::vector<std::pair<std::uint64_t, int>> unranked;
    std::vector<std::tuple<std::uint64_t, int, int>> apps;
    for (int l = 0; l < k; ++l) {
        const int base = static_cast<int>(in.sapp_student.size());
        const int pb = in.sup_proj_off[l], pe = in.sup_proj_off[l + 1];
        if (sup_rank_off[l + 1] > sup_rank_off[l]) {
            in.sup_ranked[l] = 1;
            // Ranked applicants in ranking order, then the others by lottery.
            for (int j = pb; j < pe; ++j)
                for (int i = in.app_off[in.sup_proj[j]]; i < in.app_off[in.sup_proj[j] + 1]; ++i)
                    sup_slot[in.app_student[i]] = -2;
            for (int i = sup_rank_off[l]; i < sup_rank_off[l + 1]; ++i) {
                const int s = sup_rank[i];
                if (sup_slot[s] == -2) {
                    sup_slot[s] = static_cast<int>(in.sapp_student.size()) - base;
                    in.sapp_student.push_back(s);
                }
            }
            unranked.clear();
            for (int j = pb; j < pe; ++j)
                for (int i = in.app_off[in.sup_proj[j]]; i < in.app_off[in.sup_proj[j] + 1]; ++i) {
                    const int s = in.app_student[i];
                    if (sup_slot[s] == -2) {
                        sup_slot[s] = -3;  // collected once
                        unranked.emplace_back(in.lottery[s], s);
                    }
                }
            std::sort(unranked.begin(), unranked.end());
            for (const auto& [lot, s] : unranked) {
                sup_slot[s] = static_cast<int>(in.sapp_student.size()) - base;
                in.sapp_student.push_back(s);
            }
            for (int j = pb; j < pe; ++j)
                for (int i = in.app_off[in.sup_proj[j]]; i < in.app_off[in.sup_proj[j] + 1]; ++i)
                    in.sup_pos[in.app_entry[i]] = sup_slot[in.app_student[i]];
            for (int j = pb; j < pe; ++j)
                for (int i = in.app_off[in.sup_proj[j]]; i < in.app_off[in.sup_proj[j] + 1]; ++i)
                    sup_slot[in.app_student[i]] = none;
        } else {
            // Applications ordered by a priority that depends only on the student and the project:
            // (shortfall, then lottery) where the shortfall is how far the student's skills fall short
            // of the project's requirements; for a project with its own ranking, ranked students come
            // first in ranking order, then the others by lottery.
            apps.clear();
            for (int j = pb; j < pe; ++j) {
                const int p = in.sup_proj[j];
                if (has_ranking[p])
                    for (int i = proj_rank_off[p]; i < proj_rank_off[p + 1]; ++i) pos_in[proj_rank[i]] = i - proj_rank_off[p];
                for (int i = in.app_off[p]; i < in.app_off[p + 1]; ++i) {
                    const int s = in.app_student[i];
                    std::uint64_t hi, lo;
                    if (has_ranking[p]) {
                        hi = pos_in[s] != none ? 0 : 1;
                        lo = pos_in[s] != none ? static_cast<std::uint64_t>(pos_in[s]) : in.lottery[s];
                    } else {
                        hi = std::min<std::uint64_t>(max_fit[p] - entry_fit[in.app_entry[i]], 0x7fffffff);
                        lo = in.lottery[s];
                    }
                    apps.emplace_back(hi << 32 | lo, j - pb, i);
                }
                if (has_ranking[p])
                    for (int i = proj_rank_off[p]; i < proj_rank_off[p + 1]; ++i) pos_in[proj_rank[i]] = none;
            }
            std::sort(apps.begin(), apps.end());
            for (const auto& [key, j, i] : apps) {
                in.sup_pos[in.app_entry[i]] = static_cast<int>(in.sapp_student.size()) - base;
                in.sapp_student.push_back(in.app_student[i]);
            }
        }
        in.sapp_off[l + 1] = static_cast<int>(in.sapp_student.size());
    }
    return in;
}

}  // namespace latitudes::alloc
