#pragma once
// Semester campaigns: a coordinator offers published student projects to cohorts; students rank
// them in the window; after it closes the engine (src/alloc) runs, each run stored with its input,
// seed and statistics; the coordinator may move students (warned about blocking pairs); publishing
// one run forms the teams, moves the projects to "in progress" and tells everyone. Rules are
// domain/campaign.hpp's; who may call each is the web layer's policy check.
#include "domain/campaign.hpp"
#include "service/service.hpp"
#include "store/campaigns.hpp"

#include <string>
#include <vector>

namespace latitudes::service {

struct CampaignOutcome {
    enum class Kind { created, invalid } kind = Kind::created;
    long long campaign_id = 0;
    std::vector<std::string> problems;  // domain::check_campaign's, and "project:<slug>" (not a published
                                        // student project), "cohort" (not this school's), "supervisor:<slug>"
};
// `input.projects[i].slug` are published student projects; cohorts must be the school's, all of one semester.
CampaignOutcome create_campaign(const Context& context, long long school_id, long long created_by,
                                const domain::CampaignInput& input);

struct RankingOutcome {
    enum class Kind { saved, refused, not_found } kind = Kind::saved;
    std::string refusal;  // a domain::ranking_refusal code
};
// The student's whole ordered list of project slugs, replacing the one saved before.
RankingOutcome save_ranking(const Context& context, long long campaign_id, long long person_id,
                            const std::vector<std::string>& slugs);

struct PreAllocationOutcome {
    enum class Kind { fixed, not_found, not_a_student, unknown_project, invalid_reason, published } kind = Kind::fixed;
};
// Fixes a student of the campaign to an offered project before any run, with the reason
// (required, at most domain::max_allocation_reason characters); written to the audit log.
PreAllocationOutcome pre_allocate(const Context& context, long long campaign_id, long long person_id,
                                  const std::string& project_slug, const std::string& reason, long long actor_id);

struct RunInput {
    long long campaign_id = 0, actor_id = 0;
    std::string algorithm;  // stable | welfare
    bool respect_min_size = false;
    std::optional<std::uint64_t> seed;  // none: drawn at random (and stored)
};
struct RunOutcome {
    enum class Kind { stored, not_found, not_closed, bad_algorithm, nobody } kind = Kind::stored;
    long long run_id = 0;
};
// Students who did not rank are left out (reported as "did not rank"); pre-allocated students
// take their place first and the engine shares the others.
RunOutcome run_allocation(const Context& context, const RunInput& input);

struct RunMoveOutcome {
    enum class Kind { moved, not_found, published, unknown_project } kind = Kind::moved;
    int blocking_before = 0, blocking_after = 0;  // blocking pairs (SPA stability) before and after the move
};
// Moves a student of a run to another offered project (0: unassigned); audited.
RunMoveOutcome move_student(const Context& context, long long run_id, long long person_id, long long project_id,
                            long long actor_id);

struct PublishOutcome {
    enum class Kind { published, not_found, already_published, not_closed } kind = Kind::published;
    int teams = 0, students = 0;
};
// Forms the teams of the run, moves their projects to in progress, and tells the students, the
// beneficiaries' members and the supervisors.
PublishOutcome publish_run(const Context& context, long long run_id, long long actor_id);

// Where the campaign stands at `now` (domain::campaign_state on its record).
domain::CampaignState state_of(const store::CampaignRecord& campaign, Clock::time_point now);

// Every student of a campaign with their project and rank, in the published run, else the latest
// one (run 0: none yet), for the API's and the CLI's exports.
struct CampaignExport {
    long long campaign_id = 0, run_id = 0;
    struct Row {
        std::string email, name, project;  // project: "" when unassigned
        int rank = 0;                      // 0: unassigned or not one of their choices
    };
    std::vector<Row> rows;
};
CampaignExport campaign_export(soci::session& session, const store::CampaignRecord& campaign);
// As French spreadsheet software opens it (domain::write_csv), and as JSON (project null when none).
std::string export_csv(const CampaignExport& exported);
std::string export_json(const CampaignExport& exported);
// One project's roster: the rows of the students placed in it.
CampaignExport roster_of(CampaignExport exported, const std::string& project_slug);
// The export of every student ("" project) or one offered project's roster; nullopt when the
// campaign does not offer that project. What the API, the page and the CLI export.
std::optional<CampaignExport> campaign_export(soci::session& session, const store::CampaignRecord& campaign,
                                              const std::string& project_slug);

// Why a student got what they got in the published run: for each project ranked above it, the
// engine's reason in words (never naming anyone).
struct TeamExplanation {
    std::string campaign, project_slug, project_title;
    int rank = 0;
    std::vector<std::pair<std::string, std::string>> better_choices;  // (project title, reason code)
};
std::vector<TeamExplanation> teams_of_student(soci::session& session, long long person_id);

}  // namespace latitudes::service
