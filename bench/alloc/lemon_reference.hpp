#pragma once
#ifdef LATITUDES_HAVE_LEMON
// Reference solution of the welfare problem with LEMON's network simplex (a general min-cost flow
// solver), on the same network as alloc::solve_welfare: used to check exactness and as the
// benchmark baseline. A bypass arc source->sink of cost M = (longest list) * n + 1 makes every
// extra placed student worth more than any rank saving, so min cost = max cardinality, then min
// total rank.
#include <cstdint>
#include <vector>

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include "alloc/instance.hpp"

namespace latitudes::bench {

struct ReferenceWelfare {
    int assigned = 0;
    std::int64_t rank_sum = 0;
};

inline ReferenceWelfare lemon_welfare(const alloc::Instance& in, const std::vector<int>& capacity) {
    using namespace lemon;
    SmartDigraph g;
    const int n = in.n, m = in.m, k = in.k;
    g.reserveNode(n + m + k + 2);
    g.reserveArc(static_cast<int>(in.pref.size()) + n + m + k + 1);
    std::vector<SmartDigraph::Node> nodes;
    nodes.reserve(n + m + k + 2);
    for (int i = 0; i < n + m + k + 2; ++i) nodes.push_back(g.addNode());
    const auto src = nodes[n + m + k], sink = nodes[n + m + k + 1];
    SmartDigraph::ArcMap<std::int64_t> cap(g), cost(g);
    auto arc = [&](SmartDigraph::Node a, SmartDigraph::Node b, std::int64_t c, std::int64_t w) {
        auto x = g.addArc(a, b);
        cap.set(x, c);
        cost.set(x, w);
        return x;
    };
    for (int s = 0; s < n; ++s) {
        arc(src, nodes[s], 1, 0);
        for (int e = in.pref_off[s]; e < in.pref_off[s + 1]; ++e) arc(nodes[s], nodes[n + in.pref[e]], 1, e - in.pref_off[s] + 1);
    }
    for (int p = 0; p < m; ++p) {
        const int l = in.supervisor[p];
        arc(nodes[n + p], l == alloc::none ? sink : nodes[n + m + l], capacity[p], 0);
    }
    for (int l = 0; l < k; ++l) arc(nodes[n + m + l], sink, std::min<std::int64_t>(in.sup_capacity[l], n), 0);
    const std::int64_t M = static_cast<std::int64_t>(in.max_list_length()) * n + 1;
    auto bypass = arc(src, sink, n, M);
    SmartDigraph::NodeMap<std::int64_t> supply(g, 0);
    supply.set(src, n);
    supply.set(sink, -n);
    NetworkSimplex<SmartDigraph, std::int64_t, std::int64_t> ns(g);
    ns.upperMap(cap).costMap(cost).supplyMap(supply);
    ns.run();
    ReferenceWelfare r;
    const std::int64_t unplaced = ns.flow(bypass);
    r.assigned = n - static_cast<int>(unplaced);
    r.rank_sum = ns.totalCost<std::int64_t>() - unplaced * M;
    return r;
}

}  // namespace latitudes::bench
#endif  // LATITUDES_HAVE_LEMON
