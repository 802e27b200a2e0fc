// Welfare allocation: a min-cost maximum flow on the compact network
//   source -> student (1) -> project (rank) -> supervisor (project capacity) -> sink (supervisor
//   capacity); a project without supervisor goes straight to the sink.
// Successive shortest paths keep, for every flow value, a minimum-cost flow; running them until no
// augmenting path remains gives a maximum flow of minimum cost, i.e. as many students placed as
// possible and, among those allocations, the smallest sum of ranks.
//
// Primal-dual variant: each phase runs one Dijkstra (reduced costs with node potentials, stopped
// as soon as the sink is settled) and then augments along as many shortest paths as a depth-first
// sweep over the zero-reduced-cost arcs finds. Arcs are never materialised: a student's arcs are
// their preference list, a project's reverse arcs are its (intrusively linked) assigned students.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <limits>
#include <numeric>

#include "alloc/algorithms.hpp"

namespace latitudes::alloc {

namespace {

using i64 = std::int64_t;
constexpr i64 kInf = std::numeric_limits<i64>::max() / 4;

class Welfare {
 public:
  Welfare(const Instance& in, const std::vector<int>& cap)
      : in_(in), cap_(cap), n_(in.n), m_(in.m), k_(in.k), T_(in.n + in.m + in.k) {
    const int V = T_ + 1;
    h_.assign(V, 0);
    dist_.assign(V, kInf);
    stamp_.assign(V, 0);
    done_.assign(V, 0);
    assigned_.assign(n_, kNone);
    head_.assign(m_, kNone);
    nxt_.assign(n_, kNone);
    prv_.assign(n_, kNone);
    load_.assign(m_, 0);
    lload_.assign(k_, 0);
    // Free students are scanned in lottery order so that ties between optimal allocations are
    // decided by the seeded lottery, not by input order.
    order_.resize(n_);
    std::iota(order_.begin(), order_.end(), 0);
    std::sort(order_.begin(), order_.end(), [&](int a, int b) { return in.lottery[a] < in.lottery[b]; });
    it_.assign(V, 0);
    entry_used_.assign(n_, kNone);
    for (int s : order_)
      if (in.pref_off[s + 1] > in.pref_off[s]) free_.push_back(s);
  }

  std::vector<int> run(WelfareStats* stats) {
    int phases = 0, augmentations = 0;
    for (;;) {
      auto t0 = std::chrono::steady_clock::now();
      if (!dijkstra()) break;
      auto t1 = std::chrono::steady_clock::now();
      ++phases;
      int found = 0, sweeps = 0;
      for (int more = sweep(); more > 0; more = sweep(), ++sweeps) found += more;
      auto t2 = std::chrono::steady_clock::now();  // until the tight arcs are exhausted
      augmentations += found;
      if (std::getenv("ALLOC_TRACE"))
        std::fprintf(stderr, "phase %d D=%lld settled=%zu found=%d free=%zu sweeps=%d dij=%.1fms sweep=%.1fms\n", phases, (long long)lastD_, settled_.size(), found, free_.size(), sweeps, std::chrono::duration<double, std::milli>(t1 - t0).count(), std::chrono::duration<double, std::milli>(t2 - t1).count());
      if (found == 0) break;  // cannot happen (a shortest path is admissible); guards termination
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
    return l == kNone ? T_ : sup_node(l);
  }
  int sup_cap(int l) const { return in_.sup_capacity[l]; }

  void touch(int v) {
    if (stamp_[v] != round_) {
      stamp_[v] = round_;
      dist_[v] = kInf;
      done_[v] = 0;
    }
  }
  void relax(int v, i64 d) {
    touch(v);
    if (d < dist_[v] && (v == T_ || d < best_sink_)) {
      dist_[v] = d;
      if (v == T_) best_sink_ = d;
      // Dial's bucket queue: reduced distances are small non-negative integers.
      const auto b = static_cast<std::size_t>(d);
      if (b >= buckets_.size()) buckets_.resize(b + 1);
      buckets_[b].push_back(v);
      top_ = std::max(top_, b);
    }
  }

  // One Dijkstra from the (implicit) source; returns false when the sink is unreachable.
  bool dijkstra() {
    ++round_;
    settled_.clear();
    top_ = 0;
    best_sink_ = kInf;
    for (int s : free_) relax(s, hsrc_ - h_[s]);
    i64 D = kInf;
    // Nodes at distance >= d(sink) keep their potential, so the scan stops at the sink's bucket.
    for (std::size_t cur = 0; cur <= top_; ++cur) {
      if (static_cast<i64>(cur) >= best_sink_) {
        D = best_sink_;
        break;
      }
      for (std::size_t i = 0; i < buckets_[cur].size(); ++i) {
        const int u = buckets_[cur][i];
        const i64 d = static_cast<i64>(cur);
        if (done_[u] || d != dist_[u]) continue;
        settle(u, d);
      }
    }
    for (std::size_t b = 0; b <= top_ && b < buckets_.size(); ++b) buckets_[b].clear();
    if (D == kInf) return false;
    // h(v) += min(d(v), D) - D keeps every residual reduced cost non-negative and makes the arcs
    // of all shortest paths tight; only settled nodes change.
    for (int v : settled_) h_[v] += dist_[v] - D;
    hsrc_ -= D;
    lastD_ = D;
    return true;
  }

  void settle(int u, i64 d) {
      done_[u] = 1;
      settled_.push_back(u);
      const i64 hu = h_[u];
      if (u < n_) {
        const int s = u;
        for (int e = in_.pref_off[s]; e < in_.pref_off[s + 1]; ++e) {
          if (e == assigned_[s]) continue;
          const int p = in_.pref[e];
          if (cap_[p] == 0) continue;
          const int v = node_of_project(p);
          relax(v, d + (e - in_.pref_off[s] + 1) + hu - h_[v]);
        }
      } else if (u < n_ + m_) {
        const int p = u - n_;
        if (load_[p] < cap_[p]) {
          const int v = out_of(p);
          relax(v, d + hu - h_[v]);
        }
        for (int s = head_[p]; s != kNone; s = nxt_[s]) {
          const int rank = assigned_[s] - in_.pref_off[s] + 1;
          relax(s, d - rank + hu - h_[s]);
        }
      } else {
        const int l = u - n_ - m_;
        if (lload_[l] < sup_cap(l)) relax(T_, d + hu - h_[T_]);
        for (int j = in_.sup_proj_off[l]; j < in_.sup_proj_off[l + 1]; ++j) {
          const int p = in_.sup_proj[j];
          if (load_[p] > 0) {
            const int v = node_of_project(p);
            relax(v, d + hu - h_[v]);
          }
        }
      }
  }

  i64 reduced(int u, int v, i64 cost) const { return cost + h_[u] - h_[v]; }

  // Depth-first sweep over tight arcs from every free student; augments each path found. Nodes
  // visited in the sweep are not visited again in it (a later Dijkstra catches what is missed).
  int sweep() {
    ++visit_round_;
    if (visited_.size() != h_.size()) {
      visited_.assign(h_.size(), 0);
      started_.assign(h_.size(), 0);
    }
    int found = 0;
    for (int s : free_) {
      if (visited_[s] == visit_round_ || hsrc_ - h_[s] != 0) continue;
      if (dfs(s)) ++found;
    }
    std::erase_if(free_, [&](int s) { return assigned_[s] != kNone; });
    return found;
  }

  // Iterative DFS; on success applies the augmentation. stack_ holds nodes; it_ the arc cursor.
  bool dfs(int root) {
    stack_.clear();
    push(root);
    while (!stack_.empty()) {
      const int u = stack_.back();
      int v = next_tight(u);
      if (v == kNone) {
        stack_.pop_back();  // dead end for the rest of the sweep: stays marked
        continue;
      }
      if (v == T_) {
        augment();
        // Path nodes may still lead to the sink (spare capacity): unmark them and restart their
        // arc cursors, as their residual arcs have just changed.
        for (int x : stack_) visited_[x] = started_[x] = 0;
        return true;
      }
      push(v);
    }
    return false;
  }

  void push(int v) {
    visited_[v] = visit_round_;
    if (started_[v] != visit_round_) {
      started_[v] = visit_round_;
      start_iter(v);
    }
    stack_.push_back(v);
  }

  void start_iter(int v) { it_[v] = v < n_ ? in_.pref_off[v] : -2; }

  // Next tight residual arc target out of u not yet visited, or kNone. Advances u's cursor.
  int next_tight(int u) {
    if (u < n_) {
      const int s = u;
      for (int& e = it_[s]; e < in_.pref_off[s + 1]; ++e) {
        if (e == assigned_[s]) continue;
        const int p = in_.pref[e];
        if (cap_[p] == 0) continue;
        const int v = node_of_project(p);
        if (visited_[v] == visit_round_) continue;
        if (reduced(s, v, e - in_.pref_off[s] + 1) == 0) {
          ++e;
          entry_used_[s] = e - 1;
          return v;
        }
      }
      return kNone;
    }
    if (u < n_ + m_) {
      const int p = u - n_;
      int& c = it_[u];  // -2: capacity arc not tried yet; else next assigned student to try
      if (c == -2) {
        c = head_[p];
        const int v = out_of(p);
        if (load_[p] < cap_[p] && (v == T_ || visited_[v] != visit_round_) && reduced(u, v, 0) == 0) return v;
      }
      while (c != kNone) {
        const int s = c;
        c = nxt_[s];
        if (visited_[s] == visit_round_) continue;
        const int rank = assigned_[s] - in_.pref_off[s] + 1;
        if (reduced(u, s, -rank) == 0) return s;
      }
      return kNone;
    }
    const int l = u - n_ - m_;
    int& c = it_[u];
    if (c == -2) {
      c = in_.sup_proj_off[l];
      if (lload_[l] < sup_cap(l) && reduced(u, T_, 0) == 0) return T_;
    }
    for (; c < in_.sup_proj_off[l + 1]; ++c) {
      const int p = in_.sup_proj[c];
      const int v = node_of_project(p);
      if (load_[p] > 0 && visited_[v] != visit_round_ && reduced(u, v, 0) == 0) {
        ++c;
        return v;
      }
    }
    return kNone;
  }

  void link(int s, int e) {
    const int p = in_.pref[e];
    assigned_[s] = e;
    prv_[s] = kNone;
    nxt_[s] = head_[p];
    if (head_[p] != kNone) prv_[head_[p]] = s;
    head_[p] = s;
    ++load_[p];
    if (in_.supervisor[p] != kNone) ++lload_[in_.supervisor[p]];
  }
  void unlink(int s) {
    const int p = in_.pref[assigned_[s]];
    if (prv_[s] != kNone) nxt_[prv_[s]] = nxt_[s]; else head_[p] = nxt_[s];
    if (nxt_[s] != kNone) prv_[nxt_[s]] = prv_[s];
    --load_[p];
    if (in_.supervisor[p] != kNone) --lload_[in_.supervisor[p]];
    assigned_[s] = kNone;
  }

  // Applies the path on stack_ (source student first). Student-to-project steps assign; project-
  // to-student steps (reverse arcs) unassign; supervisor steps only move capacity and need nothing.
  void augment() {
    // Process from the end so that a student is unassigned (p -> s) before being reassigned (s -> p').
    for (std::size_t i = stack_.size(); i-- > 0;) {
      const int u = stack_[i];
      if (u < n_) {
        if (i > 0 && stack_[i - 1] >= n_ && stack_[i - 1] < n_ + m_) unlink(u);  // came via p -> u
        link(u, entry_used_[u]);
      }
    }
  }

  const Instance& in_;
  const std::vector<int>& cap_;
  const int n_, m_, k_, T_;
  std::vector<i64> h_, dist_;
  i64 lastD_ = 0;
  i64 hsrc_ = 0, best_sink_ = kInf;
  std::vector<unsigned> stamp_;
  unsigned round_ = 0;
  std::vector<char> done_;
  std::vector<std::vector<int>> buckets_;
  std::size_t top_ = 0;
  std::vector<int> settled_;
  std::vector<int> assigned_, head_, nxt_, prv_, load_, lload_, order_;
  std::vector<int> it_, stack_;
  std::vector<unsigned> visited_, started_;
  unsigned visit_round_ = 0;
  std::vector<int> entry_used_, free_;
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
      if (sol.assigned[s] != kNone) ++load[in.pref[sol.assigned[s]]];
    int pick = kNone;
    auto demand = [&](int p) { return in.app_off[p + 1] - in.app_off[p]; };
    for (int p = 0; p < in.m; ++p) {
      if (load[p] == 0 || load[p] >= in.min_size[p]) continue;
      if (pick == kNone || demand(p) < demand(pick) || (demand(p) == demand(pick) && load[p] < load[pick])) pick = p;
    }
    if (pick == kNone) break;
    sol.capacity[pick] = 0;
    sol.closed[pick] = 1;
    sol.closed_order.push_back(pick);
  }
  return sol;
}

}  // namespace latitudes::alloc
