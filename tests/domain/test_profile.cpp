#include "domain/profile.hpp"

#include <gtest/gtest.h>

using namespace latitudes::domain;

namespace {
const std::set<long long> skills{1, 2, 3};
const std::set<long long> schools{10, 11};

bool has(const CheckedProfile& p, ProfileProblem problem) {
    return std::find(p.problems.begin(), p.problems.end(), problem) != p.problems.end();
}
}  // namespace

TEST(Profile, AnEmptyProfileIsValid) {
    for (auto role : {"student", "professional", "beneficiary", "coordinator", "company", "researcher", "staff"}) {
        const auto p = check_profile({}, role, skills, schools);
        EXPECT_TRUE(p.ok()) << role;
        EXPECT_EQ(p.school_id, 0);
        EXPECT_TRUE(p.skills.empty());
    }
}

TEST(Profile, ValuesAreConvertedSortedAndDeduplicated) {
    ProfileInput in;
    in.school_id = "11";
    in.study_year = "4";
    in.hours_per_week = "6";
    in.availability = "le vendredi";
    in.skills = {{"3", "2"}, {"1", "3"}, {"2", "0"}, {"2", ""}};  // "0" and "" mean "none"
    in.sdgs = {"13", "4"};
    const auto p = check_profile(in, "student", skills, schools);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.school_id, 11);
    EXPECT_EQ(p.study_year, 4);
    EXPECT_EQ(p.hours_per_week, 6);
    EXPECT_EQ(p.skills, (std::vector<std::pair<long long, int>>{{1, 3}, {3, 2}}));
    EXPECT_EQ(p.sdgs, (std::vector<int>{4, 13}));
}

TEST(Profile, FieldsFollowTheRole) {
    ProfileInput in;
    in.school_id = "10";
    in.study_year = "2";
    in.employer = "Octo";
    const auto student = check_profile(in, "student", skills, schools);
    EXPECT_EQ(student.school_id, 10);
    EXPECT_EQ(student.study_year, 2);
    EXPECT_EQ(student.employer, "") << "a student has no employer field";
    const auto pro = check_profile(in, "professional", skills, schools);
    EXPECT_EQ(pro.school_id, 0);
    EXPECT_EQ(pro.study_year, 0);
    EXPECT_EQ(pro.employer, "Octo");
    const auto researcher = check_profile(in, "researcher", skills, schools);
    EXPECT_EQ(researcher.school_id, 10);
    EXPECT_EQ(researcher.employer, "Octo");
    EXPECT_FALSE(profile_fields("beneficiary").school);
}

TEST(Profile, EveryProblemIsReportedOnce) {
    ProfileInput in;
    in.school_id = "99";  // not a school
    in.study_year = "9";
    in.employer = std::string(121, 'x');
    in.availability = std::string(201, 'x');
    in.hours_per_week = "61";
    in.bio = std::string(2001, 'x');
    in.skills = {{"7", "1"}, {"1", "4"}, {"abc", "1"}};
    in.sdgs = {"0", "18", "x"};
    const auto p = check_profile(in, "researcher", skills, schools);
    EXPECT_EQ(p.problems,
              (std::vector<ProfileProblem>{ProfileProblem::school, ProfileProblem::employer, ProfileProblem::availability,
                                           ProfileProblem::hours_per_week, ProfileProblem::bio, ProfileProblem::skill,
                                           ProfileProblem::skill_level, ProfileProblem::sdg}));
    // The year is not a researcher's field: ignored, so not a problem.
    EXPECT_FALSE(has(p, ProfileProblem::study_year));
    EXPECT_TRUE(has(check_profile(in, "student", skills, schools), ProfileProblem::study_year));
}

TEST(Profile, LengthsCountCharactersNotBytes) {
    ProfileInput in;
    in.availability = std::string();
    for (int i = 0; i < 200; ++i) in.availability += "é";  // 400 bytes, 200 characters
    EXPECT_TRUE(check_profile(in, "student", skills, schools).ok());
    in.availability += "é";
    EXPECT_TRUE(has(check_profile(in, "student", skills, schools), ProfileProblem::availability));
}

TEST(Profile, NumbersMustBeWholeAndPlain) {
    for (auto text : {"1.5", " 3", "3 ", "+3", "0x3", "-1", "0", "99999999999999999999"}) {
        ProfileInput in;
        in.hours_per_week = text;
        EXPECT_TRUE(has(check_profile(in, "student", skills, schools), ProfileProblem::hours_per_week)) << text;
    }
    ProfileInput duplicate;
    duplicate.skills = {{"1", "1"}, {"1", "2"}};
    EXPECT_TRUE(has(check_profile(duplicate, "student", skills, schools), ProfileProblem::skill));
}

TEST(Profile, BrokenUtf8StopsEverything) {
    ProfileInput in;
    in.bio = "\xff\xfe";
    in.study_year = "99";
    const auto p = check_profile(in, "student", skills, schools);
    EXPECT_EQ(p.problems, std::vector<ProfileProblem>{ProfileProblem::encoding});
    EXPECT_EQ(to_string(ProfileProblem::encoding), "encoding");
}
