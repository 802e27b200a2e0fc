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

// Why one may not apply (a domain::apply_refusal code), in words, for the page and the API.
std::string refusal_text(const Site& site, domain::Lang lang, std::string_view refusal);

}  // namespace latitudes::web::handlers
