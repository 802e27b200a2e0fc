#pragma once
// The "Fin du projet" section of the team workspace (evaluations.cpp), shared by the page
// (teams.cpp), its forms and the API (evaluations_api.cpp).
#include "domain/evaluation.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/team_access.hpp"
#include "web/page.hpp"

#include <nlohmann/json.hpp>

namespace latitudes::web::handlers {

// What a refused form shows again: the kind, what was posted, and its problems.
struct EndFormState {
    std::string form;  // "delivery" or a domain::EvaluationKind name
    domain::Fields fields;
    FormErrors errors;
};

// The data of templates/_team_end.mustache for this visitor: only what their standing may read
// (the contribution points to the school's teachers only).
nlohmann::json end_of_project_view(Site& site, const Request& request, domain::Lang lang, soci::session& session,
                                   const LoadedTeam& workspace, const EndFormState* refused = nullptr);

// The message of a domain::problem code for one field.
std::string evaluation_problem_text(Site& site, domain::Lang lang, const std::string& field, const std::string& code,
                                    const domain::Fields& fields, std::size_t team_size);

}  // namespace latitudes::web::handlers
