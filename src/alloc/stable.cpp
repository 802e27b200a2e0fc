// SPA-student (Abraham, Irving & Manlove, 2007), in time linear in the total length of the lists.
//
// The paper deletes pairs (s, p) when p (or its supervisor l) becomes full: every student the
// project (supervisor) ranks after its worst assigned student is removed from its list. Because the
// worst assigned student of a full project (supervisor) only ever improves, those deletions are a
// threshold on the position in the project's (supervisor's) applicant order: pthr / lthr. A student
// scans their list forward skipping deleted pairs, so every entry is passed at most once; finding
// the worst assigned student moves a pointer upward over positions that the threshold then deletes
// for good, so it is amortised O(1) too.
#include <climits>

#include "alloc/algorithms.hpp"

namespace latitudes::alloc {

std::vector<int> solve_stable(const Instance& in, const std::vector<int>& cap) {
    const int n = in.n, m = in.m, k = in.k;
    const int L = static_cast<int>(in.pref.size());
    std::vector<int> assigned(n, none), next(in.pref_off.begin(), in.pref_off.end() - 1);
    std::vector<int> pcount(m, 0), pthr(m), pworst(m);
    std::vector<int> lcount(k, 0), lthr(k), lworst(k);
    std::vector<char> pflag(L, 0), lflag(in.sapp_student.size(), 0);
    for (int p = 0; p < m; ++p) {
        pthr[p] = cap[p] == 0 ? -1 : INT_MAX;
        pworst[p] = in.app_off[p + 1] - in.app_off[p] - 1;
    }
    for (int l = 0; l < k; ++l) {
        lthr[l] = in.sup_capacity[l] == 0 ? -1 : INT_MAX;
        lworst[l] = in.sapp_off[l + 1] - in.sapp_off[l] - 1;
    }
    const int* pref = in.pref.data();
    const int* proj_pos = in.proj_pos.data();
    const int* sup_pos = in.sup_pos.data();
    const int* supervisor = in.supervisor.data();

    auto worst_p = [&](int p) {
        const char* f = pflag.data() + in.app_off[p];
        int w = pworst[p];
        while (!f[w]) --w;
        return pworst[p] = w;
    };
    auto worst_l = [&](int l) {
        const char* f = lflag.data() + in.sapp_off[l];
        int w = lworst[l];
        while (!f[w]) --w;
        return lworst[l] = w;
    };
    auto unassign = [&](int s) {
        const int e = assigned[s];
        const int p = pref[e], l = supervisor[p];
        --pcount[p];
        pflag[in.app_off[p] + proj_pos[e]] = 0;
        if (l != none) {
            --lcount[l];
            lflag[in.sapp_off[l] + sup_pos[e]] = 0;
        }
        assigned[s] = none;
        ++next[s];  // the pair is deleted: the threshold set below excludes it anyway
    };

    std::vector<int> free_students;
    free_students.reserve(n);
    for (int s = n - 1; s >= 0; --s) free_students.push_back(s);
    while (!free_students.empty()) {
        const int s = free_students.back();
        free_students.pop_back();
        int e = next[s];
        const int end = in.pref_off[s + 1];
        int p = none, l = none;
        for (; e < end; ++e) {
            p = pref[e];
            l = supervisor[p];
            if (proj_pos[e] <= pthr[p] && (l == none || sup_pos[e] <= lthr[l])) break;
        }
        next[s] = e;
        if (e == end) continue;  // list exhausted: s stays unassigned
        assigned[s] = e;
        ++pcount[p];
        pflag[in.app_off[p] + proj_pos[e]] = 1;
        if (l != none) {
            ++lcount[l];
            lflag[in.sapp_off[l] + sup_pos[e]] = 1;
        }
        if (pcount[p] > cap[p]) {
            const int r = in.app_student[in.app_off[p] + worst_p(p)];
            unassign(r);
            free_students.push_back(r);
        } else if (l != none && lcount[l] > in.sup_capacity[l]) {
            const int r = in.sapp_student[in.sapp_off[l] + worst_l(l)];
            unassign(r);
            free_students.push_back(r);
        }
        if (pcount[p] == cap[p]) pthr[p] = worst_p(p);
        if (l != none && lcount[l] == in.sup_capacity[l]) lthr[l] = worst_l(l);
    }
    return assigned;
}

}  // namespace latitudes::alloc
