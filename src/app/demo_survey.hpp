#pragma once
// Demo data of the awareness survey (`latitudes seed --demo`, from seed_demo_teams): the default
// survey (what students know of the ESS, whether they would commit again, which SDGs matter to
// them, a free word), active; a cohort with 9 answers at the start and 7 at the end of its
// semester (results show a shift), one with 4 (not shown), and a wave open now that the demo
// student has not answered yet.
#include "store/projects.hpp"

#include <chrono>

namespace latitudes::app {

struct DemoSurveyReport {
    long long survey = 0, shown_cohort = 0, small_cohort = 0, open_wave = 0;
};

// On the caller's session (the seed holds the pool's only connection), with the skills taxonomy.
DemoSurveyReport seed_demo_survey(soci::session& session, const std::vector<store::Skill>& skills,
                                  std::chrono::system_clock::time_point now);

}  // namespace latitudes::app
