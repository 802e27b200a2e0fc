#include "domain/spreadsheet.hpp"
#include "service/campaigns.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace latitudes::service {

using nlohmann::json;

CampaignExport campaign_export(soci::session& session, const store::CampaignRecord& campaign) {
    store::CampaignRepository campaigns(session);
    CampaignExport exported;
    exported.campaign_id = campaign.id;
    exported.run_id = campaign.published_run_id;
    if (!exported.run_id) {
        const auto runs = campaigns.runs(campaign.id);
        if (!runs.empty()) exported.run_id = runs.back().id;
    }
    std::map<long long, std::string> slugs;
    for (const auto& p : campaigns.projects(campaign.id)) slugs[p.project_id] = p.slug;
    std::map<long long, store::RunAssignment> given;
    if (exported.run_id)
        for (const auto& a : campaigns.assignments(exported.run_id)) given[a.person_id] = a;
    for (const auto& s : campaigns.students(campaign.id)) {
        const auto it = given.find(s.person_id);
        const bool placed = it != given.end() && it->second.project_id;
        exported.rows.push_back({s.email, s.display_name, placed ? slugs[it->second.project_id] : "",
                                 placed ? it->second.rank : 0});
    }
    return exported;
}

std::string export_csv(const CampaignExport& exported) {
    std::vector<std::vector<std::string>> rows{{"email", "name", "project", "rank"}};
    for (const auto& r : exported.rows) rows.push_back({r.email, r.name, r.project, r.rank ? std::to_string(r.rank) : ""});
    return domain::write_csv(rows);
}

std::string export_json(const CampaignExport& exported) {
    json list = json::array();
    for (const auto& r : exported.rows)
        list.push_back({{"email", r.email},
                        {"name", r.name},
                        {"project", r.project.empty() ? json(nullptr) : json(r.project)},
                        {"rank", r.rank}});
    return json{{"campaign", exported.campaign_id}, {"run", exported.run_id}, {"students", list}}.dump();
}

CampaignExport roster_of(CampaignExport exported, const std::string& project_slug) {
    std::erase_if(exported.rows, [&](const CampaignExport::Row& row) { return row.project != project_slug; });
    return exported;
}

std::optional<CampaignExport> campaign_export(soci::session& session, const store::CampaignRecord& campaign,
                                              const std::string& project_slug) {
    if (project_slug.empty()) return campaign_export(session, campaign);
    const auto offered = store::CampaignRepository(session).projects(campaign.id);
    if (std::none_of(offered.begin(), offered.end(), [&](const store::OfferedProject& p) { return p.slug == project_slug; }))
        return std::nullopt;
    return roster_of(campaign_export(session, campaign), project_slug);
}

}  // namespace latitudes::service
