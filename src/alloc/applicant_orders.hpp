#pragma once
// Internal to compile() (instance.cpp): the last two phases, which order every project's and every
// supervisor's applicants. Kept apart so that instance.cpp stays short; not part of the engine's API.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "alloc/instance.hpp"

namespace latitudes::alloc::detail {

// The campaign's rankings as student indices, CSR, validated by compile().
struct Rankings {
    std::vector<int> sup_rank_off, sup_rank;    // supervisor l: [sup_rank_off[l], sup_rank_off[l+1])
    std::vector<int> proj_rank_off, proj_rank;  // project p: [proj_rank_off[p], proj_rank_off[p+1])
    std::vector<char> has_ranking;              // per project: has its own ranking (which may be empty)
};

// Fills in.app_off, app_student, app_entry and proj_pos from the preferences, skills, lottery and
// supervisors already compiled into `in`; `skill_count` is the number of interned skills. Returns
// the skill fit of each entry (order_supervisor_applicants needs it). `pos_in` is scratch of size
// in.n, all none on entry, and is left so: compile() allocates it once for both phases.
std::vector<std::uint32_t> order_project_applicants(Instance& in, const Rankings& rankings, std::size_t skill_count,
                                                    std::vector<int>& pos_in);

// Fills in.sup_pos, sapp_off, sapp_student and sup_ranked; needs the project orders above and their
// `entry_fit`. `pos_in` as above.
void order_supervisor_applicants(Instance& in, const Rankings& rankings, const std::vector<std::uint32_t>& entry_fit,
                                 std::vector<int>& pos_in);

}  // namespace latitudes::alloc::detail
