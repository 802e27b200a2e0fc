// Welfare allocation: a min-cost maximum flow on the compact network
//   source -> student (1) -> project (rank) -> supervisor (project capacity) -> sink (supervisor
//   capacity); a project without supervisor goes straight to the sink.
// Successive shortest paths keep, for every flow value, a minimum-cost flow; running them until no
// augmenting path remains gives a maximum flow of minimum cost, i.e. as many students placed as
// possible and, among those allocations, the smallest sum of ranks.
//
// Primal-dual variant, searching backwards: each phase runs one Dijkstra from the sink over the
// reversed residual arcs (reduced costs with node potentials, integer distances in a bucket queue,
// stopped as soon as the source is reached), updates the potentials so that every shortest
// augmenting path becomes tight, then augments along as many tight paths as depth-first sweeps from
// the sink find (Dinic-style current arcs). Searching from the sink matters: free students are
// many and reach most of the graph at reduced cost 0, whereas the places that can still absorb a
// student form a small region once the popular projects are full. Ranks are small integers, so the
// number of phases is small (24 on the 100,000-student benchmark).
//
// Arcs are never materialised: a student's arcs are their preference list, a project's incoming
// arcs are its applicant list (Instance::app_*), a student's reverse arc is their assignment.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "alloc/algorithms.hpp"

namespace latitudes::alloc {

namespace {

using i64 = std::int64_t;
constexpr i64 infinity = std::numeric_limits<i64>::max() / 4;

class Welfare {
public:
    Welfare(const Instance& in, const std::vector<int>& cap)
        : in_(in), cap_(cap), n_(in.n), m_(in.m), k_(in.k), T_(in.n + in.m + in.k) {
        const int V = T_ + 2;  // + the source, used by the backward search
        h_.assign(V, 0);
        dist_.assign(V, infinity);
        stamp_.assign(V, 0);
        done_.assign(V, 0);
        assigned_.assign(n_, none);
        load_.assign(m_, 0);
        lload_.assign(k_, 0);
        entry_used_.assign(n_, none);
        it_.assign(V, 0);
        visited_.assign(V, 0);
        started_.assign(V, 0);
    }

    std::vector<int> run(WelfareStats* stats) {
        int phases = 0, augmentations = 0;
        while (dijkstra_backward()) {
            ++phases;
            int found = 0;
            for (int more = sweep_backward(); more > 0; more = sweep_backward()) found += more;
            augmentations += found;
            if (found == 0) break;  // cannot happen (a shortest path is tight); guards termination
        }
        if (stats) {
            stats->phases = phases;
            stats->augmentations = augmentations;
        }
        return assigned_;
    }

private:
    int node_of_project(int p) const { return n_ + p; }
    int sup_node(int l) const { return n_ + m_ + l; }
    // Where the arc out of project p leads (its supervisor, or the sink).
    int out_of(int p) const {
        const int l = in_.supervisor[p];
        return l == none ? T_ : sup_node(l);
    }
    int sup_cap(int l) const { return in_.sup_capacity[l]; }

    void touch(int v) {
        if (stamp_[v] != round_) {
            stamp_[v] = round_;
            dist_[v] = infinity;
            done_[v] = 0;
        }
    }
    i64 reduced(int u, int v, i64 cost) const { return cost + h_[u] - h_[v]; }

    // ---- Backward search: from the sink over reversed residual arcs, towards the free students.
    // Potentials: h(v) += D - min(delta(v), D), delta = reduced distance from v to the sink.
    int S_() const { return T_ + 1; }

    bool dijkstra_backward() {
        ++round_;
        settled_.clear();
        top_ = 0;
        best_sink_ = infinity;  // here: best tentative distance of the source
        relax_b(T_, 0);
        i64 D = infinity;
        for (std::size_t cur = 0; cur <= top_; ++cur) {
            if (static_cast<i64>(cur) >= best_sink_) {
                D = best_sink_;
                break;
            }
            // Stop as soon as the source enters this bucket: the rest of it has distance D anyway.
            for (std::size_t i = 0; i < buckets_[cur].size() && static_cast<i64>(cur) < best_sink_; ++i) {
                const int u = buckets_[cur][i];
                const i64 d = static_cast<i64>(cur);
                if (done_[u] || d != dist_[u]) continue;
                settle_b(u, d);
            }
        }
        for (std::size_t b = 0; b <= top_ && b < buckets_.size(); ++b) buckets_[b].clear();
        D = best_sink_;  // the source's distance (infinity when no augmenting path is left)
        if (D == infinity) return false;
        for (int v : settled_) h_[v] += D - dist_[v];
        return true;
    }

    void relax_b(int v, i64 d) {
        touch(v);
        if (d < dist_[v] && (v == S_() || d < best_sink_)) {
            dist_[v] = d;
            if (v == S_()) best_sink_ = d;
            const auto b = static_cast<std::size_t>(d);
            if (b >= buckets_.size()) buckets_.resize(b + 1);
            buckets_[b].push_back(v);
            top_ = std::max(top_, b);
        }
    }

    void settle_b(int v, i64 d) {
        done_[v] = 1;
        settled_.push_back(v);
        const i64 hv = h_[v];
        if (v == T_) {
            for (int l = 0; l < k_; ++l)
                if (lload_[l] < sup_cap(l)) relax_b(sup_node(l), d + reduced(sup_node(l), T_, 0));
            for (int p = 0; p < m_; ++p)
                if (in_.supervisor[p] == none && load_[p] < cap_[p])
                    relax_b(node_of_project(p), d + reduced(node_of_project(p), T_, 0));
        } else if (v < n_) {
            const int s = v;
            if (assigned_[s] == none) {
                relax_b(S_(), d + hsrc_ - hv);
            } else {
                const int u = node_of_project(in_.pref[assigned_[s]]);
                const int rank = assigned_[s] - in_.pref_off[s] + 1;
                relax_b(u, d - rank + h_[u] - hv);
            }
        } else if (v < n_ + m_) {
            const int p = v - n_;
            for (int i = in_.app_off[p]; i < in_.app_off[p + 1]; ++i) {
                const int s = in_.app_student[i], e = in_.app_entry[i];
                if (assigned_[s] == e) continue;
                relax_b(s, d + (e - in_.pref_off[s] + 1) + h_[s] - hv);
            }
            const int l = in_.supervisor[p];
            if (l != none && load_[p] > 0) relax_b(sup_node(l), d + h_[sup_node(l)] - hv);
        } else {
            const int l = v - n_ - m_;
            for (int j = in_.sup_proj_off[l]; j < in_.sup_proj_off[l + 1]; ++j) {
                const int p = in_.sup_proj[j];
                if (load_[p] < cap_[p]) relax_b(node_of_project(p), d + h_[node_of_project(p)] - hv);
            }
        }
    }

    // Backward depth-first sweep from the sink over tight reversed arcs, with Dinic-style current
    // arcs (a cursor stays on an arc while it may still be used). Returns the paths augmented.
    int sweep_backward() {
        ++visit_round_;
        if (visited_.size() != h_.size()) {
            visited_.assign(h_.size(), 0);
            started_.assign(h_.size(), 0);
        }
        int found = 0;
        while (dfs_backward()) ++found;
        return found;
    }

    bool dfs_backward() {
        stack_.clear();
        push_b(T_);
        while (!stack_.empty()) {
            const int u = stack_.back();
            const int v = prev_tight(u);
            if (v == none) {
                stack_.pop_back();
                continue;
            }
            if (v == S_()) {
                augment_backward();
                for (int x : stack_) visited_[x] = 0;
                return true;
            }
            push_b(v);
        }
        return false;
    }

    void push_b(int v) {
        visited_[v] = visit_round_;
        if (started_[v] != visit_round_) {
            started_[v] = visit_round_;
            it_[v] = v == T_ ? 0 : v < n_ ? 0 : v < n_ + m_ ? in_.app_off[v - n_] - 1 : in_.sup_proj_off[v - n_ - m_];
        }
        stack_.push_back(v);
    }

    // A tight residual arc (w -> u) with w not visited, or none; the source S_() ends a path.
    int prev_tight(int u) {
        if (u == T_) {
            for (int& c = it_[u]; c < k_ + m_; ++c) {
                int w;
                if (c < k_) {
                    if (lload_[c] >= sup_cap(c)) continue;
                    w = sup_node(c);
                } else {
                    const int p = c - k_;
                    if (in_.supervisor[p] != none || load_[p] >= cap_[p]) continue;
                    w = node_of_project(p);
                }
                if (visited_[w] != visit_round_ && reduced(w, T_, 0) == 0) return w;
            }
            return none;
        }
        if (u < n_) {
            const int s = u;
            if (it_[s] != 0) return none;  // a student has a single predecessor: try it once
            it_[s] = 1;
            if (assigned_[s] == none) return hsrc_ - h_[s] == 0 ? S_() : none;
            const int w = node_of_project(in_.pref[assigned_[s]]);
            const int rank = assigned_[s] - in_.pref_off[s] + 1;
            return visited_[w] != visit_round_ && reduced(w, s, -rank) == 0 ? w : none;
        }
        if (u < n_ + m_) {
            const int p = u - n_;
            int& c = it_[u];
            if (c == in_.app_off[p] - 1) {  // first the reverse arc from the supervisor
                c = in_.app_off[p];
                const int l = in_.supervisor[p];
                if (l != none && load_[p] > 0 && visited_[sup_node(l)] != visit_round_ && reduced(sup_node(l), u, 0) == 0) {
                    c = in_.app_off[p] - 1;  // keep it current
                    return sup_node(l);
                }
            }
            for (; c < in_.app_off[p + 1]; ++c) {
                const int s = in_.app_student[c], e = in_.app_entry[c];
                if (assigned_[s] == e || visited_[s] == visit_round_) continue;
                if (reduced(s, u, e - in_.pref_off[s] + 1) == 0) {
                    entry_used_[s] = e;
                    return s;
                }
            }
            return none;
        }
        const int l = u - n_ - m_;
        for (int& c = it_[u]; c < in_.sup_proj_off[l + 1]; ++c) {
            const int p = in_.sup_proj[c];
            const int w = node_of_project(p);
            if (load_[p] < cap_[p] && visited_[w] != visit_round_ && reduced(w, u, 0) == 0) return w;
        }
        return none;
    }

    // stack_ = [T, ..., s0]: forward order is reversed. A student followed (deeper) by a project
    // leaves that project; every student joins the project just before it on the stack.
    void augment_backward() {
        for (std::size_t i = 1; i < stack_.size(); ++i) {
            const int u = stack_[i];
            if (u >= n_ || u == T_) continue;
            if (assigned_[u] != none) unlink(u);
            link(u, entry_used_[u]);
        }
        // Student cursors must be retried after the change; project/supervisor cursors stay.
        for (int x : stack_)
            if (x < n_) started_[x] = 0;
    }

    void link(int s, int e) {
        const int p = in_.pref[e];
        assigned_[s] = e;
        ++load_[p];
        if (in_.supervisor[p] != none) ++lload_[in_.supervisor[p]];
    }
    void unlink(int s) {
        const int p = in_.pref[assigned_[s]];
        --load_[p];
        if (in_.supervisor[p] != none) --lload_[in_.supervisor[p]];
        assigned_[s] = none;
    }

    const Instance& in_;
    const std::vector<int>& cap_;
    const int n_, m_, k_, T_;
    std::vector<i64> h_, dist_;
    i64 hsrc_ = 0, best_sink_ = infinity;
    std::vector<unsigned> stamp_;
    unsigned round_ = 0;
    std::vector<char> done_;
    std::vector<std::vector<int>> buckets_;
    std::size_t top_ = 0;
    std::vector<int> settled_;
    std::vector<int> assigned_, load_, lload_;
    std::vector<int> it_, stack_;
    std::vector<unsigned> visited_, started_;
    unsigned visit_round_ = 0;
    std::vector<int> entry_used_;
};

}  // namespace

std::vector<int> solve_welfare(const Instance& in, const std::vector<int>& capacity, WelfareStats* stats) {
    Welfare w(in, capacity);
    return w.run(stats);
}

Solution solve(const Instance& in, Algorithm algorithm, bool respect_min_size) {
    Solution sol;
    sol.algorithm = algorithm;
    sol.capacity = in.capacity;
    sol.closed.assign(in.m, 0);
    std::vector<int> load(in.m);
    for (;;) {
        sol.assigned = algorithm == Algorithm::stable ? solve_stable(in, sol.capacity) : solve_welfare(in, sol.capacity);
        if (!respect_min_size) break;
        std::fill(load.begin(), load.end(), 0);
        for (int s = 0; s < in.n; ++s)
            if (sol.assigned[s] != none) ++load[in.pref[sol.assigned[s]]];
        int pick = none;
        auto demand = [&](int p) { return in.app_off[p + 1] - in.app_off[p]; };
        for (int p = 0; p < in.m; ++p) {
            if (load[p] == 0 || load[p] >= in.min_size[p]) continue;
            if (pick == none || demand(p) < demand(pick) || (demand(p) == demand(pick) && load[p] < load[pick])) pick = p;
        }
        if (pick == none) break;
        sol.capacity[pick] = 0;
        sol.closed[pick] = 1;
        sol.closed_order.push_back(pick);
    }
    return sol;
}

}  // namespace latitudes::alloc
