#include "domain/campaign.hpp"

#include <gtest/gtest.h>

using namespace latitudes::domain;

namespace {
CampaignInput valid() {
    CampaignInput in;
    in.title = "Projets solidaires — S2 2027";
    in.opens_at = "2027-01-10T09:00";
    in.closes_at = "2027-01-20T18:00";
    in.choices = "5";
    in.min_choices = "3";
    in.cohort_ids = {1};
    for (auto slug : {"a", "b", "c", "d", "e"}) in.projects.push_back({slug, "", "", "", ""});
    return in;
}
}  // namespace

TEST(Campaign, StateFollowsTheWindowAndThePublication) {
    EXPECT_EQ(campaign_state("2027-01-09T00:00:00Z", "2027-01-10T09:00:00Z", "2027-01-20T18:00:00Z", false),
              CampaignState::scheduled);
    EXPECT_EQ(campaign_state("2027-01-10T09:00:00Z", "2027-01-10T09:00:00Z", "2027-01-20T18:00:00Z", false), CampaignState::open)
        << "open from its first second";
    EXPECT_EQ(campaign_state("2027-01-20T18:00:00Z", "2027-01-10T09:00:00Z", "2027-01-20T18:00:00Z", false),
              CampaignState::closed)
        << "closed at its last";
    EXPECT_EQ(campaign_state("2027-01-15T00:00:00Z", "2027-01-10T09:00:00Z", "2027-01-20T18:00:00Z", true),
              CampaignState::published);
    EXPECT_EQ(to_string(CampaignState::closed), "closed");
}

TEST(Campaign, InstantsFromTheFormOrIso) {
    EXPECT_EQ(parse_instant("2027-01-10T09:00"), "2027-01-10T09:00:00Z");
    EXPECT_EQ(parse_instant("2027-01-10T09:00:30Z"), "2027-01-10T09:00:30Z");
    EXPECT_EQ(parse_instant("2028-02-29T00:00"), "2028-02-29T00:00:00Z");
    EXPECT_EQ(parse_instant("2027-02-29T00:00"), std::nullopt) << "not a leap year";
    EXPECT_EQ(parse_instant("2027-13-01T00:00"), std::nullopt);
    EXPECT_EQ(parse_instant("2027-01-10"), std::nullopt);
    EXPECT_EQ(parse_instant("2027-01-10T09:00+01:00"), std::nullopt) << "UTC only";
    EXPECT_EQ(parse_instant(""), std::nullopt);
}

TEST(Campaign, AValidCampaignHasNoProblemsAndEachMistakeIsNamed) {
    EXPECT_TRUE(check_campaign(valid()).empty());
    auto in = valid();
    in.title = " ";
    in.closes_at = "2027-01-09T09:00";
    in.choices = "0";
    in.min_choices = "x";
    in.cohort_ids.clear();
    EXPECT_EQ(check_campaign(in), (std::vector<std::string>{"title", "window", "choices", "min_choices", "cohorts"}));
    in = valid();
    in.min_choices = "6";
    in.choices = "6";
    EXPECT_EQ(check_campaign(in), std::vector<std::string>{"min_choices"}) << "more to rank than projects offered";
    in = valid();
    in.projects[1] = {"b", "4", "2", "", ""};
    in.projects[2] = {"c", "", "", "not-an-address", "0"};
    in.projects.push_back({"a", "", "", "", ""});
    EXPECT_EQ(check_campaign(in),
              (std::vector<std::string>{"team_size:b", "supervisor_limit:c", "supervisor:c", "duplicate_project:a"}));
    in = valid();
    in.projects.clear();
    EXPECT_EQ(check_campaign(in), std::vector<std::string>{"projects"});
    in = valid();
    in.title = std::string(121, 'e');
    EXPECT_EQ(check_campaign(in), std::vector<std::string>{"title"});
    in.title = std::string(120, 'e');
    EXPECT_TRUE(check_campaign(in).empty());
}

TEST(Campaign, TheServerEnforcesTheRankingWhateverTheFormSent) {
    const std::set<std::string> offered{"a", "b", "c", "d", "e"};
    const auto open = CampaignState::open;
    EXPECT_EQ(check_ranking({"a", "b", "c"}, offered, 3, 5, open), ranking_refusal::none);
    EXPECT_EQ(check_ranking({"e", "d", "c", "b", "a"}, offered, 3, 5, open), ranking_refusal::none);
    EXPECT_EQ(check_ranking({"a", "b"}, offered, 3, 5, open), ranking_refusal::too_few);
    EXPECT_EQ(check_ranking({"a", "b", "a"}, offered, 3, 5, open), ranking_refusal::duplicate) << "a tampered request";
    EXPECT_EQ(check_ranking({"a", "b", "z"}, offered, 3, 5, open), ranking_refusal::unknown_project);
    EXPECT_EQ(check_ranking({"a", "b", "c", "d"}, offered, 1, 3, open), ranking_refusal::too_many);
    EXPECT_EQ(check_ranking({"a", "b", "c"}, offered, 3, 5, CampaignState::closed), ranking_refusal::not_open);
    EXPECT_EQ(check_ranking({"a", "b", "c"}, offered, 3, 5, CampaignState::scheduled), ranking_refusal::not_open);
}

TEST(Campaign, OneWindowMailAtATimeOpenThenThreeDaysThenOneDayBefore) {
    using std::chrono::hours;
    using std::chrono::seconds;
    const auto opens = CampaignClock::time_point{} + hours(24 * 20000), closes = opens + hours(24 * 10);
    const auto due = [&](CampaignClock::time_point now, CampaignMailsSent sent) {
        return campaign_mail_due(now, opens, closes, sent);
    };
    EXPECT_EQ(due(opens - seconds(1), {}), CampaignMail::none) << "not before it opens";
    EXPECT_EQ(due(opens, {}), CampaignMail::opened);
    EXPECT_EQ(due(closes - hours(1), {}), CampaignMail::opened) << "late, the open mail first";
    EXPECT_EQ(due(closes, {}), CampaignMail::none) << "never once it closed";
    EXPECT_EQ(due(opens + hours(1), {true}), CampaignMail::none);
    EXPECT_EQ(due(closes - hours(72) - seconds(1), {true}), CampaignMail::none);
    EXPECT_EQ(due(closes - hours(72), {true}), CampaignMail::reminder_3d);
    EXPECT_EQ(due(closes - hours(48), {true, true}), CampaignMail::none);
    EXPECT_EQ(due(closes - hours(24), {true, true}), CampaignMail::reminder_1d);
    EXPECT_EQ(due(closes - hours(12), {true}), CampaignMail::reminder_1d) << "first run in the last day: one reminder";
    EXPECT_EQ(due(closes - hours(12), {true, true, true}), CampaignMail::none);
    EXPECT_EQ(due(closes - seconds(1), {true, false, true}), CampaignMail::none);

    // What each mail accounts for.
    const auto after = [&](CampaignMail mail, CampaignClock::time_point now, CampaignMailsSent sent) {
        const auto s = campaign_mails_after(mail, now, closes, sent);
        return std::vector<bool>{s.opened, s.reminded_3d, s.reminded_1d};
    };
    EXPECT_EQ(after(CampaignMail::opened, opens, {}), (std::vector<bool>{true, false, false}));
    EXPECT_EQ(after(CampaignMail::opened, closes - hours(48), {}), (std::vector<bool>{true, true, false}))
        << "an open mail sent late stands for the reminders already due";
    EXPECT_EQ(after(CampaignMail::opened, closes - hours(2), {}), (std::vector<bool>{true, true, true}));
    EXPECT_EQ(after(CampaignMail::reminder_3d, closes - hours(72), {true}), (std::vector<bool>{true, true, false}));
    EXPECT_EQ(after(CampaignMail::reminder_1d, closes - hours(12), {true}), (std::vector<bool>{true, true, true}));
    EXPECT_EQ(after(CampaignMail::none, closes - hours(12), {true}), (std::vector<bool>{true, false, false}));
}
