#include "app/demo_teams.hpp"

#include "app/demo_campaigns.hpp"
#include "app/demo_documents.hpp"
#include "app/demo_evaluations.hpp"
#include "app/demo_feed.hpp"
#include "app/demo_followup.hpp"
#include "app/demo_needs.hpp"
#include "app/demo_survey.hpp"
#include "render/views.hpp"
#include "service/applications.hpp"
#include "store/organisations.hpp"
#include "store/projects.hpp"
#include "store/query.hpp"

#include <stdexcept>

namespace latitudes::app {

namespace {

using namespace std::chrono_literals;

void check(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error("demo teams: " + what);
}

long long person_by_email(soci::session& session, const std::string& email) {
    return store::Query("SELECT COALESCE(MAX(id), 0) FROM people WHERE email = :e").bind("e", email).scalar(session);
}

}  // namespace

DemoTeamsReport seed_demo_teams(store::Database& database, std::chrono::system_clock::time_point now) {
    DemoTeamsReport report;
    const render::Views views(render::load_catalogue());
    const mail::Notifier notifier(views, "http://127.0.0.1:8080");
    const auto skills = store::ProjectRepository(database).skills();  // before the lease: the pool may hold one
    store::Lease session(database);
    const auto at = [&](store::Clock::time_point when) { return service::Context{*session, when, notifier, skills}; };
    const long long student = person_by_email(*session, demo_student_email);
    const long long contact = person_by_email(*session, demo_beneficiary_email);
    check(student && contact, "the demo accounts come first");

    // Nadia is also the contact of the beneficiary of the demo student's team: both see its workspace.
    report.student_team = store::Query(
                              "SELECT COALESCE(MIN(tm.team_id), 0) FROM team_members tm JOIN teams t ON t.id = tm.team_id "
                              "WHERE tm.person_id = :p AND t.campaign_id IS NOT NULL")
                              .bind("p", student)
                              .scalar(*session);
    check(report.student_team != 0, "the demo student's team");
    {
        store::WriteTransaction tx(*session);
        const long long beneficiary =
            store::Query("SELECT p.beneficiary_id FROM teams t JOIN projects p ON p.id = t.project_id WHERE t.id = :t")
                .bind("t", report.student_team)
                .scalar(*session);
        store::OrganisationRepository(*session).add_member(beneficiary, contact, domain::MemberRole::member, now - 30 * 24h);
        tx.commit();
    }

    // An internship: the second demo student applied and was accepted, which formed its team.
    const long long intern = person_by_email(*session, "etudiant2@demo.latitudes.org");
    check(intern != 0, "the second demo student");
    std::string intern_name;
    *session << "SELECT display_name FROM people WHERE id = :id", soci::use(intern, "id"), soci::into(intern_name);
    const auto applied = service::apply(at(now - 12 * 24h), {"stage-data-impact-fab-inclusion",
                                                             intern,
                                                             intern_name,
                                                             "Bonjour, ce stage de mesure d'impact m'intéresse beaucoup.",
                                                             {}});
    check(applied.kind == service::ApplyOutcome::Kind::applied, "application");
    const auto decided = service::decide(at(now - 10 * 24h), {applied.application_id, "accepted", "Bienvenue !"});
    check(decided.kind == service::DecideOutcome::Kind::decided, "acceptance");
    report.opportunity_team = store::Query("SELECT COALESCE(MAX(t.id), 0) FROM teams t JOIN projects p ON p.id = t.project_id "
                                           "WHERE p.slug = 'stage-data-impact-fab-inclusion' AND t.school_id IS NULL")
                                  .scalar(*session);
    check(report.opportunity_team != 0, "the internship's team");
    seed_demo_documents(at(now), report.student_team, student, contact);
    seed_demo_followup(*session, report.student_team, now);
    seed_demo_evaluations(*session, views, notifier, skills, report.student_team, now);
    seed_demo_survey(*session, skills, now);  // the awareness survey: results, a small cohort, a wave to answer
    // The feed LAST, whatever the other parts add above: it shows their entries too.
    seed_demo_feed(*session, report, now);
    return report;
}

}  // namespace latitudes::app
