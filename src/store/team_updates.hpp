#pragma once
// The weekly updates of a team's students (one per student and week, posted again: replaced),
// the comments under them, the hours they add up to (per team and per student: the impact
// figures read them too), the follow-up of active teams (who has gone silent), and the mark of
// the weekly mail (one per person and week).
#include "store/database.hpp"
#include "store/teams.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct UpdateComment {
    long long id = 0, person_id = 0;
    std::string author, body, created_at;
};

struct TeamUpdate {
    long long id = 0, team_id = 0, person_id = 0;
    std::string author, week, done, next, blockers, created_at, updated_at;
    int minutes = 0;
    std::vector<UpdateComment> comments;  // oldest first
};

struct StudentHours {
    long long person_id = 0;
    std::string name;
    long long minutes = 0;
};

struct TeamHours {
    long long minutes = 0;               // the whole team's
    std::vector<StudentHours> students;  // every student of the team, 0 for one who logged none
};

// An active team (its project in progress) as the follow-up pages list it.
struct FollowedTeam {
    long long team_id = 0;
    std::string project_title, organisation_name, school_name, semester_code;
    std::string last_update;  // ISO instant, "" if none ever
    long long minutes = 0, overdue = 0;
    bool silent = false;  // no update in the last two weeks (formed more than two weeks ago)
};

// A student of an active team, for the weekly mail.
struct WeeklyRecipient {
    long long person_id = 0;
    std::string name, email;
    std::vector<std::pair<long long, std::string>> teams;  // id, project title
};

class TeamUpdateRepository {
public:
    explicit TeamUpdateRepository(soci::session& session) : s_(session) {}

    // The student's update of `week` (its Monday), created or replaced; returns its id.
    long long save(long long team_id, long long person_id, const std::string& week, const std::string& done,
                   const std::string& next, const std::string& blockers, int minutes, Clock::time_point now);
    std::optional<TeamUpdate> of_week(long long team_id, long long person_id, const std::string& week);
    // The hours of the student's latest update before `week`, to prefill the form.
    std::optional<int> last_minutes_before(long long team_id, long long person_id, const std::string& week);
    // Newest first, with their comments.
    std::vector<TeamUpdate> of_team(long long team_id, int limit = 50);
    bool belongs(long long team_id, long long update_id);
    long long add_comment(long long update_id, long long person_id, const std::string& body, Clock::time_point now);

    TeamHours hours(const TeamRecord& team);

    // Every team whose project is in progress (and, with `person_id`, only those the person
    // supervises or teaches: their school's), silent ones first. `now` dates the two weeks.
    std::vector<FollowedTeam> followed(Clock::time_point now, long long person_id = 0);

    // Students of active teams who have no weekly mail for `week` yet.
    std::vector<WeeklyRecipient> weekly_due(const std::string& week, int limit);
    // The mark; false when another run made it first (then nothing is sent).
    bool mark_weekly_mail(long long person_id, const std::string& week, Clock::time_point now);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
