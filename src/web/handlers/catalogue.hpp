#pragma once
// What the catalogue (catalogue.cpp), the API (api.cpp), the showcase and saved searches share.
#include "store/facets.hpp"
#include "store/projects.hpp"
#include "web/site.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace latitudes::web::handlers {

// A project card in the API (/api/v1/projects, /api/v1/showcase).
nlohmann::json project_card_json(const store::ProjectCard& card);

// {"sdg": {"1": n, ...}, "skill": {slug: n}, "level": {...}, "format": {...}, "status": {...}}.
nlohmann::json facets_json(const store::FacetCounts& counts);

// 400 invalid_parameter naming the parameter ({"error": {"code", "message", "parameter"}}).
Response invalid_parameter(const std::string& parameter, const std::string& message);

// A filter in words, e.g. "« eau » · ODD 6 · Stage · Bientôt clos"; "Tout le catalogue" when it
// has no criterion.
std::string describe_filter(const Site& site, domain::Lang lang, const store::ProjectFilter& filter);

}  // namespace latitudes::web::handlers
