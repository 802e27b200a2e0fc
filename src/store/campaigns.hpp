#pragma once
// Campaigns, their offered projects, the students' rankings, pre-allocations and stored
// allocation runs with their assignments (migration 0010).
#include "store/accounts.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct CampaignRecord {
    long long id = 0, school_id = 0, semester_id = 0;
    std::string title, opens_at, closes_at;
    int choices = 5, min_choices = 1;
    long long published_run_id = 0;
    std::string published_at, created_at;
    std::string school_slug, school_name, semester_code;
};

struct OfferedProject {
    long long project_id = 0;
    std::string slug, title, organisation;
    int team_min = 1, team_max = 1;
    long long supervisor_id = 0;  // 0: none
    int supervisor_limit = 0;     // 0: no limit
    std::string supervisor_name;
};

struct NewCampaign {
    long long school_id = 0, semester_id = 0;
    std::string title, opens_at, closes_at;  // ISO instants
    int choices = 5, min_choices = 1;
    std::vector<long long> cohort_ids;
    std::vector<OfferedProject> projects;  // project_id, team sizes, supervisor
};

// A student who may rank in the campaign: an active student, with an account, of one of its cohorts.
struct CampaignStudent {
    long long person_id = 0;
    std::string email, display_name;
};

struct PreAllocation {
    long long person_id = 0, project_id = 0;
    std::string reason;
};

struct RunRecord {
    long long id = 0, campaign_id = 0;
    std::string algorithm;
    bool respect_min_size = false;
    std::string seed, input, result, stats, created_at;
};

struct RunAssignment {
    long long person_id = 0;
    long long project_id = 0;  // 0: unassigned
    int rank = 0;
    bool moved = false;
};

class CampaignRepository {
public:
    explicit CampaignRepository(soci::session& session) : s_(session) {}

    long long create(const NewCampaign& campaign, long long created_by, Clock::time_point now);
    std::optional<CampaignRecord> find(long long id);
    std::vector<CampaignRecord> of_school(long long school_id);
    // The campaigns a person ranks in (through their cohorts).
    std::vector<CampaignRecord> of_student(long long person_id);
    std::vector<long long> cohort_ids(long long campaign_id);
    std::vector<OfferedProject> projects(long long campaign_id);
    std::vector<CampaignStudent> students(long long campaign_id);
    bool is_student(long long campaign_id, long long person_id);
    // How many students the campaign has, and how many of them saved a ranking (counted in SQL:
    // the campaign's page shows them, and reading 2,000 rankings to count them would be wasted).
    long long student_count(long long campaign_id);
    long long ranked_count(long long campaign_id);

    // Project ids in the student's order (position 1 first).
    std::vector<long long> ranking(long long campaign_id, long long person_id);
    std::string ranking_saved_at(long long campaign_id, long long person_id);
    // Replaces the whole ranking.
    void save_ranking(long long campaign_id, long long person_id, const std::vector<long long>& project_ids,
                      Clock::time_point now);
    // Every student's ranking, by person.
    std::map<long long, std::vector<long long>> rankings(long long campaign_id);

    std::vector<PreAllocation> pre_allocations(long long campaign_id);
    void set_pre_allocation(long long campaign_id, const PreAllocation& fixed, long long by, Clock::time_point now);

    long long store_run(const RunRecord& run, const std::vector<RunAssignment>& assignments, long long by, Clock::time_point now);
    std::vector<RunRecord> runs(long long campaign_id);
    std::optional<RunRecord> run(long long run_id);
    std::vector<RunAssignment> assignments(long long run_id);
    // A manual move, recorded with the blocking pairs before and after.
    void move(long long run_id, long long person_id, long long from_project, long long to_project, int rank, int blocking_before,
              int blocking_after, long long actor, Clock::time_point now);
    // A published student project that may be offered (framed team size), by slug.
    std::optional<OfferedProject> student_project(const std::string& slug);
    long long beneficiary_of(long long project_id);
    // Forms (or completes) the team of a project for the campaign's school and semester; returns its id.
    long long form_team(long long project_id, long long school_id, long long semester_id, long long campaign_id,
                        const std::vector<long long>& members);
    // The teams a person belongs to that a campaign formed: (campaign id, project id).
    std::vector<std::pair<long long, long long>> campaign_teams_of(long long person_id);

    // Marks the run published; false when the campaign already had one published.
    bool mark_published(long long campaign_id, long long run_id, Clock::time_point now);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
