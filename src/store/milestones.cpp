#include "store/milestones.hpp"

#include "store/query.hpp"

namespace latitudes::store {

namespace {

domain::MilestoneStep step_of_row(const soci::row& r) {
    domain::MilestoneStep s;
    s.id = column_int(r, 0);
    s.position = static_cast<int>(column_int(r, 1));
    s.title_fr = column_text(r, 2);
    s.title_en = column_text(r, 3);
    s.description_fr = column_text(r, 4);
    s.description_en = column_text(r, 5);
    s.anchor = column_text(r, 6);
    s.offset_weeks = static_cast<int>(column_int(r, 7));
    s.owner_role = column_text(r, 8);
    s.weekly = column_int(r, 9) != 0;
    return s;
}

constexpr const char* step_select =
    "SELECT id, position, title_fr, title_en, description_fr, description_en, anchor, offset_weeks, owner_role, weekly "
    "FROM milestone_templates ";

constexpr const char* milestone_select =
    "SELECT m.id, m.team_id, COALESCE(m.step_id, 0), COALESCE(m.owner_id, 0), m.occurrence, m.title_fr, m.title_en, "
    "m.description_fr, m.description_en, m.due_on, m.state, COALESCE(m.done_at, ''), COALESCE(pe.display_name, ''), "
    "COALESCE(pe.email, '') FROM milestones m LEFT JOIN people pe ON pe.id = m.owner_id ";

MilestoneRecord milestone_of_row(const soci::row& r) {
    MilestoneRecord m;
    m.id = column_int(r, 0);
    m.team_id = column_int(r, 1);
    m.step_id = column_int(r, 2);
    m.owner_id = column_int(r, 3);
    m.occurrence = static_cast<int>(column_int(r, 4));
    m.title_fr = column_text(r, 5);
    m.title_en = column_text(r, 6);
    m.description_fr = column_text(r, 7);
    m.description_en = column_text(r, 8);
    m.due_on = column_text(r, 9);
    m.state = column_text(r, 10);
    m.done_at = column_text(r, 11);
    m.owner_name = column_text(r, 12);
    m.owner_email = column_text(r, 13);
    return m;
}

Query& bind_step(Query& q, const domain::MilestoneStep& step) {
    return q.bind("position", step.position)
        .bind("title_fr", step.title_fr)
        .bind("title_en", step.title_en)
        .bind("description_fr", step.description_fr)
        .bind("description_en", step.description_en)
        .bind("anchor", step.anchor)
        .bind("offset", step.offset_weeks)
        .bind("owner_role", step.owner_role)
        .bind("weekly", step.weekly ? 1 : 0);
}

}  // namespace

std::vector<domain::MilestoneStep> MilestoneRepository::steps() {
    std::vector<domain::MilestoneStep> all;
    Query(std::string(step_select) + "ORDER BY position, id").for_each(s_, [&](const soci::row& r) {
        all.push_back(step_of_row(r));
    });
    return all;
}

std::optional<domain::MilestoneStep> MilestoneRepository::step(long long id) {
    std::optional<domain::MilestoneStep> found;
    Query(std::string(step_select) + "WHERE id = :id").bind("id", id).for_each(s_, [&](const soci::row& r) {
        found = step_of_row(r);
    });
    return found;
}

long long MilestoneRepository::add_step(const domain::MilestoneStep& step) {
    Query q("INSERT INTO milestone_templates (position, title_fr, title_en, description_fr, description_en, anchor, "
            "offset_weeks, owner_role, weekly) VALUES (:position, :title_fr, :title_en, :description_fr, :description_en, "
            ":anchor, :offset, :owner_role, :weekly) RETURNING id");
    return bind_step(q, step).scalar(s_);
}

bool MilestoneRepository::update_step(const domain::MilestoneStep& step) {
    Query q("UPDATE milestone_templates SET position = :position, title_fr = :title_fr, title_en = :title_en, "
            "description_fr = :description_fr, description_en = :description_en, anchor = :anchor, offset_weeks = :offset, "
            "owner_role = :owner_role, weekly = :weekly WHERE id = :id");
    bind_step(q, step).bind("id", step.id);
    return q.execute(s_) > 0;
}

bool MilestoneRepository::delete_step(long long id) {
    return Query("DELETE FROM milestone_templates WHERE id = :id").bind("id", id).execute(s_) > 0;
}

int MilestoneRepository::form_milestones(long long team_id, Clock::time_point now) {
    if (Query("SELECT COUNT(*) FROM milestones WHERE team_id = :t").bind("t", team_id).scalar(s_) > 0) return 0;
    TeamRepository teams(s_);
    const auto team = teams.find(team_id);
    if (!team) return 0;
    const std::string formed = team->formed_at.empty() ? iso_utc(now) : team->formed_at;
    if (team->formed_at.empty())
        Query("UPDATE teams SET formed_at = :at WHERE id = :t AND formed_at IS NULL")
            .bind("at", formed)
            .bind("t", team_id)
            .execute(s_);
    long long student = team->students.empty() ? 0 : team->students.front().person_id;
    long long supervisor = team->supervisor ? team->supervisor->person_id : 0;
    long long contact = Query("SELECT COALESCE(MIN(person_id), 0) FROM memberships WHERE organisation_id = :o")
                            .bind("o", team->organisation_id)
                            .scalar(s_);
    const auto planned = domain::plan_milestones(steps(), formed.substr(0, 10), team->semester_ends_on);
    const std::string at = iso_utc(now);
    for (const auto& m : planned) {
        const long long owner = m.owner_role == "team" ? student : m.owner_role == "supervisor" ? supervisor : contact;
        Query q("INSERT INTO milestones (team_id, step_id, occurrence, title_fr, title_en, description_fr, description_en, "
                "due_on, owner_id, created_at) VALUES (:t, :step, :occurrence, :title_fr, :title_en, :description_fr, "
                ":description_en, :due_on, ");
        q.append(owner ? ":owner" : "NULL").append(", :at)");
        q.bind("t", team_id)
            .bind("step", m.step_id)
            .bind("occurrence", m.occurrence)
            .bind("title_fr", m.occurrence ? m.title_fr + " " + std::to_string(m.occurrence) : m.title_fr)
            .bind("title_en", m.occurrence ? m.title_en + " " + std::to_string(m.occurrence) : m.title_en)
            .bind("description_fr", m.description_fr)
            .bind("description_en", m.description_en)
            .bind("due_on", m.due_on)
            .bind("at", at);
        if (owner) q.bind("owner", owner);
        q.execute(s_);
    }
    return static_cast<int>(planned.size());
}

std::vector<MilestoneRecord> MilestoneRepository::of_team(long long team_id) {
    std::vector<MilestoneRecord> all;
    Query(std::string(milestone_select) + "WHERE m.team_id = :t ORDER BY m.due_on, m.id")
        .bind("t", team_id)
        .for_each(s_, [&](const soci::row& r) { all.push_back(milestone_of_row(r)); });
    return all;
}

std::optional<MilestoneRecord> MilestoneRepository::find(long long team_id, long long milestone_id) {
    std::optional<MilestoneRecord> found;
    Query(std::string(milestone_select) + "WHERE m.team_id = :t AND m.id = :id")
        .bind("t", team_id)
        .bind("id", milestone_id)
        .for_each(s_, [&](const soci::row& r) { found = milestone_of_row(r); });
    return found;
}

long long MilestoneRepository::add(long long team_id, const std::string& title, const std::string& due_on, long long owner_id,
                                   Clock::time_point now) {
    // Typed in one language: both titles say it.
    Query q("INSERT INTO milestones (team_id, title_fr, title_en, due_on, owner_id, created_at) VALUES (:t, :title_fr, "
            ":title_en, :due_on, ");
    q.append(owner_id ? ":owner" : "NULL").append(", :at) RETURNING id");
    q.bind("t", team_id).bind("title_fr", title).bind("title_en", title).bind("due_on", due_on).bind("at", iso_utc(now));
    if (owner_id) q.bind("owner", owner_id);
    return q.scalar(s_);
}

void MilestoneRepository::plan(long long milestone_id, const std::string& due_on, long long owner_id) {
    Query q(
        "UPDATE milestones SET reminded_at = CASE WHEN due_on = :due1 THEN reminded_at ELSE NULL END, due_on = :due2, owner_id = ");
    q.append(owner_id ? ":owner" : "NULL").append(" WHERE id = :id");
    q.bind("due1", due_on).bind("due2", due_on).bind("id", milestone_id);
    if (owner_id) q.bind("owner", owner_id);
    q.execute(s_);
}

void MilestoneRepository::set_state(long long milestone_id, const std::string& state, Clock::time_point now) {
    Query q("UPDATE milestones SET state = :state, done_at = ");
    q.append(state == "done" ? ":at" : "NULL").append(" WHERE id = :id");
    q.bind("state", state).bind("id", milestone_id);
    if (state == "done") q.bind("at", iso_utc(now));
    q.execute(s_);
}

long long MilestoneRepository::overdue_count(long long team_id, const std::string& today) {
    return Query("SELECT COUNT(*) FROM milestones WHERE team_id = :t AND state <> 'done' AND due_on < :today")
        .bind("t", team_id)
        .bind("today", today)
        .scalar(s_);
}

std::vector<OverdueMilestone> MilestoneRepository::overdue_unreminded(const std::string& today, int limit) {
    std::vector<OverdueMilestone> due;
    Query("SELECT m.id, m.team_id, m.owner_id, m.title_fr, m.title_en, m.due_on, p.title, pe.display_name, pe.email "
          "FROM milestones m JOIN people pe ON pe.id = m.owner_id JOIN teams t ON t.id = m.team_id "
          "JOIN projects p ON p.id = t.project_id "
          "WHERE m.state <> 'done' AND m.due_on < :today AND m.reminded_at IS NULL AND pe.email IS NOT NULL "
          "ORDER BY m.id LIMIT :limit")
        .bind("today", today)
        .bind("limit", limit)
        .for_each(s_, [&](const soci::row& r) {
            due.push_back({column_int(r, 0), column_int(r, 1), column_int(r, 2), column_text(r, 3), column_text(r, 4),
                           column_text(r, 5), column_text(r, 6), column_text(r, 7), column_text(r, 8)});
        });
    return due;
}

bool MilestoneRepository::mark_reminded(long long milestone_id, Clock::time_point now) {
    return Query("UPDATE milestones SET reminded_at = :at WHERE id = :id AND reminded_at IS NULL")
               .bind("at", iso_utc(now))
               .bind("id", milestone_id)
               .execute(s_) == 1;
}

void form_milestones_of_existing_teams(soci::session& session) {
    std::vector<long long> teams;
    Query("SELECT id FROM teams ORDER BY id").for_each(session, [&](const soci::row& r) { teams.push_back(column_int(r, 0)); });
    MilestoneRepository milestones(session);
    for (long long team : teams) milestones.form_milestones(team, Clock::now());
}

}  // namespace latitudes::store
