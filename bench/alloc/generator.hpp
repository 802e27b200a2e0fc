#pragma once
// Generator of realistic allocation campaigns for the benchmarks (and the run.sh instance):
// Zipf-like project popularity (a few projects heavily oversubscribed, a long tail), capacities in
// [cap_min, cap_max], supervisors offering 1-3 projects with a limit below their total capacity,
// some supervisors and projects with their own rankings, skills and required skills.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "alloc/types.hpp"

namespace latitudes::bench {

struct GenParams {
    int students = 100000;
    int projects = 25000;
    int choices = 10;
    int cap_min = 3, cap_max = 5;
    double zipf_exponent = 1.0;
    double zipf_offset = 20.0;              // weight of the i-th project: 1 / (i + offset)^exponent
    double supervisor_ranking_share = 0.3;  // supervisors that rank (part of) their applicants
    double project_ranking_share = 0.0;     // projects with their own ranking (may contradict supervisor)
    double supervisor_load = 0.8;           // supervisor limit = ceil(load * sum of their capacities)
    bool min_sizes = true;
    std::uint64_t seed = 1;
};

class Rng {
public:
    explicit Rng(std::uint64_t seed) : s_(seed ^ 0x853c49e6748fea9bULL) {}
    std::uint64_t next() {
        std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int uniform(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
    std::uint64_t s_;
};

inline alloc::Campaign generate_campaign(const GenParams& g) {
    using namespace latitudes::alloc;
    Rng rng(g.seed);
    Campaign c;
    const std::vector<std::string> skill_names{"web", "data", "design", "embedded", "ml", "writing", "ops", "security"};
    // Popularity: a random permutation of projects gets Zipf-like weights.
    std::vector<int> perm(g.projects);
    for (int i = 0; i < g.projects; ++i) perm[i] = i;
    for (int i = g.projects - 1; i > 0; --i) std::swap(perm[i], perm[rng.uniform(0, i)]);
    std::vector<double> cdf(g.projects);
    double total = 0;
    for (int i = 0; i < g.projects; ++i) {
        total += 1.0 / std::pow(i + g.zipf_offset, g.zipf_exponent);
        cdf[i] = total;
    }
    c.projects.resize(g.projects);
    for (int p = 0; p < g.projects; ++p) {
        auto& pr = c.projects[p];
        pr.id = "p" + std::to_string(p);
        pr.capacity = rng.uniform(g.cap_min, g.cap_max);
        if (g.min_sizes) pr.min_size = std::min(pr.capacity, rng.uniform(1, 3));
        const int req = rng.uniform(0, 2);
        for (int r = 0; r < req; ++r) {
            const auto& name = skill_names[rng.uniform(0, static_cast<int>(skill_names.size()) - 1)];
            if (std::none_of(pr.required_skills.begin(), pr.required_skills.end(),
                             [&](const SkillLevel& s) { return s.skill == name; }))
                pr.required_skills.push_back({name, rng.uniform(1, 3)});
        }
    }
    // Supervisors offering 1-3 consecutive projects.
    for (int p = 0; p < g.projects;) {
        const int count = std::min(rng.uniform(1, 3), g.projects - p);
        SupervisorInput sv;
        sv.id = "m" + std::to_string(c.supervisors.size());
        int sum = 0;
        for (int i = 0; i < count; ++i) {
            c.projects[p + i].supervisor = sv.id;
            sum += c.projects[p + i].capacity;
        }
        sv.capacity = std::max(1, static_cast<int>(std::ceil(g.supervisor_load * sum)));
        c.supervisors.push_back(std::move(sv));
        p += count;
    }
    c.students.resize(g.students);
    std::vector<int> chosen;
    std::vector<std::vector<int>> applicants(g.projects);
    for (int s = 0; s < g.students; ++s) {
        auto& st = c.students[s];
        st.id = "s" + std::to_string(s);
        chosen.clear();
        const int want = std::min(g.choices, g.projects);
        while (static_cast<int>(chosen.size()) < want) {
            const double u = rng.unit() * total;
            const int i = static_cast<int>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
            const int p = perm[std::min(i, g.projects - 1)];
            if (std::find(chosen.begin(), chosen.end(), p) == chosen.end()) chosen.push_back(p);
        }
        for (int p : chosen) {
            st.choices.push_back(c.projects[p].id);
            applicants[p].push_back(s);
        }
        const int ns = rng.uniform(1, 3);
        for (int i = 0; i < ns; ++i) {
            const auto& name = skill_names[rng.uniform(0, static_cast<int>(skill_names.size()) - 1)];
            if (std::none_of(st.skills.begin(), st.skills.end(), [&](const SkillLevel& x) { return x.skill == name; }))
                st.skills.push_back({name, rng.uniform(1, 3)});
        }
    }
    // Rankings: a supervisor ranks a random half of their applicants; some projects rank their own.
    int p = 0;
    for (auto& sv : c.supervisors) {
        std::vector<int> apps;
        int q = p;
        while (q < g.projects && c.projects[q].supervisor == sv.id) {
            apps.insert(apps.end(), applicants[q].begin(), applicants[q].end());
            ++q;
        }
        if (rng.unit() < g.supervisor_ranking_share) {
            std::sort(apps.begin(), apps.end());
            apps.erase(std::unique(apps.begin(), apps.end()), apps.end());
            for (int i = static_cast<int>(apps.size()) - 1; i > 0; --i) std::swap(apps[i], apps[rng.uniform(0, i)]);
            apps.resize(apps.size() / 2);
            for (int s : apps) sv.ranking.push_back(c.students[s].id);
        }
        for (int r = p; r < q; ++r) {
            if (rng.unit() < g.project_ranking_share) {
                std::vector<std::string> rk;
                for (int s : applicants[r]) rk.push_back(c.students[s].id);
                c.projects[r].ranking = std::move(rk);
            }
        }
        p = q;
    }
    c.options.seed = g.seed;
    return c;
}

}  // namespace latitudes::bench
