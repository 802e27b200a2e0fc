#include "app/demo_evaluations.hpp"

#include "app/demo_needs.hpp"
#include "service/evaluations.hpp"
#include "store/query.hpp"
#include "store/teams.hpp"

#include <stdexcept>

namespace latitudes::app {

namespace {

using namespace std::chrono_literals;
using domain::EvaluationKind;

void check(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error("demo evaluations: " + what);
}

// Someone of the beneficiary to have evaluated (the organisation's first member), else staff.
long long beneficiary_voice(soci::session& session, const store::TeamRecord& team) {
    const long long member = store::Query("SELECT COALESCE(MIN(person_id), 0) FROM memberships WHERE organisation_id = :o")
                                 .bind("o", team.organisation_id)
                                 .scalar(session);
    if (member) return member;
    return store::Query("SELECT COALESCE(MIN(id), 0) FROM people WHERE email = :e").bind("e", demo_staff_email).scalar(session);
}

// A student's feedback with points: `share` gives each teammate's points in the team's order.
domain::Fields feedback(const store::TeamRecord& team, int project, int programme, const std::string& comment,
                        const std::vector<int>& share) {
    domain::Fields f{{"project_rating", std::to_string(project)},
                     {"project_comment", comment},
                     {"programme_rating", std::to_string(programme)},
                     {"programme_comment", ""}};
    for (std::size_t i = 0; i < team.students.size(); ++i)
        f[domain::points_field(team.students[i].person_id)] = std::to_string(i < share.size() ? share[i]
                                                                                              : domain::points_per_member);
    return f;
}

// Shares that add up to 100 × n: +20 to the first, −20 to the last.
std::vector<int> uneven(std::size_t n) {
    std::vector<int> share(n, domain::points_per_member);
    if (n >= 2) {
        share.front() += 20;
        share.back() -= 20;
    }
    return share;
}

}  // namespace

DemoEvaluationsReport seed_demo_evaluations(soci::session& session, const render::Views& views, const mail::Notifier& notifier,
                                            const std::vector<store::Skill>& skills, long long student_team,
                                            std::chrono::system_clock::time_point now) {
    DemoEvaluationsReport report;
    const auto at = [&](std::chrono::system_clock::time_point when) { return service::Context{session, when, notifier, skills}; };
    store::TeamRepository teams(session);
    const long long demo_student =
        store::Query("SELECT COALESCE(MIN(id), 0) FROM people WHERE email = 'etudiante@demo.latitudes.org'").scalar(session);
    const auto submit = [&](long long team, long long who, EvaluationKind kind, domain::Fields fields,
                            std::chrono::system_clock::time_point when) {
        const auto done = service::submit_evaluation(at(when), {team, who, kind, std::move(fields)});
        check(done.kind == service::EvaluateOutcome::Kind::saved, std::string(domain::to_string(kind)));
        return done;
    };

    // Another team of the same campaign: delivered 25 days ago, every answer in, featured.
    report.evaluated_team = store::Query("SELECT COALESCE(MIN(t.id), 0) FROM teams t WHERE t.campaign_id = "
                                         "(SELECT campaign_id FROM teams WHERE id = :t) AND t.id <> :t2")
                                .bind("t", student_team)
                                .bind("t2", student_team)
                                .scalar(session);
    check(report.evaluated_team != 0, "a second team of the demo campaign");
    const auto evaluated = teams.find(report.evaluated_team);
    check(evaluated && !evaluated->students.empty(), "the second team's students");
    const auto delivered = service::mark_delivered(at(now - 25 * 24h),
                                                   {evaluated->id,
                                                    evaluated->students.front().person_id,
                                                    {{"link", "https://git.example.org/latitudes/livrable"},
                                                     {"delivery_note", "Code, guide d'utilisation et vidéo de démonstration."}}});
    check(delivered.kind == service::DeliverOutcome::Kind::delivered, "delivery of the evaluated team");
    submit(evaluated->id, beneficiary_voice(session, *evaluated), EvaluationKind::beneficiary,
           {{"usefulness", "5"},
            {"quality", "4"},
            {"will_use", "yes"},
            {"take_part_again", "yes"},
            {"comment", "L'outil nous fait gagner une demi-journée par semaine : l'équipe a su écouter nos bénévoles."},
            {"consent_quote", "1"},
            {"consent_showcase", "1"}},
           now - 22 * 24h);
    const auto share = uneven(evaluated->students.size());
    for (const auto& s : evaluated->students)
        if (!s.email.empty())
            submit(evaluated->id, s.person_id, EvaluationKind::student,
                   feedback(*evaluated, 4, 5, "Un vrai client, de vraies contraintes.", share), now - 21 * 24h);
    submit(evaluated->id, evaluated->students.front().person_id, EvaluationKind::team_about_beneficiary,
           {{"availability", "4"}, {"availability_comment", "Réponses en moins de deux jours, une réunion par quinzaine."}},
           now - 21 * 24h);
    const long long teacher =
        store::Query("SELECT COALESCE(MIN(id), 0) FROM people WHERE email = 'coordination@demo.latitudes.org'").scalar(session);
    check(teacher != 0, "the demo teacher");
    const auto last = submit(evaluated->id, teacher, EvaluationKind::teacher,
                             {{"outcome", "pass"}, {"assessment_comment", "Livrable abouti, démarche centrée sur les usagers."}},
                             now - 20 * 24h);
    check(last.team_evaluated && last.project_evaluated, "the second team is evaluated");

    // The demo student's team: delivered nine days ago; two teammates answered, the 7-day
    // reminder goes to the others (the beneficiary's contacts, the demo student, the teacher) as
    // soon as the server's jobs run.
    report.awaiting_team = student_team;
    const auto awaiting = teams.find(student_team);
    check(awaiting.has_value(), "the demo student's team");
    const auto sent = service::mark_delivered(
        at(now - 9 * 24h), {student_team,
                            demo_student,
                            {{"link", "https://qualite-eau.example.org"},
                             {"delivery_note", "Tableau de bord en ligne, accès dans le document de passation."}}});
    check(sent.kind == service::DeliverOutcome::Kind::delivered, "delivery of the demo student's team");
    int answered = 0;
    for (const auto& s : awaiting->students)
        if (s.person_id != demo_student && !s.email.empty() && answered < 2) {
            submit(student_team, s.person_id, EvaluationKind::student,
                   feedback(*awaiting, 4, 4, "", uneven(awaiting->students.size())), now - 8 * 24h);
            ++answered;
        }
    (void)views;  // the 7-day reminder is the server's job (jobs::run_all) once it starts: see /dev/outbox
    return report;
}

}  // namespace latitudes::app
