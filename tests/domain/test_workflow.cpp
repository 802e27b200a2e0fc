#include "domain/workflow.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace latitudes::domain;

namespace {

// Who is asking, in every way that matters to the workflow.
struct Who {
    const char* label;
    MoveContext context;
};
const std::vector<Who> everyone{
    {"stranger", {false, MemberRole::none, true}}, {"member", {false, MemberRole::member, true}},
    {"admin", {false, MemberRole::admin, true}},   {"admin of unverified", {false, MemberRole::admin, false}},
    {"staff", {true, MemberRole::none, true}},
};

// The expected rule, written again from the issue without reading the table.
bool expected(Status from, Status to, const MoveContext& who) {
    const bool member = who.role_in_beneficiary != MemberRole::none;
    const bool admin = who.role_in_beneficiary == MemberRole::admin;
    const bool open = from == Status::draft || from == Status::submitted || from == Status::framing || from == Status::ready ||
                      from == Status::published || from == Status::in_progress;
    if (to == Status::declined) return open && who.staff;
    if (to == Status::cancelled) return open && (who.staff || (member && (from == Status::draft || from == Status::submitted)));
    if (from == Status::draft && to == Status::submitted) return member;
    if (from == Status::submitted && to == Status::framing) return who.staff;
    if (from == Status::framing && to == Status::ready) return who.staff;
    if (from == Status::ready && to == Status::published) return who.staff || (admin && who.beneficiary_verified);
    if (from == Status::published && to == Status::in_progress) return who.staff || admin;
    if (from == Status::in_progress && to == Status::delivered) return who.staff || admin;
    if (from == Status::delivered && to == Status::evaluated) return who.staff;
    return false;
}

}  // namespace

TEST(Workflow, EveryMoveByEveryoneMatchesTheRules) {
    int allowed = 0, refused = 0;
    for (auto from : all_statuses)
        for (auto to : all_statuses)
            for (const auto& who : everyone) {
                const auto refusal = can_move(from, to, who.context, true);
                const std::string what = std::string(to_string(from)) + " -> " + std::string(to_string(to)) + " by " + who.label;
                EXPECT_EQ(refusal.empty(), expected(from, to, who.context)) << what << ": " << refusal;
                refusal.empty() ? ++allowed : ++refused;
            }
    EXPECT_EQ(allowed + refused, 10 * 10 * 5);
    EXPECT_GT(allowed, 20);
}

TEST(Workflow, RefusalsSayWhy) {
    const MoveContext staff{true, MemberRole::none, true}, member{false, MemberRole::member, true};
    EXPECT_EQ(can_move(Status::published, Status::framing, staff, true), move_refusal::illegal);
    EXPECT_EQ(can_move(Status::delivered, Status::declined, staff, true), move_refusal::illegal) << "closed";
    EXPECT_EQ(can_move(Status::submitted, Status::framing, member, true), move_refusal::not_allowed);
    EXPECT_EQ(can_move(Status::framing, Status::declined, staff, false), move_refusal::reason_required);
    EXPECT_EQ(can_move(Status::draft, Status::cancelled, member, false), move_refusal::reason_required);
    EXPECT_EQ(can_move(Status::ready, Status::published, {false, MemberRole::admin, false}, true), move_refusal::not_verified);
    EXPECT_TRUE(can_move(Status::ready, Status::published, {true, MemberRole::none, false}, true).empty())
        << "staff publish for an organisation they framed with";
}

TEST(Workflow, EveryTransitionRowIsReachableAndReasonsOnlyWhereTheBeneficiaryIsTold) {
    std::set<std::pair<int, int>> seen;
    for (const auto& t : transitions()) {
        EXPECT_TRUE(seen.insert({static_cast<int>(t.from), static_cast<int>(t.to)}).second) << "duplicate row";
        EXPECT_EQ(t.reason_required, t.to == Status::declined || t.to == Status::cancelled);
        // Nothing leaves a closed state but a delivered project, to be evaluated.
        EXPECT_TRUE(is_open(t.from) || (t.from == Status::delivered && t.to == Status::evaluated));
        EXPECT_TRUE(t.movers.member || t.movers.admin || t.movers.staff) << "someone can make every move";
    }
    EXPECT_EQ(transitions().size(), 7u + 12u);
    for (auto closed : {Status::delivered, Status::evaluated, Status::declined, Status::cancelled}) EXPECT_FALSE(is_open(closed));
    EXPECT_TRUE(is_open(Status::in_progress));
}

TEST(Workflow, MovesForListsTheButtonsInOrder) {
    const MoveContext staff{true, MemberRole::none, true}, member{false, MemberRole::member, true};
    EXPECT_EQ(moves_for(Status::draft, member), (std::vector<Status>{Status::submitted, Status::cancelled}));
    EXPECT_EQ(moves_for(Status::submitted, staff), (std::vector<Status>{Status::framing, Status::declined, Status::cancelled}));
    EXPECT_TRUE(moves_for(Status::evaluated, staff).empty());
    EXPECT_TRUE(moves_for(Status::framing, {false, MemberRole::none, true}).empty());
}
