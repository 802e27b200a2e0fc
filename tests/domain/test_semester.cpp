#include "domain/semester.hpp"

#include <gtest/gtest.h>

using namespace latitudes::domain;

namespace {
SemesterInput valid() { return {"2027-S1", "Printemps 2027", "Spring 2027", "2027-02-01", "2027-06-30"}; }
}  // namespace

TEST(Semester, CodesAreAYearAHyphenAndACapitalFollowedByUpToThreeCapitalsOrDigits) {
    for (const char* code : {"2027-S1", "2026-P", "2025-A", "2000-Z999", "2099-AUT1"})
        EXPECT_TRUE(is_valid_semester_code(code)) << code;
    for (const char* code : {"", "2027", "2027-", "2027S1", "2027-s1", "2027-1", "2027-S12345", "1999-S1", "2100-S1", "27-S1",
                             "2027-S 1", "2027_S1", " 2027-S1", "2027-É1", "2027-S1\n"})
        EXPECT_FALSE(is_valid_semester_code(code)) << code;
}

TEST(Semester, WhatIsTypedIsTrimmedAndCapitalised) {
    EXPECT_EQ(normalise_semester_code("  2027-s1\t"), "2027-S1");
    EXPECT_EQ(normalise_semester_code("2026-p"), "2026-P");
    EXPECT_EQ(normalise_semester_code("   "), "");
    EXPECT_EQ(normalise_semester_code("2027-é"), "2027-é") << "only ASCII letters change";
    EXPECT_TRUE(is_valid_semester_code(normalise_semester_code(" 2027-s1 ")));
}

TEST(Semester, AValidSemesterHasNoProblem) {
    EXPECT_TRUE(check_semester(valid()).empty());
    auto one_day = valid();
    one_day.ends_on = "2027-02-02";
    EXPECT_TRUE(check_semester(one_day).empty()) << "a day after its start is after its start";
}

TEST(Semester, EveryProblemIsNamedOnceInOrder) {
    EXPECT_EQ(check_semester({"S1", " ", "", "2027-02-30", "demain"}),
              (std::vector<SemesterProblem>{SemesterProblem::code, SemesterProblem::label_fr, SemesterProblem::label_en,
                                            SemesterProblem::starts_on, SemesterProblem::ends_on}));
    auto reversed = valid();
    reversed.ends_on = "2027-01-31";
    EXPECT_EQ(check_semester(reversed), std::vector<SemesterProblem>{SemesterProblem::ends_before_start});
    auto same_day = valid();
    same_day.ends_on = same_day.starts_on;
    EXPECT_EQ(check_semester(same_day), std::vector<SemesterProblem>{SemesterProblem::ends_before_start})
        << "ends *after* it starts";
    EXPECT_EQ(to_string(SemesterProblem::ends_before_start), "ends_before_start");
    EXPECT_EQ(to_string(SemesterProblem::label_en), "label_en");
}

TEST(Semester, LabelsAreShortSingleLinesOfValidText) {
    auto in = valid();
    in.label_fr = std::string(80, 'e');
    EXPECT_TRUE(check_semester(in).empty());
    in.label_fr = "Été 2027 " + std::string(71, 'e');  // 80 characters, 82 bytes
    EXPECT_TRUE(check_semester(in).empty());
    in.label_fr = std::string(81, 'e');
    EXPECT_EQ(check_semester(in), std::vector<SemesterProblem>{SemesterProblem::label_fr});
    in = valid();
    in.label_en = "Spring\n2027";
    EXPECT_EQ(check_semester(in), std::vector<SemesterProblem>{SemesterProblem::label_en});
    in.label_en = "Spring \xC3 2027";
    EXPECT_EQ(check_semester(in), std::vector<SemesterProblem>{SemesterProblem::label_en});
}

TEST(Semester, AnEditDoesNotCheckTheCodeItKeeps) {
    auto in = valid();
    in.code = "";
    EXPECT_TRUE(check_semester(in, false).empty());
    EXPECT_EQ(check_semester(in), std::vector<SemesterProblem>{SemesterProblem::code});
}
