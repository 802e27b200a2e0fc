#include "domain/project.hpp"

#include <gtest/gtest.h>

using namespace latitudes::domain;

TEST(Project, EveryEnumRoundTripsThroughItsName) {
    for (auto l : all_levels) EXPECT_EQ(parse_level(to_string(l)), l);
    for (auto f : all_formats) EXPECT_EQ(parse_format(to_string(f)), f);
    for (auto s : all_statuses) EXPECT_EQ(parse_status(to_string(s)), s);
    EXPECT_FALSE(parse_level("boss").has_value());
    EXPECT_FALSE(parse_format("").has_value());
    EXPECT_FALSE(parse_status("Published").has_value());
}

TEST(Project, EachFormatBelongsToItsLevel) {
    EXPECT_EQ(level_of(Format::student_project), Level::collaborator);
    EXPECT_EQ(level_of(Format::internship), Level::collaborator);
    EXPECT_EQ(level_of(Format::shared_job), Level::collaborator);
    EXPECT_EQ(level_of(Format::friday_volunteering), Level::collaborator);
    EXPECT_EQ(level_of(Format::mentoring), Level::collaborator);
    EXPECT_EQ(level_of(Format::venture_support), Level::entrepreneur);
    EXPECT_EQ(level_of(Format::research_topic), Level::researcher);
}

TEST(Project, OnlyPublishedAndLaterStatusesArePublic) {
    EXPECT_TRUE(is_public(Status::published));
    EXPECT_TRUE(is_public(Status::in_progress));
    EXPECT_TRUE(is_public(Status::delivered));
    EXPECT_TRUE(is_public(Status::evaluated));
    for (auto s : {Status::draft, Status::submitted, Status::framing, Status::ready, Status::declined, Status::cancelled})
        EXPECT_FALSE(is_public(s)) << to_string(s);
}

TEST(Project, TeamSizeAndSdgBounds) {
    EXPECT_TRUE(is_valid_team_size(1, 1));
    EXPECT_TRUE(is_valid_team_size(3, 5));
    EXPECT_FALSE(is_valid_team_size(0, 3));
    EXPECT_FALSE(is_valid_team_size(4, 3));
    EXPECT_TRUE(is_valid_sdg(1));
    EXPECT_TRUE(is_valid_sdg(17));
    EXPECT_FALSE(is_valid_sdg(0));
    EXPECT_FALSE(is_valid_sdg(18));
}
