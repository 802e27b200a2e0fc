#pragma once
// What the public project page borrows from applications.cpp: the opportunity's details (place,
// hours, compensation, partner, frequency, sessions, seeking, places, deadline) in the page's
// language, and whether one may apply ("Postuler") or it is full ("Complet").
#include "store/projects.hpp"
#include "web/site.hpp"

#include <nlohmann/json.hpp>

namespace latitudes::web::handlers {

// Null for semester projects (nobody applies to them); else the view model of
// templates/_opportunity.mustache.
nlohmann::json opportunity_view(Site& site, domain::Lang lang, const store::ProjectCard& card);

}  // namespace latitudes::web::handlers
