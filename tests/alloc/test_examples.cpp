// Worked examples from the literature and hand-made edge cases.
#include "helpers.hpp"
#include "lemon_reference.hpp"

namespace alloc_test {
namespace {

Campaign aim_example() {
    // Abraham, Irving & Manlove (2007), "Two algorithms for the Student-Project Allocation problem",
    // J. Discrete Algorithms 5(1), the running example: 7 students, 8 projects, 3 lecturers.
    Campaign c;
    c.students = {student("s1", {"p1", "p7"}),
                  student("s2", {"p1", "p2", "p3", "p4", "p5", "p6"}),
                  student("s3", {"p2", "p1", "p4"}),
                  student("s4", {"p2"}),
                  student("s5", {"p1", "p2", "p3", "p4"}),
                  student("s6", {"p2", "p3", "p4", "p5", "p6"}),
                  student("s7", {"p5", "p3", "p8"})};
    c.projects = {project("p1", 2, "l1"), project("p2", 1, "l1"), project("p3", 1, "l1"), project("p4", 1, "l2"),
                  project("p5", 1, "l2"), project("p6", 1, "l2"), project("p7", 1, "l3"), project("p8", 1, "l3")};
    c.supervisors = {supervisor("l1", 3, {"s7", "s4", "s1", "s3", "s2", "s5", "s6"}),
                     supervisor("l2", 2, {"s3", "s2", "s6", "s7", "s5"}), supervisor("l3", 2, {"s1", "s7"})};
    c.options.seed = 7;
    return c;
}

TEST(Examples, AbrahamIrvingManloveStudentOptimal) {
    const Result r = allocate(aim_example(), Algorithm::stable);
    // The student-optimal stable matching of the paper's example.
    const std::map<std::string, std::string> expected{{"s1", "p1"}, {"s2", "p5"}, {"s3", "p4"}, {"s4", "p2"}, {"s7", "p3"}};
    EXPECT_EQ(as_map(r), expected);
    EXPECT_EQ(r.unassigned, (std::vector<std::string>{"s5", "s6"}));
    EXPECT_EQ(r.stats.blocking_pairs, 0);
    EXPECT_EQ(r.stats.assigned, 5);
}

TEST(Examples, AbrahamIrvingManloveWelfareIsOptimalAndNoSmaller) {
    const Campaign c = aim_example();
    const Result st = allocate(c, Algorithm::stable);
    const Result w = allocate(c, Algorithm::welfare);
    EXPECT_GE(w.stats.assigned, st.stats.assigned);
    long rank_sum = 0;
    for (const auto& a : w.assignments) rank_sum += a.rank;
    // The lecturers offer 3 + 2 + 2 = 7 places and welfare fills them all, where the stable
    // matching leaves s5 and s6 out.
    EXPECT_EQ(w.stats.assigned, 7);
#ifdef LATITUDES_HAVE_LEMON
    const Instance in = compile(c);
    const auto ref = latitudes::bench::lemon_welfare(in, in.capacity);
    EXPECT_EQ(w.stats.assigned, ref.assigned);
    EXPECT_EQ(rank_sum, ref.rank_sum);
#endif
}

TEST(Examples, GaleShapleyClassicThreeByThree) {
    // Gale & Shapley (1962): men's first choices are women's last; the man-proposing (here:
    // student-proposing) algorithm gives every man his first choice.
    Campaign c;
    c.students = {student("alpha", {"A", "B", "C"}), student("beta", {"B", "C", "A"}), student("gamma", {"C", "A", "B"})};
    c.projects = {project("A", 1, std::nullopt, std::vector<std::string>{"beta", "gamma", "alpha"}),
                  project("B", 1, std::nullopt, std::vector<std::string>{"gamma", "alpha", "beta"}),
                  project("C", 1, std::nullopt, std::vector<std::string>{"alpha", "beta", "gamma"})};
    c.options.seed = 1;
    const Result r = allocate(c, Algorithm::stable);
    EXPECT_EQ(as_map(r), (std::map<std::string, std::string>{{"alpha", "A"}, {"beta", "B"}, {"gamma", "C"}}));
    EXPECT_EQ(r.stats.rank_histogram, (std::vector<int>{3, 0, 0}));

    // The other side proposing gives the women-optimal matching: every woman her first choice.
    Campaign w;
    w.students = {student("A", {"beta", "gamma", "alpha"}), student("B", {"gamma", "alpha", "beta"}),
                  student("C", {"alpha", "beta", "gamma"})};
    w.projects = {project("alpha", 1, std::nullopt, std::vector<std::string>{"A", "B", "C"}),
                  project("beta", 1, std::nullopt, std::vector<std::string>{"B", "C", "A"}),
                  project("gamma", 1, std::nullopt, std::vector<std::string>{"C", "A", "B"})};
    w.options.seed = 1;
    EXPECT_EQ(as_map(allocate(w, Algorithm::stable)),
              (std::map<std::string, std::string>{{"A", "beta"}, {"B", "gamma"}, {"C", "alpha"}}));
}

TEST(Examples, HospitalsResidentsWithCapacities) {
    // r3 displaces r2 from h1, r2 then takes h2, where r4 is rejected; r4 ends unassigned.
    Campaign c;
    c.students = {student("r1", {"h1", "h2"}), student("r2", {"h1", "h2"}), student("r3", {"h1"}), student("r4", {"h2", "h1"})};
    c.projects = {project("h1", 2, std::nullopt, std::vector<std::string>{"r3", "r1", "r2", "r4"}),
                  project("h2", 1, std::nullopt, std::vector<std::string>{"r2", "r4", "r1"})};
    c.options.seed = 3;
    const Result r = allocate(c, Algorithm::stable);
    EXPECT_EQ(as_map(r), (std::map<std::string, std::string>{{"r1", "h1"}, {"r2", "h2"}, {"r3", "h1"}}));
    EXPECT_EQ(r.unassigned, std::vector<std::string>{"r4"});
    EXPECT_EQ(r.stats.blocking_pairs, 0);
    // Welfare ignores the hospitals' preferences: three first choices (r4 at h2, two of r1-r3 at h1).
    const Result w = allocate(c, Algorithm::welfare);
    EXPECT_EQ(w.stats.assigned, 3);
    EXPECT_DOUBLE_EQ(w.stats.mean_rank, 1.0);
    EXPECT_EQ(as_map(w).at("r4"), "h2");
    EXPECT_GT(w.stats.blocking_pairs, 0);  // r2 or r1 and h1: welfare is not stable
}

TEST(EdgeCases, NoStudents) {
    Campaign c;
    c.projects = {project("p1", 3)};
    for (Algorithm a : {Algorithm::stable, Algorithm::welfare}) {
        const Result r = allocate(c, a);
        EXPECT_TRUE(r.assignments.empty());
        EXPECT_TRUE(r.unassigned.empty());
        EXPECT_EQ(r.stats.students, 0);
        EXPECT_EQ(r.stats.assigned, 0);
        EXPECT_EQ(r.stats.mean_rank, 0.0);
    }
}

TEST(EdgeCases, NoProjectsAtAll) {
    Campaign c;
    c.students = {student("s1", {}), student("s2", {})};
    const Result r = allocate(c, Algorithm::welfare);
    EXPECT_EQ(r.unassigned, (std::vector<std::string>{"s1", "s2"}));
    EXPECT_TRUE(r.stats.rank_histogram.empty());
}

TEST(EdgeCases, EveryoneWantsTheSameProject) {
    Campaign c;
    for (int i = 0; i < 6; ++i) c.students.push_back(student("s" + std::to_string(i), {"hot"}));
    c.projects = {project("hot", 2, std::nullopt, std::vector<std::string>{"s4", "s2"}), project("cold", 5)};
    c.options.seed = 99;
    const Result r = allocate(c, Algorithm::stable);
    EXPECT_EQ(as_map(r), (std::map<std::string, std::string>{{"s2", "hot"}, {"s4", "hot"}}));
    EXPECT_EQ(r.unassigned.size(), 4u);
    EXPECT_EQ(allocate(c, Algorithm::welfare).stats.assigned, 2);
}

TEST(EdgeCases, CapacityZeroProjectAndSupervisor) {
    Campaign c;
    c.students = {student("s1", {"closed", "open", "blocked"}), student("s2", {"blocked", "open"})};
    c.projects = {project("closed", 0), project("open", 1, std::nullopt, std::vector<std::string>{"s1", "s2"}),
                  project("blocked", 3, "m")};
    c.supervisors = {supervisor("m", 0, {})};
    c.options.seed = 5;
    for (Algorithm a : {Algorithm::stable, Algorithm::welfare}) {
        const Result r = allocate(c, a);
        EXPECT_EQ(r.stats.assigned, 1);
        for (const auto& x : r.assignments) EXPECT_EQ(x.project, "open");
    }
    const Instance in = compile(c);
    const Solution sol = solve(in, Algorithm::stable, false);
    const Explanation x = explain(in, sol, "s1");
    ASSERT_EQ(x.project, std::optional<std::string>("open"));
    ASSERT_EQ(x.better_choices.size(), 1u);
    EXPECT_EQ(x.better_choices[0].reason, Reason::project_no_places);
}

TEST(EdgeCases, AllChoicesFull) {
    Campaign c;
    c.students = {student("a", {"p1"}), student("b", {"p2"}), student("late", {"p1", "p2"})};
    c.projects = {project("p1", 1, std::nullopt, std::vector<std::string>{"a", "late"}),
                  project("p2", 1, std::nullopt, std::vector<std::string>{"b", "late"})};
    c.options.seed = 11;
    const Instance in = compile(c);
    const Solution sol = solve(in, Algorithm::stable, false);
    const Result r = make_result(in, sol, 0);
    EXPECT_EQ(r.unassigned, std::vector<std::string>{"late"});
    const Explanation x = explain(in, sol, "late");
    EXPECT_FALSE(x.project.has_value());
    ASSERT_EQ(x.better_choices.size(), 2u);
    for (const auto& ch : x.better_choices) {
        EXPECT_EQ(ch.reason, Reason::project_full);
        // Never names another student.
        EXPECT_EQ(ch.message.find("\"a\""), std::string::npos);
        EXPECT_EQ(ch.message.find(" b "), std::string::npos);
    }
}

TEST(EdgeCases, SupervisorFullExplanation) {
    // m supervises p1 and p2 with room for one student; it prefers x, who takes p2. y, who only
    // wants p1 (not full), is refused because the supervisor is full.
    Campaign c;
    c.students = {student("y", {"p1"}), student("x", {"p2"})};
    c.projects = {project("p1", 2, "m"), project("p2", 2, "m")};
    c.supervisors = {supervisor("m", 1, {"x", "y"})};
    c.options.seed = 1;
    const Instance in = compile(c);
    const Solution sol = solve(in, Algorithm::stable, false);
    const Explanation e = explain(in, sol, "y");
    ASSERT_EQ(e.better_choices.size(), 1u);
    EXPECT_EQ(e.better_choices[0].reason, Reason::supervisor_full);
    EXPECT_EQ(make_result(in, sol, 0).stats.blocking_pairs, 0);
}

TEST(MinSize, ClosesUndersizedProjectAndRecomputes) {
    // p_small gets only s3 (min 2): it is closed and s3 moves to its second choice.
    Campaign c;
    c.students = {student("s1", {"big"}), student("s2", {"big"}), student("s3", {"small", "big"})};
    c.projects = {project("big", 3, std::nullopt, std::nullopt, 2), project("small", 3, std::nullopt, std::nullopt, 2)};
    c.options.seed = 2;
    {
        const Result r = allocate(c, Algorithm::stable);
        EXPECT_EQ(r.stats.undersized_teams, 1);
        EXPECT_TRUE(r.closed_projects.empty());
    }
    c.options.respect_min_size = true;
    for (Algorithm a : {Algorithm::stable, Algorithm::welfare}) {
        const Instance in = compile(c);
        const Solution sol = solve(in, a, true);
        const Result r = make_result(in, sol, 0);
        EXPECT_EQ(r.closed_projects, std::vector<std::string>{"small"});
        EXPECT_EQ(r.stats.undersized_teams, 0);
        EXPECT_EQ(as_map(r), (std::map<std::string, std::string>{{"s1", "big"}, {"s2", "big"}, {"s3", "big"}}));
        const Explanation x = explain(in, sol, "s3");
        ASSERT_EQ(x.better_choices.size(), 1u);
        EXPECT_EQ(x.better_choices[0].reason, Reason::project_closed);
    }
}

TEST(MinSize, ClosesLeastDemandedFirst) {
    // Both a and b are undersized (min 3); b has fewer applicants and is closed first, after which
    // its students fill a, which is kept.
    Campaign c;
    c.students = {student("s1", {"a"}), student("s2", {"a"}), student("s3", {"b", "a"}),
                  student("s4", {"c"}), student("s5", {"c"}), student("s6", {"c"})};
    c.projects = {project("a", 3, std::nullopt, std::nullopt, 3), project("b", 3, std::nullopt, std::nullopt, 3),
                  project("c", 3)};
    c.options.seed = 4;
    c.options.respect_min_size = true;
    const Result r = allocate(c, Algorithm::stable);
    EXPECT_EQ(r.closed_projects, std::vector<std::string>{"b"});
    EXPECT_EQ(r.stats.assigned, 6);
}

TEST(Skills, OrderBySkillFitThenLottery) {
    // No ranking anywhere: the project prefers the applicant whose skills cover its requirements.
    Campaign c;
    StudentInput strong = student("strong", {"p"});
    strong.skills = {{"data", 3}};
    StudentInput weak = student("weak", {"p"});
    weak.skills = {{"web", 3}};
    c.students = {weak, strong};
    ProjectInput p = project("p", 1);
    p.required_skills = {{"data", 2}};
    c.projects = {p};
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        c.options.seed = seed;
        const Result r = allocate(c, Algorithm::stable);
        EXPECT_EQ(as_map(r), (std::map<std::string, std::string>{{"strong", "p"}})) << "seed " << seed;
        EXPECT_EQ(r.stats.teams_missing_skills, 0);
    }
    // Only the weak student: the team misses the data skill.
    c.students = {weak};
    EXPECT_EQ(allocate(c, Algorithm::stable).stats.teams_missing_skills, 1);
}

}  // namespace
}  // namespace alloc_test
