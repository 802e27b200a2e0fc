// Allocation benchmarks: 100,000 students x 10 choices over 25,000 projects (and smaller sizes).
// Each case reports the allocation quality as counters so that runs can be compared.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "alloc/algorithms.hpp"
#include "alloc/engine.hpp"
#include "alloc/json_io.hpp"

#include <nlohmann/json.hpp>
#include "generator.hpp"
#include "lemon_reference.hpp"

namespace {

using namespace latitudes;

struct Fixture {
    alloc::Campaign campaign;
    alloc::Instance instance;
};

const Fixture& fixture(int students) {
    static std::map<int, std::unique_ptr<Fixture>> cache;
    auto& slot = cache[students];
    if (!slot) {
        slot = std::make_unique<Fixture>();
        bench::GenParams g;
        g.students = students;
        g.projects = students / 4;
        g.seed = 2026;
        slot->campaign = bench::generate_campaign(g);
        slot->instance = alloc::compile(slot->campaign);
    }
    return *slot;
}

void report(benchmark::State& state, const alloc::Instance& in, const std::vector<int>& assigned) {
    long long placed = 0, rank_sum = 0;
    for (int s = 0; s < in.n; ++s)
        if (assigned[s] != alloc::none) {
            ++placed;
            rank_sum += in.rank_of(assigned[s], s);
        }
    state.counters["assigned"] = static_cast<double>(placed);
    state.counters["rank_sum"] = static_cast<double>(rank_sum);
    state.counters["mean_rank"] = placed ? static_cast<double>(rank_sum) / placed : 0.0;
}

void BM_Compile(benchmark::State& state) {
    const auto& f = fixture(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        auto in = alloc::compile(f.campaign);
        benchmark::DoNotOptimize(in.pref.data());
    }
}

void BM_Stable(benchmark::State& state) {
    const auto& f = fixture(static_cast<int>(state.range(0)));
    std::vector<int> assigned;
    for (auto _ : state) {
        assigned = alloc::solve_stable(f.instance, f.instance.capacity);
        benchmark::DoNotOptimize(assigned.data());
    }
    report(state, f.instance, assigned);
}

void BM_Welfare(benchmark::State& state) {
    const auto& f = fixture(static_cast<int>(state.range(0)));
    std::vector<int> assigned;
    alloc::WelfareStats ws;
    for (auto _ : state) {
        assigned = alloc::solve_welfare(f.instance, f.instance.capacity, &ws);
        benchmark::DoNotOptimize(assigned.data());
    }
    report(state, f.instance, assigned);
    state.counters["phases"] = ws.phases;
}

#ifdef LATITUDES_HAVE_LEMON
void BM_LemonNetworkSimplex(benchmark::State& state) {
    const auto& f = fixture(static_cast<int>(state.range(0)));
    bench::ReferenceWelfare r;
    for (auto _ : state) {
        r = bench::lemon_welfare(f.instance, f.instance.capacity);
        benchmark::DoNotOptimize(r);
    }
    state.counters["assigned"] = r.assigned;
    state.counters["rank_sum"] = static_cast<double>(r.rank_sum);
    state.counters["mean_rank"] = r.assigned ? static_cast<double>(r.rank_sum) / r.assigned : 0.0;
}
BENCHMARK(BM_LemonNetworkSimplex)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
#endif

// The whole engine as the command runs it, without JSON: compile + solve + statistics.
void BM_AllocateStableEndToEnd(benchmark::State& state) {
    const auto& f = fixture(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        auto r = alloc::allocate(f.campaign, alloc::Algorithm::stable);
        benchmark::DoNotOptimize(r.assignments.data());
    }
}

void BM_StableRespectMinSize(benchmark::State& state) {
    const auto& f = fixture(static_cast<int>(state.range(0)));
    alloc::Solution sol;
    for (auto _ : state) {
        sol = alloc::solve(f.instance, alloc::Algorithm::stable, true);
        benchmark::DoNotOptimize(sol.assigned.data());
    }
    report(state, f.instance, sol.assigned);
    state.counters["closed"] = static_cast<double>(sol.closed_order.size());
}

// JSON costs of the command: reading the campaign (SAX) and writing the result.
void BM_ParseCampaignJson(benchmark::State& state) {
    const auto& f = fixture(static_cast<int>(state.range(0)));
    const std::string text = alloc::campaign_to_json(f.campaign).dump();
    for (auto _ : state) {
        auto c = alloc::parse_campaign(text);
        benchmark::DoNotOptimize(c.students.data());
    }
    state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}

void BM_WriteResultJson(benchmark::State& state) {
    const auto& f = fixture(static_cast<int>(state.range(0)));
    const auto sol = alloc::solve(f.instance, alloc::Algorithm::stable, false);
    const auto r = alloc::make_result(f.instance, sol, 0);
    for (auto _ : state) {
        auto text = alloc::result_to_json_text(r);
        benchmark::DoNotOptimize(text.data());
    }
}

// Statistics (blocking pairs, histogram, skills) and result building.
void BM_MakeResult(benchmark::State& state) {
    const auto& f = fixture(static_cast<int>(state.range(0)));
    const auto sol = alloc::solve(f.instance, alloc::Algorithm::stable, false);
    for (auto _ : state) {
        auto r = alloc::make_result(f.instance, sol, 0);
        benchmark::DoNotOptimize(r.assignments.data());
    }
}

}  // namespace

BENCHMARK(BM_ParseCampaignJson)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WriteResultJson)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MakeResult)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Compile)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stable)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Welfare)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AllocateStableEndToEnd)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StableRespectMinSize)->Arg(2000)->Arg(10000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
