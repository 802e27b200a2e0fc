#include "alloc/applicant_orders.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

namespace latitudes::alloc::detail {

// --- project applicant orders ----------------------------------------------------------------
// Linear apart from small sorts: entries are bucketed by project (counting sort) while students
// are visited in lottery order, so every bucket starts in lottery order; a project ordered by a
// ranking then moves its ranked applicants to the front (in ranking order), and a project ordered
// by skill fit is stably sorted by fit (the lottery breaks the ties).
std::vector<std::uint32_t> order_project_applicants(Instance& in, const Rankings& rankings, std::size_t skill_count,
                                                    std::vector<int>& pos_in) {
    const int n = in.n, m = in.m, k = in.k;
    const int L = static_cast<int>(in.pref.size());
    const auto& sup_rank_off = rankings.sup_rank_off;
    const auto& sup_rank = rankings.sup_rank;
    const auto& proj_rank_off = rankings.proj_rank_off;
    const auto& proj_rank = rankings.proj_rank;
    const auto& has_ranking = rankings.has_ranking;
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
        std::vector<int> level(skill_count, 0);
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
    return entry_fit;
}

// --- supervisor applicant orders -------------------------------------------------------------
// A supervisor with a ranking orders students (one position per student, shared by all their
// applications to the supervisor's projects): the SPA model; students it does not rank follow,
// by lottery. A supervisor without ranking is indifferent between students and orders the
// applications (student, project) instead, by a priority that agrees with each project's own
// order and depends on nothing but the student and the project (see below): the supervisor's
// choice is then a matroid greedy choice, and SPA-student stays stable, student-optimal and
// strategy-proof.
void order_supervisor_applicants(Instance& in, const Rankings& rankings, const std::vector<std::uint32_t>& entry_fit,
                                 std::vector<int>& pos_in) {
    const int n = in.n, m = in.m, k = in.k;
    const int L = static_cast<int>(in.pref.size());
    const auto& sup_rank_off = rankings.sup_rank_off;
    const auto& sup_rank = rankings.sup_rank;
    const auto& proj_rank_off = rankings.proj_rank_off;
    const auto& proj_rank = rankings.proj_rank;
    const auto& has_ranking = rankings.has_ranking;
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
}

}  // namespace latitudes::alloc::detail
