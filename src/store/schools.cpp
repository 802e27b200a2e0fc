#include "store/schools.hpp"

#include "store/query.hpp"

namespace latitudes::store {

std::vector<SchoolTeam> SchoolRepository::teams(long long school_id) {
    std::vector<SchoolTeam> list;
    Query("SELECT t.id, (SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id), p.slug, p.title, o.name, se.code "
          "FROM teams t JOIN projects p ON p.id = t.project_id JOIN organisations o ON o.id = p.beneficiary_id "
          "JOIN semesters se ON se.id = t.semester_id WHERE t.school_id = :school ORDER BY se.starts_on DESC, p.title, t.id")
        .bind("school", school_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0), column_int(r, 1), column_text(r, 2), column_text(r, 3), column_text(r, 4),
                            column_text(r, 5)});
        });
    return list;
}

std::vector<SupervisedTeam> SchoolRepository::supervised_teams(long long person_id) {
    std::vector<SupervisedTeam> list;
    Query("SELECT c.id, c.title, p.slug, p.title, pe.display_name, COALESCE(pe.email, '') FROM campaign_projects cp "
          "JOIN campaigns c ON c.id = cp.campaign_id AND c.published_run_id IS NOT NULL "
          "JOIN projects p ON p.id = cp.project_id "
          "JOIN teams t ON t.campaign_id = c.id AND t.project_id = cp.project_id "
          "JOIN team_members m ON m.team_id = t.id JOIN people pe ON pe.id = m.person_id "
          "WHERE cp.supervisor_id = :person ORDER BY c.id, p.title, p.id, pe.display_name, pe.id")
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) {
            const std::string slug = column_text(r, 2);
            if (list.empty() || list.back().project_slug != slug || list.back().campaign != column_text(r, 1))
                list.push_back({column_text(r, 1), slug, column_text(r, 3), {}});
            list.back().members.emplace_back(column_text(r, 4), column_text(r, 5));
        });
    return list;
}

SchoolFigures SchoolRepository::figures(long long school_id) {
    SchoolFigures f;
    Query("SELECT (SELECT COUNT(*) FROM cohorts WHERE school_id = :a), "
          "(SELECT COUNT(DISTINCT cs.email) FROM cohort_students cs JOIN cohorts c ON c.id = cs.cohort_id "
          "  WHERE c.school_id = :b AND cs.removed_at IS NULL), "
          "(SELECT COUNT(*) FROM campaigns WHERE school_id = :c), "
          "(SELECT COUNT(*) FROM teams WHERE school_id = :d), "
          "(SELECT COUNT(DISTINCT m.person_id) FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.school_id = :e)")
        .bind("a", school_id)
        .bind("b", school_id)
        .bind("c", school_id)
        .bind("d", school_id)
        .bind("e", school_id)
        .for_each(s_, [&](const soci::row& r) {
            f = {column_int(r, 0), column_int(r, 1), column_int(r, 2), column_int(r, 3), column_int(r, 4)};
        });
    return f;
}

SchoolRepository::MovesSoFar SchoolRepository::moves(long long run_id) {
    MovesSoFar m;
    m.count = Query("SELECT COUNT(*) FROM allocation_moves WHERE run_id = :run").bind("run", run_id).scalar(s_);
    if (m.count)
        m.blocking_pairs = static_cast<int>(
            Query(
                "SELECT blocking_after FROM allocation_moves WHERE id = (SELECT MAX(id) FROM allocation_moves WHERE run_id = :run)")
                .bind("run", run_id)
                .scalar(s_));
    return m;
}

CampaignSkills SchoolRepository::campaign_skills(long long campaign_id) {
    CampaignSkills skills;
    Query(
        "SELECT ps.project_id, sk.slug, ps.level FROM project_skills ps JOIN skills sk ON sk.id = ps.skill_id "
        "JOIN campaign_projects cp ON cp.project_id = ps.project_id WHERE cp.campaign_id = :campaign ORDER BY ps.project_id, sk.slug")
        .bind("campaign", campaign_id)
        .for_each(s_, [&](const soci::row& r) {
            skills.projects[column_int(r, 0)].emplace_back(column_text(r, 1), static_cast<int>(column_int(r, 2)));
        });
    Query("SELECT DISTINCT ps.person_id, sk.slug, ps.level FROM person_skills ps JOIN skills sk ON sk.id = ps.skill_id "
          "JOIN cohort_students cs ON cs.person_id = ps.person_id AND cs.removed_at IS NULL "
          "JOIN campaign_cohorts cc ON cc.cohort_id = cs.cohort_id WHERE cc.campaign_id = :campaign "
          "ORDER BY ps.person_id, sk.slug")
        .bind("campaign", campaign_id)
        .for_each(s_, [&](const soci::row& r) {
            skills.students[column_int(r, 0)].emplace_back(column_text(r, 1), static_cast<int>(column_int(r, 2)));
        });
    return skills;
}

std::vector<OfferedProject> SchoolRepository::offerable_projects(long long semester_id) {
    std::vector<OfferedProject> list;
    Query("SELECT p.id, p.slug, p.title, o.name, p.team_min, p.team_max FROM projects p "
          "JOIN organisations o ON o.id = p.beneficiary_id "
          "WHERE p.semester_id = :semester AND p.status = 'published' AND p.format = 'student_project' ORDER BY p.title, p.id")
        .bind("semester", semester_id)
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3),
                            static_cast<int>(column_int(r, 4)), static_cast<int>(column_int(r, 5)), 0, 0, ""});
        });
    return list;
}

}  // namespace latitudes::store
