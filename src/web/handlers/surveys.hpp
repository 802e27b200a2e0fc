#pragma once
// What the survey's pages share (survey_answer.cpp, surveys_admin.cpp, survey_results.cpp,
// survey_views.cpp): the form fields of the questions, and the call to answer on Mon espace.
#include "domain/survey.hpp"
#include "store/database.hpp"
#include "web/site.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::web::handlers {

// A free-text answer's field (domain::is_multi_line_field lets it hold new lines); the others are q<id>.
inline constexpr std::string_view survey_text_prefix = "survey_text_";

// The questions as the answer form shows them, with what was sent and each one's problem
// (`errors`: a FormErrors view, whose fields are q<id>).
nlohmann::json question_views(const Site& site, domain::Lang lang, const std::vector<domain::SurveyQuestion>& questions,
                              const std::map<long long, std::vector<std::string>>& sent, const nlohmann::json& errors = {});

// The open waves a person may answer, for Mon espace ({"has_survey_calls", "survey_calls"}).
nlohmann::json survey_calls(soci::session& session, long long person_id, domain::Lang lang);

}  // namespace latitudes::web::handlers
