// The personal feed on Mon espace and GET /api/v1/me/feed, in-process on SQLite and PostgreSQL:
// the entries of one's teams and organisations, newest first, "new since your last visit" until
// the page has shown them (the API marks nothing), older pages, nothing of another organisation
// or team; the digest checkbox (off by default, on, off, a bad value refused); the API's entries
// in both languages with since, cursor and limit, and its refusals; the digest sent by
// `latitudes jobs run --now` once, even run twice.
#include "support/in_process_site.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace latitudes::test;
using namespace latitudes;
using nlohmann::json;

class FeedPages : public InProcessSite<FeedPages> {
protected:
    static void SetUpTestSuite() {
        InProcessSite<FeedPages>::SetUpTestSuite();
        student_ = create_account(url_, email("feed-student"), "student", "Fanny Student");
        member_ = create_account(url_, email("feed-member"), "beneficiary", "Marc Member");
        stranger_ = create_account(url_, email("feed-stranger"), "beneficiary", "Sara Stranger");
        org_ = scalar(url_, "SELECT id FROM organisations WHERE slug = 'fab-inclusion'");
        const long long other_org = scalar(url_, "SELECT id FROM organisations WHERE slug = 'solarlink'");
        team_ = scalar(url_, "INSERT INTO teams (project_id, formed_at) SELECT MIN(id), '2027-01-01T00:00:00Z' FROM projects "
                             "WHERE beneficiary_id = " +
                                 std::to_string(org_) + " AND format <> 'student_project' RETURNING id");
        scalar(url_, "INSERT INTO team_members (team_id, person_id) VALUES (" + std::to_string(team_) + ", " +
                         std::to_string(student_) + ") RETURNING team_id");
        for (auto [who, org] : {std::pair{member_, org_}, std::pair{stranger_, other_org}})
            scalar(url_, "INSERT INTO memberships (person_id, organisation_id, role, created_at) VALUES (" + std::to_string(who) +
                             ", " + std::to_string(org) + ", 'member', '2027-01-01T00:00:00Z') RETURNING person_id");
    }
    static long long entry(long long team, long long org, long long actor, const std::string& kind, const std::string& detail,
                           const std::string& at) {
        return scalar(url_, "INSERT INTO activity (team_id, organisation_id, actor_id, kind, detail, path, at) VALUES (" +
                                (team ? std::to_string(team) : "NULL") + ", " + (org ? std::to_string(org) : "NULL") + ", " +
                                std::to_string(actor) + ", '" + kind + "', '" + detail + "', '/teams/" + std::to_string(team) +
                                "', '" + at + "') RETURNING id");
    }
    static std::string section(const std::string& body, const std::string& testid) {
        const auto at = body.find("data-testid=\"" + testid + "\"");
        if (at == std::string::npos) return {};
        return body.substr(at, body.find("</ol>", at) - at);
    }
    static inline long long student_ = 0, member_ = 0, stranger_ = 0, org_ = 0, team_ = 0;
};

TEST_F(FeedPages, MonEspaceShowsWhatIsNewThenOlderAndNothingOfOthers) {
    const Browser student = log_in(http(), email("feed-student"));  // (logging in opens Mon espace)
    entry(team_, 0, member_, "team_joined", "Stage data", "2027-02-01T10:00:00Z");
    entry(0, org_, student_, "application_received", "Stage data", "2027-02-02T10:00:00Z");
    entry(team_, 0, member_, "framing_revised", "Fiche revue", "2027-02-03T10:00:00Z");
    auto page = student.get(http(), "/me");
    ASSERT_EQ(page.status, 200);
    auto fresh = section(page.body, "feed-new");
    EXPECT_NE(fresh.find("Marc Member a révisé la fiche de cadrage de «\u00a0Fiche revue\u00a0»"), std::string::npos) << fresh;
    EXPECT_LT(fresh.find("Fiche revue"), fresh.find("Marc Member a rejoint")) << "newest first";
    EXPECT_EQ(page.body.find("Fanny Student a candidaté"), std::string::npos) << "one's own actions are left out";
    EXPECT_NE(page.body.find("href=\"/teams/" + std::to_string(team_) + "\""), std::string::npos);
    EXPECT_NE(page.body.find("03/02/2027 10:00 UTC"), std::string::npos) << "format_instant";
    // Seen: the next visit shows them as earlier; a new entry is the only new one.
    page = student.get(http(), "/me");
    EXPECT_EQ(section(page.body, "feed-new"), "");
    EXPECT_NE(section(page.body, "feed-older").find("Fiche revue"), std::string::npos);
    entry(team_, 0, member_, "team_formed", "Nouvelle équipe", "2027-02-04T10:00:00Z");
    page = student.get(http(), "/me?lang=en");
    fresh = section(page.body, "feed-new");
    EXPECT_NE(fresh.find("Marc Member formed the team of “Nouvelle équipe”"), std::string::npos) << fresh;
    EXPECT_EQ(fresh.find("Fiche revue"), std::string::npos);
    EXPECT_NE(page.body.find("2027-02-04 10:00 UTC"), std::string::npos);

    // The organisation's member sees its entries and its project's team, not their own.
    const auto member = log_in(http(), email("feed-member")).get(http(), "/me");
    EXPECT_NE(member.body.find("Fanny Student a candidaté à «\u00a0Stage data\u00a0»"), std::string::npos);
    EXPECT_EQ(member.body.find("Fiche revue"), std::string::npos);
    // A member of another organisation sees nothing of it.
    const auto stranger = log_in(http(), email("feed-stranger")).get(http(), "/me");
    EXPECT_NE(stranger.body.find("data-testid=\"feed-empty\""), std::string::npos);
    EXPECT_EQ(stranger.body.find("Stage data"), std::string::npos);
    EXPECT_EQ(stranger.body.find("Fiche revue"), std::string::npos);
}

TEST_F(FeedPages, OlderPagesFollowAndMarkNothing) {
    const Browser student = log_in(http(), email("feed-student"));
    student.get(http(), "/me");
    for (int i = 10; i < 40; ++i)
        entry(team_, 0, member_, "team_joined", "Lot " + std::to_string(i), "2027-03-01T10:00:" + std::to_string(i) + "Z");
    const auto first = student.get(http(), "/me");
    const auto fresh = section(first.body, "feed-new");
    EXPECT_NE(fresh.find("Lot 39"), std::string::npos);
    EXPECT_EQ(fresh.find("Lot 19"), std::string::npos) << "20 a page";
    const auto more = first.body.find("data-testid=\"feed-more\"");
    ASSERT_NE(more, std::string::npos);
    const auto href = first.body.rfind("href=\"", more) + 6;
    std::string link = first.body.substr(href, first.body.find('"', href) - href);
    for (auto amp = link.find("&amp;"); amp != std::string::npos; amp = link.find("&amp;")) link.replace(amp, 5, "&");
    link = link.substr(0, link.find('#'));  // the fragment stays in the browser
    const auto second = student.get(http(), link);
    ASSERT_EQ(second.status, 200);
    EXPECT_NE(section(second.body, "feed-new").find("Lot 19"), std::string::npos) << "still new: the visit's mark is carried";
    EXPECT_EQ(second.body.find("Lot 39"), std::string::npos);
    EXPECT_NE(second.body.find("data-testid=\"feed-newest\""), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM feed_readers WHERE person_id = " + std::to_string(student_) +
                    " AND seen_at = '2027-03-01T10:00:39Z'"),
              1);
    EXPECT_EQ(student.get(http(), "/me?feed_before=nonsense").status, 200) << "a broken cursor: the first page";
}

TEST_F(FeedPages, TheDigestIsOptInAndTheJobSendsItOnce) {
    const Browser member = log_in(http(), email("feed-member"));
    auto page = member.get(http(), "/me");
    EXPECT_NE(page.body.find("data-testid=\"feed-digest\">"), std::string::npos) << "unchecked by default";
    auto r = member.post(http(), "/me/feed/digest", "digest=on");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location"), "/me?done=feed_digest_on#feed-digest");
    page = member.get(http(), "/me?done=feed_digest_on");
    EXPECT_NE(page.body.find(" checked data-testid=\"feed-digest\""), std::string::npos);
    EXPECT_NE(page.body.find("Le résumé quotidien est activé"), std::string::npos);
    EXPECT_EQ(member.post(http(), "/me/feed/digest", "digest=yes").status, 400);
    EXPECT_EQ(count("SELECT digest FROM feed_readers WHERE person_id = " + std::to_string(member_)), 1);
    const std::string from = "2030-01-01T00:00:00Z";
    scalar(url_, "UPDATE feed_readers SET digest_from = '" + from + "' WHERE person_id = " + std::to_string(member_) +
                     " RETURNING person_id");
    entry(team_, 0, student_, "team_joined", "Digest du jour", "2030-01-02T08:00:00Z");
    const auto mails = [&] {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'feed_digest' AND to_address = '" + email("feed-member") +
                     "'");
    };
    for (int run = 0; run < 2; ++run) {
        const auto jobs = run_latitudes({"jobs", "run", "--now", "2030-01-02T09:00:00Z", "--database", url_});
        ASSERT_EQ(jobs.exit_code, 0) << jobs.output;
        EXPECT_NE(jobs.output.find("\"feed_digests\":" + std::string(run == 0 ? "1" : "0")), std::string::npos) << jobs.output;
    }
    EXPECT_EQ(mails(), 1);
    r = member.post(http(), "/me/feed/digest", "");
    EXPECT_EQ(r.header("location"), "/me?done=feed_digest_off#feed-digest");
    entry(team_, 0, student_, "team_joined", "Après", "2030-01-03T08:00:00Z");
    EXPECT_EQ(run_latitudes({"jobs", "run", "--now", "2030-01-03T09:00:00Z", "--database", url_}).exit_code, 0);
    EXPECT_EQ(mails(), 1) << "opted out: nothing more";
}

TEST_F(FeedPages, TheApiGivesTheSameEntriesInBothLanguages) {
    const long long a = entry(team_, 0, member_, "team_formed", "API un", "2028-01-01T10:00:00Z");
    entry(team_, 0, member_, "team_joined", "API deux", "2028-01-01T11:00:00Z");
    const Browser student = log_in(http(), email("feed-student"));
    const auto token = personal_token(http(), student);
    const std::vector<std::string> auth{"Authorization: Bearer " + token};
    auto r = http().get("/api/v1/me/feed?limit=1", auth);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = json::parse(r.body);
    ASSERT_EQ(body["entries"].size(), 1u);
    const auto& e = body["entries"][0];
    EXPECT_EQ(e["detail"], "API deux");
    EXPECT_EQ(e["kind"], "team_joined");
    EXPECT_EQ(e["text"]["fr"], "Marc Member a rejoint l’équipe de «\u00a0API deux\u00a0»");
    EXPECT_EQ(e["text"]["en"], "Marc Member joined the team of “API deux”");
    EXPECT_EQ(e["actor"], "Marc Member");
    EXPECT_EQ(e["team_id"], team_);
    EXPECT_TRUE(e["organisation_id"].is_null());
    EXPECT_EQ(e["at"], "2028-01-01T11:00:00Z");
    ASSERT_TRUE(body["next_cursor"].is_string());
    r = http().get("/api/v1/me/feed?limit=1&cursor=" + body["next_cursor"].get<std::string>(), auth);
    EXPECT_EQ(json::parse(r.body)["entries"][0]["id"], a);
    r = http().get("/api/v1/me/feed?since=2028-01-01T10:30:00Z", auth);
    EXPECT_EQ(json::parse(r.body)["entries"].size(), 1u);
    // Nothing of another organisation, and the API marks nothing.
    const auto before = count("SELECT COUNT(*) FROM feed_readers WHERE seen_at >= '2028-01-01T00:00:00Z'");
    const auto stranger = log_in(http(), email("feed-stranger"));
    r = http().get("/api/v1/me/feed", {"Authorization: Bearer " + personal_token(http(), stranger)});
    EXPECT_EQ(r.body.find("API"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM feed_readers WHERE seen_at >= '2028-01-01T00:00:00Z'"), before);
    for (const std::string bad :
         {"since=yesterday", "since=2028-13-01T00:00:00Z", "cursor=abc", "limit=0", "limit=101", "limit=x"}) {
        r = http().get("/api/v1/me/feed?" + bad, auth);
        EXPECT_EQ(r.status, 400) << bad;
        EXPECT_EQ(json::parse(r.body)["error"]["code"], "invalid_parameter") << bad;
    }
    EXPECT_EQ(http().get("/api/v1/me/feed").status, 401);
}
