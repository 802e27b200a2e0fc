// Cohorts and campaigns called directly: the import (preview, then all accepted rows at once),
// invitations joined at sign-up, a campaign, rankings a tampered request cannot bend, runs of both
// algorithms stored with their seed, a move with its blocking pairs, and publication.
#include "render/views.hpp"
#include "resources/resources.hpp"
#include "service/accounts.hpp"
#include "service/campaigns.hpp"
#include "service/cohorts.hpp"
#include "store/accounts.hpp"
#include "store/campaigns.hpp"
#include "store/cohorts.hpp"
#include "store/migrations.hpp"
#include "store/projects.hpp"
#include "store/query.hpp"
#include "store/seed.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace latitudes;
using store::Query;

namespace {

const render::Views& views() {
    static const domain::Catalogue catalogue = render::load_catalogue();
    static const render::Views instance(catalogue);
    return instance;
}

}  // namespace

class Campaigns : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::make_unique<store::Database>(store::DatabaseUrl::parse(test::fresh_database_url("campaigns")), 1);
        store::migrate(*db_, store::embedded_migrations());
        store::seed_demo(*db_, resources::resource("seed/demo.json"));
        skills_ = store::ProjectRepository(*db_).skills();
        lease_ = std::make_unique<store::Lease>(*db_);
        school_ = Query("SELECT id FROM organisations WHERE slug = 'centralesupelec'").scalar(s());
        semester_ = Query("SELECT id FROM semesters WHERE code = '2027-P'").scalar(s());
    }
    void TearDown() override {
        lease_.reset();
        db_.reset();
    }
    soci::session& s() { return **lease_; }
    long long count(const std::string& sql) { return Query(sql).scalar(s()); }
    service::Context context() { return {s(), now_, notifier_, skills_}; }
    long long person(const std::string& email) {
        return store::AccountRepository(s()).create({email, "P " + email, "student", "x", true, ""}, now_);
    }
    std::vector<std::string> offered() {
        return {"jeux-lecture", "estimation-prix-occasion", "qualite-eau-tableau-de-bord", "empreinte-carbone-reemploi",
                "cv-accessible"};
    }

    mail::Notifier notifier_{views(), "https://latitudes.example"};
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::Lease> lease_;
    std::vector<store::Skill> skills_;
    long long school_ = 0, semester_ = 0;
    store::Clock::time_point now_ = store::parse_iso_utc("2027-01-05T10:00:00Z");
};

TEST_F(Campaigns, ACohortIsImportedAllAtOnceAndInvitedStudentsJoinWhenTheyConfirm) {
    using Cohort = service::CohortOutcome::Kind;
    EXPECT_EQ(service::create_cohort(context(), {school_, semester_, 1, " ", ""}).kind, Cohort::invalid);
    const auto cohort = service::create_cohort(context(), {school_, semester_, 1, "Projet solidaire 2A", "M. Durand"});
    ASSERT_EQ(cohort.kind, Cohort::created);
    person("deja@example.org");
    const std::string csv = "\xEF\xBB\xBFPr\xC3\xA9nom;Nom;E-mail;Groupe\r\n"
                            "Ana;Dupont;ana@example.org;A\r\nBen;Martin;DEJA@example.org;B\r\nCleo;Durand;pas-une-adresse;A\r\n"
                            "Ana;Dupont;ana@example.org;A\r\n";
    using Import = service::ImportOutcome::Kind;
    const auto preview = service::import_students(context(), {cohort.cohort_id, csv, false});
    ASSERT_EQ(preview.kind, Import::previewed);
    EXPECT_EQ(preview.preview.accepted, 2u);
    EXPECT_EQ(preview.preview.refused, 2u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_students"), 0) << "a preview writes nothing";
    const auto imported = service::import_students(context(), {cohort.cohort_id, csv, true});
    ASSERT_EQ(imported.kind, Import::imported);
    EXPECT_EQ(imported.joined, 1);
    EXPECT_EQ(imported.invited, 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'cohort_joined' AND to_address = 'deja@example.org'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'cohort_invitation' AND to_address = 'ana@example.org'"),
              1);
    EXPECT_EQ(service::import_students(context(), {cohort.cohort_id, "", true}).kind, Import::invalid_file);
    EXPECT_EQ(service::import_students(context(), {999999, csv, false}).kind, Import::not_found);
    const auto again = service::import_students(context(), {cohort.cohort_id, csv, true});
    EXPECT_EQ(again.joined + again.invited, 0) << "rows already in the cohort are not added twice";

    // Ana signs up with the invited address and confirms it: she is the cohort's student.
    const auto signed_up = service::sign_up(context(), {"ana@example.org", "Ana Dupont", "student", "un mot de passe solide",
                                                        true, domain::Lang::fr});
    ASSERT_EQ(signed_up.kind, service::SignUpOutcome::Kind::sent);
    std::string body;
    Query("SELECT body_text FROM mail_outbox WHERE template = 'confirm_email'").for_each(s(), [&](const soci::row& r) {
        body = store::column_text(r, 0);
    });
    const auto start = body.find("token=") + 6;
    ASSERT_TRUE(service::confirm_email(context(), body.substr(start, body.find('&', start) - start)));
    EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_students WHERE person_id IS NOT NULL"), 2);
    const auto students = store::CohortRepository(s()).students(cohort.cohort_id);
    ASSERT_EQ(students.size(), 2u);
    EXPECT_EQ(service::remove_student(context(), cohort.cohort_id, students[0].id).kind, service::RemoveOutcome::Kind::removed);
    EXPECT_EQ(store::CohortRepository(s()).students(cohort.cohort_id).size(), 1u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_students"), 2) << "leaving keeps history";
}

TEST_F(Campaigns, StudentsRankAndTheEngineRunsStoredPublishedAndExplained) {
    const auto cohort = service::create_cohort(context(), {school_, semester_, 1, "Projet solidaire 2A", ""});
    std::vector<long long> people;
    std::string csv = "email\n";
    for (int i = 0; i < 12; ++i) {
        const std::string address = "etu" + std::to_string(i) + "@example.org";
        people.push_back(person(address));
        csv += address + "\n";
    }
    ASSERT_EQ(service::import_students(context(), {cohort.cohort_id, csv, true}).joined, 12);

    domain::CampaignInput input;
    input.title = "Projets solidaires — printemps 2027";
    input.opens_at = "2027-01-06T09:00";
    input.closes_at = "2027-01-20T18:00";
    input.choices = "3";
    input.min_choices = "2";
    input.cohort_ids = {cohort.cohort_id};
    for (const auto& slug : offered()) input.projects.push_back({slug, "2", "3", "", ""});
    auto bad = input;
    bad.projects.push_back({"mentorat-numerique-fab-inclusion", "", "", "", ""});
    bad.cohort_ids.push_back(999999);
    const auto refused = service::create_campaign(context(), school_, 1, bad);
    EXPECT_EQ(refused.kind, service::CampaignOutcome::Kind::invalid);
    EXPECT_NE(std::find(refused.problems.begin(), refused.problems.end(), "cohort"), refused.problems.end());
    EXPECT_NE(std::find(refused.problems.begin(), refused.problems.end(), "project:mentorat-numerique-fab-inclusion"),
              refused.problems.end())
        << "only published student projects are offered";
    const auto created = service::create_campaign(context(), school_, 1, input);
    ASSERT_EQ(created.kind, service::CampaignOutcome::Kind::created) << nlohmann::json(created.problems).dump();
    const long long id = created.campaign_id;

    using Rank = service::RankingOutcome::Kind;
    EXPECT_EQ(service::save_ranking(context(), id, people[0], {"jeux-lecture", "cv-accessible"}).refusal, "not_open")
        << "before the window opens";
    now_ = store::parse_iso_utc("2027-01-10T12:00:00Z");
    EXPECT_EQ(service::save_ranking(context(), id, people[0], {"jeux-lecture", "jeux-lecture"}).refusal, "duplicate");
    EXPECT_EQ(service::save_ranking(context(), id, people[0], {"jeux-lecture"}).refusal, "too_few");
    EXPECT_EQ(service::save_ranking(context(), id, people[0], {"jeux-lecture", "inconnu"}).refusal, "unknown_project");
    EXPECT_EQ(service::save_ranking(context(), id, person("ailleurs@example.org"), {"jeux-lecture", "cv-accessible"}).kind,
              Rank::not_found)
        << "not a student of the campaign's cohorts";
    // Everyone but the last two rank; the first choices crowd "jeux-lecture" (3 places).
    for (std::size_t i = 0; i + 2 < people.size(); ++i) {
        const auto second = offered()[1 + i % 4];
        ASSERT_EQ(service::save_ranking(context(), id, people[i], {"jeux-lecture", second}).kind, Rank::saved) << i;
    }
    EXPECT_EQ(store::CampaignRepository(s()).ranking(id, people[0]).size(), 2u);
    EXPECT_EQ(service::run_allocation(context(), {id, 1, "stable", false, 7}).kind, service::RunOutcome::Kind::not_closed);

    now_ = store::parse_iso_utc("2027-01-21T09:00:00Z");
    EXPECT_EQ(service::save_ranking(context(), id, people[0], {"cv-accessible", "jeux-lecture"}).refusal, "not_open");
    EXPECT_EQ(service::run_allocation(context(), {id, 1, "random", false, 7}).kind, service::RunOutcome::Kind::bad_algorithm);
    const auto stable = service::run_allocation(context(), {id, 1, "stable", false, 7});
    const auto welfare = service::run_allocation(context(), {id, 1, "welfare", true, 7});
    ASSERT_EQ(stable.kind, service::RunOutcome::Kind::stored);
    ASSERT_EQ(welfare.kind, service::RunOutcome::Kind::stored);
    store::CampaignRepository campaigns(s());
    const auto run = campaigns.run(stable.run_id);
    ASSERT_TRUE(run);
    EXPECT_EQ(run->seed, "7");
    const auto stats = nlohmann::json::parse(run->stats);
    EXPECT_EQ(stats["students"], 12);
    EXPECT_EQ(stats["did_not_rank"], 2);
    EXPECT_EQ(stats["assigned"], 10);
    EXPECT_EQ(stats["rank_histogram"][0], 3) << "three first choices: jeux-lecture's places";
    EXPECT_EQ(stats["blocking_pairs"], 0);
    EXPECT_EQ(campaigns.assignments(stable.run_id).size(), 12u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM allocation_runs WHERE campaign_id = " + std::to_string(id)), 2);

    // Moving a student who got their second choice into the full first choice: no blocking pair
    // is created by giving someone more than they had, but the move is audited.
    long long moved = 0, from = 0;
    for (const auto& a : campaigns.assignments(stable.run_id))
        if (a.rank == 2 && !moved) moved = a.person_id, from = a.project_id;
    ASSERT_GT(moved, 0);
    const auto unplaced = service::move_student(context(), stable.run_id, moved, 0, 1);
    EXPECT_EQ(unplaced.kind, service::RunMoveOutcome::Kind::moved);
    EXPECT_EQ(unplaced.blocking_before, 0);
    EXPECT_GT(unplaced.blocking_after, 0) << "an emptied place the student wanted is a blocking pair";
    EXPECT_EQ(service::move_student(context(), stable.run_id, moved, from, 1).blocking_after, 0) << "moved back";
    EXPECT_EQ(count("SELECT COUNT(*) FROM allocation_moves WHERE run_id = " + std::to_string(stable.run_id)), 2);

    const long long contact = person("asso@example.org");
    Query("INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT :p, beneficiary_id, 'admin', :at "
          "FROM projects WHERE slug = 'jeux-lecture'")
        .bind("p", contact)
        .bind("at", store::iso_utc(now_))
        .execute(s());
    const auto published = service::publish_run(context(), stable.run_id, 1);
    ASSERT_EQ(published.kind, service::PublishOutcome::Kind::published);
    EXPECT_EQ(published.students, 10);
    EXPECT_EQ(service::publish_run(context(), welfare.run_id, 1).kind, service::PublishOutcome::Kind::already_published);
    EXPECT_EQ(count("SELECT COUNT(*) FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE t.campaign_id = " +
                    std::to_string(id)),
              10);
    EXPECT_EQ(count("SELECT COUNT(*) FROM projects WHERE slug = 'jeux-lecture' AND status = 'in_progress'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'team_formed'"), 10);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'team_formed_owner' AND to_address = 'asso@example.org'"),
              1)
        << "the beneficiary's members are told (once)";
    EXPECT_EQ(service::move_student(context(), stable.run_id, moved, 0, 1).kind, service::RunMoveOutcome::Kind::published);

    // A student who got their second choice is told why not the first: full with students it ranked higher.
    const auto teams = service::teams_of_student(s(), moved);
    ASSERT_EQ(teams.size(), 1u);
    EXPECT_EQ(teams[0].rank, 2);
    ASSERT_EQ(teams[0].better_choices.size(), 1u);
    EXPECT_EQ(teams[0].better_choices[0].second, "project_full");
}

TEST_F(Campaigns, APreAllocatedStudentHoldsTheirPlaceWithTheReasonAudited) {
    const auto cohort = service::create_cohort(context(), {school_, semester_, 1, "Cours", ""});
    std::vector<long long> people;
    std::string csv = "email\n";
    for (int i = 0; i < 4; ++i) {
        people.push_back(person("pre" + std::to_string(i) + "@example.org"));
        csv += "pre" + std::to_string(i) + "@example.org\n";
    }
    ASSERT_EQ(service::import_students(context(), {cohort.cohort_id, csv, true}).joined, 4);
    domain::CampaignInput input;
    input.title = "Avec une place réservée";
    input.opens_at = "2027-01-06T09:00";
    input.closes_at = "2027-01-20T18:00";
    input.choices = "2";
    input.min_choices = "2";
    input.cohort_ids = {cohort.cohort_id};
    input.projects = {{"jeux-lecture", "1", "2", "", ""}, {"cv-accessible", "1", "4", "", ""}};
    const long long id = service::create_campaign(context(), school_, 1, input).campaign_id;
    ASSERT_GT(id, 0);
    now_ = store::parse_iso_utc("2027-01-10T12:00:00Z");
    for (long long p : people) ASSERT_EQ(service::save_ranking(context(), id, p, {"jeux-lecture", "cv-accessible"}).refusal, "");

    using Kind = service::PreAllocationOutcome::Kind;
    EXPECT_EQ(service::pre_allocate(context(), id, person("ailleurs2@example.org"), "jeux-lecture", "Raison", 1).kind,
              Kind::not_a_student);
    EXPECT_EQ(service::pre_allocate(context(), id, people[3], "inconnu", "Raison", 1).kind, Kind::unknown_project);
    EXPECT_EQ(service::pre_allocate(context(), id, people[3], "jeux-lecture", "  ", 1).kind, Kind::invalid_reason)
        << "a reason is required";
    EXPECT_EQ(service::pre_allocate(context(), id, people[3], "jeux-lecture", "Stage déjà convenu avec l'association", 1).kind,
              Kind::fixed);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'pre_allocate' AND target_id = " + std::to_string(id)), 1);

    now_ = store::parse_iso_utc("2027-01-21T09:00:00Z");
    for (const char* algorithm : {"stable", "welfare"}) {
        const auto run = service::run_allocation(context(), {id, 1, algorithm, false, 11});
        ASSERT_EQ(run.kind, service::RunOutcome::Kind::stored) << algorithm;
        store::CampaignRepository campaigns(s());
        const auto stats = nlohmann::json::parse(campaigns.run(run.run_id)->stats);
        EXPECT_EQ(stats["pre_allocated"], 1) << algorithm;
        EXPECT_EQ(stats["rank_histogram"][0], 1) << algorithm << ": one place left in jeux-lecture for the engine";
        int in_first = 0;
        for (const auto& a : campaigns.assignments(run.run_id)) {
            if (a.person_id == people[3]) EXPECT_EQ(a.rank, 1) << algorithm << ": the reserved place, their first choice";
            if (a.rank == 1) ++in_first;
        }
        EXPECT_EQ(in_first, 2) << algorithm << ": the team of two, the reserved student included";
    }
    store::CampaignRepository campaigns(s());
    ASSERT_EQ(service::publish_run(context(), campaigns.runs(id).front().id, 1).kind, service::PublishOutcome::Kind::published);
    EXPECT_EQ(service::pre_allocate(context(), id, people[0], "jeux-lecture", "Trop tard", 1).kind, Kind::published);
}

TEST_F(Campaigns, ARunCountsTheTeamsMissingARequiredSkillFromProfiles) {
    const auto cohort = service::create_cohort(context(), {school_, semester_, 1, "Compétences", ""});
    std::vector<long long> people;
    std::string csv = "email\n";
    for (int i = 0; i < 4; ++i) {
        const std::string address = "skill" + std::to_string(i) + "@example.org";
        people.push_back(person(address));
        csv += address + "\n";
    }
    ASSERT_EQ(service::import_students(context(), {cohort.cohort_id, csv, true}).joined, 4);
    domain::CampaignInput input{"Compétences requises", "2027-01-06T09:00", "2027-01-20T18:00", "1", "1", {cohort.cohort_id}, {}};
    input.projects.push_back({"jeux-lecture", "1", "4", "", ""});  // requires mobile, ui-design, hci (demo data)
    const auto created = service::create_campaign(context(), school_, 1, input);
    ASSERT_EQ(created.kind, service::CampaignOutcome::Kind::created);
    now_ = store::parse_iso_utc("2027-01-10T12:00:00Z");
    for (long long p : people)
        ASSERT_EQ(service::save_ranking(context(), created.campaign_id, p, {"jeux-lecture"}).kind,
                  service::RankingOutcome::Kind::saved);
    now_ = store::parse_iso_utc("2027-01-21T09:00:00Z");
    auto missing = [&] {
        const auto run = service::run_allocation(context(), {created.campaign_id, 1, "stable", false, 5});
        return nlohmann::json::parse(store::CampaignRepository(s()).run(run.run_id)->stats)["teams_missing_skills"].get<int>();
    };
    EXPECT_EQ(missing(), 1) << "nobody declared the project's skills";
    // One student declares every skill the project requires, at the highest level.
    Query("INSERT INTO person_skills (person_id, skill_id, level) SELECT :p, skill_id, 3 FROM project_skills "
          "WHERE project_id = (SELECT id FROM projects WHERE slug = 'jeux-lecture')")
        .bind("p", people[2])
        .execute(s());
    EXPECT_EQ(missing(), 0) << "the team now covers them";
}
