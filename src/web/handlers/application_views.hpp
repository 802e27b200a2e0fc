#pragma once
// View models shared by the application pages: a text as lines, the parts of a profile an
// applicant shared, and an opportunity's details, in the page's language.
#include "domain/opportunity.hpp"
#include "web/site.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace latitudes::web::handlers {

// A text as lines, for templates (no raw HTML: each line is escaped, <br> between them).
nlohmann::json lines_of(const std::string& text);

// What a snapshot (applications.shared) says, in `lang`: one {part, label, value} per part shared.
nlohmann::json shared_items(const Site& site, domain::Lang lang, const nlohmann::json& shared);
nlohmann::json shared_items(const Site& site, domain::Lang lang, const std::string& shared_text);

// The details of an opportunity as {key, label, value} rows (place, hours, compensation, partner,
// frequency, sessions, seeking, places taken, deadline), only those its format has.
nlohmann::json detail_rows(const Site& site, domain::Lang lang, domain::Format format, const domain::OpportunityDetails& d,
                           long long accepted);

}  // namespace latitudes::web::handlers
