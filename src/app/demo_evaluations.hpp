#pragma once
// Demo states of the end of a project (`latitudes seed --demo`, from seed_demo_teams): the demo
// student's team delivered nine days ago and awaiting evaluations (two teammates answered, the
// beneficiary, the demo student and the teacher have not; the server's
// first job run sends them the 7-day reminder), and another
// team of the same campaign fully evaluated, featured in the showcase with its beneficiary's
// consent to be quoted.
#include "mail/notifier.hpp"
#include "store/projects.hpp"

#include <chrono>
#include <vector>

namespace latitudes::app {

struct DemoEvaluationsReport {
    long long awaiting_team = 0;   // delivered, evaluations partly in
    long long evaluated_team = 0;  // evaluated, featured with consent
};

DemoEvaluationsReport seed_demo_evaluations(soci::session& session, const render::Views& views, const mail::Notifier& notifier,
                                            const std::vector<store::Skill>& skills, long long student_team,
                                            std::chrono::system_clock::time_point now);

}  // namespace latitudes::app
