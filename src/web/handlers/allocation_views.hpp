#pragma once
// The view of the allocation page (handlers/allocation.cpp): two runs compared, the students of
// one run (search, filter, 25 per page) each with a move form, pre-allocations, exports.
#include "service/campaigns.hpp"
#include "web/form_errors.hpp"
#include "web/site.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace latitudes::web::handlers {

// The whole page, for the query's runs (?a=&b=, default: the latest of each algorithm), the
// listed run (?run=, default a), search (?q=), filter (?filter=all|unassigned|moved) and ?page=.
// `pre_typed` ({email, project, reason}) is what was typed in a refused pre-allocation form.
Response render_allocation(Site& site, const Request& request, soci::session& session, const store::CampaignRecord& campaign,
                           const FormErrors& errors, int status, const nlohmann::json& pre_typed = nlohmann::json::object());

// One student's row after a move (the htmx answer), with the blocking pairs before and after.
Response render_allocation_row(Site& site, const Request& request, soci::session& session, const store::CampaignRecord& campaign,
                               const store::RunRecord& run, long long person_id, bool warning,
                               const service::RunMoveOutcome& moved);

}  // namespace latitudes::web::handlers
