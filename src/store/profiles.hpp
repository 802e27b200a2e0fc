#pragma once
// Profiles (migration 0006): what a person brings — skills with a level, causes (SDGs), school or
// employer, availability. Saved as a whole: the form and the API send the complete profile.
#include "store/accounts.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct SkillLevel {
    long long skill_id = 0;
    int level = 1;  // 1 beginner, 2 intermediate, 3 advanced
};

struct Profile {
    long long school_id = 0;  // people.school_id: an organisation of kind 'school', 0 for none
    int study_year = 0;       // 0 for none, else 1..8
    std::string employer;
    std::string availability;
    int hours_per_week = 0;  // 0 for unknown, else 1..60
    std::string bio;
    std::vector<SkillLevel> skills;  // ordered by skill id
    std::vector<int> sdgs;           // ordered
};

struct SchoolChoice {
    long long id = 0;
    std::string name;
};

class ProfileRepository {
public:
    explicit ProfileRepository(soci::session& session) : s_(session) {}
    // The saved profile, or an empty one when the person never saved any.
    Profile find(long long person_id);
    // Replaces the whole profile (row, skills, SDGs) in the caller's transaction. Values are
    // expected valid (checked by the caller against domain rules); unknown skill or SDG ids and
    // a school_id that is not a school make the database or this function throw DatabaseError.
    void save(long long person_id, const Profile& profile, Clock::time_point now);
    // Organisations of kind 'school' a student may pick, by name.
    std::vector<SchoolChoice> schools();

private:
    soci::session& s_;
};

}  // namespace latitudes::store
