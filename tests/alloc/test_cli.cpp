// The `allocate` command on files: bad inputs give one precise line on stderr, a non-zero exit
// code and no output file.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/allocate_command.hpp"
#include "helpers.hpp"

namespace alloc_test {
namespace {

namespace fs = std::filesystem;

class Cli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("alloc_cli_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    // Runs the command on `input`; returns the exit code, stores stderr.
    int run(const std::string& input, const std::string& algorithm = "stable", const std::string& explain = "") {
        { std::ofstream(dir_ / "in.json") << input; }
        latitudes::app::AllocateCliOptions o;
        o.input = (dir_ / "in.json").string();
        o.output = out().string();
        o.algorithm = algorithm;
        o.explain = explain;
        std::ostringstream err;
        auto* old = std::cerr.rdbuf(err.rdbuf());
        const int code = latitudes::app::run_allocate_command(o);
        std::cerr.rdbuf(old);
        stderr_ = err.str();
        return code;
    }
    fs::path out() const { return dir_ / "out.json"; }
    void expect_failure(const std::string& input, const std::string& where, const std::string& detail) {
        EXPECT_NE(run(input), 0);
        EXPECT_NE(stderr_.find(where), std::string::npos) << stderr_;
        EXPECT_NE(stderr_.find(detail), std::string::npos) << stderr_;
        EXPECT_EQ(std::count(stderr_.begin(), stderr_.end(), '\n'), 1) << "one line: " << stderr_;
        EXPECT_FALSE(fs::exists(out()));
        // No temporary file left behind either.
        EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator{}), 1);
    }

    fs::path dir_;
    std::string stderr_;
};

TEST_F(Cli, InvalidJson) { expect_failure("{\"students\": [", "invalid JSON", "parse error"); }
TEST_F(Cli, UnknownId) {
    expect_failure(R"({"students":[{"id":"s1","choices":["nope"]}],"projects":[]})", "students[0].choices[0]",
                   "unknown project \"nope\"");
}
TEST_F(Cli, DuplicateId) {
    expect_failure(R"({"students":[{"id":"s1"},{"id":"s1"}],"projects":[]})", "students[1].id", "duplicate student id \"s1\"");
}
TEST_F(Cli, ChoiceListedTwice) {
    expect_failure(R"({"students":[{"id":"s1","choices":["p","p"]}],"projects":[{"id":"p","capacity":1}]})",
                   "students[0].choices[1]", "listed twice");
}
TEST_F(Cli, NegativeCapacity) {
    expect_failure(R"({"students":[],"projects":[{"id":"p","capacity":-3}]})", "projects[0].capacity",
                   "negative capacity -3 for project \"p\"");
}
TEST_F(Cli, MinAboveCapacity) {
    expect_failure(R"({"students":[],"projects":[{"id":"p","capacity":2,"min_size":4}]})", "projects[0].min_size",
                   "min_size 4 is above the capacity 2");
}
TEST_F(Cli, RankingNamesUnknownStudent) {
    expect_failure(R"({"students":[{"id":"s1"}],"projects":[],"supervisors":[{"id":"m","ranking":["s1","ghost"]}]})",
                   "supervisors[0].ranking[1]", "unknown student \"ghost\"");
}
TEST_F(Cli, MissingInputFile) {
    latitudes::app::AllocateCliOptions o;
    o.input = (dir_ / "absent.json").string();
    o.output = out().string();
    std::ostringstream err;
    auto* old = std::cerr.rdbuf(err.rdbuf());
    EXPECT_NE(latitudes::app::run_allocate_command(o), 0);
    std::cerr.rdbuf(old);
    EXPECT_NE(err.str().find("absent.json"), std::string::npos);
    EXPECT_FALSE(fs::exists(out()));
}

TEST_F(Cli, WritesResultWithExplanation) {
    const std::string input = R"({"students":[{"id":"a","choices":["p1"]},{"id":"b","choices":["p1","p2"]}],
    "projects":[{"id":"p1","capacity":1,"ranking":["a","b"]},{"id":"p2","capacity":1}],
    "options":{"seed":42}})";
    ASSERT_EQ(run(input, "stable", "b"), 0) << stderr_;
    std::ifstream f(out());
    const auto j = nlohmann::json::parse(f);
    EXPECT_EQ(j["algorithm"], "stable");
    EXPECT_EQ(j["seed"], 42);
    EXPECT_EQ(j["stats"]["assigned"], 2);
    EXPECT_EQ(j["stats"]["rank_histogram"], nlohmann::json::array({1, 1}));
    EXPECT_EQ(j["explanation"]["student"], "b");
    EXPECT_EQ(j["explanation"]["project"], "p2");
    ASSERT_EQ(j["explanation"]["better_choices"].size(), 1u);
    EXPECT_EQ(j["explanation"]["better_choices"][0]["reason"], "project_full");
    EXPECT_EQ(j["explanation"]["better_choices"][0]["message"].get<std::string>().find("\"a\""), std::string::npos);
    ASSERT_EQ(run(input, "welfare"), 0);
    std::ifstream g(out());
    EXPECT_EQ(nlohmann::json::parse(g)["algorithm"], "welfare");
}

TEST_F(Cli, ExplainUnknownStudentFailsWithoutOutput) {
    EXPECT_NE(run(R"({"students":[{"id":"a"}],"projects":[]})", "stable", "zz"), 0);
    EXPECT_NE(stderr_.find("unknown student \"zz\""), std::string::npos) << stderr_;
    EXPECT_FALSE(fs::exists(out()));
}

TEST(CliParse, AddsTheSubcommandWithItsOptions) {
    CLI::App app;
    latitudes::app::AllocateCliOptions o;
    add_allocate_command(app, o);
    const char* argv[] = {"latitudes", "allocate", "--input", "x.json", "--algorithm", "welfare", "--explain", "s1"};
    app.parse(8, const_cast<char**>(argv));
    EXPECT_EQ(o.input, "x.json");
    EXPECT_EQ(o.algorithm, "welfare");
    EXPECT_EQ(o.explain, "s1");
    const char* bad[] = {"latitudes", "allocate", "--input", "x.json", "--algorithm", "greedy"};
    CLI::App app2;
    latitudes::app::AllocateCliOptions o2;
    add_allocate_command(app2, o2);
    EXPECT_THROW(app2.parse(6, const_cast<char**>(bad)), CLI::ValidationError);
}

}  // namespace
}  // namespace alloc_test
