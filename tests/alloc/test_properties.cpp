// Property tests over thousands of seeded random instances, against exhaustive references.
#include <iostream>
#include <set>
#include <tuple>

#include "alloc/instance.hpp"
#include "alloc/json_io.hpp"
#include "helpers.hpp"
#include "lemon_reference.hpp"

#include <nlohmann/json.hpp>

namespace alloc_test {
namespace {

void expect_capacities_respected(const SmallInstance& x, const Choice& c, const std::string& ctx) {
    EXPECT_TRUE(feasible(x, c)) << ctx;
}

std::string describe(const SmallInstance& x) { return latitudes::alloc::campaign_to_json(x.campaign).dump(); }

TEST(Properties, StableEqualsExhaustiveStudentOptimalStableMatching) {
    int checked = 0;
    for (std::uint64_t seed = 1; seed <= 6000; ++seed) {
        const SmallInstance x = seed % 3 == 0 ? random_small(seed, 8, 5, 2) : random_small(seed, 6, 4, 3);
        const Result r = allocate(x.campaign, Algorithm::stable);
        const Choice got = to_choice(x, r);
        expect_capacities_respected(x, got, describe(x));
        ASSERT_EQ(blocking_pairs(x, got), 0) << describe(x);
        ASSERT_EQ(r.stats.blocking_pairs, 0) << describe(x);
        // Every stable matching is weakly worse for every student than the one found, which is
        // therefore the (unique) student-optimal stable matching.
        int stable_count = 0;
        enumerate(x, [&](const Choice& c) {
            if (blocking_pairs(x, c) != 0) return;
            ++stable_count;
            for (int s = 0; s < x.n; ++s) {
                const int a = got[s] < 0 ? 1000 : got[s], b = c[s] < 0 ? 1000 : c[s];
                ASSERT_LE(a, b) << "student s" << s << " is better off in another stable matching: " << describe(x);
            }
        });
        ASSERT_GE(stable_count, 1);
        ++checked;
    }
    EXPECT_EQ(checked, 6000);
}

// The checks above on instances where students compete for places (Shape::contested): there,
// several stable matchings are common, so "student-optimal" is really put to the test.
TEST(Properties, StableIsStudentOptimalOnContestedInstances) {
    int with_several_stable = 0, supervised_with_several = 0;
    const int instances = 6000;
    for (std::uint64_t seed = 1; seed <= instances; ++seed) {
        const bool shared_supervisor = seed % 2 == 0;
        const SmallInstance x = random_small(seed * 7919, 7, 4, 3, false, Shape::contested(shared_supervisor));
        const Result r = allocate(x.campaign, Algorithm::stable);
        const Choice got = to_choice(x, r);
        ASSERT_TRUE(feasible(x, got)) << describe(x);
        ASSERT_EQ(blocking_pairs(x, got), 0) << describe(x);
        int stable_count = 0;
        enumerate(x, [&](const Choice& c) {
            if (blocking_pairs(x, c) != 0) return;
            ++stable_count;
            for (int s = 0; s < x.n; ++s)
                ASSERT_LE(got[s] < 0 ? 1000 : got[s], c[s] < 0 ? 1000 : c[s]) << "not student-optimal: " << describe(x);
        });
        ASSERT_GE(stable_count, 1) << describe(x);
        with_several_stable += stable_count > 1;
        supervised_with_several += shared_supervisor && stable_count > 1;
    }
    std::cout << "[contested] " << with_several_stable << " of " << instances << " instances have several stable matchings ("
              << supervised_with_several << " with a shared supervisor)\n";
    EXPECT_GE(with_several_stable, 600) << "the generator must produce contested instances";
    EXPECT_GE(supervised_with_several, 200) << "and contested ones with a shared supervisor";
}

// The orders of indifferent parties, built here from the rule docs/ALLOCATION.md states, not from
// the engine's compiled instance: students are ordered by the lottery (lottery_value of their id
// under the seed, ties by id); a project without ranking or required skills orders its applicants
// by that lottery; a supervisor without ranking orders its applications by (shortfall, lottery),
// the shortfall being 0 without required skills, then by its projects' order in the input.
void derive_lottery_orders(SmallInstance& x) {
    std::vector<std::pair<std::uint64_t, std::string>> draws;
    for (int s = 0; s < x.n; ++s) {
        const std::string id = "s" + std::to_string(s);
        draws.emplace_back(latitudes::alloc::lottery_value(*x.campaign.options.seed, id), id);
    }
    std::sort(draws.begin(), draws.end());
    std::vector<int> lottery(x.n);
    for (int i = 0; i < x.n; ++i) lottery[std::stoi(draws[i].second.substr(1))] = i;
    for (int p = 0; p < x.m; ++p)
        for (int s = 0; s < x.n; ++s) x.proj_rank[p][s] = lottery[s];
    x.application_rank.assign(x.n, std::vector<int>());
    for (int s = 0; s < x.n; ++s) x.application_rank[s].assign(x.prefs[s].size(), -1);
    for (int l = 0; l < x.k; ++l) {
        std::vector<std::tuple<int, int, int, int>> apps;  // (lottery, project order, student, list index)
        for (int s = 0; s < x.n; ++s)
            for (int i = 0; i < static_cast<int>(x.prefs[s].size()); ++i)
                if (x.sup[x.prefs[s][i]] == l) apps.emplace_back(lottery[s], x.prefs[s][i], s, i);
        std::sort(apps.begin(), apps.end());
        for (int position = 0; position < static_cast<int>(apps.size()); ++position)
            x.application_rank[std::get<2>(apps[position])][std::get<3>(apps[position])] = position;
    }
}

TEST(Properties, StableIsStudentOptimalWithIndifferentSupervisors) {
    // Supervisors without ranking and projects ordered by the lottery. The reference orders come
    // from the documented rule (derive_lottery_orders), and every allocation is enumerated.
    for (std::uint64_t seed = 1; seed <= 4000; ++seed) {
        SmallInstance x = random_small(seed * 13, 7, 4, 3, false, seed % 2 ? Shape{} : Shape::contested(true));
        for (auto& p : x.campaign.projects) p.ranking.reset();
        for (auto& l : x.campaign.supervisors) l.ranking.clear();
        derive_lottery_orders(x);
        const Result r = allocate(x.campaign, Algorithm::stable);
        const Choice got = to_choice(x, r);
        ASSERT_TRUE(feasible(x, got)) << describe(x);
        ASSERT_EQ(blocking_pairs(x, got), 0) << describe(x);
        ASSERT_EQ(r.stats.blocking_pairs, 0) << describe(x);
        enumerate(x, [&](const Choice& c) {
            if (blocking_pairs(x, c) != 0) return;
            for (int s = 0; s < x.n; ++s)
                ASSERT_LE(got[s] < 0 ? 1000 : got[s], c[s] < 0 ? 1000 : c[s]) << "not student-optimal: " << describe(x);
        });
    }
}

// Strategy-proofness: no student gets a project they truly prefer by submitting any other list
// (every ordered list of up to 3 projects), with ranking supervisors or with indifferent ones
// (lottery and skill-fit orders).
TEST(Properties, StableIsStrategyProofForStudents) {
    int deviations = 0;
    for (std::uint64_t seed = 1; seed <= 600; ++seed) {
        SmallInstance x = random_small(seed * 101, 5, 4, 3);
        Rng rng(seed);
        const bool indifferent = seed % 2 == 0;
        if (indifferent) {
            for (auto& p : x.campaign.projects) {
                p.ranking.reset();
                if (rng.uniform(0, 1)) p.required_skills = {{"data", rng.uniform(1, 3)}};
            }
            for (auto& l : x.campaign.supervisors) l.ranking.clear();
            for (auto& st : x.campaign.students) st.skills = {{"data", rng.uniform(0, 3)}};
        }
        const auto truthful = as_map(allocate(x.campaign, Algorithm::stable));
        for (int s = 0; s < x.n; ++s) {
            const auto& truth = x.campaign.students[s].choices;
            auto true_rank = [&](const std::string& project) {
                auto it = std::find(truth.begin(), truth.end(), project);
                return it == truth.end() ? 1000 : static_cast<int>(it - truth.begin());
            };
            const std::string id = "s" + std::to_string(s);
            const int honest = truthful.count(id) ? true_rank(truthful.at(id)) : 1000;
            // All ordered lists of distinct projects of length <= 3.
            std::vector<std::vector<int>> lists{{}};
            for (std::size_t len = 0; len < 3; ++len)
                for (std::size_t i = 0, e = lists.size(); i < e; ++i)
                    if (lists[i].size() == len)
                        for (int p = 0; p < x.m; ++p)
                            if (std::find(lists[i].begin(), lists[i].end(), p) == lists[i].end()) {
                                auto l = lists[i];
                                l.push_back(p);
                                lists.push_back(l);
                            }
            for (const auto& list : lists) {
                Campaign lie = x.campaign;
                lie.students[s].choices.clear();
                for (int p : list) lie.students[s].choices.push_back("p" + std::to_string(p));
                const auto got = as_map(allocate(lie, Algorithm::stable));
                const int r = got.count(id) ? true_rank(got.at(id)) : 1000;
                ASSERT_GE(r, honest) << "student " << id << " gains by lying: " << describe(x);
                ++deviations;
            }
        }
    }
    EXPECT_GT(deviations, 15000);
}

TEST(Properties, StableWithConflictingOrdersStillRespectsCapacities) {
    for (std::uint64_t seed = 1; seed <= 2000; ++seed) {
        const SmallInstance x = random_small(seed, 7, 4, 4, /*conflicting=*/true);
        const Result r = allocate(x.campaign, Algorithm::stable);
        const Choice got = to_choice(x, r);
        ASSERT_TRUE(feasible(x, got)) << describe(x);
        // The reported count agrees with the independent definition.
        ASSERT_EQ(r.stats.blocking_pairs, blocking_pairs(x, got)) << describe(x);
    }
}

TEST(Properties, WelfareMatchesExhaustiveOptimumAndPlacesAtLeastAsManyAsStable) {
    for (std::uint64_t seed = 1; seed <= 6000; ++seed) {
        const SmallInstance x = seed % 3 == 0 ? random_small(seed * 7919, 8, 5, 2, seed % 2 == 0)
                                              : random_small(seed * 7919, 6, 4, 3, seed % 2 == 0);
        const Result w = allocate(x.campaign, Algorithm::welfare);
        const Result st = allocate(x.campaign, Algorithm::stable);
        const Choice got = to_choice(x, w);
        ASSERT_TRUE(feasible(x, got)) << describe(x);
        ASSERT_GE(w.stats.assigned, st.stats.assigned) << describe(x);
        int best_count = -1, best_sum = 0;
        enumerate(x, [&](const Choice& c) {
            int count = 0, sum = 0;
            for (int s = 0; s < x.n; ++s)
                if (c[s] >= 0) {
                    ++count;
                    sum += c[s] + 1;
                }
            if (count > best_count || (count == best_count && sum < best_sum)) {
                best_count = count;
                best_sum = sum;
            }
        });
        int sum = 0;
        for (const auto& a : w.assignments) sum += a.rank;
        ASSERT_EQ(w.stats.assigned, best_count) << describe(x);
        ASSERT_EQ(sum, best_sum) << describe(x);
    }
}

#ifdef LATITUDES_HAVE_LEMON
TEST(Properties, WelfareMatchesLemonNetworkSimplexOnMediumInstances) {
    for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
        const int students = seed % 10 == 0 ? 400 : 120;
        const SmallInstance x = random_small(seed * 104729, students, students / 3, 8, seed % 3 == 0);
        const Instance in = compile(x.campaign);
        const auto assigned = solve_welfare(in, in.capacity);
        int count = 0;
        long long sum = 0;
        for (int s = 0; s < in.n; ++s)
            if (assigned[s] != none) {
                ++count;
                sum += in.rank_of(assigned[s], s);
            }
        const auto ref = latitudes::bench::lemon_welfare(in, in.capacity);
        ASSERT_EQ(count, ref.assigned) << "seed " << seed;
        ASSERT_EQ(sum, ref.rank_sum) << "seed " << seed;
        ASSERT_TRUE(feasible(
            x, to_choice(x, make_result(in, Solution{Algorithm::welfare, assigned, in.capacity, {}, std::vector<char>(in.m, 0)},
                                        0))));
    }
}

#endif  // LATITUDES_HAVE_LEMON

TEST(Properties, RespectMinSizeLeavesNoUndersizedTeam) {
    for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
        SmallInstance x = random_small(seed * 31, 12, 5, 3);
        Rng rng(seed);
        for (auto& p : x.campaign.projects) p.min_size = rng.uniform(0, p.capacity);
        x.campaign.options.respect_min_size = true;
        for (Algorithm a : {Algorithm::stable, Algorithm::welfare}) {
            const Result r = allocate(x.campaign, a);
            ASSERT_EQ(r.stats.undersized_teams, 0) << describe(x);
            ASSERT_TRUE(feasible(x, to_choice(x, r))) << describe(x);
            std::set<std::string> closed(r.closed_projects.begin(), r.closed_projects.end());
            for (const auto& asg : r.assignments) ASSERT_FALSE(closed.count(asg.project)) << describe(x);
            // Closing happens only when needed: without closures nothing was undersized.
            if (r.closed_projects.empty()) {
                Campaign plain = x.campaign;
                plain.options.respect_min_size = false;
                ASSERT_EQ(allocate(plain, a).stats.undersized_teams, 0);
            }
        }
    }
}

TEST(Properties, IdenticalSeedsGiveIdenticalResults) {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        // No rankings at all: every order comes from the lottery.
        SmallInstance x = random_small(seed, 12, 5, 4);
        for (auto& p : x.campaign.projects) {
            p.ranking.reset();
            p.supervisor.reset();
        }
        x.campaign.supervisors.clear();
        for (Algorithm a : {Algorithm::stable, Algorithm::welfare}) {
            const Result r1 = allocate(x.campaign, a), r2 = allocate(x.campaign, a);
            ASSERT_EQ(as_map(r1), as_map(r2));
            ASSERT_EQ(r1.seed, r2.seed);
            ASSERT_EQ(r1.unassigned, r2.unassigned);
        }
        // The stable allocation does not depend on the order of the input either (lottery by id).
        Campaign shuffled = x.campaign;
        Rng rng(seed);
        rng.shuffle(shuffled.students);
        ASSERT_EQ(as_map(allocate(shuffled, Algorithm::stable)), as_map(allocate(x.campaign, Algorithm::stable)));
    }
}

TEST(Properties, UnseededRunsReportASeedThatReproducesThem) {
    SmallInstance x = random_small(42, 12, 5, 4);
    for (auto& p : x.campaign.projects) p.ranking.reset();
    x.campaign.supervisors.clear();
    for (auto& p : x.campaign.projects) p.supervisor.reset();
    x.campaign.options.seed.reset();
    const Result first = allocate(x.campaign, Algorithm::stable);
    x.campaign.options.seed = first.seed;
    EXPECT_EQ(as_map(allocate(x.campaign, Algorithm::stable)), as_map(first));
}

TEST(Properties, JsonRoundTrip) {
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        SmallInstance x = random_small(seed, 10, 5, 4, true);
        x.campaign.projects[0].min_size = std::min(1, x.campaign.projects[0].capacity);
        x.campaign.projects[0].required_skills = {{"data", 2}};
        if (!x.campaign.students.empty()) x.campaign.students[0].skills = {{"data", 1}, {"web", 3}};
        const std::string text = campaign_to_json(x.campaign).dump();
        const Campaign back = parse_campaign(text);
        ASSERT_EQ(campaign_to_json(back).dump(), text);
        for (Algorithm a : {Algorithm::stable, Algorithm::welfare}) {
            const Result r1 = allocate(x.campaign, a), r2 = allocate(back, a);
            ASSERT_EQ(as_map(r1), as_map(r2));
            const Result r3 = result_from_json(nlohmann::json::parse(result_to_json_text(r1)));
            ASSERT_EQ(as_map(r3), as_map(r1));
            ASSERT_EQ(r3.unassigned, r1.unassigned);
            ASSERT_EQ(r3.seed, r1.seed);
            ASSERT_EQ(r3.stats.rank_histogram, r1.stats.rank_histogram);
            ASSERT_EQ(r3.stats.blocking_pairs, r1.stats.blocking_pairs);
        }
    }
}

TEST(Properties, ExplanationsCoverEveryBetterChoiceAndNameNoOne) {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        const SmallInstance x = random_small(seed, 8, 4, 4);
        const Instance in = compile(x.campaign);
        for (Algorithm a : {Algorithm::stable, Algorithm::welfare}) {
            const Solution sol = solve(in, a, false);
            for (int s = 0; s < in.n; ++s) {
                const Explanation e = explain(in, sol, in.student_ids[s]);
                const int expected = sol.assigned[s] == none ? in.pref_off[s + 1] - in.pref_off[s]
                                                             : in.rank_of(sol.assigned[s], s) - 1;
                ASSERT_EQ(static_cast<int>(e.better_choices.size()), expected);
                for (const auto& c : e.better_choices) {
                    if (a == Algorithm::stable) ASSERT_NE(c.reason, Reason::project_full_earlier);  // consistent orders
                    for (const auto& id : in.student_ids) ASSERT_EQ(c.message.find(id + " "), std::string::npos);
                }
            }
        }
    }
}

}  // namespace
}  // namespace alloc_test
