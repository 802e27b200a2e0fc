#pragma once
// The two allocation algorithms over a compiled Instance. Each returns, for every student, the
// preference entry they are assigned to (an index into Instance::pref) or none.
#include <vector>

#include "alloc/instance.hpp"

namespace latitudes::alloc {

// Student-optimal stable allocation: algorithm SPA-student of Abraham, Irving & Manlove (2007),
// generalised to per-project orders. `capacity` overrides Instance::capacity (closed projects: 0).
std::vector<int> solve_stable(const Instance& in, const std::vector<int>& capacity);

// Maximum cardinality, then minimum total rank: exact min-cost flow by primal-dual successive
// shortest paths (Dijkstra with potentials, many augmentations per phase).
struct WelfareStats {
    int phases = 0;
    int augmentations = 0;
};
std::vector<int> solve_welfare(const Instance& in, const std::vector<int>& capacity, WelfareStats* stats = nullptr);

struct Solution {
    Algorithm algorithm = Algorithm::stable;
    std::vector<int> assigned;      // per student: entry or none
    std::vector<int> capacity;      // effective capacities (0 for closed projects)
    std::vector<int> closed_order;  // projects closed for min size, in order
    std::vector<char> closed;       // per project
};

// Runs the algorithm; with respect_min_size, closes undersized projects one at a time (fewest
// applicants first, then fewest assigned, then input order) and recomputes until none remains.
Solution solve(const Instance& in, Algorithm algorithm, bool respect_min_size);

}  // namespace latitudes::alloc
