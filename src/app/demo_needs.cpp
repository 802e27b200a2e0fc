#include "app/demo_needs.hpp"

#include "app/demo_campaigns.hpp"
#include "domain/credentials.hpp"
#include "jobs/jobs.hpp"
#include "render/views.hpp"
#include "service/framing.hpp"
#include "service/needs.hpp"
#include "service/organisations.hpp"
#include "store/accounts.hpp"
#include "store/projects.hpp"

#include <stdexcept>

namespace latitudes::app {

namespace {

using namespace std::chrono_literals;

void check(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error("demo needs: " + what);
}

}  // namespace

DemoNeedsReport seed_demo_needs(store::Database& database, store::Clock::time_point now) {
    DemoNeedsReport report;
    const render::Views views(render::load_catalogue());
    const mail::Notifier notifier(views, "http://127.0.0.1:8080");
    const auto skills = store::ProjectRepository(database).skills();  // before the lease: the pool may hold one
    std::optional<store::Lease> session(database);
    auto at = [&](store::Clock::time_point when) { return service::Context{**session, when, notifier, skills}; };
    const std::string hash = domain::hash_password(demo_password);
    auto account = [&](const char* email, const char* name, const char* role) {
        store::WriteTransaction tx(**session);
        const long long id = store::AccountRepository(**session).create({email, name, role, hash, true}, now - 4 * 24h);
        tx.commit();
        ++report.accounts;
        return id;
    };
    const long long staff = account(demo_staff_email, "Sacha de l'équipe Latitudes", "staff");
    const long long nadia = account(demo_beneficiary_email, "Nadia Association", "beneficiary");

    // Founded, then verified by staff: Nadia is told.
    const auto founded = service::create_organisation(
        at(now - 3 * 24h),
        {0, "", "Les Amis du Quartier Vert", "association", "Lyon", "", "Jardins partagés et entraide.", false}, nadia);
    check(founded.kind == service::OrganisationOutcome::Kind::done, "organisation");
    check(service::verify_organisation(at(now - 3 * 24h + 1h), founded.organisation.slug, staff).kind ==
              service::OrganisationOutcome::Kind::done,
          "verification");

    // A need submitted (staff are told), taken up by staff (Nadia is told), its sheet begun.
    domain::NeedInput need;
    need.title = "Planning partagé des jardins";
    need.summary = "Un planning en ligne des arrosages et des permanences des jardins partagés.";
    need.format = "student_project";
    need.text = {{"problem", "Les arrosages s'organisent par SMS et des parcelles sont oubliées l'été."},
                 {"beneficiaries", "Une centaine de jardinières et jardiniers du quartier"},
                 {"hopes", "Un planning simple, lisible sur téléphone, avec des rappels."}};
    need.sdgs = {"11"};
    need.contact_name = "Nadia Association";
    need.contact_email = demo_beneficiary_email;
    const auto submitted = service::create_need(at(now - 2 * 24h), {need, true, founded.organisation.id, nadia});
    check(submitted.kind == service::NeedOutcome::Kind::saved, "need");
    ++report.needs;
    const long long id = submitted.need_id;
    check(service::move_need(at(now - 2 * 24h + 2h),
                             {id, "framing", "", staff, {true, domain::MemberRole::none, true}, domain::Lang::fr})
                  .kind == service::MoveOutcome::Kind::moved,
          "framing");
    domain::FramingSheet sheet;
    sheet.text = {{"statement", "Un planning partagé des arrosages et des permanences, avec rappels."},
                  {"users", "Jardinières et jardiniers, coordinatrice de l'association"}};
    sheet.team_min = "3";
    sheet.team_max = "5";
    check(service::save_framing(at(now - 26h), {id, staff, domain::Format::student_project, sheet}).kind ==
              service::FramingSaveOutcome::Kind::saved,
          "sheet");

    // Both sides comment; the digests go as the jobs (every 5 minutes) would have sent them.
    jobs::JobSettings settings;
    settings.public_url = "http://127.0.0.1:8080";
    jobs::JobReport sent;
    auto comment = [&](store::Clock::time_point when, long long author, const std::string& body, bool by_staff) {
        check(service::comment_framing(at(when), {id, author, body, by_staff}).kind == service::CommentOutcome::Kind::added,
              "comment");
        ++report.comments;
    };
    comment(now - 25h, staff, "J'ai commencé la fiche : pouvez-vous préciser combien de jardins sont concernés ?", true);
    session.reset();  // the job leases its own connection
    jobs::send_comment_digests(database, views, settings, now - 25h + 5min, sent);
    session.emplace(database);
    comment(now - 20h, nadia, "Trois jardins, une quarantaine de parcelles chacun.", false);
    comment(now - 19h - 50min, nadia, "Et l'été, les arrosages sont quotidiens.", false);
    session.reset();
    jobs::send_comment_digests(database, views, settings, now - 19h - 45min, sent);
    session.emplace(database);
    // Left for the server's first run of the jobs: Nadia was told more than an hour ago.
    comment(now - 10min, staff, "Merci ! Je propose une équipe de 3 à 5 étudiants.", true);
    report.digests = sent.comment_digests;
    return report;
}

}  // namespace latitudes::app
