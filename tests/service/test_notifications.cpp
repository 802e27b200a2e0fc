// Who is told what (issue 10), by the use cases themselves, on SQLite and PostgreSQL: staff when a
// need is submitted (however it is submitted), the members when their organisation is verified
// (once), the other side of a framing conversation when someone comments (notices for the hourly
// digest, never to the author); and the audit log records each need created, each status move and
// each framing revision in the transaction of the write.
#include "mail/mail.hpp"
#include "render/views.hpp"
#include "resources/resources.hpp"
#include "service/framing.hpp"
#include "service/needs.hpp"
#include "service/organisations.hpp"
#include "store/accounts.hpp"
#include "store/migrations.hpp"
#include "store/projects.hpp"
#include "store/query.hpp"
#include "store/seed.hpp"
#include "support/store_fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace latitudes;
using store::Query;

class Notices : public test::MigratedDatabase {
protected:
    Notices() : MigratedDatabase("notices") {}
    void SetUp() override {
        MigratedDatabase::SetUp();
        store::seed_demo(*db_, resources::resource("seed/demo.json"));
        skills_ = store::ProjectRepository(*db_).skills();
        organisation_ = Query("SELECT id FROM organisations WHERE slug = 'fab-inclusion'").scalar(s());
    }
    std::string text(const std::string& sql) {
        std::string value;
        Query(sql).for_each(s(), [&](const soci::row& r) { value = store::column_text(r, 0); });
        return value;
    }
    service::Context context() { return {s(), now_, notifier_, skills_}; }
    long long person(const std::string& email, const std::string& role) {
        return store::AccountRepository(s()).create({email, "P " + email, role, "x", true}, now_);
    }
    long long member(const std::string& email) {
        const long long id = person(email, "beneficiary");
        Query("INSERT INTO memberships (person_id, organisation_id, role, created_at) VALUES (:p, :o, 'admin', :at)")
            .bind("p", id)
            .bind("o", organisation_)
            .bind("at", store::iso_utc(now_))
            .execute(s());
        return id;
    }
    // Someone whose last mail was in English: Notifier::language_of picks English for them.
    void reads_english(const std::string& email) {
        mail::Outbox::enqueue(s(), {email, "Welcome", "Welcome", "<p>Welcome</p>"}, domain::Lang::en, "confirm_email", now_);
    }
    long long mails(const std::string& to, const std::string& template_name) {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = '" + to + "' AND template = '" + template_name + "'");
    }
    domain::NeedInput complete_need(const std::string& title) {
        domain::NeedInput input;
        input.title = title;
        input.summary = "Une carte des lieux d'accueil";
        input.format = "student_project";
        input.text = {{"problem", "Les horaires changent souvent"}, {"beneficiaries", "Familles"}, {"hopes", "Une carte"}};
        input.sdgs = {"10"};
        input.contact_name = "Fatou";
        input.contact_email = "fatou@example.org";
        return input;
    }
    std::vector<std::string> notified(long long need_id) {
        std::vector<std::string> people;
        Query("SELECT pe.email FROM framing_comment_notices n JOIN framing_comments c ON c.id = n.comment_id "
              "JOIN people pe ON pe.id = n.person_id WHERE c.project_id = :need AND n.notified_at IS NULL ORDER BY pe.email")
            .bind("need", need_id)
            .for_each(s(), [&](const soci::row& r) { people.push_back(store::column_text(r, 0)); });
        return people;
    }

    static const render::Views& views() {
        static const domain::Catalogue catalogue = render::load_catalogue();
        static const render::Views instance(catalogue);
        return instance;
    }
    mail::Notifier notifier_{views(), "https://latitudes.example"};
    std::vector<store::Skill> skills_;
    long long organisation_ = 0;
    const domain::MoveContext as_staff{true, domain::MemberRole::none, true};
    const domain::MoveContext as_member{false, domain::MemberRole::admin, true};
};

TEST_F(Notices, StaffAreToldOfEverySubmittedNeedInTheirLanguageWithALink) {
    const long long author = member("fatou@example.org");
    const long long sam = person("sam@example.org", "staff");
    person("sue@example.org", "staff");
    const long long gone = person("gus@example.org", "staff");
    Query("UPDATE accounts SET active = 0 WHERE person_id = :p").bind("p", gone).execute(s());
    reads_english("sue@example.org");

    // Saved as a draft: nobody is told yet.
    const auto draft = service::create_need(context(), {complete_need("Carte des permanences"), false, organisation_, author});
    ASSERT_EQ(draft.kind, service::NeedOutcome::Kind::saved);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'need_submitted'"), 0);

    // Submitted at creation: every active staff account, in its language, with the need's page.
    const auto submitted = service::create_need(context(), {complete_need("Tableau des dons"), true, organisation_, author});
    ASSERT_EQ(submitted.kind, service::NeedOutcome::Kind::saved);
    EXPECT_EQ(mails("sam@example.org", "need_submitted"), 1);
    EXPECT_EQ(mails("sue@example.org", "need_submitted"), 1);
    EXPECT_EQ(mails("gus@example.org", "need_submitted"), 0) << "a deactivated account is not told";
    EXPECT_EQ(mails("fatou@example.org", "need_submitted"), 0) << "the beneficiary is not staff";
    const std::string page = "https://latitudes.example/needs/" + std::to_string(submitted.need_id);
    const std::string french = text("SELECT body_text FROM mail_outbox WHERE template = 'need_submitted' AND "
                                    "to_address = 'sam@example.org'");
    EXPECT_NE(french.find("Tableau des dons"), std::string::npos);
    EXPECT_NE(french.find("Projet étudiant"), std::string::npos) << "the format, named in French";
    EXPECT_NE(french.find(page + "?lang=fr"), std::string::npos);
    EXPECT_EQ(text("SELECT lang FROM mail_outbox WHERE template = 'need_submitted' AND to_address = 'sue@example.org'"), "en");
    EXPECT_NE(text("SELECT subject FROM mail_outbox WHERE template = 'need_submitted' AND to_address = 'sue@example.org'")
                  .find("New need submitted"),
              std::string::npos);

    // Submitting the draft by the form, then another by the workflow's move: each tells staff once.
    ASSERT_EQ(service::update_need(context(), draft.need_id,
                                   {complete_need("Carte des permanences"), true, organisation_, author})
                  .kind,
              service::NeedOutcome::Kind::saved);
    EXPECT_EQ(mails("sam@example.org", "need_submitted"), 2);
    const auto third = service::create_need(context(), {complete_need("Annuaire des aidants"), false, organisation_, author});
    ASSERT_EQ(service::move_need(context(), {third.need_id, "submitted", "", author, as_member, domain::Lang::fr}).kind,
              service::MoveOutcome::Kind::moved);
    EXPECT_EQ(mails("sam@example.org", "need_submitted"), 3);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'need_submitted' AND body_text LIKE '%Annuaire des aidants%'"),
        2);
    // Staff who bring a need with a beneficiary are not told of their own submission; the others are.
    ASSERT_EQ(service::create_need(context(), {complete_need("Covoiturage solidaire"), true, organisation_, sam}).kind,
              service::NeedOutcome::Kind::saved);
    EXPECT_EQ(mails("sam@example.org", "need_submitted"), 3);
    EXPECT_EQ(mails("sue@example.org", "need_submitted"), 4);
    // Other moves are the members' business (status_changed), not a new submission for staff.
    ASSERT_EQ(service::move_need(context(), {third.need_id, "framing", "", sam, as_staff, domain::Lang::fr}).kind,
              service::MoveOutcome::Kind::moved);
    EXPECT_EQ(mails("sam@example.org", "need_submitted"), 3);
}

TEST_F(Notices, MembersAreToldOnceWhenTheirOrganisationIsVerified) {
    const long long founder = person("fondatrice@example.org", "beneficiary");
    const long long staff = person("sam@example.org", "staff");
    store::OrganisationRecord form{0, "", "Les Jardins Partagés", "association", "Lille", "", "", false};
    const auto created = service::create_organisation(context(), form, founder);
    ASSERT_EQ(created.kind, service::OrganisationOutcome::Kind::done);
    const long long colleague = person("collegue@example.org", "beneficiary");
    Query("INSERT INTO memberships (person_id, organisation_id, role, created_at) VALUES (:p, :o, 'member', :at)")
        .bind("p", colleague)
        .bind("o", created.organisation.id)
        .bind("at", store::iso_utc(now_))
        .execute(s());
    reads_english("collegue@example.org");
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'organisation_verified'"), 0);

    const auto verified = service::verify_organisation(context(), created.organisation.slug, staff);
    ASSERT_EQ(verified.kind, service::OrganisationOutcome::Kind::done);
    EXPECT_TRUE(verified.organisation.verified);
    EXPECT_EQ(mails("fondatrice@example.org", "organisation_verified"), 1);
    EXPECT_EQ(mails("collegue@example.org", "organisation_verified"), 1);
    EXPECT_EQ(mails("sam@example.org", "organisation_verified"), 0);
    const std::string link = "https://latitudes.example/orgs/" + created.organisation.slug;
    EXPECT_NE(text("SELECT body_text FROM mail_outbox WHERE template = 'organisation_verified' AND "
                   "to_address = 'fondatrice@example.org'")
                  .find(link + "?lang=fr"),
              std::string::npos);
    EXPECT_NE(text("SELECT body_html FROM mail_outbox WHERE template = 'organisation_verified' AND "
                   "to_address = 'collegue@example.org'")
                  .find("Les Jardins Partagés"),
              std::string::npos);
    EXPECT_EQ(text("SELECT lang FROM mail_outbox WHERE template = 'organisation_verified' AND to_address = "
                   "'collegue@example.org'"),
              "en");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'staff_verify_organisation' AND target_id = " +
                    std::to_string(created.organisation.id)),
              1);

    // Verified again (a second click): nothing new is written, nobody is told twice.
    EXPECT_EQ(service::verify_organisation(context(), created.organisation.slug, staff).kind,
              service::OrganisationOutcome::Kind::done);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'organisation_verified'"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'staff_verify_organisation'"), 1);
}

TEST_F(Notices, ACommentIsNoticedForTheOtherSideOnly) {
    const long long fatou = member("fatou@example.org");
    member("omar@example.org");
    const long long sam = person("sam@example.org", "staff");
    person("sue@example.org", "staff");
    const auto need = service::create_need(context(), {complete_need("Carte des permanences"), true, organisation_, fatou});
    ASSERT_EQ(need.kind, service::NeedOutcome::Kind::saved);

    // Before any staff member took the need up, the beneficiary's comment goes to every staff account.
    ASSERT_EQ(service::comment_framing(context(), {need.need_id, fatou, "Des questions ?", false}).kind,
              service::CommentOutcome::Kind::added);
    EXPECT_EQ(notified(need.need_id), (std::vector<std::string>{"sam@example.org", "sue@example.org"}));
    Query("UPDATE framing_comment_notices SET notified_at = :at").bind("at", store::iso_utc(now_)).execute(s());

    // Sam takes it up: from then on only the staff who follow it hear of the beneficiary's comments.
    ASSERT_EQ(service::move_need(context(), {need.need_id, "framing", "", sam, as_staff, domain::Lang::fr}).kind,
              service::MoveOutcome::Kind::moved);
    ASSERT_EQ(service::comment_framing(context(), {need.need_id, fatou, "Voici les horaires.", false}).kind,
              service::CommentOutcome::Kind::added);
    EXPECT_EQ(notified(need.need_id), std::vector<std::string>{"sam@example.org"});
    Query("UPDATE framing_comment_notices SET notified_at = :at").bind("at", store::iso_utc(now_)).execute(s());

    // Staff's comment goes to the organisation's members, not to other staff nor to its author.
    ASSERT_EQ(service::comment_framing(context(), {need.need_id, sam, "Merci, c'est noté.", true}).kind,
              service::CommentOutcome::Kind::added);
    EXPECT_EQ(notified(need.need_id), (std::vector<std::string>{"fatou@example.org", "omar@example.org"}));

    // A refused comment writes neither the comment nor any notice.
    const long long before = count("SELECT COUNT(*) FROM framing_comment_notices");
    EXPECT_EQ(service::comment_framing(context(), {need.need_id, fatou, "  ", false}).kind,
              service::CommentOutcome::Kind::invalid);
    EXPECT_EQ(count("SELECT COUNT(*) FROM framing_comment_notices"), before);
}

TEST_F(Notices, NeedsTheirMovesAndFramingRevisionsAreAuditedWithTheWrite) {
    const long long fatou = member("fatou@example.org");
    const long long sam = person("sam@example.org", "staff");
    const auto need = service::create_need(context(), {complete_need("Carte des permanences"), true, organisation_, fatou});
    const std::string id = std::to_string(need.need_id);
    auto audited = [&](const std::string& action) {
        return count("SELECT COUNT(*) FROM audit_log WHERE target_kind = 'need' AND target_id = " + id + " AND action = '" +
                     action + "'");
    };
    EXPECT_EQ(audited("create_need"), 1);
    EXPECT_EQ(audited("move_need"), 1) << "submitted at creation";
    ASSERT_EQ(service::move_need(context(), {need.need_id, "framing", "", sam, as_staff, domain::Lang::fr}).kind,
              service::MoveOutcome::Kind::moved);
    const auto details = nlohmann::json::parse(
        text("SELECT details FROM audit_log WHERE action = 'move_need' AND target_id = " + id + " ORDER BY id DESC LIMIT 1"));
    EXPECT_EQ(details, (nlohmann::json{{"from", "submitted"}, {"to", "framing"}}));
    EXPECT_EQ(count("SELECT actor_id FROM audit_log WHERE action = 'move_need' AND target_id = " + id +
                    " ORDER BY id DESC LIMIT 1"),
              sam);

    domain::FramingSheet sheet;
    sheet.text = {{"statement", "Publier les permanences"}, {"users", "Bénévoles"}};
    sheet.team_min = "3";
    sheet.team_max = "5";
    ASSERT_EQ(service::save_framing(context(), {need.need_id, sam, domain::Format::student_project, sheet}).revision, 1);
    EXPECT_EQ(service::save_framing(context(), {need.need_id, sam, domain::Format::student_project, sheet}).kind,
              service::FramingSaveOutcome::Kind::unchanged);
    EXPECT_EQ(audited("save_framing_revision"), 1) << "an unchanged save is no revision";
    EXPECT_EQ(text("SELECT details FROM audit_log WHERE action = 'save_framing_revision'"), "{\"revision\":1}");

    // A refused move writes nothing, in the log either.
    EXPECT_EQ(service::move_need(context(), {need.need_id, "cancelled", "", sam, as_staff, domain::Lang::fr}).kind,
              service::MoveOutcome::Kind::refused);
    EXPECT_EQ(audited("move_need"), 2);
    ASSERT_EQ(service::move_need(context(), {need.need_id, "declined", "Hors champ", sam, as_staff, domain::Lang::fr}).kind,
              service::MoveOutcome::Kind::moved);
    EXPECT_EQ(nlohmann::json::parse(text("SELECT details FROM audit_log WHERE action = 'move_need' AND target_id = " + id +
                                         " ORDER BY id DESC LIMIT 1"))["reason"],
              "Hors champ");
}
