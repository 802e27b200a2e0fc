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
  EXPECT_EQ(error_of(R"({"students":[],"projects":[],"supervisors":[{"id":"m"},{"id":"m"}]})").where(),
            "supervisors[1].id");
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
