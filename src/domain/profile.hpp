#pragma once
// What a profile may hold, checked the same way for the form and the JSON API.
// Pure: the caller passes what the database knows (skill ids, school ids).
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

enum class ProfileProblem { school, study_year, employer, availability, hours_per_week, bio, skill, skill_level, sdg, encoding };
std::string_view to_string(ProfileProblem problem);

inline constexpr std::size_t max_employer_length = 120;
inline constexpr std::size_t max_availability_length = 200;
inline constexpr std::size_t max_bio_length = 2000;
inline constexpr int max_study_year = 8;
inline constexpr int max_hours_per_week = 60;

// Which parts of the profile a role fills in (the others stay empty).
struct ProfileFields {
    bool school = false, study_year = false, employer = false;
};
ProfileFields profile_fields(std::string_view role);

// A profile as submitted: numbers still text, as they come from a form.
struct ProfileInput {
    std::string school_id, study_year, employer, availability, hours_per_week, bio;
    std::vector<std::pair<std::string, std::string>> skills;  // (skill id, level "1".."3"); level "" or "0" = none
    std::vector<std::string> sdgs;
};

struct CheckedProfile {
    long long school_id = 0;
    int study_year = 0, hours_per_week = 0;
    std::string employer, availability, bio;
    std::vector<std::pair<long long, int>> skills;  // sorted by id, distinct
    std::vector<int> sdgs;                          // sorted, distinct
    std::vector<ProfileProblem> problems;           // each at most once, in enum order
    bool ok() const { return problems.empty(); }
};

// Checks and converts; fields the role does not use are ignored (left empty).
CheckedProfile check_profile(const ProfileInput& input, std::string_view role, const std::set<long long>& skill_ids,
                             const std::set<long long>& school_ids);

}  // namespace latitudes::domain
