#include "app/demo_followup.hpp"

#include "render/views.hpp"
#include "service/followup.hpp"
#include "store/milestones.hpp"
#include "store/query.hpp"
#include "store/team_updates.hpp"

#include <stdexcept>

namespace latitudes::app {

namespace {

using namespace std::chrono_literals;
using Kind = service::FollowupOutcome::Kind;

void check(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error("demo follow-up: " + what);
}

struct Update {
    int days_ago;
    const char *done, *next, *blockers, *hours;
};

}  // namespace

void seed_demo_followup(soci::session& db, long long student_team, std::chrono::system_clock::time_point now) {
    const render::Views views(render::load_catalogue());
    const mail::Notifier notifier(views, "http://127.0.0.1:8080");
    const std::vector<store::Skill> skills;
    soci::session* session = &db;
    const auto at = [&](store::Clock::time_point when) { return service::Context{*session, when, notifier, skills}; };
    store::TeamRepository teams(*session);
    const auto team = teams.find(student_team);
    check(team && team->students.size() >= 2, "the demo student's team and a teammate");
    store::MilestoneRepository milestones(*session);
    store::MilestoneRecord *kick_off = nullptr, *first_session = nullptr, *mid_term = nullptr;
    auto all = milestones.of_team(team->id);
    check(!all.empty(), "the team's milestones (formed with the team)");
    for (auto& m : all) {
        if (m.occurrence == 0 && !kick_off) kick_off = &m;
        else if (m.occurrence == 1) first_session = &m;
        else if (m.occurrence == 0 && !mid_term && kick_off) mid_term = &m;
    }
    check(kick_off && first_session && mid_term, "the template's steps");
    const auto as = [&](long long person) { return service::TeamActor{*team, person, teams.standing_of(*team, person, false)}; };
    const long long nadia = team->students.front().person_id, mate = team->students[1].person_id;
    long long demo_student = store::Query("SELECT id FROM people WHERE email = 'etudiante@demo.latitudes.org'").scalar(*session);
    if (!teams.standing_of(*team, demo_student, false).student) demo_student = nadia;
    const long long contact = store::Query("SELECT COALESCE(MIN(person_id), 0) FROM memberships WHERE organisation_id = :o")
                                  .bind("o", team->organisation_id)
                                  .scalar(*session);
    // The kick-off is the beneficiary's contact's (who joined after the team was formed).
    if (contact)
        check(service::plan_milestone(at(now - 12 * 24h), as(demo_student), kick_off->id, kick_off->due_on, contact).kind ==
                  Kind::done,
              "the kick-off's owner");
    // The kick-off done, the first weekly session overdue (moved to last week, not done), the
    // mid-term review in progress; the rest to come.
    check(service::set_milestone_state(at(now - 11 * 24h), as(demo_student), kick_off->id, "done").kind == Kind::done,
          "kick-off");
    const std::string last_week = store::iso_utc(now - 4 * 24h).substr(0, 10);
    check(service::plan_milestone(at(now - 6 * 24h), as(demo_student), first_session->id, last_week, mate).kind == Kind::done,
          "an overdue session");
    check(service::set_milestone_state(at(now - 2 * 24h), as(demo_student), mid_term->id, "in_progress").kind == Kind::done,
          "mid-term");
    // Four weeks of updates, the demo student's and a teammate's, with comments.
    const Update mine[] = {
        {16, "Entretien avec l'association : ses données viennent de 14 points d'eau, relevées à la main.",
         "Lister les indicateurs qu'elle suit déjà.", "", "3"},
        {9, "Maquette du tableau de bord validée par la bénéficiaire.", "Importer les relevés de 2026.", "", "5,5"},
        {2, "Import des relevés de 2026 ; trois formats de date différents.", "Graphiques par point d'eau.",
         "Il manque les relevés de mars.", "6"}};
    const Update theirs[] = {{9, "Choix de la base (SQLite) et du modèle de données.", "Écrire l'import.", "", "4"},
                             {2, "Script d'import et ses tests.", "Carte des points d'eau.", "", "4,5"}};
    long long commented = 0;
    for (const auto& u : mine) {
        const auto r = service::post_weekly_update(at(now - u.days_ago * 24h), as(demo_student),
                                                   {u.done, u.next, u.blockers, u.hours});
        check(r.kind == Kind::done, "an update");
        commented = r.id;
    }
    for (const auto& u : theirs)
        check(
            service::post_weekly_update(at(now - u.days_ago * 24h + 2h), as(mate), {u.done, u.next, u.blockers, u.hours}).kind ==
                Kind::done,
            "a teammate's update");
    if (contact)
        check(service::comment_update(at(now - 6 * 24h), as(contact), commented,
                                      "Je vous envoie les relevés de mars demain, ils sont sur papier.")
                      .kind == Kind::done,
              "the beneficiary's comment");
    if (team->supervisor)
        check(service::comment_update(at(now - 5 * 24h), as(team->supervisor->person_id), commented,
                                      "Bien vu pour les formats de date : notez-le dans la documentation.")
                      .kind == Kind::done,
              "the supervisor's comment");

    // Another team of the same campaign: one update 17 days ago, nothing since.
    const long long silent = store::Query("SELECT COALESCE(MIN(t.id), 0) FROM teams t JOIN projects p ON p.id = t.project_id "
                                          "WHERE t.campaign_id = :c AND t.id <> :t AND p.status = 'in_progress'")
                                 .bind("c", team->campaign_id)
                                 .bind("t", team->id)
                                 .scalar(*session);
    check(silent != 0, "a second team of the campaign");
    const auto other = teams.find(silent);
    check(other && !other->students.empty(), "the second team's students");
    const long long quiet = other->students.front().person_id;
    check(service::post_weekly_update(at(now - 17 * 24h), {*other, quiet, teams.standing_of(*other, quiet, false)},
                                      {"Première réunion d'équipe, répartition des rôles.", "Rencontrer le bénéficiaire.", "",
                                       "2"})
                  .kind == Kind::done,
          "the silent team's last update");
}

}  // namespace latitudes::app
