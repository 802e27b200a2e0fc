#include "alloc/engine.hpp"

#include <algorithm>
#include <chrono>

namespace latitudes::alloc {

const char* to_string(Algorithm a) { return a == Algorithm::stable ? "stable" : "welfare"; }

std::optional<Algorithm> parse_algorithm(std::string_view name) {
    if (name == "stable") return Algorithm::stable;
    if (name == "welfare") return Algorithm::welfare;
    return std::nullopt;
}

const char* to_string(Reason r) {
    switch (r) {
        case Reason::project_closed: return "project_closed";
        case Reason::project_no_places: return "project_no_places";
        case Reason::project_full: return "project_full";
        case Reason::supervisor_full: return "supervisor_full";
        case Reason::project_full_earlier: return "project_full_earlier";
        case Reason::welfare_objective: return "welfare_objective";
    }
    return "unknown";
}

namespace {

// Load and worst assigned position (in the project's / supervisor's order) of every project and
// supervisor.
struct Occupancy {
    std::vector<int> load, worst, lload, lworst;
    Occupancy(const Instance& in, const Solution& sol) : load(in.m, 0), worst(in.m, -1), lload(in.k, 0), lworst(in.k, -1) {
        for (int s = 0; s < in.n; ++s) {
            const int e = sol.assigned[s];
            if (e == none) continue;
            const int p = in.pref[e];
            ++load[p];
            worst[p] = std::max(worst[p], in.proj_pos[e]);
            const int l = in.supervisor[p];
            if (l != none) {
                ++lload[l];
                lworst[l] = std::max(lworst[l], in.sup_pos[e]);
            }
        }
    }
};

bool blocks(const Instance& in, const Solution& sol, const Occupancy& o, int s, int e) {
    const int p = in.pref[e];
    if (sol.capacity[p] == 0) return false;
    if (o.load[p] >= sol.capacity[p]) return in.proj_pos[e] < o.worst[p];  // (c): p prefers s
    const int l = in.supervisor[p];
    if (l == none || o.lload[l] < in.sup_capacity[l]) return true;  // (a)
    const int a = sol.assigned[s];                                  // (b): l full
    // A supervisor with a ranking loses nothing when one of their students moves to another of their
    // projects; a supervisor without one compares the applications themselves.
    if (in.sup_ranked[l] && a != none && in.supervisor[in.pref[a]] == l) return true;
    return in.sup_pos[e] < o.lworst[l];  // l prefers s (the application) to its worst
}

}  // namespace

int count_blocking_pairs(const Instance& in, const Solution& sol) {
    Occupancy o(in, sol);
    int count = 0;
    for (int s = 0; s < in.n; ++s) {
        const int end = sol.assigned[s] == none ? in.pref_off[s + 1] : sol.assigned[s];
        for (int e = in.pref_off[s]; e < end; ++e) count += blocks(in, sol, o, s, e) ? 1 : 0;
    }
    return count;
}

Stats compute_stats(const Instance& in, const Solution& sol) {
    Stats st;
    st.students = in.n;
    st.rank_histogram.assign(static_cast<std::size_t>(in.max_list_length()), 0);
    long long rank_sum = 0;
    for (int s = 0; s < in.n; ++s) {
        const int e = sol.assigned[s];
        if (e == none) continue;
        const int r = in.rank_of(e, s);
        ++st.assigned;
        ++st.rank_histogram[r - 1];
        rank_sum += r;
    }
    st.mean_rank = st.assigned ? static_cast<double>(rank_sum) / st.assigned : 0.0;
    st.blocking_pairs = count_blocking_pairs(in, sol);
    Occupancy o(in, sol);
    for (int p = 0; p < in.m; ++p)
        if (o.load[p] > 0 && o.load[p] < in.min_size[p]) ++st.undersized_teams;
    // A team misses a skill when no member has at least the required level of it.
    std::vector<int> members_off(in.m + 1, 0), members(st.assigned);
    for (int p = 0; p < in.m; ++p) members_off[p + 1] = members_off[p] + o.load[p];
    {
        std::vector<int> fill(members_off.begin(), members_off.end() - 1);
        for (int s = 0; s < in.n; ++s)
            if (sol.assigned[s] != none) members[fill[in.pref[sol.assigned[s]]]++] = s;
    }
    std::vector<int> best;
    for (int p = 0; p < in.m; ++p) {
        if (o.load[p] == 0 || in.req_off[p + 1] == in.req_off[p]) continue;
        bool missing = false;
        for (int r = in.req_off[p]; r < in.req_off[p + 1] && !missing; ++r) {
            const auto [skill, level] = in.req[r];
            bool covered = false;
            for (int i = members_off[p]; i < members_off[p + 1] && !covered; ++i) {
                const int s = members[i];
                for (int j = in.skill_off[s]; j < in.skill_off[s + 1]; ++j)
                    if (in.skill[j].first == skill && in.skill[j].second >= level) covered = true;
            }
            missing = !covered;
        }
        if (missing) ++st.teams_missing_skills;
    }
    return st;
}

Result make_result(const Instance& in, const Solution& sol, double elapsed_ms) {
    Result r;
    r.algorithm = sol.algorithm;
    r.seed = in.seed;
    r.assignments.reserve(in.n);
    for (int s = 0; s < in.n; ++s) {
        const int e = sol.assigned[s];
        if (e == none) r.unassigned.push_back(in.student_ids[s]);
        else r.assignments.push_back({in.student_ids[s], in.project_ids[in.pref[e]], in.rank_of(e, s)});
    }
    for (int p : sol.closed_order) r.closed_projects.push_back(in.project_ids[p]);
    r.stats = compute_stats(in, sol);
    r.stats.elapsed_ms = elapsed_ms;
    return r;
}

Explanation explain(const Instance& in, const Solution& sol, std::string_view student_id) {
    int s = none;
    for (int i = 0; i < in.n; ++i)
        if (in.student_ids[i] == student_id) {
            s = i;
            break;
        }
    if (s == none) throw InputError("--explain", "unknown student \"" + std::string(student_id) + "\"");
    Explanation x;
    x.student = in.student_ids[s];
    const int a = sol.assigned[s];
    if (a != none) {
        x.project = in.project_ids[in.pref[a]];
        x.rank = in.rank_of(a, s);
    }
    Occupancy o(in, sol);
    const int end = a == none ? in.pref_off[s + 1] : a;
    for (int e = in.pref_off[s]; e < end; ++e) {
        const int p = in.pref[e];
        const int l = in.supervisor[p];
        ChoiceExplanation c;
        c.project = in.project_ids[p];
        c.rank = in.rank_of(e, s);
        const bool project_full = o.load[p] >= sol.capacity[p];
        const bool sup_full = l != none && o.lload[l] >= in.sup_capacity[l];
        if (sol.closed[p]) {
            c.reason = Reason::project_closed;
            c.message = "this project was closed because it could not reach its minimum team size";
        } else if (in.capacity[p] == 0) {
            c.reason = Reason::project_no_places;
            c.message = "this project offers no places";
        } else if (sol.algorithm == Algorithm::welfare) {
            c.reason = Reason::welfare_objective;
            c.message = std::string(project_full ? "this project is full" : "this project's supervisor is full") +
                        "; placing you there would mean moving other students to choices they rank lower or "
                        "leaving someone without a project, which would not improve the overall allocation";
        } else if (project_full && in.proj_pos[e] > o.worst[p]) {
            c.reason = Reason::project_full;
            c.message = "this project is full with students it ranks higher than you";
        } else if (sup_full && in.sup_pos[e] > o.lworst[l]) {
            c.reason = Reason::supervisor_full;
            c.message = "the supervisor of this project has reached their limit with students they rank higher than you";
        } else {
            c.reason = Reason::project_full_earlier;
            c.message = "this project was full with students it ranked higher than you when you applied; its "
                        "supervisor's own ranking later freed a place";
        }
        x.better_choices.push_back(std::move(c));
    }
    return x;
}

Result allocate(const Campaign& campaign, Algorithm algorithm) {
    const auto t0 = std::chrono::steady_clock::now();
    const Instance in = compile(campaign);
    const Solution sol = solve(in, algorithm, campaign.options.respect_min_size);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return make_result(in, sol, ms);
}

AllocationWithExplanation allocate_and_explain(const Campaign& campaign, Algorithm algorithm, std::string_view student_id) {
    const auto t0 = std::chrono::steady_clock::now();
    const Instance in = compile(campaign);
    const Solution sol = solve(in, algorithm, campaign.options.respect_min_size);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    AllocationWithExplanation out{make_result(in, sol, ms), explain(in, sol, student_id)};
    return out;
}

}  // namespace latitudes::alloc
