// Use cases called directly, without HTTP: each returns its typed outcome, writes all or
// nothing, and queues its mails in its own transaction. Run on SQLite and on PostgreSQL.
#include "render/views.hpp"
#include "resources/resources.hpp"
#include "service/accounts.hpp"
#include "service/applications.hpp"
#include "service/framing.hpp"
#include "service/needs.hpp"
#include "service/organisations.hpp"
#include "service/passwords.hpp"
#include "service/self_service.hpp"
#include "service/sessions.hpp"
#include "service/staff.hpp"
#include "store/accounts.hpp"
#include "store/migrations.hpp"
#include "store/projects.hpp"
#include "store/query.hpp"
#include "store/seed.hpp"
#include "support/test_database.hpp"

#include "domain/text.hpp"

#include <gtest/gtest.h>

using namespace latitudes;
using store::Query;

class Services : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::make_unique<store::Database>(store::DatabaseUrl::parse(test::fresh_database_url("services")), 1);
        store::migrate(*db_, store::embedded_migrations());
        store::seed_demo(*db_, resources::resource("seed/demo.json"));
        skills_ = store::ProjectRepository(*db_).skills();  // leases the pool's one connection for a moment
        lease_ = std::make_unique<store::Lease>(*db_);
    }
    void TearDown() override {
        lease_.reset();
        db_.reset();
    }
    soci::session& s() { return **lease_; }
    long long count(const std::string& sql) { return Query(sql).scalar(s()); }
    service::Context context() { return {s(), now_, notifier_, skills_}; }
    long long person(const std::string& email, const std::string& role) {
        return store::AccountRepository(s()).create({email, "P " + email, role, "x", true}, now_);
    }
    void member_of(const std::string& organisation, long long id) {
        Query("INSERT INTO memberships (person_id, organisation_id, role, created_at) SELECT :p, id, 'admin', :at "
              "FROM organisations WHERE slug = :slug")
            .bind("p", id)
            .bind("at", store::iso_utc(now_))
            .bind("slug", organisation)
            .execute(s());
    }

    // Built on first use: the embedded files register themselves during static initialisation.
    static const render::Views& views() {
        static const domain::Catalogue catalogue = render::load_catalogue();
        static const render::Views instance(catalogue);
        return instance;
    }
    mail::Notifier notifier_{views(), "https://latitudes.example"};
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::Lease> lease_;
    std::vector<store::Skill> skills_;
    store::Clock::time_point now_ = store::parse_iso_utc("2026-11-28T10:00:00Z");
};

TEST_F(Services, ApplyDecideAndWithdrawReturnTheirOutcomesAndTellTheOtherSide) {
    const std::string project = "stage-data-impact-fab-inclusion";  // internship, 2 places, deadline 2027-01-15
    const long long owner = person("owner@example.org", "beneficiary");
    member_of("fab-inclusion", owner);
    const long long alice = person("alice@example.org", "student"), bob = person("bob@example.org", "student");
    using Apply = service::ApplyOutcome::Kind;

    EXPECT_EQ(service::apply(context(), {"no-such-project", alice, "Alice", "Bonjour", {}}).kind, Apply::not_found);
    EXPECT_EQ(service::apply(context(), {"cuestionarix", alice, "Alice", "Bonjour", {}}).kind, Apply::refused)
        << "semester projects take no applications";
    const auto blank = service::apply(context(), {project, alice, "Alice", "   ", {}});
    EXPECT_EQ(blank.kind, Apply::invalid);
    EXPECT_EQ(blank.problem, service::TextProblem::missing);
    EXPECT_EQ(count("SELECT COUNT(*) FROM applications WHERE person_id = " + std::to_string(alice)), 0);

    const auto applied = service::apply(context(), {project, alice, "Alice", "Je suis motivée", {}});
    ASSERT_EQ(applied.kind, Apply::applied);
    EXPECT_GT(applied.application_id, 0);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'owner@example.org' AND template = 'application_received'"),
        1);
    const auto twice = service::apply(context(), {project, alice, "Alice", "Encore", {}});
    EXPECT_EQ(twice.kind, Apply::refused);
    EXPECT_EQ(twice.refusal, domain::apply_refusal::already_applied);

    using Decide = service::DecideOutcome::Kind;
    EXPECT_EQ(service::decide(context(), {applied.application_id, "maybe", ""}).kind, Decide::bad_decision);
    EXPECT_EQ(service::decide(context(), {applied.application_id, "declined", ""}).kind, Decide::invalid)
        << "declining needs a word to the applicant";
    EXPECT_EQ(service::decide(context(), {applied.application_id, "accepted", ""}).kind, Decide::decided);
    EXPECT_EQ(service::decide(context(), {applied.application_id, "declined", "Désolés"}).kind, Decide::not_awaiting);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'alice@example.org' AND template = 'application_decided'"), 1);

    using Withdraw = service::WithdrawOutcome::Kind;
    const auto bobs = service::apply(context(), {project, bob, "Bob", "Moi aussi", {}});
    ASSERT_EQ(bobs.kind, Apply::applied);
    EXPECT_EQ(service::withdraw(context(), bobs.application_id, alice).kind, Withdraw::not_found) << "not hers";
    EXPECT_EQ(service::withdraw(context(), bobs.application_id, bob).kind, Withdraw::withdrawn);
    EXPECT_EQ(service::withdraw(context(), bobs.application_id, bob).kind, Withdraw::not_awaiting);
    EXPECT_EQ(count("SELECT COUNT(*) FROM applications WHERE status = 'withdrawn' AND person_id = " + std::to_string(bob)), 1);
}

TEST_F(Services, NewNeedsAreValidatedAndLimitedPerAuthorAndHour) {
    const long long author = person("nadia@example.org", "beneficiary");
    const long long organisation = Query("SELECT id FROM organisations WHERE slug = 'fab-inclusion'").scalar(s());
    domain::NeedInput input;
    input.title = "Suivi des bénévoles";
    input.format = "student_project";
    using Kind = service::NeedOutcome::Kind;
    const auto incomplete = service::create_need(context(), {input, true, organisation, author});
    EXPECT_EQ(incomplete.kind, Kind::invalid);
    EXPECT_FALSE(incomplete.problems.empty());
    for (int i = 0; i < domain::max_new_needs_per_hour; ++i)
        ASSERT_EQ(service::create_need(context(), {input, false, organisation, author}).kind, Kind::saved) << i;
    const auto over = service::create_need(context(), {input, false, organisation, author});
    EXPECT_EQ(over.kind, Kind::throttled);
    EXPECT_EQ(over.retry_after, std::chrono::seconds(3600)) << "all were created at the same instant";
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs WHERE created_by = " + std::to_string(author)), domain::max_new_needs_per_hour);
    now_ += std::chrono::hours(1);
    const auto later = service::create_need(context(), {input, false, organisation, author});
    EXPECT_EQ(later.kind, Kind::saved) << "an hour later";
    auto submitted = input;
    submitted.title = "Brouillon à soumettre";
    const auto updated = service::update_need(context(), later.need_id, {submitted, false, organisation, author});
    EXPECT_EQ(updated.kind, Kind::saved);
    EXPECT_EQ(Query("SELECT COUNT(*) FROM projects WHERE title = 'Brouillon à soumettre'").scalar(s()), 1);
}

TEST_F(Services, OrganisationsAreFoundedInvitedToAndKeepAnAdmin) {
    const long long founder = person("founder@example.org", "beneficiary");
    using Kind = service::OrganisationOutcome::Kind;
    store::OrganisationRecord form{0, "", "X", "spaceship", "", "ftp://nope", "", false};
    const auto invalid = service::create_organisation(context(), form, founder);
    EXPECT_EQ(invalid.kind, Kind::invalid);
    EXPECT_EQ(invalid.problems, (std::vector<std::string>{"name", "kind", "website"}));
    form = {0, "", "Les Jardins Partagés", "association", "Lyon", "https://jardins.example", "", false};
    const auto created = service::create_organisation(context(), form, founder);
    ASSERT_EQ(created.kind, Kind::done);
    EXPECT_EQ(created.organisation.slug, "les-jardins-partages");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'create_organisation'"), 1);

    const service::Invitation invitation{
        created.organisation.id, "Les Jardins Partagés", "  Zoe@Example.org ", founder, "Fondatrice", domain::Lang::en};
    EXPECT_EQ(service::invite(context(), {created.organisation.id, "x", "not-an-address", founder, "F", domain::Lang::fr}).kind,
              Kind::invalid);
    ASSERT_EQ(service::invite(context(), invitation).kind, Kind::done);
    EXPECT_EQ(
        count(
            "SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'zoe@example.org' AND template = 'invitation' AND lang = 'en'"),
        1)
        << "normalised, in the inviter's language";
    EXPECT_EQ(count("SELECT COUNT(*) FROM one_time_tokens WHERE purpose = 'invitation' AND email = 'zoe@example.org'"), 1);
    EXPECT_EQ(
        service::invite(context(), {created.organisation.id, "x", "founder@example.org", founder, "F", domain::Lang::fr}).kind,
        Kind::already_member);

    EXPECT_EQ(service::change_member(context(), created.organisation.id, founder, service::MemberChange::leave, founder).kind,
              Kind::last_admin);
    EXPECT_EQ(service::change_member(context(), created.organisation.id, founder + 1000, service::MemberChange::set_admin,
                                     founder)
                  .kind,
              Kind::not_a_member);
    EXPECT_EQ(count("SELECT COUNT(*) FROM memberships WHERE person_id = " + std::to_string(founder) + " AND role = 'admin'"), 1);
    EXPECT_EQ(service::verify_organisation(context(), "no-such-organisation", founder).kind, Kind::not_found);
    EXPECT_EQ(service::verify_organisation(context(), created.organisation.slug, founder).kind, Kind::done);
}

TEST_F(Services, SignUpTellsNothingAboutTakenAddressesAndConfirmsOnce) {
    using Kind = service::SignUpOutcome::Kind;
    const auto invalid = service::sign_up(context(), {"not-an-address", " ", "staff", "motdepasse", false, domain::Lang::fr});
    EXPECT_EQ(invalid.kind, Kind::invalid);
    EXPECT_EQ(invalid.problems, (std::vector<std::string>{"email", "name_missing", "role", "consent"}))
        << "staff is not chosen at sign-up; consent to the terms is asked";
    EXPECT_EQ(
        service::sign_up(context(), {"a@b.fr", std::string(101, 'x'), "student", "motdepasse", true, domain::Lang::fr}).problems,
        std::vector<std::string>{"name"})
        << "a name too long is not a missing name";
    EXPECT_FALSE(invalid.password.empty());
    EXPECT_EQ(service::sign_up(context(), {"x@y.fr", std::string("L\xFF"), "student", "x", true, domain::Lang::fr}).kind,
              Kind::broken_text);

    const std::string password = "correct horse battery staple 42";
    ASSERT_EQ(service::sign_up(context(), {"  Lou@Example.org", "Lou", "student", password, true, domain::Lang::en}).kind,
              Kind::sent);
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE email = 'lou@example.org'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.email = 'lou@example.org' "
                    "AND a.terms_version = '" +
                    std::string(service::terms_version) + "' AND a.terms_accepted_at IS NOT NULL"),
              1)
        << "the consent is recorded with the notice's version";
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'lou@example.org' AND lang = 'en'"), 1);
    // The same address again: the same answer, but no second account and no second mail.
    EXPECT_EQ(service::sign_up(context(), {"lou@example.org", "Other", "student", password, true, domain::Lang::fr}).kind,
              Kind::sent);
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE email = 'lou@example.org'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'lou@example.org'"), 1);

    std::string text;
    s() << "SELECT body_text FROM mail_outbox WHERE to_address = 'lou@example.org'", soci::into(text);
    const auto at = text.find("token=");
    ASSERT_NE(at, std::string::npos);
    const std::string token = text.substr(at + 6, text.find('&', at) - at - 6);
    EXPECT_FALSE(service::confirm_email(context(), "forged"));
    EXPECT_TRUE(service::confirm_email(context(), token));
    EXPECT_FALSE(service::confirm_email(context(), token)) << "single use";
    EXPECT_EQ(count("SELECT COUNT(*) FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.email = 'lou@example.org' "
                    "AND a.email_confirmed_at IS NOT NULL"),
              1);
}

TEST_F(Services, FramingRevisionsAndMovesFollowTheWorkflowAndTellTheMembers) {
    const long long author = person("fatou@example.org", "beneficiary");
    member_of("fab-inclusion", author);
    const long long staff = person("sam@example.org", "staff");
    const long long organisation = Query("SELECT id FROM organisations WHERE slug = 'fab-inclusion'").scalar(s());
    domain::NeedInput input;
    input.title = "Carte des permanences";
    input.summary = "Une carte des lieux d'accueil";
    input.format = "student_project";
    input.text = {{"problem", "Les horaires changent souvent"}, {"beneficiaries", "Familles"}, {"hopes", "Une carte à jour"}};
    input.sdgs = {"10"};
    input.contact_name = "Fatou";
    input.contact_email = "fatou@example.org";
    const auto need = service::create_need(context(), {input, true, organisation, author});
    ASSERT_EQ(need.kind, service::NeedOutcome::Kind::saved);
    const domain::MoveContext as_staff{true, domain::MemberRole::none, true};
    const domain::MoveContext as_member{false, domain::MemberRole::admin, true};
    using Move = service::MoveOutcome::Kind;
    using Save = service::FramingSaveOutcome::Kind;

    domain::FramingSheet sheet;
    sheet.text = {
        {"statement", "Publier les permanences"}, {"users", "Bénévoles"}, {"scope", "Web"}, {"deliverables", "Prototype"}};
    sheet.team_min = "3";
    sheet.team_max = "5";
    sheet.semester = "2027-P";
    sheet.starts_on = "2027-02-01";
    sheet.ends_on = "2027-06-30";
    sheet.sdgs = {"4", "10"};
    sheet.skills = {{skills_.front().slug, "2"}};
    EXPECT_EQ(service::save_framing(context(), {need.need_id, staff, domain::Format::student_project, sheet}).kind,
              Save::not_framing)
        << "a submitted need is not being framed yet";
    EXPECT_EQ(service::move_need(context(), {need.need_id, "framing", "", author, as_member, domain::Lang::fr}).refusal,
              domain::move_refusal::not_allowed)
        << "only staff take a need into framing";
    EXPECT_EQ(service::move_need(context(), {need.need_id, "nowhere", "", staff, as_staff, domain::Lang::fr}).kind,
              Move::unknown_status);
    ASSERT_EQ(service::move_need(context(), {need.need_id, "framing", "", staff, as_staff, domain::Lang::fr}).kind, Move::moved);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'fatou@example.org' AND template = 'status_changed'"),
              1);

    auto bad = sheet;
    bad.team_min = "6";
    bad.team_max = "2";
    const auto refused = service::save_framing(context(), {need.need_id, staff, domain::Format::student_project, bad});
    EXPECT_EQ(refused.kind, Save::invalid);
    EXPECT_FALSE(refused.problems.empty());
    auto unknown_semester = sheet;
    unknown_semester.semester = "2031-Z";
    EXPECT_EQ(service::save_framing(context(), {need.need_id, staff, domain::Format::student_project, unknown_semester}).problems,
              std::vector<std::string>{"semester"});
    auto partial = sheet;
    partial.text.erase("deliverables");
    ASSERT_EQ(service::save_framing(context(), {need.need_id, staff, domain::Format::student_project, partial}).revision, 1);
    const auto incomplete = service::move_need(context(), {need.need_id, "ready", "", staff, as_staff, domain::Lang::en});
    EXPECT_EQ(incomplete.kind, Move::framing_incomplete);
    EXPECT_EQ(incomplete.missing, std::vector<std::string>{"deliverables"});
    const auto second = service::save_framing(context(), {need.need_id, author, domain::Format::student_project, sheet});
    EXPECT_EQ(second.kind, Save::saved);
    EXPECT_EQ(second.revision, 2);
    EXPECT_EQ(service::save_framing(context(), {need.need_id, author, domain::Format::student_project, sheet}).kind,
              Save::unchanged);
    EXPECT_EQ(service::comment_framing(context(), {need.need_id, author, " \n ", false}).kind,
              service::CommentOutcome::Kind::invalid);
    EXPECT_EQ(service::comment_framing(context(), {need.need_id, author, "Merci !", false}).kind,
              service::CommentOutcome::Kind::added);

    ASSERT_EQ(service::move_need(context(), {need.need_id, "ready", "", staff, as_staff, domain::Lang::en}).kind, Move::moved);
    const std::string id = std::to_string(need.need_id);
    EXPECT_EQ(count("SELECT team_min * 10 + team_max FROM projects WHERE id = " + id), 35) << "the sheet became the project";
    EXPECT_EQ(count("SELECT COUNT(*) FROM projects p JOIN semesters se ON se.id = p.semester_id WHERE se.code = '2027-P' "
                    "AND p.starts_on = '2027-02-01' AND p.ends_on = '2027-06-30' AND p.id = " +
                    id),
              1)
        << "with its semester and dates";
    EXPECT_EQ(count("SELECT SUM(sdg_id) FROM project_sdgs WHERE project_id = " + id), 14) << "SDGs 4 and 10";
    std::string words;
    s() << "SELECT search_text FROM projects WHERE id = " + id, soci::into(words);
    EXPECT_NE(words.find(domain::search_index(skills_.front().name_en)), std::string::npos)
        << "its skills are searchable at once: " << words;
    EXPECT_NE(words.find(" quality education"), std::string::npos) << words;
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'fatou@example.org' AND template = 'status_changed' "
                    "AND lang = 'en' AND subject LIKE '%Ready%'"),
              1)
        << "in the mover's language, with the status named";
    const auto decline = service::move_need(context(), {need.need_id, "declined", "  ", staff, as_staff, domain::Lang::fr});
    EXPECT_EQ(decline.refusal, domain::move_refusal::reason_required) << "a blank reason is no reason";
    EXPECT_EQ(count("SELECT COUNT(*) FROM status_changes WHERE project_id = " + id), 3);
}

TEST_F(Services, LogInCountsFailuresAndGivesANewSessionEveryTime) {
    const long long id = person("lea@example.org", "student");
    Query("UPDATE accounts SET password_hash = :h WHERE person_id = :id")
        .bind("h", domain::hash_password("un mot de passe solide"))
        .bind("id", id)
        .execute(s());
    using Kind = service::LogInOutcome::Kind;
    EXPECT_EQ(service::log_in(context(), {"", "x", "10.0.0.1", ""}).kind, Kind::missing);
    EXPECT_EQ(service::log_in(context(), {"nobody@example.org", "x", "10.0.0.1", ""}).kind, Kind::invalid);
    const auto first = service::log_in(context(), {" LEA@example.org ", "un mot de passe solide", "10.0.0.1", ""});
    ASSERT_EQ(first.kind, Kind::logged_in);
    EXPECT_EQ(first.email, "lea@example.org");
    const auto second = service::log_in(context(), {"lea@example.org", "un mot de passe solide", "10.0.0.1", first.session_id});
    EXPECT_NE(second.session_id, first.session_id);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE person_id = " + std::to_string(id) + " AND revoked_at IS NULL"), 1)
        << "the session the browser had is revoked";
    for (int i = 0; i < service::max_failures_per_account_and_address; ++i)
        EXPECT_EQ(service::log_in(context(), {"lea@example.org", "faux", "10.0.0.2", ""}).kind, Kind::invalid);
    EXPECT_EQ(service::log_in(context(), {"lea@example.org", "un mot de passe solide", "10.0.0.2", ""}).kind, Kind::throttled);
    EXPECT_EQ(service::log_in(context(), {"lea@example.org", "un mot de passe solide", "10.0.0.3", ""}).kind, Kind::logged_in)
        << "another address is not locked out";
}

TEST_F(Services, PasswordResetTellsNothingAndSpendsTheLinkOnlyOnAGoodPassword) {
    const long long id = person("marc@example.org", "student");
    using Request = service::ResetRequestOutcome::Kind;
    EXPECT_EQ(service::request_password_reset(context(), {"pas une adresse", "10.0.0.1", domain::Lang::fr}).kind,
              Request::invalid_email);
    EXPECT_EQ(service::request_password_reset(context(), {"inconnu@example.org", "10.0.0.1", domain::Lang::fr}).kind,
              Request::sent);
    EXPECT_EQ(service::request_password_reset(context(), {"Marc@Example.org", "10.0.0.1", domain::Lang::en}).kind, Request::sent);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'reset_password'"), 1) << "only the known address";
    std::string body;
    Query("SELECT body_text FROM mail_outbox WHERE template = 'reset_password'").for_each(s(), [&](const soci::row& r) {
        body = store::column_text(r, 0);
    });
    const auto start = body.find("token=") + 6;
    const std::string token = body.substr(start, body.find('&', start) - start);
    using New = service::NewPasswordOutcome::Kind;
    EXPECT_EQ(service::reset_password(context(), "inconnu", "un mot de passe solide").kind, New::invalid_link);
    const auto weak = service::reset_password(context(), token, "court");
    EXPECT_EQ(weak.kind, New::weak);
    EXPECT_FALSE(weak.problems.empty());
    EXPECT_EQ(service::reset_password(context(), token, "un mot de passe solide").kind, New::changed) << "the same link, again";
    EXPECT_EQ(service::reset_password(context(), token, "un autre mot de passe").kind, New::invalid_link) << "spent";
    EXPECT_EQ(service::change_password(context(), id, "faux", "encore un autre mot", "").kind, New::wrong_password);
    EXPECT_EQ(service::change_password(context(), id, "un mot de passe solide", "encore un autre mot", "").kind, New::changed);
}

TEST_F(Services, AccountChangesNeedThePasswordAndStaffChangesAreAudited) {
    const long long id = person("ines@example.org", "student"), staff = person("chef@example.org", "staff");
    Query("UPDATE accounts SET password_hash = :h WHERE person_id = :id")
        .bind("h", domain::hash_password("un mot de passe solide"))
        .bind("id", id)
        .execute(s());
    using Change = service::EmailChangeOutcome::Kind;
    EXPECT_EQ(service::request_email_change(context(), {id, "faux", "ines@autre.org", domain::Lang::fr}).kind,
              Change::wrong_password);
    EXPECT_EQ(service::request_email_change(context(), {id, "un mot de passe solide", "ines@example.org", domain::Lang::fr}).kind,
              Change::same_email);
    EXPECT_EQ(service::request_email_change(context(), {id, "un mot de passe solide", "INES@autre.org", domain::Lang::fr}).kind,
              Change::sent);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'change_email' AND to_address = 'ines@autre.org'"), 1);
    EXPECT_EQ(service::confirm_email_change(context(), "inconnu").kind, service::EmailConfirmOutcome::Kind::invalid_link);

    EXPECT_EQ(service::create_api_token(context(), id, "  ").kind, service::TokenOutcome::Kind::invalid_name);
    for (long long i = 0; i < service::max_live_tokens; ++i)
        ASSERT_EQ(service::create_api_token(context(), id, "jeton " + std::to_string(i)).kind,
                  service::TokenOutcome::Kind::created);
    EXPECT_EQ(service::create_api_token(context(), id, "un de trop").kind, service::TokenOutcome::Kind::too_many);
    EXPECT_FALSE(service::revoke_api_token(context(), staff, 1)) << "someone else's token";

    using Staff = service::StaffChangeOutcome::Kind;
    EXPECT_EQ(service::set_role(context(), staff, id, "anonymous").kind, Staff::invalid);
    EXPECT_EQ(service::set_role(context(), staff, staff, "student").kind, Staff::self);
    EXPECT_EQ(service::set_role(context(), staff, 999999, "student").kind, Staff::not_found);
    EXPECT_EQ(service::set_role(context(), staff, id, "coordinator").email, "ines@example.org");
    EXPECT_EQ(service::set_active(context(), staff, id, false).kind, Staff::changed);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE actor_id = " + std::to_string(staff) +
                    " AND target_id = " + std::to_string(id)),
              2);
    EXPECT_FALSE(service::delete_account(context(), id, "faux"));
    EXPECT_TRUE(service::delete_account(context(), id, "un mot de passe solide"));
}
