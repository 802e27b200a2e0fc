#include "domain/framing.hpp"

#include <gtest/gtest.h>

using namespace latitudes::domain;

namespace {
const std::set<std::string> slugs{"web-backend", "ux-design"};

FramingSheet complete_sheet() {
    FramingSheet s;
    s.text = {{"statement", "Suivre les bénévoles"}, {"users", "Coordinateurs"}, {"scope", "Web"}, {"deliverables", "Prototype"}};
    s.team_min = "3";
    s.team_max = "5";
    s.semester = "2027-S1";
    s.skills = {{"web-backend", "2"}};
    return s;
}
bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}
}  // namespace

TEST(Framing, JsonRoundTripKeepsEverythingAndIgnoresJunk) {
    auto sheet = complete_sheet();
    sheet.details = {{"place", "Lyon"}, {"compensation", "650"}};
    const auto back = sheet_from_json(to_json(sheet));
    EXPECT_TRUE(changed_fields(sheet, back).empty());
    EXPECT_EQ(back.skills, sheet.skills);
    const auto junk = sheet_from_json(nlohmann::json::parse(R"({"statement": 3, "skills": "x", "details": [1], "extra": true})"));
    EXPECT_EQ(junk.text.at("statement"), "");
    EXPECT_TRUE(junk.skills.empty());
    EXPECT_TRUE(sheet_from_json(nlohmann::json::array()).text.empty());
}

TEST(Framing, ADraftSheetMayBeIncompleteButNotWrong) {
    EXPECT_TRUE(check_framing({}, Format::student_project, slugs).empty());
    FramingSheet bad;
    bad.text["risks"] = std::string(4001, 'x');
    bad.team_min = "6";
    bad.team_max = "2";
    bad.skills = {{"cobol", "1"}, {"ux-design", "5"}};
    const auto problems = check_framing(bad, Format::student_project, slugs);
    EXPECT_EQ(problems, (std::vector<std::string>{"too_long:risks", "team_size", "skill", "skill_level"}));
    FramingSheet broken;
    broken.text["users"] = "\xC3";
    EXPECT_EQ(check_framing(broken, Format::student_project, slugs), std::vector<std::string>{"encoding"});
}

TEST(Framing, DraftDetailsMayBeMissingButNotWrong) {
    FramingSheet sheet;
    sheet.details = {{"place", "Lyon"}};
    EXPECT_TRUE(check_framing(sheet, Format::internship, slugs).empty()) << "compensation comes later";
    sheet.details["compensation"] = "100";
    sheet.details["deadline"] = "2027-02-30";
    EXPECT_EQ(check_framing(sheet, Format::internship, slugs),
              (std::vector<std::string>{"detail:compensation", "detail:deadline"}));
}

TEST(Framing, ReadyNeedsTheEssentialsAndTheFormatsDetails) {
    EXPECT_TRUE(missing_for_ready(complete_sheet(), Format::student_project, slugs).empty());
    const auto empty = missing_for_ready({}, Format::student_project, slugs);
    EXPECT_EQ(empty,
              (std::vector<std::string>{"statement", "users", "scope", "deliverables", "team_size", "semester", "skills"}));
    // An internship counts places, not a team, but needs its place and gratification.
    auto internship = complete_sheet();
    internship.team_min = internship.team_max = "";
    const auto missing = missing_for_ready(internship, Format::internship, slugs);
    EXPECT_FALSE(has(missing, "team_size"));
    EXPECT_TRUE(has(missing, "detail:place"));
    EXPECT_TRUE(has(missing, "detail:compensation"));
    internship.details = {{"place", "Paris"}, {"compensation", "700"}, {"capacity", "2"}, {"deadline", "2027-03-01"}};
    EXPECT_TRUE(missing_for_ready(internship, Format::internship, slugs).empty());
}

// Issue 10: the sheet carries the semester, the dates and the SDGs that the project will show.
TEST(Framing, SemesterDatesAndSdgsAreKeptCheckedAndCompared) {
    auto sheet = complete_sheet();
    sheet.starts_on = "2027-02-01";
    sheet.ends_on = "2027-06-30";
    sheet.sdgs = {"4", "10"};
    const auto back = sheet_from_json(to_json(sheet));
    EXPECT_EQ(back.semester, "2027-S1");
    EXPECT_EQ(back.starts_on, "2027-02-01");
    EXPECT_EQ(back.ends_on, "2027-06-30");
    EXPECT_EQ(back.sdgs, (std::vector<std::string>{"4", "10"}));
    EXPECT_TRUE(check_framing(sheet, Format::student_project, slugs).empty());
    EXPECT_EQ(sheet_sdgs(sheet), (std::vector<int>{4, 10}));

    auto wrong = sheet;
    wrong.starts_on = "2027-02-30";
    wrong.ends_on = "31/06/2027";
    wrong.sdgs = {"4", "18"};
    EXPECT_EQ(check_framing(wrong, Format::student_project, slugs), (std::vector<std::string>{"starts_on", "ends_on", "sdg"}));
    wrong = sheet;
    wrong.ends_on = "2027-01-31";
    EXPECT_EQ(check_framing(wrong, Format::student_project, slugs), std::vector<std::string>{"dates_order"});
    wrong.starts_on = "";
    EXPECT_TRUE(check_framing(wrong, Format::student_project, slugs).empty()) << "one date alone is fine";

    auto internship = sheet;
    internship.semester = "";
    EXPECT_FALSE(has(missing_for_ready(internship, Format::internship, slugs), "semester")) << "semester projects only";
    EXPECT_TRUE(has(missing_for_ready(internship, Format::student_project, slugs), "semester"));

    auto after = sheet;
    after.semester = "2027-S2";
    after.ends_on = "2027-07-15";
    after.sdgs = {"10", "4"};
    EXPECT_EQ(changed_fields(sheet, after), (std::vector<std::string>{"semester", "dates"})) << "same SDGs, other order";
    after.sdgs = {"4"};
    EXPECT_EQ(changed_fields(sheet, after), (std::vector<std::string>{"semester", "dates", "sdgs"}));
}

TEST(Framing, ComparisonNamesTheChangedFields) {
    auto before = complete_sheet(), after = complete_sheet();
    EXPECT_TRUE(changed_fields(before, after).empty());
    after.text["statement"] = "Autre chose";
    after.team_max = "6";
    after.skills.emplace_back("ux-design", "1");
    after.details["deadline"] = "2027-01-31";
    EXPECT_EQ(changed_fields(before, after), (std::vector<std::string>{"statement", "team_size", "skills", "deadline"}));
}

TEST(Framing, TeamSizeBounds) {
    FramingSheet s;
    s.team_min = "1";
    s.team_max = "50";
    EXPECT_EQ(team_size(s), (std::pair<int, int>{1, 50}));
    s.team_max = "51";
    EXPECT_EQ(team_size(s), (std::pair<int, int>{0, 0}));
    s.team_min = "x";
    s.team_max = "2";
    EXPECT_EQ(team_size(s), (std::pair<int, int>{0, 0}));
}

TEST(Need, ADraftNeedsATitleASubmissionWhatStaffNeed) {
    NeedInput draft;
    draft.title = "Suivi des bénévoles";
    draft.format = "student_project";
    EXPECT_TRUE(check_need(draft, false).ok());
    const auto submit = check_need(draft, true);
    for (auto p : {"summary", "required:problem", "required:beneficiaries", "required:hopes", "contact_name", "contact_email"})
        EXPECT_TRUE(has(submit.problems, p)) << p;
    EXPECT_FALSE(has(submit.problems, "required:existing")) << "optional";
    NeedInput bad = draft;
    bad.title = "x";
    bad.format = "space_travel";
    bad.sdgs = {"0", "4", "4", "18"};
    bad.contact_email = "not-an-address";
    bad.text["hopes"] = std::string(4001, 'a');
    const auto checked = check_need(bad, false);
    EXPECT_EQ(checked.problems, (std::vector<std::string>{"title", "format", "too_long:hopes", "contact_email", "sdg"}));
    NeedInput sdgs = draft;
    sdgs.sdgs = {"10", "4", "4"};
    EXPECT_EQ(check_need(sdgs, false).sdgs, (std::vector<int>{4, 10}));
    NeedInput broken = draft;
    broken.summary = "\xFF";
    EXPECT_EQ(check_need(broken, false).problems, std::vector<std::string>{"encoding"});
}

TEST(Framing, TeamSizeEdgeValues) {
    auto size = [](const std::string& min, const std::string& max) {
        FramingSheet s;
        s.team_min = min;
        s.team_max = max;
        return team_size(s);
    };
    EXPECT_EQ(size("4", "4"), (std::pair<int, int>{4, 4})) << "a fixed team size: equal bounds are valid";
    EXPECT_EQ(size("1", "1"), (std::pair<int, int>{1, 1}));
    EXPECT_EQ(size("50", "50"), (std::pair<int, int>{50, 50}));
    EXPECT_EQ(size("5", "4"), (std::pair<int, int>{0, 0})) << "min above max";
    EXPECT_EQ(size("0", "4"), (std::pair<int, int>{0, 0}));
    EXPECT_EQ(size("", "4"), (std::pair<int, int>{0, 0}));
    EXPECT_EQ(size("-1", "4"), (std::pair<int, int>{0, 0}));
    FramingSheet fixed;
    fixed.team_min = fixed.team_max = "4";
    EXPECT_FALSE(has(check_framing(fixed, Format::student_project, slugs), "team_size"))
        << "a 4-4 team is not a problem in the sheet";
}

TEST(Need, LengthLimitsAreExactAndCountCharacters) {
    NeedInput need;
    need.format = "student_project";
    auto problems = [&] { return check_need(need, false).problems; };
    std::string title;
    for (int i = 0; i < 120; ++i) title += "é";
    need.title = title;  // 120 characters, 240 bytes
    EXPECT_FALSE(has(problems(), "title"));
    need.title = title + "e";
    EXPECT_TRUE(has(problems(), "title"));
    need.title = "Ab";
    EXPECT_FALSE(has(problems(), "title")) << "the shortest title with a slug";
    need.title = "   ";
    EXPECT_TRUE(has(problems(), "title"));
    need.title = "";
    EXPECT_TRUE(has(problems(), "title"));
    need.title = "Suivi";
    std::string summary;
    for (int i = 0; i < 300; ++i) summary += "à";
    need.summary = summary;  // exactly 300
    EXPECT_FALSE(has(problems(), "summary"));
    need.summary = summary + "a";
    EXPECT_TRUE(has(problems(), "summary"));
    need.summary = "";
    need.contact_name = std::string(100, 'n');
    EXPECT_FALSE(has(problems(), "contact_name"));
    need.contact_name = std::string(101, 'n');
    EXPECT_TRUE(has(problems(), "contact_name"));
    need.contact_name = "";
    need.text["problem"] = std::string(4000, 'p');
    EXPECT_FALSE(has(problems(), "too_long:problem"));
    need.text["problem"] = std::string(4001, 'p');
    EXPECT_TRUE(has(problems(), "too_long:problem"));
}
