#include "web/handlers/school_views.hpp"

#include "web/authorisation.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

std::optional<store::OrganisationRecord> managed_school(const Site& site, const Request& request, soci::session& session,
                                                        const std::string& slug, domain::Action action) {
    const auto access = authorise_in_organisation(site, request, session, slug, action);
    if (!access.decision.allowed || !access.organisation || access.organisation->kind != "school") return std::nullopt;
    return access.organisation;
}

std::optional<store::CohortRecord> managed_cohort(const Site& site, const Request& request, soci::session& session) {
    const auto id = parse_id(request.path_params.count("id") ? request.path_params.at("id") : "");
    if (!id) return std::nullopt;
    auto cohort = store::CohortRepository(session).find(*id);
    if (!cohort ||
        !authorise_in_organisation(site, request, session, cohort->school_id, domain::Action::manage_cohorts).decision.allowed)
        return std::nullopt;
    return cohort;
}

std::optional<store::CampaignRecord> managed_campaign(const Site& site, const Request& request, soci::session& session) {
    const auto id = parse_id(request.path_params.count("id") ? request.path_params.at("id") : "");
    if (!id) return std::nullopt;
    auto campaign = store::CampaignRepository(session).find(*id);
    if (!campaign || !authorise_in_organisation(site, request, session, campaign->school_id, domain::Action::manage_campaigns)
                          .decision.allowed)
        return std::nullopt;
    return campaign;
}

std::optional<store::RunRecord> campaign_run(soci::session& session, const Request& request, long long campaign_id) {
    const auto id = parse_id(request.path_params.count("run") ? request.path_params.at("run") : "");
    if (!id) return std::nullopt;
    auto run = store::CampaignRepository(session).run(*id);
    if (!run || run->campaign_id != campaign_id) return std::nullopt;
    return run;
}

}  // namespace latitudes::web::handlers
