#pragma once
// What the school's pages share: finding the cohort or campaign of the route when the visitor
// manages its school (else nothing: the page answers 404), and instants as people read them.
#include "store/campaigns.hpp"
#include "store/cohorts.hpp"
#include "store/organisations.hpp"
#include "web/site.hpp"

#include <optional>
#include <string>

namespace latitudes::web::handlers {

// The organisation `slug`, when it is a school and `action` (manage_cohorts, manage_campaigns)
// is allowed to the visitor there (its members, staff).
std::optional<store::OrganisationRecord> managed_school(const Site& site, const Request& request, soci::session& session,
                                                        const std::string& slug, domain::Action action);
// The cohort of the route's {id}, when the visitor manages its school's cohorts.
std::optional<store::CohortRecord> managed_cohort(const Site& site, const Request& request, soci::session& session);
// The campaign of the route's {id}, when the visitor manages its school's campaigns.
std::optional<store::CampaignRecord> managed_campaign(const Site& site, const Request& request, soci::session& session);
// The run of the route's {run}, when it is a run of that campaign.
std::optional<store::RunRecord> campaign_run(soci::session& session, const Request& request, long long campaign_id);

}  // namespace latitudes::web::handlers
