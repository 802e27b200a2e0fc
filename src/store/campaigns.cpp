#include "store/campaigns.hpp"

#include "store/query.hpp"

namespace latitudes::store {

namespace {

constexpr const char* campaign_columns =
    "SELECT c.id, c.school_id, c.semester_id, c.title, c.opens_at, c.closes_at, c.choices, c.min_choices, "
    "COALESCE(c.published_run_id, 0), c.published_at, c.created_at, o.slug, o.name, se.code "
    "FROM campaigns c JOIN organisations o ON o.id = c.school_id JOIN semesters se ON se.id = c.semester_id ";

CampaignRecord campaign_of(const soci::row& r) {
    CampaignRecord c;
    c.id = column_int(r, 0);
    c.school_id = column_int(r, 1);
    c.semester_id = column_int(r, 2);
    c.title = column_text(r, 3);
    c.opens_at = column_text(r, 4);
    c.closes_at = column_text(r, 5);
    c.choices = static_cast<int>(column_int(r, 6));
    c.min_choices = static_cast<int>(column_int(r, 7));
    c.published_run_id = column_int(r, 8);
    c.published_at = column_text(r, 9);
    c.created_at = column_text(r, 10);
    c.school_slug = column_text(r, 11);
    c.school_name = column_text(r, 12);
    c.semester_code = column_text(r, 13);
    return c;
}

constexpr const char* run_columns =
    "SELECT id, campaign_id, algorithm, respect_min_size, seed, input, result, stats, created_at FROM allocation_runs ";

RunRecord run_of(const soci::row& r) {
    return {column_int(r, 0),  column_int(r, 1),  column_text(r, 2), column_int(r, 3) == 1, column_text(r, 4),
            column_text(r, 5), column_text(r, 6), column_text(r, 7), column_text(r, 8)};
}

}  // namespace

long long CampaignRepository::create(const NewCampaign& c, long long created_by, Clock::time_point now) {
    const long long id =
        Query(
            "INSERT INTO campaigns (school_id, semester_id, title, opens_at, closes_at, choices, min_choices, created_by, "
            "created_at) VALUES (:school, :semester, :title, :opens, :closes, :choices, :min, NULLIF(:by, 0), :at) RETURNING id")
            .bind("school", c.school_id)
            .bind("semester", c.semester_id)
            .bind("title", c.title)
            .bind("opens", c.opens_at)
            .bind("closes", c.closes_at)
            .bind("choices", c.choices)
            .bind("min", c.min_choices)
            .bind("by", created_by)
            .bind("at", iso_utc(now))
            .scalar(s_);
    for (long long cohort : c.cohort_ids)
        Query("INSERT INTO campaign_cohorts (campaign_id, cohort_id) VALUES (:campaign, :cohort)")
            .bind("campaign", id)
            .bind("cohort", cohort)
            .execute(s_);
    for (const auto& p : c.projects)
        Query("INSERT INTO campaign_projects (campaign_id, project_id, team_min, team_max, supervisor_id, supervisor_limit) "
              "VALUES (:campaign, :project, :min, :max, NULLIF(:supervisor, 0), NULLIF(:limit, 0))")
            .bind("campaign", id)
            .bind("project", p.project_id)
            .bind("min", p.team_min)
            .bind("max", p.team_max)
            .bind("supervisor", p.supervisor_id)
            .bind("limit", p.supervisor_limit)
            .execute(s_);
    return id;
}

std::optional<CampaignRecord> CampaignRepository::find(long long id) {
    std::optional<CampaignRecord> found;
    Query(std::string(campaign_columns) + "WHERE c.id = :id").bind("id", id).for_each(s_, [&](const soci::row& r) {
        found = campaign_of(r);
    });
    return found;
}

std::vector<CampaignRecord> CampaignRepository::of_school(long long school_id) {
    std::vector<CampaignRecord> list;
    Query(std::string(campaign_columns) + "WHERE c.school_id = :school ORDER BY c.closes_at DESC, c.id DESC")
        .bind("school", school_id)
        .for_each(s_, [&](const soci::row& r) { list.push_back(campaign_of(r)); });
    return list;
}

std::vector<CampaignRecord> CampaignRepository::of_student(long long person_id) {
    std::vector<CampaignRecord> list;
    Query(std::string(campaign_columns) +
          "WHERE c.id IN (SELECT cc.campaign_id FROM campaign_cohorts cc JOIN cohort_students cs ON cs.cohort_id = cc.cohort_id "
          "WHERE cs.person_id = :person AND cs.removed_at IS NULL) ORDER BY c.closes_at DESC, c.id DESC")
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) { list.push_back(campaign_of(r)); });
    return list;
}

std::vector<long long> CampaignRepository::cohort_ids(long long campaign_id) {
    std::vector<long long> ids;
    Query("SELECT cohort_id FROM campaign_cohorts WHERE campaign_id = :campaign ORDER BY cohort_id")
        .bind("campaign", campaign_id)
        .for_each(s_, [&](const soci::row& r) { ids.push_back(column_int(r, 0)); });
    return ids;
}

std::vector<OfferedProject> CampaignRepository::projects(long long campaign_id) {
    std::vector<OfferedProject> list;
    Query("SELECT p.id, p.slug, p.title, o.name, cp.team_min, cp.team_max, COALESCE(cp.supervisor_id, 0), "
          "COALESCE(cp.supervisor_limit, 0), COALESCE(pe.display_name, '') FROM campaign_projects cp "
          "JOIN projects p ON p.id = cp.project_id JOIN organisations o ON o.id = p.beneficiary_id "
          "LEFT JOIN people pe ON pe.id = cp.supervisor_id WHERE cp.campaign_id = :campaign ORDER BY p.title, p.id")
        .bind("campaign", campaign_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3),
                            static_cast<int>(column_int(r, 4)), static_cast<int>(column_int(r, 5)), column_int(r, 6),
                            static_cast<int>(column_int(r, 7)), column_text(r, 8)});
        });
    return list;
}

std::vector<CampaignStudent> CampaignRepository::students(long long campaign_id) {
    std::vector<CampaignStudent> list;
    Query("SELECT DISTINCT pe.id, pe.email, pe.display_name FROM campaign_cohorts cc "
          "JOIN cohort_students cs ON cs.cohort_id = cc.cohort_id AND cs.removed_at IS NULL "
          "JOIN people pe ON pe.id = cs.person_id WHERE cc.campaign_id = :campaign ORDER BY pe.id")
        .bind("campaign", campaign_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2)});
        });
    return list;
}

bool CampaignRepository::is_student(long long campaign_id, long long person_id) {
    return Query("SELECT COUNT(*) FROM campaign_cohorts cc JOIN cohort_students cs ON cs.cohort_id = cc.cohort_id "
                 "WHERE cc.campaign_id = :campaign AND cs.person_id = :person AND cs.removed_at IS NULL")
               .bind("campaign", campaign_id)
               .bind("person", person_id)
               .scalar(s_) > 0;
}

long long CampaignRepository::student_count(long long campaign_id) {
    return Query(
               "SELECT COUNT(DISTINCT cs.person_id) FROM campaign_cohorts cc JOIN cohort_students cs ON cs.cohort_id = cc.cohort_id "
               "AND cs.removed_at IS NULL WHERE cc.campaign_id = :campaign AND cs.person_id IS NOT NULL")
        .bind("campaign", campaign_id)
        .scalar(s_);
}

long long CampaignRepository::ranked_count(long long campaign_id) {
    return Query("SELECT COUNT(DISTINCT person_id) FROM rankings WHERE campaign_id = :campaign")
        .bind("campaign", campaign_id)
        .scalar(s_);
}

std::vector<long long> CampaignRepository::ranking(long long campaign_id, long long person_id) {
    std::vector<long long> ids;
    Query("SELECT project_id FROM rankings WHERE campaign_id = :campaign AND person_id = :person ORDER BY position")
        .bind("campaign", campaign_id)
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) { ids.push_back(column_int(r, 0)); });
    return ids;
}

std::string CampaignRepository::ranking_saved_at(long long campaign_id, long long person_id) {
    std::string at;
    Query("SELECT MAX(saved_at) FROM rankings WHERE campaign_id = :campaign AND person_id = :person")
        .bind("campaign", campaign_id)
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) { at = column_text(r, 0); });
    return at;
}

void CampaignRepository::save_ranking(long long campaign_id, long long person_id, const std::vector<long long>& project_ids,
                                      Clock::time_point now) {
    Query("DELETE FROM rankings WHERE campaign_id = :campaign AND person_id = :person")
        .bind("campaign", campaign_id)
        .bind("person", person_id)
        .execute(s_);
    long long position = 0;
    for (long long project : project_ids)
        Query("INSERT INTO rankings (campaign_id, person_id, position, project_id, saved_at) "
              "VALUES (:campaign, :person, :position, :project, :at)")
            .bind("campaign", campaign_id)
            .bind("person", person_id)
            .bind("position", ++position)
            .bind("project", project)
            .bind("at", iso_utc(now))
            .execute(s_);
}

std::map<long long, std::vector<long long>> CampaignRepository::rankings(long long campaign_id) {
    std::map<long long, std::vector<long long>> all;
    Query("SELECT person_id, project_id FROM rankings WHERE campaign_id = :campaign ORDER BY person_id, position")
        .bind("campaign", campaign_id)
        .for_each(s_, [&](const soci::row& r) { all[column_int(r, 0)].push_back(column_int(r, 1)); });
    return all;
}

std::vector<PreAllocation> CampaignRepository::pre_allocations(long long campaign_id) {
    std::vector<PreAllocation> list;
    Query("SELECT person_id, project_id, reason FROM campaign_pre_allocations WHERE campaign_id = :campaign ORDER BY person_id")
        .bind("campaign", campaign_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0), column_int(r, 1), column_text(r, 2)});
        });
    return list;
}

void CampaignRepository::set_pre_allocation(long long campaign_id, const PreAllocation& fixed, long long by,
                                            Clock::time_point now) {
    Query("DELETE FROM campaign_pre_allocations WHERE campaign_id = :campaign AND person_id = :person")
        .bind("campaign", campaign_id)
        .bind("person", fixed.person_id)
        .execute(s_);
    Query("INSERT INTO campaign_pre_allocations (campaign_id, person_id, project_id, reason, created_by, created_at) "
          "VALUES (:campaign, :person, :project, :reason, NULLIF(:by, 0), :at)")
        .bind("campaign", campaign_id)
        .bind("person", fixed.person_id)
        .bind("project", fixed.project_id)
        .bind("reason", fixed.reason)
        .bind("by", by)
        .bind("at", iso_utc(now))
        .execute(s_);
}

long long CampaignRepository::store_run(const RunRecord& run, const std::vector<RunAssignment>& assignments, long long by,
                                        Clock::time_point now) {
    const long long id =
        Query("INSERT INTO allocation_runs (campaign_id, algorithm, respect_min_size, seed, input, result, stats, created_by, "
              "created_at) VALUES (:campaign, :algorithm, :respect, :seed, :input, :result, :stats, NULLIF(:by, 0), :at) "
              "RETURNING id")
            .bind("campaign", run.campaign_id)
            .bind("algorithm", run.algorithm)
            .bind("respect", run.respect_min_size ? 1LL : 0LL)
            .bind("seed", run.seed)
            .bind("input", run.input)
            .bind("result", run.result)
            .bind("stats", run.stats)
            .bind("by", by)
            .bind("at", iso_utc(now))
            .scalar(s_);
    for (const auto& a : assignments)
        Query("INSERT INTO allocation_assignments (run_id, person_id, project_id, rank, moved) "
              "VALUES (:run, :person, NULLIF(:project, 0), :rank, 0)")
            .bind("run", id)
            .bind("person", a.person_id)
            .bind("project", a.project_id)
            .bind("rank", a.rank)
            .execute(s_);
    return id;
}

std::vector<RunRecord> CampaignRepository::runs(long long campaign_id) {
    std::vector<RunRecord> list;
    Query(std::string(run_columns) + "WHERE campaign_id = :campaign ORDER BY id")
        .bind("campaign", campaign_id)
        .for_each(s_, [&](const soci::row& r) { list.push_back(run_of(r)); });
    return list;
}

std::optional<RunRecord> CampaignRepository::run(long long run_id) {
    std::optional<RunRecord> found;
    Query(std::string(run_columns) + "WHERE id = :id").bind("id", run_id).for_each(s_, [&](const soci::row& r) {
        found = run_of(r);
    });
    return found;
}

std::vector<RunAssignment> CampaignRepository::assignments(long long run_id) {
    std::vector<RunAssignment> list;
    Query("SELECT person_id, COALESCE(project_id, 0), rank, moved FROM allocation_assignments WHERE run_id = :run "
          "ORDER BY person_id")
        .bind("run", run_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0), column_int(r, 1), static_cast<int>(column_int(r, 2)), column_int(r, 3) == 1});
        });
    return list;
}

void CampaignRepository::move(long long run_id, long long person_id, long long from_project, long long to_project, int rank,
                              int blocking_before, int blocking_after, long long actor, Clock::time_point now) {
    Query("UPDATE allocation_assignments SET project_id = NULLIF(:project, 0), rank = :rank, moved = 1 "
          "WHERE run_id = :run AND person_id = :person")
        .bind("project", to_project)
        .bind("rank", rank)
        .bind("run", run_id)
        .bind("person", person_id)
        .execute(s_);
    Query("INSERT INTO allocation_moves (run_id, person_id, from_project_id, to_project_id, blocking_before, blocking_after, "
          "actor_id, at) VALUES (:run, :person, NULLIF(:from, 0), NULLIF(:to, 0), :before, :after, NULLIF(:actor, 0), :at)")
        .bind("run", run_id)
        .bind("person", person_id)
        .bind("from", from_project)
        .bind("to", to_project)
        .bind("before", blocking_before)
        .bind("after", blocking_after)
        .bind("actor", actor)
        .bind("at", iso_utc(now))
        .execute(s_);
}

std::optional<OfferedProject> CampaignRepository::student_project(const std::string& slug) {
    std::optional<OfferedProject> found;
    Query("SELECT p.id, p.slug, p.title, o.name, p.team_min, p.team_max FROM projects p "
          "JOIN organisations o ON o.id = p.beneficiary_id "
          "WHERE p.slug = :slug AND p.status = 'published' AND p.format = 'student_project'")
        .bind("slug", slug)
        .for_each(s_, [&](const soci::row& r) {
            found = OfferedProject{column_int(r, 0),
                                   column_text(r, 1),
                                   column_text(r, 2),
                                   column_text(r, 3),
                                   static_cast<int>(column_int(r, 4)),
                                   static_cast<int>(column_int(r, 5)),
                                   0,
                                   0,
                                   ""};
        });
    return found;
}

long long CampaignRepository::beneficiary_of(long long project_id) {
    return Query("SELECT beneficiary_id FROM projects WHERE id = :id").bind("id", project_id).scalar(s_);
}

long long CampaignRepository::form_team(long long project_id, long long school_id, long long semester_id, long long campaign_id,
                                        const std::vector<long long>& members) {
    long long team = Query(
                         "SELECT COALESCE(MAX(id), 0) FROM teams WHERE project_id = :p AND school_id = :s AND semester_id = :se")
                         .bind("p", project_id)
                         .bind("s", school_id)
                         .bind("se", semester_id)
                         .scalar(s_);
    if (team == 0)
        team = Query("INSERT INTO teams (project_id, school_id, semester_id, campaign_id) VALUES (:p, :s, :se, :c) RETURNING id")
                   .bind("p", project_id)
                   .bind("s", school_id)
                   .bind("se", semester_id)
                   .bind("c", campaign_id)
                   .scalar(s_);
    for (long long person : members)
        Query("INSERT INTO team_members (team_id, person_id) VALUES (:team, :person) ON CONFLICT DO NOTHING")
            .bind("team", team)
            .bind("person", person)
            .execute(s_);
    return team;
}

std::vector<std::pair<long long, long long>> CampaignRepository::campaign_teams_of(long long person_id) {
    std::vector<std::pair<long long, long long>> list;
    Query("SELECT t.campaign_id, t.project_id FROM team_members tm JOIN teams t ON t.id = tm.team_id "
          "WHERE tm.person_id = :person AND t.campaign_id IS NOT NULL ORDER BY t.id")
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) { list.emplace_back(column_int(r, 0), column_int(r, 1)); });
    return list;
}

bool CampaignRepository::mark_published(long long campaign_id, long long run_id, Clock::time_point now) {
    // One conditional UPDATE: of two publications at once, one wins.
    return Query("UPDATE campaigns SET published_run_id = :run, published_at = :at WHERE id = :id AND published_run_id IS NULL")
               .bind("run", run_id)
               .bind("at", iso_utc(now))
               .bind("id", campaign_id)
               .execute(s_) == 1;
}

}  // namespace latitudes::store
