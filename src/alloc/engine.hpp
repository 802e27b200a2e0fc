#pragma once
// Entry points of the allocation engine.
//
//   Instance in = compile(campaign);                 // validates; throws InputError
//   Solution sol = solve(in, Algorithm::stable, campaign.options.respect_min_size);
//   Result r = make_result(in, sol, elapsed_ms);     // ids, ranks, statistics
//   Explanation x = explain(in, sol, "s1");          // why not a better choice
//
// or, in one call, allocate(campaign, algorithm) (+ explain_student for one student).
#include <string_view>

#include "alloc/algorithms.hpp"
#include "alloc/instance.hpp"
#include "alloc/types.hpp"

namespace latitudes::alloc {

Stats compute_stats(const Instance& in, const Solution& sol);
Result make_result(const Instance& in, const Solution& sol, double elapsed_ms);

// Number of blocking pairs of the allocation under the SPA stability definition (generalised to
// per-project orders): see docs/ALLOCATION.md.
int count_blocking_pairs(const Instance& in, const Solution& sol);

// Throws InputError when the student id is unknown.
Explanation explain(const Instance& in, const Solution& sol, std::string_view student_id);

// Compiles, solves (timing it) and builds the result in one call.
Result allocate(const Campaign& campaign, Algorithm algorithm);

// Both at once, for callers that also want an explanation.
struct AllocationWithExplanation {
    Result result;
    Explanation explanation;
};
AllocationWithExplanation allocate_and_explain(const Campaign& campaign, Algorithm algorithm, std::string_view student_id);

}  // namespace latitudes::alloc
