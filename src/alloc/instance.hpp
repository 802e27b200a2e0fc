#pragma once
// The compiled, compact form of a campaign: string ids mapped once to dense integers, preference
// lists and every project's / supervisor's order of its applicants as flat CSR arrays.
#include <cstdint>
#include <string>
#include <vector>

#include "alloc/types.hpp"

namespace latitudes::alloc {

inline constexpr int none = -1;

struct Instance {
    int n = 0;  // students
    int m = 0;  // projects
    int k = 0;  // supervisors
    std::uint64_t seed = 0;

    std::vector<std::string> student_ids, project_ids, supervisor_ids;

    // Preference lists, CSR: the choices of student s are entries [pref_off[s], pref_off[s+1]);
    // entry e names project pref[e] at rank e - pref_off[s] + 1.
    std::vector<int> pref_off, pref;
    // For entry e: position of the student in the project's applicant order (0 = best), and in the
    // supervisor's order (none when the project has no supervisor). A supervisor with a ranking
    // orders students (all entries of a student share a position); one without ranking orders the
    // applications themselves (see applicant_orders.cpp).
    std::vector<int> proj_pos, sup_pos;

    // Applicants of each project, best first, CSR (student indices); app_entry gives the entry e.
    std::vector<int> app_off, app_student, app_entry;
    // The supervisor's order, best first, CSR: the student at each position.
    std::vector<int> sapp_off, sapp_student;
    std::vector<char> sup_ranked;  // per supervisor: has a ranking (orders students, SPA model)

    std::vector<int> capacity, min_size, supervisor;  // per project
    std::vector<int> sup_capacity;                    // per supervisor (large when unlimited)
    std::vector<int> sup_proj_off, sup_proj;          // projects of each supervisor, CSR

    // Skills (interned skill ids), CSR of (skill, level) pairs.
    std::vector<int> skill_off, req_off;
    std::vector<std::pair<int, int>> skill, req;

    std::vector<std::uint32_t> lottery;  // per student: position in the seeded lottery (0 = first)

    int rank_of(int entry, int student) const { return entry - pref_off[student] + 1; }
    int max_list_length() const;
};

// Validates and compiles. Throws InputError naming the item and its location.
Instance compile(const Campaign& campaign);

// The lottery value of an id under a seed (stable across platforms and input order).
std::uint64_t lottery_value(std::uint64_t seed, std::string_view id);

}  // namespace latitudes::alloc
