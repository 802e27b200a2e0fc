#pragma once
// Test helpers: building campaigns tersely, random small instances, and naive references
// (exhaustive enumeration) that share no code with the engine.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "alloc/engine.hpp"
#include "alloc/types.hpp"

namespace alloc_test {

using namespace latitudes::alloc;

inline StudentInput student(std::string id, std::vector<std::string> choices) {
    StudentInput s;
    s.id = std::move(id);
    s.choices = std::move(choices);
    return s;
}
inline ProjectInput project(std::string id, int capacity, std::optional<std::string> supervisor = std::nullopt,
                            std::optional<std::vector<std::string>> ranking = std::nullopt, int min_size = 0) {
    ProjectInput p;
    p.id = std::move(id);
    p.capacity = capacity;
    p.supervisor = std::move(supervisor);
    p.ranking = std::move(ranking);
    p.min_size = min_size;
    return p;
}
inline SupervisorInput supervisor(std::string id, std::optional<int> capacity, std::vector<std::string> ranking) {
    return SupervisorInput{std::move(id), capacity, std::move(ranking)};
}

// student id -> project id (absent: unassigned)
inline std::map<std::string, std::string> as_map(const Result& r) {
    std::map<std::string, std::string> m;
    for (const auto& a : r.assignments) m[a.student] = a.project;
    return m;
}

struct Rng {
    std::uint64_t s;
    explicit Rng(std::uint64_t seed) : s(seed * 0x9e3779b97f4a7c15ULL + 1) {}
    std::uint64_t next() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    int uniform(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (int i = static_cast<int>(v.size()) - 1; i > 0; --i) std::swap(v[i], v[uniform(0, i)]);
    }
};

// A small random SPA instance, described with explicit orders so that references need no lottery:
// every supervisor ranks all students; projects without supervisor rank all students themselves;
// when `conflicting`, some supervised projects also get their own (different) ranking.
struct SmallInstance {
    int n = 0, m = 0, k = 0;
    std::vector<std::vector<int>> prefs;      // per student, project indices
    std::vector<int> cap, sup;                // per project; sup = -1 when none
    std::vector<int> sup_cap;                 // per supervisor (large = unlimited)
    std::vector<std::vector<int>> sup_rank;   // per supervisor: student -> position
    std::vector<std::vector<int>> proj_rank;  // per project: student -> position (its order)
    // When non-empty: supervisors without ranking, which order applications; per student, per
    // choice index, the application's position in its supervisor's order.
    std::vector<std::vector<int>> application_rank;
    Campaign campaign;
};

// How random_small draws an instance. The defaults draw anything, empty and trivial instances
// included; `contested()` draws instances where students compete: more students than places,
// full lists, supervisors shared by several projects with tight limits, and projects that rank
// students against the supervisor's order, so that several stable matchings often exist.
struct Shape {
    int min_students = 0, min_projects = 1, min_cap = 0, max_cap = 3, min_supervisors = 0, max_supervisors = 2;
    bool full_lists = false;      // every student ranks max_list projects (or all of them)
    int unsupervised_one_in = 5;  // a project has no supervisor with probability 1/this
    int own_ranking_one_in = 3;   // when conflicting, a supervised project ranks students itself
    // `shared_supervisor`: about half the projects share one supervisor with a limit; otherwise
    // every project orders its students itself (Hospitals/Residents with capacities).
    static Shape contested(bool shared_supervisor) {
        Shape s;
        s.min_students = 5;
        s.min_projects = 3;
        s.min_cap = 1;
        s.max_cap = 2;
        s.min_supervisors = 1;
        s.full_lists = true;
        s.unsupervised_one_in = shared_supervisor ? 2 : 1;
        s.own_ranking_one_in = 2;
        return s;
    }
};

inline SmallInstance random_small(std::uint64_t seed, int max_students, int max_projects, int max_list, bool conflicting = false,
                                  const Shape& shape = {}) {
    Rng r(seed);
    SmallInstance x;
    x.n = r.uniform(std::min(shape.min_students, max_students), max_students);
    x.m = r.uniform(std::min(shape.min_projects, max_projects), max_projects);
    x.k = r.uniform(shape.min_supervisors, shape.max_supervisors);
    x.cap.resize(x.m);
    x.sup.resize(x.m);
    for (int p = 0; p < x.m; ++p) {
        x.cap[p] = r.uniform(shape.min_cap, shape.max_cap);
        x.sup[p] = x.k == 0 || r.uniform(0, shape.unsupervised_one_in - 1) == 0 ? -1 : r.uniform(0, x.k - 1);
    }
    auto permutation = [&](int size) {
        std::vector<int> order(size);
        for (int i = 0; i < size; ++i) order[i] = i;
        r.shuffle(order);
        std::vector<int> pos(size);
        for (int i = 0; i < size; ++i) pos[order[i]] = i;
        return std::pair{order, pos};
    };
    std::vector<std::vector<int>> sup_order(x.k);
    for (int l = 0; l < x.k; ++l) {
        x.sup_cap.push_back(r.uniform(0, 5) == 0 ? 1000 : r.uniform(shape.min_cap, 4));
        auto [order, pos] = permutation(x.n);
        sup_order[l] = order;
        x.sup_rank.push_back(pos);
    }
    std::vector<std::optional<std::vector<int>>> own(x.m);
    x.proj_rank.resize(x.m);
    for (int p = 0; p < x.m; ++p) {
        if (x.sup[p] == -1 || (conflicting && r.uniform(0, shape.own_ranking_one_in - 1) == 0)) {
            auto [order, pos] = permutation(x.n);
            own[p] = order;
            x.proj_rank[p] = pos;
        } else {
            x.proj_rank[p] = x.sup_rank[x.sup[p]];
        }
    }
    x.prefs.resize(x.n);
    for (int s = 0; s < x.n; ++s) {
        std::vector<int> all(x.m);
        for (int p = 0; p < x.m; ++p) all[p] = p;
        r.shuffle(all);
        all.resize(shape.full_lists ? std::min(max_list, x.m) : r.uniform(0, std::min(max_list, x.m)));
        x.prefs[s] = all;
    }
    // The campaign.
    auto sid = [](int s) { return "s" + std::to_string(s); };
    for (int s = 0; s < x.n; ++s) {
        StudentInput st;
        st.id = sid(s);
        for (int p : x.prefs[s]) st.choices.push_back("p" + std::to_string(p));
        x.campaign.students.push_back(st);
    }
    for (int p = 0; p < x.m; ++p) {
        ProjectInput pr;
        pr.id = "p" + std::to_string(p);
        pr.capacity = x.cap[p];
        if (x.sup[p] != -1) pr.supervisor = "m" + std::to_string(x.sup[p]);
        if (own[p]) {
            pr.ranking.emplace();
            for (int s : *own[p]) pr.ranking->push_back(sid(s));
        }
        x.campaign.projects.push_back(pr);
    }
    for (int l = 0; l < x.k; ++l) {
        SupervisorInput sv;
        sv.id = "m" + std::to_string(l);
        if (x.sup_cap[l] < 1000) sv.capacity = x.sup_cap[l];
        for (int s : sup_order[l]) sv.ranking.push_back(sid(s));
        x.campaign.supervisors.push_back(sv);
    }
    x.campaign.options.seed = seed;
    return x;
}

// An assignment: per student, the index in their list (-1 unassigned).
using Choice = std::vector<int>;

inline bool feasible(const SmallInstance& x, const Choice& c) {
    std::vector<int> load(x.m, 0), lload(x.k, 0);
    for (int s = 0; s < x.n; ++s)
        if (c[s] >= 0) {
            const int p = x.prefs[s][c[s]];
            if (++load[p] > x.cap[p]) return false;
            if (x.sup[p] >= 0 && ++lload[x.sup[p]] > x.sup_cap[x.sup[p]]) return false;
        }
    return true;
}

// Blocking pairs under the SPA definition (Abraham, Irving & Manlove 2007), written independently.
inline int blocking_pairs(const SmallInstance& x, const Choice& c) {
    std::vector<int> load(x.m, 0), lload(x.k, 0);
    std::vector<std::vector<int>> members(x.m);
    for (int s = 0; s < x.n; ++s)
        if (c[s] >= 0) {
            const int p = x.prefs[s][c[s]];
            ++load[p];
            members[p].push_back(s);
            if (x.sup[p] >= 0) ++lload[x.sup[p]];
        }
    int count = 0;
    for (int s = 0; s < x.n; ++s) {
        const int upto = c[s] < 0 ? static_cast<int>(x.prefs[s].size()) : c[s];
        for (int i = 0; i < upto; ++i) {
            const int p = x.prefs[s][i];
            if (x.cap[p] == 0) continue;
            const int l = x.sup[p];
            bool blocks = false;
            if (load[p] < x.cap[p]) {
                if (l < 0 || lload[l] < x.sup_cap[l]) {
                    blocks = true;
                } else if (x.application_rank.empty()) {
                    const bool same_sup = c[s] >= 0 && x.sup[x.prefs[s][c[s]]] == l;
                    int worst = -1;  // l's worst assigned student
                    for (int t = 0; t < x.n; ++t)
                        if (c[t] >= 0 && x.sup[x.prefs[t][c[t]]] == l) worst = std::max(worst, x.sup_rank[l][t]);
                    blocks = same_sup || x.sup_rank[l][s] < worst;
                } else {
                    int worst = -1;  // l's worst assigned application
                    for (int t = 0; t < x.n; ++t)
                        if (c[t] >= 0 && x.sup[x.prefs[t][c[t]]] == l) worst = std::max(worst, x.application_rank[t][c[t]]);
                    blocks = x.application_rank[s][i] < worst;
                }
            } else {
                int worst = -1;
                for (int t : members[p]) worst = std::max(worst, x.proj_rank[p][t]);
                blocks = x.proj_rank[p][s] < worst;
            }
            count += blocks;
        }
    }
    return count;
}

// Calls f on every feasible assignment.
template <class F>
void enumerate(const SmallInstance& x, F&& f) {
    Choice c(x.n, -1);
    std::vector<int> load(x.m, 0), lload(x.k, 0);
    auto rec = [&](auto&& self, int s) -> void {
        if (s == x.n) {
            f(c);
            return;
        }
        c[s] = -1;
        self(self, s + 1);
        for (int i = 0; i < static_cast<int>(x.prefs[s].size()); ++i) {
            const int p = x.prefs[s][i], l = x.sup[p];
            if (load[p] >= x.cap[p] || (l >= 0 && lload[l] >= x.sup_cap[l])) continue;
            ++load[p];
            if (l >= 0) ++lload[l];
            c[s] = i;
            self(self, s + 1);
            --load[p];
            if (l >= 0) --lload[l];
        }
        c[s] = -1;
    };
    rec(rec, 0);
}

// The engine's assignments as list positions. The reported rank is not trusted: each assignment
// must name the project at that rank of the student's own list, and no student twice.
inline Choice to_choice(const SmallInstance& x, const Result& r) {
    Choice c(x.n, -1);
    for (const auto& a : r.assignments) {
        const int s = std::stoi(a.student.substr(1));
        EXPECT_TRUE(s >= 0 && s < x.n) << "unknown student " << a.student;
        if (s < 0 || s >= x.n) continue;
        EXPECT_EQ(c[s], -1) << a.student << " assigned twice";
        const auto& list = x.prefs[s];
        EXPECT_TRUE(a.rank >= 1 && a.rank <= static_cast<int>(list.size())) << a.student << " at rank " << a.rank;
        if (a.rank < 1 || a.rank > static_cast<int>(list.size())) continue;
        EXPECT_EQ(a.project, "p" + std::to_string(list[a.rank - 1]))
            << a.student << " is reported at rank " << a.rank << " but assigned to another project";
        c[s] = a.rank - 1;
    }
    return c;
}

}  // namespace alloc_test
