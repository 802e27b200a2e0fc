#include "store/profiles.hpp"

#include "store/query.hpp"

#include <set>

namespace latitudes::store {

Profile ProfileRepository::find(long long person_id) {
    Profile profile;
    // The school lives on the person (seeded students have one before any profile is saved).
    Query("SELECT school_id FROM people WHERE id = :id").bind("id", person_id).for_each(s_, [&](const soci::row& r) {
        profile.school_id = column_int(r, 0);
    });
    Query("SELECT study_year, employer, availability, hours_per_week, bio FROM profiles WHERE person_id = :id")
        .bind("id", person_id)
        .for_each(s_, [&](const soci::row& r) {
            profile.study_year = static_cast<int>(column_int(r, 0));
            profile.employer = column_text(r, 1);
            profile.availability = column_text(r, 2);
            profile.hours_per_week = static_cast<int>(column_int(r, 3));
            profile.bio = column_text(r, 4);
        });
    Query("SELECT skill_id, level FROM person_skills WHERE person_id = :id ORDER BY skill_id")
        .bind("id", person_id)
        .for_each(s_, [&](const soci::row& r) {
            profile.skills.push_back({column_int(r, 0), static_cast<int>(column_int(r, 1))});
        });
    Query("SELECT sdg_id FROM person_sdgs WHERE person_id = :id ORDER BY sdg_id")
        .bind("id", person_id)
        .for_each(s_, [&](const soci::row& r) { profile.sdgs.push_back(static_cast<int>(column_int(r, 0))); });
    return profile;
}

void ProfileRepository::save(long long person_id, const Profile& profile, Clock::time_point now) {
    // Everything the schema would refuse is checked before the first write, so that the error is
    // a DatabaseError on both engines and nothing is half-written (on PostgreSQL a failed
    // statement would also poison the caller's transaction).
    const std::string who = "profile of person " + std::to_string(person_id);
    if (Query("SELECT COUNT(*) FROM people WHERE id = :id").bind("id", person_id).scalar(s_) != 1)
        throw DatabaseError(who + ": no such person");
    if (profile.school_id != 0 &&
        Query("SELECT COUNT(*) FROM organisations WHERE id = :id AND kind = 'school'").bind("id", profile.school_id).scalar(s_) !=
            1)
        throw DatabaseError(who + ": organisation " + std::to_string(profile.school_id) + " is not a school");
    if (profile.study_year < 0 || profile.study_year > 8)
        throw DatabaseError(who + ": study year " + std::to_string(profile.study_year) + " is out of range");
    if (profile.hours_per_week < 0 || profile.hours_per_week > 60)
        throw DatabaseError(who + ": " + std::to_string(profile.hours_per_week) + " hours per week is out of range");
    std::set<long long> skill_ids;
    for (const auto& skill : profile.skills) {
        if (skill.level < 1 || skill.level > 3)
            throw DatabaseError(who + ": skill level " + std::to_string(skill.level) + " is out of range");
        if (!skill_ids.insert(skill.skill_id).second)
            throw DatabaseError(who + ": skill " + std::to_string(skill.skill_id) + " is listed twice");
        if (Query("SELECT COUNT(*) FROM skills WHERE id = :id").bind("id", skill.skill_id).scalar(s_) != 1)
            throw DatabaseError(who + ": unknown skill " + std::to_string(skill.skill_id));
    }
    std::set<int> sdg_ids;
    for (int sdg : profile.sdgs) {
        if (!sdg_ids.insert(sdg).second) throw DatabaseError(who + ": SDG " + std::to_string(sdg) + " is listed twice");
        if (Query("SELECT COUNT(*) FROM sdgs WHERE id = :id").bind("id", static_cast<long long>(sdg)).scalar(s_) != 1)
            throw DatabaseError(who + ": unknown SDG " + std::to_string(sdg));
    }

    Query("UPDATE people SET school_id = NULLIF(:school, 0) WHERE id = :id")
        .bind("school", profile.school_id)
        .bind("id", person_id)
        .execute(s_);
    for (const char* sql : {"DELETE FROM profiles WHERE person_id = :id", "DELETE FROM person_skills WHERE person_id = :id",
                            "DELETE FROM person_sdgs WHERE person_id = :id"})
        Query(sql).bind("id", person_id).execute(s_);
    Query("INSERT INTO profiles (person_id, study_year, employer, availability, hours_per_week, bio, updated_at) "
          "VALUES (:id, NULLIF(:year, 0), :employer, :availability, NULLIF(:hours, 0), :bio, :at)")
        .bind("id", person_id)
        .bind("year", static_cast<long long>(profile.study_year))
        .bind("employer", profile.employer)
        .bind("availability", profile.availability)
        .bind("hours", static_cast<long long>(profile.hours_per_week))
        .bind("bio", profile.bio)
        .bind("at", iso_utc(now))
        .execute(s_);
    for (const auto& skill : profile.skills)
        Query("INSERT INTO person_skills (person_id, skill_id, level) VALUES (:id, :skill, :level)")
            .bind("id", person_id)
            .bind("skill", skill.skill_id)
            .bind("level", static_cast<long long>(skill.level))
            .execute(s_);
    for (int sdg : profile.sdgs)
        Query("INSERT INTO person_sdgs (person_id, sdg_id) VALUES (:id, :sdg)")
            .bind("id", person_id)
            .bind("sdg", static_cast<long long>(sdg))
            .execute(s_);
}

std::vector<SchoolChoice> ProfileRepository::schools() {
    // Verified schools only: an unverified organisation is invisible to all but its members and staff.
    std::vector<SchoolChoice> list;
    Query("SELECT id, name FROM organisations WHERE kind = 'school' AND verified = 1 ORDER BY name, id")
        .for_each(s_, [&](const soci::row& r) {
            list.push_back({column_int(r, 0), column_text(r, 1)});
        });
    return list;
}

}  // namespace latitudes::store
