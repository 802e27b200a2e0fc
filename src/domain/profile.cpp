#include "domain/profile.hpp"

#include "domain/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

namespace latitudes::domain {

namespace {

constexpr std::array<std::string_view, 10> problem_names{"school", "study_year", "employer",    "availability", "hours_per_week",
                                                         "bio",    "skill",      "skill_level", "sdg",          "encoding"};

// A whole decimal number within [low, high]; "" is nullopt and so is anything else.
std::optional<long long> number(std::string_view text, long long low, long long high) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) return std::nullopt;
    return value;
}

}  // namespace

std::string_view to_string(ProfileProblem problem) { return problem_names.at(static_cast<std::size_t>(problem)); }

ProfileFields profile_fields(std::string_view role) {
    if (role == "student") return {true, true, false};
    if (role == "coordinator") return {true, false, false};
    if (role == "professional" || role == "company") return {false, false, true};
    if (role == "researcher") return {true, false, true};
    return {};
}

CheckedProfile check_profile(const ProfileInput& input, std::string_view role, const std::set<long long>& skill_ids,
                             const std::set<long long>& school_ids) {
    CheckedProfile out;
    std::set<ProfileProblem> problems;
    auto text_ok = [&](const std::string& value, std::size_t max) { return is_valid_utf8(value) && characters(value) <= max; };
    bool utf8 = is_valid_utf8(input.school_id) && is_valid_utf8(input.study_year) && is_valid_utf8(input.hours_per_week);
    for (const auto& [id, level] : input.skills) utf8 = utf8 && is_valid_utf8(id) && is_valid_utf8(level);
    for (const auto& sdg : input.sdgs) utf8 = utf8 && is_valid_utf8(sdg);
    for (const auto* text : {&input.employer, &input.availability, &input.bio}) utf8 = utf8 && is_valid_utf8(*text);
    if (!utf8) {
        out.problems.push_back(ProfileProblem::encoding);
        return out;
    }

    const auto fields = profile_fields(role);
    if (fields.school && !input.school_id.empty()) {
        const auto id = number(input.school_id, 1, 1LL << 53);
        if (!id || !school_ids.count(*id)) problems.insert(ProfileProblem::school);
        else out.school_id = *id;
    }
    if (fields.study_year && !input.study_year.empty()) {
        const auto year = number(input.study_year, 1, max_study_year);
        if (!year) problems.insert(ProfileProblem::study_year);
        else out.study_year = static_cast<int>(*year);
    }
    if (fields.employer) {
        if (!text_ok(input.employer, max_employer_length)) problems.insert(ProfileProblem::employer);
        else out.employer = input.employer;
    }
    if (!text_ok(input.availability, max_availability_length)) problems.insert(ProfileProblem::availability);
    else out.availability = input.availability;
    if (!input.hours_per_week.empty()) {
        const auto hours = number(input.hours_per_week, 1, max_hours_per_week);
        if (!hours) problems.insert(ProfileProblem::hours_per_week);
        else out.hours_per_week = static_cast<int>(*hours);
    }
    if (!text_ok(input.bio, max_bio_length)) problems.insert(ProfileProblem::bio);
    else out.bio = input.bio;

    std::set<long long> seen_skills;
    for (const auto& [id_text, level_text] : input.skills) {
        if (level_text.empty() || level_text == "0") continue;  // "none" in the form's select
        const auto id = number(id_text, 1, 1LL << 53);
        const auto level = number(level_text, 1, 3);
        if (!id || !skill_ids.count(*id) || seen_skills.count(*id)) {
            problems.insert(ProfileProblem::skill);
            continue;
        }
        if (!level) {
            problems.insert(ProfileProblem::skill_level);
            continue;
        }
        seen_skills.insert(*id);
        out.skills.emplace_back(*id, static_cast<int>(*level));
    }
    std::sort(out.skills.begin(), out.skills.end());
    std::set<int> seen_sdgs;
    for (const auto& sdg_text : input.sdgs) {
        const auto sdg = number(sdg_text, 1, 17);
        if (!sdg || !seen_sdgs.insert(static_cast<int>(*sdg)).second) problems.insert(ProfileProblem::sdg);
    }
    out.sdgs.assign(seen_sdgs.begin(), seen_sdgs.end());
    out.problems.assign(problems.begin(), problems.end());
    return out;
}

}  // namespace latitudes::domain
