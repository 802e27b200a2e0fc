// The follow-up's pure rules: dates of milestones from the template, weeks, the weekly update's
// checks (hours negative, absurd, not a number; nothing said) and the template step's checks.
#include "domain/followup.hpp"

#include <gtest/gtest.h>

using namespace latitudes::domain;

TEST(Followup, DatesAndWeeks) {
    EXPECT_EQ(add_days("2027-02-26", 3), "2027-03-01");
    EXPECT_EQ(add_days("2027-01-10", -14), "2026-12-27");
    EXPECT_EQ(add_days("2027-02-30", 1), "");
    EXPECT_EQ(week_of("2027-01-13"), "2027-01-11");  // a Wednesday
    EXPECT_EQ(week_of("2027-01-17"), "2027-01-11");  // its Sunday
    EXPECT_EQ(week_of("2027-01-11"), "2027-01-11");
    EXPECT_TRUE(is_overdue("2027-01-10", "todo", "2027-01-11"));
    EXPECT_TRUE(is_overdue("2027-01-10", "in_progress", "2027-01-11"));
    EXPECT_FALSE(is_overdue("2027-01-10", "done", "2027-01-11"));
    EXPECT_FALSE(is_overdue("2027-01-11", "todo", "2027-01-11"));
}

TEST(Followup, MilestonesFromTheTemplate) {
    std::vector<MilestoneStep> steps(3);
    steps[0] = {1, 1, "Lancement", "Kick-off", "", "", "formed", 1, "beneficiary", false};
    steps[1] = {2, 2, "Séance", "Session", "", "", "formed", 2, "team", true};
    steps[2] = {3, 3, "Livraison", "Delivery", "", "", "semester_end", -1, "team", false};
    const auto planned = plan_milestones(steps, "2027-01-04", "2027-02-15");
    ASSERT_FALSE(planned.empty());
    EXPECT_EQ(planned.front().title_fr, "Lancement");
    EXPECT_EQ(planned.front().due_on, "2027-01-11");
    int sessions = 0;
    for (const auto& m : planned)
        if (m.step_id == 2) ++sessions;
    EXPECT_EQ(sessions, 5);  // 18/01, 25/01, 01/02, 08/02, 15/02
    EXPECT_EQ(planned.back().due_on, "2027-02-15");
    for (std::size_t i = 1; i < planned.size(); ++i) EXPECT_LE(planned[i - 1].due_on, planned[i].due_on);
    // An opportunity's team (no semester) ends 16 weeks after it was formed.
    const auto opportunity = plan_milestones({steps[2]}, "2027-01-04", "");
    ASSERT_EQ(opportunity.size(), 1u);
    EXPECT_EQ(opportunity.front().due_on, add_days("2027-01-04", 7 * 15));
}

TEST(Followup, WeeklyUpdateChecks) {
    auto ok = check_weekly_update({"Maquette faite", "", "", "2,5"});
    EXPECT_TRUE(ok.ok());
    EXPECT_EQ(ok.minutes, 150);
    EXPECT_EQ(check_weekly_update({"x", "", "", ""}).minutes, 0);
    const auto problem = [](const WeeklyUpdateInput& in) {
        const auto c = check_weekly_update(in);
        return c.problems.empty() ? FieldProblem{} : c.problems.front();
    };
    EXPECT_EQ(problem({"  ", "", "", "1"}), (FieldProblem{"done", "missing"}));
    EXPECT_EQ(problem({"x", "", "", "-1"}), (FieldProblem{"hours", "negative"}));
    EXPECT_EQ(problem({"x", "", "", "61"}), (FieldProblem{"hours", "absurd"}));
    EXPECT_EQ(problem({"x", "", "", "1e9"}), (FieldProblem{"hours", "absurd"}));
    EXPECT_EQ(problem({"x", "", "", "deux"}), (FieldProblem{"hours", "invalid"}));
    EXPECT_EQ(problem({"x", "", "", "nan"}), (FieldProblem{"hours", "invalid"}));
    EXPECT_EQ(problem({"x", std::string(2001, 'a'), "", "1"}), (FieldProblem{"next", "too_long"}));
    EXPECT_EQ(hours_text(150), "2.5");
    EXPECT_EQ(hours_text(180), "3");
    EXPECT_EQ(hours_text(0), "0");
}

TEST(Followup, TemplateStepChecks) {
    MilestoneStep step;
    auto problems = check_milestone_step({"1", "Lancement", "Kick-off", "", "", "formed", "2", "team", false}, step);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(step.offset_weeks, 2);
    problems = check_milestone_step({"0", "", "Kick-off", "", "", "never", "x", "boss", false}, step);
    std::vector<std::string> fields;
    for (const auto& p : problems) fields.push_back(p.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"position", "title_fr", "anchor", "offset_weeks", "owner_role"}));
}
