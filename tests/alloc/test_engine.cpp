// Validation of campaigns through the library API: every error names the item and its location.
#include "alloc/json_io.hpp"
#include "helpers.hpp"

namespace alloc_test {
namespace {

// Returns the InputError raised by parsing + compiling `json`.
InputError error_of(const std::string& json) {
    try {
        compile(parse_campaign(json));
    } catch (const InputError& e) {
        return e;
    }
    ADD_FAILURE() << "no error for " << json;
    return InputError("", "");
}

TEST(Validation, InvalidJsonReportsLineAndColumn) {
    const InputError e = error_of("{\"students\": [\n  {\"id\": \"s1\",, }]}");
    EXPECT_NE(std::string(e.what()).find("invalid JSON"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
}

TEST(Validation, UnknownProjectInChoices) {
    const InputError e = error_of(R"({"students":[{"id":"s1","choices":["p1","p9"]}],"projects":[{"id":"p1","capacity":1}]})");
    EXPECT_EQ(e.where(), "students[0].choices[1]");
    EXPECT_NE(std::string(e.what()).find("\"p9\""), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("\"s1\""), std::string::npos);
}

TEST(Validation, DuplicateIds) {
    EXPECT_EQ(error_of(R"({"students":[{"id":"s1"},{"id":"s1"}],"projects":[]})").where(), "students[1].id");
    EXPECT_EQ(error_of(R"({"students":[],"projects":[{"id":"p","capacity":1},{"id":"p","capacity":2}]})").where(),
              "projects[1].id");
    EXPECT_EQ(error_of(R"({"students":[],"projects":[],"supervisors":[{"id":"m"},{"id":"m"}]})").where(), "supervisors[1].id");
}

TEST(Validation, ChoiceListedTwice) {
    const InputError e = error_of(R"({"students":[{"id":"s1","choices":["p1","p1"]}],"projects":[{"id":"p1","capacity":1}]})");
    EXPECT_EQ(e.where(), "students[0].choices[1]");
    EXPECT_NE(std::string(e.what()).find("listed twice"), std::string::npos);
}

TEST(Validation, NegativeCapacityAndMinAboveCapacity) {
    EXPECT_EQ(error_of(R"({"students":[],"projects":[{"id":"p1","capacity":-1}]})").where(), "projects[0].capacity");
    EXPECT_EQ(error_of(R"({"students":[],"projects":[],"supervisors":[{"id":"m","capacity":-2}]})").where(),
              "supervisors[0].capacity");
    const InputError e = error_of(R"({"students":[],"projects":[{"id":"p1","capacity":2,"min_size":3}]})");
    EXPECT_EQ(e.where(), "projects[0].min_size");
    EXPECT_NE(std::string(e.what()).find("above the capacity"), std::string::npos);
}

TEST(Validation, RankingNamesUnknownStudent) {
    EXPECT_EQ(error_of(R"({"students":[{"id":"s1"}],"projects":[{"id":"p1","capacity":1,"ranking":["s1","zz"]}]})").where(),
              "projects[0].ranking[1]");
    EXPECT_EQ(error_of(R"({"students":[{"id":"s1"}],"projects":[],"supervisors":[{"id":"m","ranking":["zz"]}]})").where(),
              "supervisors[0].ranking[0]");
}

TEST(Validation, UnknownSupervisorAndWrongTypes) {
    EXPECT_EQ(error_of(R"({"students":[],"projects":[{"id":"p1","capacity":1,"supervisor":"nobody"}]})").where(),
              "projects[0].supervisor");
    EXPECT_EQ(error_of(R"({"students":[],"projects":[{"id":"p1","capacity":"two"}]})").where(), "projects[0].capacity");
    EXPECT_EQ(error_of(R"({"students":[{"id":"s1","choices":"p1"}],"projects":[]})").where(), "students[0].choices");
    EXPECT_EQ(error_of(R"({"students":[{"choices":[]}],"projects":[]})").where(), "students[0]");
    EXPECT_EQ(error_of(R"({"projects":[]})").where(), "(top level)");
    EXPECT_EQ(error_of(R"({"students":[],"projects":[],"options":{"seed":-4}})").where(), "options.seed");
}

TEST(Validation, UnknownFieldsAreIgnored) {
    const Campaign c = parse_campaign(
        R"({"students":[{"id":"s1","choices":["p1"],"name":"Ada","extra":{"a":[1,2]}}],
          "projects":[{"id":"p1","capacity":1,"title":"Solar"}],"version":3})");
    EXPECT_EQ(allocate(c, Algorithm::stable).stats.assigned, 1);
}

TEST(Validation, ExplainUnknownStudent) {
    Campaign c;
    c.students = {student("s1", {})};
    const Instance in = compile(c);
    const Solution sol = solve(in, Algorithm::stable, false);
    EXPECT_THROW(explain(in, sol, "nobody"), InputError);
}

}  // namespace
}  // namespace alloc_test

namespace alloc_test {
namespace {

// The documented orders, recomputed naively: a project ranks by its own ranking, else its
// supervisor's, else skill fit; unranked students / ties after, by lottery. A supervisor with a
// ranking orders students likewise; one without orders applications by a priority depending only
// on the student and the project.
TEST(Orders, ProjectAndSupervisorOrdersFollowTheDocumentedKeys) {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        Rng r(seed);
        SmallInstance x = random_small(seed, 30, 6, 4, true);
        // Partial rankings, some supervisors without ranking, skills.
        for (auto& p : x.campaign.projects) {
            if (p.ranking && r.uniform(0, 1)) p.ranking->resize(p.ranking->size() / 2);
            if (r.uniform(0, 2) == 0) p.ranking.reset();
            if (r.uniform(0, 1)) p.required_skills = {{"data", r.uniform(1, 3)}, {"web", r.uniform(0, 2)}};
        }
        for (auto& l : x.campaign.supervisors) {
            if (r.uniform(0, 2) == 0) l.ranking.clear();
            else l.ranking.resize(l.ranking.size() / 2);
        }
        for (auto& s : x.campaign.students) s.skills = {{"data", r.uniform(0, 3)}, {"web", r.uniform(0, 3)}};
        const Campaign& c = x.campaign;
        const Instance in = compile(c);
        std::map<std::string, int> lot;  // lottery position
        {
            std::vector<std::pair<std::uint64_t, std::string>> v;
            for (const auto& s : c.students) v.emplace_back(lottery_value(in.seed, s.id), s.id);
            std::sort(v.begin(), v.end());
            for (std::size_t i = 0; i < v.size(); ++i) lot[v[i].second] = static_cast<int>(i);
        }
        auto position = [](const std::vector<std::string>& list, const std::string& id) {
            auto it = std::find(list.begin(), list.end(), id);
            return it == list.end() ? -1 : static_cast<int>(it - list.begin());
        };
        auto level = [](const StudentInput& s, const std::string& skill) {
            for (const auto& k : s.skills)
                if (k.skill == skill) return k.level;
            return 0;
        };
        for (int p = 0; p < in.m; ++p) {
            const ProjectInput& pr = c.projects[p];
            const SupervisorInput* sv = nullptr;
            for (const auto& l : c.supervisors)
                if (pr.supervisor && l.id == *pr.supervisor) sv = &l;
            std::vector<std::string> applicants;
            for (const auto& s : c.students)
                if (std::find(s.choices.begin(), s.choices.end(), pr.id) != s.choices.end()) applicants.push_back(s.id);
            auto key = [&](const std::string& id) -> std::pair<long, long> {
                const std::vector<std::string>* list = pr.ranking ? &*pr.ranking
                                                                  : (sv && !sv->ranking.empty() ? &sv->ranking : nullptr);
                if (list) {
                    const int pos = position(*list, id);
                    return {pos >= 0 ? 0 : 1, pos >= 0 ? pos : lot[id]};
                }
                long fit = 0;
                const StudentInput& st = *std::find_if(c.students.begin(), c.students.end(),
                                                       [&](const auto& s) { return s.id == id; });
                for (const auto& rq : pr.required_skills) fit += std::min(level(st, rq.skill), rq.level);
                return {-fit, lot[id]};
            };
            std::sort(applicants.begin(), applicants.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
            std::vector<std::string> got;
            for (int i = in.app_off[p]; i < in.app_off[p + 1]; ++i) got.push_back(in.student_ids[in.app_student[i]]);
            ASSERT_EQ(got, applicants) << "project " << pr.id << ", seed " << seed;
        }
        for (int l = 0; l < in.k; ++l) {
            const SupervisorInput& sv = c.supervisors[l];
            // Applications to l's projects: (student, project index, position in project order).
            struct App {
                std::string s;
                int p;
                int pos;
            };
            std::vector<App> apps;
            for (int p = 0; p < in.m; ++p)
                if (in.supervisor[p] == l)
                    for (int i = in.app_off[p]; i < in.app_off[p + 1]; ++i)
                        apps.push_back({in.student_ids[in.app_student[i]], p, i - in.app_off[p]});
            std::vector<std::string> expected;
            if (!sv.ranking.empty()) {
                std::sort(apps.begin(), apps.end(), [&](const App& a, const App& b) {
                    const int pa = position(sv.ranking, a.s), pb = position(sv.ranking, b.s);
                    const std::pair<long, long> ka{pa >= 0 ? 0 : 1, pa >= 0 ? pa : lot[a.s]},
                        kb{pb >= 0 ? 0 : 1, pb >= 0 ? pb : lot[b.s]};
                    return ka < kb;
                });
                for (const auto& a : apps)
                    if (expected.empty() || expected.back() != a.s) expected.push_back(a.s);
            } else {
                // Priority of an application: for a project with its own ranking, ranked students first
                // (by position) then the others by lottery; otherwise the skill shortfall, then lottery.
                auto prio = [&](const App& a) -> std::pair<long, long> {
                    const ProjectInput& pr = c.projects[a.p];
                    if (pr.ranking) {
                        const int pos = position(*pr.ranking, a.s);
                        return {pos >= 0 ? 0 : 1, pos >= 0 ? pos : lot[a.s]};
                    }
                    const StudentInput& st = *std::find_if(c.students.begin(), c.students.end(),
                                                           [&](const auto& x) { return x.id == a.s; });
                    long shortfall = 0;
                    for (const auto& rq : pr.required_skills) shortfall += rq.level - std::min(level(st, rq.skill), rq.level);
                    return {shortfall, lot[a.s]};
                };
                std::stable_sort(apps.begin(), apps.end(), [&](const App& a, const App& b) { return prio(a) < prio(b); });
                for (const auto& a : apps) expected.push_back(a.s);
            }
            std::vector<std::string> got;
            for (int i = in.sapp_off[l]; i < in.sapp_off[l + 1]; ++i) got.push_back(in.student_ids[in.sapp_student[i]]);
            ASSERT_EQ(got, expected) << "supervisor " << sv.id << ", seed " << seed;
        }
    }
}

}  // namespace
}  // namespace alloc_test
