#include "domain/team.hpp"

namespace latitudes::domain {

namespace {

constexpr bool rows_in_order() {
    for (std::size_t i = 0; i < team_rules.size(); ++i)
        if (static_cast<std::size_t>(team_rules[i].action) != i) return false;
    return true;
}
static_assert(rows_in_order(), "team_rules must list every TeamAction once, in order");

}  // namespace

bool may(const TeamStanding& standing, TeamAction action) {
    const auto& rule = team_rules[static_cast<std::size_t>(action)];
    return (standing.student && rule.student) || (standing.supervisor && rule.supervisor) || (standing.teacher && rule.teacher) ||
           (standing.beneficiary && rule.beneficiary) || (standing.staff && rule.staff);
}

std::string_view main_standing(const TeamStanding& standing) {
    if (standing.student) return "student";
    if (standing.supervisor) return "supervisor";
    if (standing.teacher) return "teacher";
    if (standing.beneficiary) return "beneficiary";
    if (standing.staff) return "staff";
    return "none";
}

}  // namespace latitudes::domain
