#include "domain/workflow.hpp"

#include <array>

namespace latitudes::domain {

namespace {

constexpr Movers members{true, false, false};
constexpr Movers staff_only{false, false, true};
constexpr Movers admins_or_staff{false, true, true};
constexpr Movers members_or_staff{true, false, true};

constexpr std::array open_statuses{Status::draft, Status::submitted, Status::framing,
                                   Status::ready, Status::published, Status::in_progress};

// The forward moves, then declined and cancelled from each open state.
constexpr auto table = [] {
    std::array<Transition, 7 + 2 * open_statuses.size()> rows{};
    std::size_t n = 0;
    rows[n++] = {Status::draft, Status::submitted, members};
    rows[n++] = {Status::submitted, Status::framing, staff_only};
    rows[n++] = {Status::framing, Status::ready, staff_only};
    rows[n++] = {Status::ready, Status::published, admins_or_staff, false, true};
    rows[n++] = {Status::published, Status::in_progress, admins_or_staff};
    rows[n++] = {Status::in_progress, Status::delivered, admins_or_staff};
    rows[n++] = {Status::delivered, Status::evaluated, staff_only};
    for (auto from : open_statuses) {
        rows[n++] = {from, Status::declined, staff_only, true};
        // While the need is still the beneficiary's (draft, submitted) its members may withdraw
        // it; later, cancelling a framed or running project is staff's call, with the beneficiary.
        const bool theirs = from == Status::draft || from == Status::submitted;
        rows[n++] = {from, Status::cancelled, theirs ? members_or_staff : staff_only, true};
    }
    return rows;
}();

bool may(const Movers& movers, const MoveContext& who) {
    if (movers.staff && who.staff) return true;
    if (movers.member && who.role_in_beneficiary != MemberRole::none) return true;
    if (movers.admin && who.role_in_beneficiary == MemberRole::admin) return true;
    return false;
}

const Transition* find(Status from, Status to) {
    for (const auto& t : table)
        if (t.from == from && t.to == to) return &t;
    return nullptr;
}

}  // namespace

std::span<const Transition> transitions() { return table; }

bool is_open(Status status) {
    for (auto s : open_statuses)
        if (s == status) return true;
    return false;
}

std::string_view can_move(Status from, Status to, const MoveContext& who, bool has_reason) {
    const auto* transition = find(from, to);
    if (!transition) return move_refusal::illegal;
    if (!may(transition->movers, who)) return move_refusal::not_allowed;
    // Staff publish on behalf of any organisation; an organisation's admin only once it is verified.
    if (transition->verified_organisation && !who.staff && !who.beneficiary_verified) return move_refusal::not_verified;
    if (transition->reason_required && !has_reason) return move_refusal::reason_required;
    return move_refusal::none;
}

std::vector<Status> moves_for(Status from, const MoveContext& who) {
    std::vector<Status> out;
    for (auto to : all_statuses) {
        const auto refusal = can_move(from, to, who, true);
        if (refusal.empty()) out.push_back(to);
    }
    return out;
}

}  // namespace latitudes::domain
