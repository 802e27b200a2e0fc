#include "store/team_updates.hpp"

#include "store/query.hpp"

#include <algorithm>
#include <map>

namespace latitudes::store {

using namespace std::chrono_literals;

namespace {

constexpr const char* update_select =
    "SELECT u.id, u.team_id, u.person_id, pe.display_name, u.week, u.done, u.next, u.blockers, u.minutes, u.created_at, "
    "u.updated_at FROM team_updates u JOIN people pe ON pe.id = u.person_id ";

TeamUpdate update_of_row(const soci::row& r) {
    TeamUpdate u;
    u.id = column_int(r, 0);
    u.team_id = column_int(r, 1);
    u.person_id = column_int(r, 2);
    u.author = column_text(r, 3);
    u.week = column_text(r, 4);
    u.done = column_text(r, 5);
    u.next = column_text(r, 6);
    u.blockers = column_text(r, 7);
    u.minutes = static_cast<int>(column_int(r, 8));
    u.created_at = column_text(r, 9);
    u.updated_at = column_text(r, 10);
    return u;
}

}  // namespace

long long TeamUpdateRepository::save(long long team_id, long long person_id, const std::string& week, const std::string& done,
                                     const std::string& next, const std::string& blockers, int minutes, Clock::time_point now) {
    const std::string at = iso_utc(now);
    Query("INSERT INTO team_updates (team_id, person_id, week, done, next, blockers, minutes, created_at, updated_at) "
          "VALUES (:t, :p, :w, :done, :next, :blockers, :minutes, :at1, :at2) ON CONFLICT (team_id, person_id, week) DO UPDATE "
          "SET done = excluded.done, next = excluded.next, blockers = excluded.blockers, minutes = excluded.minutes, "
          "updated_at = excluded.updated_at")
        .bind("t", team_id)
        .bind("p", person_id)
        .bind("w", week)
        .bind("done", done)
        .bind("next", next)
        .bind("blockers", blockers)
        .bind("minutes", minutes)
        .bind("at1", at)
        .bind("at2", at)
        .execute(s_);
    return Query("SELECT id FROM team_updates WHERE team_id = :t AND person_id = :p AND week = :w")
        .bind("t", team_id)
        .bind("p", person_id)
        .bind("w", week)
        .scalar(s_);
}

std::optional<TeamUpdate> TeamUpdateRepository::of_week(long long team_id, long long person_id, const std::string& week) {
    std::optional<TeamUpdate> found;
    Query(std::string(update_select) + "WHERE u.team_id = :t AND u.person_id = :p AND u.week = :w")
        .bind("t", team_id)
        .bind("p", person_id)
        .bind("w", week)
        .for_each(s_, [&](const soci::row& r) { found = update_of_row(r); });
    return found;
}

std::optional<int> TeamUpdateRepository::last_minutes_before(long long team_id, long long person_id, const std::string& week) {
    std::optional<int> minutes;
    Query("SELECT minutes FROM team_updates WHERE team_id = :t AND person_id = :p AND week < :w ORDER BY week DESC LIMIT 1")
        .bind("t", team_id)
        .bind("p", person_id)
        .bind("w", week)
        .for_each(s_, [&](const soci::row& r) { minutes = static_cast<int>(column_int(r, 0)); });
    return minutes;
}

std::vector<TeamUpdate> TeamUpdateRepository::of_team(long long team_id, int limit) {
    std::vector<TeamUpdate> all;
    Query(std::string(update_select) + "WHERE u.team_id = :t ORDER BY u.week DESC, u.updated_at DESC, u.id DESC LIMIT :limit")
        .bind("t", team_id)
        .bind("limit", limit)
        .for_each(s_, [&](const soci::row& r) { all.push_back(update_of_row(r)); });
    if (all.empty()) return all;
    std::map<long long, std::size_t> index;
    for (std::size_t i = 0; i < all.size(); ++i) index[all[i].id] = i;
    Query("SELECT c.id, c.update_id, COALESCE(c.person_id, 0), COALESCE(pe.display_name, ''), c.body, c.created_at "
          "FROM team_update_comments c JOIN team_updates u ON u.id = c.update_id LEFT JOIN people pe ON pe.id = c.person_id "
          "WHERE u.team_id = :t ORDER BY c.id")
        .bind("t", team_id)
        .for_each(s_, [&](const soci::row& r) {
            const auto it = index.find(column_int(r, 1));
            if (it == index.end()) return;
            all[it->second].comments.push_back({column_int(r, 0), column_int(r, 2), column_text(r, 3), column_text(r, 4),
                                                column_text(r, 5)});
        });
    return all;
}

bool TeamUpdateRepository::belongs(long long team_id, long long update_id) {
    return Query("SELECT COUNT(*) FROM team_updates WHERE id = :id AND team_id = :t")
               .bind("id", update_id)
               .bind("t", team_id)
               .scalar(s_) > 0;
}

long long TeamUpdateRepository::add_comment(long long update_id, long long person_id, const std::string& body,
                                            Clock::time_point now) {
    return Query("INSERT INTO team_update_comments (update_id, person_id, body, created_at) VALUES (:u, :p, :b, :at) "
                 "RETURNING id")
        .bind("u", update_id)
        .bind("p", person_id)
        .bind("b", body)
        .bind("at", iso_utc(now))
        .scalar(s_);
}

TeamHours TeamUpdateRepository::hours(const TeamRecord& team) {
    TeamHours hours;
    std::map<long long, long long> by_person;
    Query("SELECT person_id, SUM(minutes) FROM team_updates WHERE team_id = :t GROUP BY person_id")
        .bind("t", team.id)
        .for_each(s_, [&](const soci::row& r) { by_person[column_int(r, 0)] = column_int(r, 1); });
    for (const auto& s : team.students) {
        const auto it = by_person.find(s.person_id);
        hours.students.push_back({s.person_id, s.name, it == by_person.end() ? 0 : it->second});
    }
    // A student who left the team keeps the hours they logged in the team's total.
    for (const auto& [person, minutes] : by_person) hours.minutes += minutes;
    return hours;
}

std::vector<FollowedTeam> TeamUpdateRepository::followed(Clock::time_point now, long long person_id) {
    const std::string silent_since = iso_utc(now - 14 * 24h), today = iso_utc(now).substr(0, 10);
    Query q("SELECT t.id, p.title, o.name, COALESCE(sc.name, ''), COALESCE(se.code, ''), "
            "COALESCE((SELECT MAX(u.updated_at) FROM team_updates u WHERE u.team_id = t.id), ''), "
            "COALESCE((SELECT SUM(u.minutes) FROM team_updates u WHERE u.team_id = t.id), 0), "
            "(SELECT COUNT(*) FROM milestones m WHERE m.team_id = t.id AND m.state <> 'done' AND m.due_on < :today), "
            "COALESCE(t.formed_at, '') "
            "FROM teams t JOIN projects p ON p.id = t.project_id JOIN organisations o ON o.id = p.beneficiary_id "
            "LEFT JOIN organisations sc ON sc.id = t.school_id LEFT JOIN semesters se ON se.id = t.semester_id "
            "WHERE p.status = 'in_progress' ");
    q.bind("today", today);
    if (person_id) {
        q.append("AND (t.school_id IN (SELECT organisation_id FROM memberships WHERE person_id = :p1) "
                 "OR t.id IN (SELECT t2.id FROM teams t2 JOIN campaign_projects cp ON cp.campaign_id = t2.campaign_id "
                 "AND cp.project_id = t2.project_id WHERE cp.supervisor_id = :p2)) ");
        q.bind("p1", person_id).bind("p2", person_id);
    }
    std::vector<FollowedTeam> teams;
    q.append("ORDER BY t.id").for_each(s_, [&](const soci::row& r) {
        FollowedTeam t;
        t.team_id = column_int(r, 0);
        t.project_title = column_text(r, 1);
        t.organisation_name = column_text(r, 2);
        t.school_name = column_text(r, 3);
        t.semester_code = column_text(r, 4);
        t.last_update = column_text(r, 5);
        t.minutes = column_int(r, 6);
        t.overdue = column_int(r, 7);
        const std::string formed = column_text(r, 8);
        t.silent = (t.last_update.empty() || t.last_update < silent_since) && (formed.empty() || formed < silent_since);
        teams.push_back(std::move(t));
    });
    // Flagged first: the silent, then those with overdue milestones; the longest silent first.
    std::stable_sort(teams.begin(), teams.end(), [](const FollowedTeam& a, const FollowedTeam& b) {
        if (a.silent != b.silent) return a.silent;
        if ((a.overdue > 0) != (b.overdue > 0)) return a.overdue > 0;
        return a.last_update < b.last_update;
    });
    return teams;
}

std::vector<WeeklyRecipient> TeamUpdateRepository::weekly_due(const std::string& week, int limit) {
    std::vector<WeeklyRecipient> due;
    std::map<long long, std::size_t> index;
    Query("SELECT pe.id, pe.display_name, pe.email, t.id, p.title FROM team_members tm JOIN people pe ON pe.id = tm.person_id "
          "JOIN teams t ON t.id = tm.team_id JOIN projects p ON p.id = t.project_id "
          "WHERE p.status = 'in_progress' AND pe.email IS NOT NULL AND pe.id IN (SELECT tm2.person_id FROM team_members tm2 "
          "JOIN teams t2 ON t2.id = tm2.team_id JOIN projects p2 ON p2.id = t2.project_id WHERE p2.status = 'in_progress' "
          "AND NOT EXISTS (SELECT 1 FROM weekly_update_mails w WHERE w.person_id = tm2.person_id AND w.week = :w) "
          "ORDER BY tm2.person_id LIMIT :limit) ORDER BY pe.id, t.id")
        .bind("w", week)
        .bind("limit", limit)
        .for_each(s_, [&](const soci::row& r) {
            const long long id = column_int(r, 0);
            auto [it, added] = index.emplace(id, due.size());
            if (added) due.push_back({id, column_text(r, 1), column_text(r, 2), {}});
            due[it->second].teams.emplace_back(column_int(r, 3), column_text(r, 4));
        });
    return due;
}

bool TeamUpdateRepository::mark_weekly_mail(long long person_id, const std::string& week, Clock::time_point now) {
    return Query("INSERT INTO weekly_update_mails (person_id, week, sent_at) VALUES (:p, :w, :at) ON CONFLICT DO NOTHING")
               .bind("p", person_id)
               .bind("w", week)
               .bind("at", iso_utc(now))
               .execute(s_) == 1;
}

}  // namespace latitudes::store
