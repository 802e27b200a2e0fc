#include "domain/policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

using namespace latitudes::domain;

namespace {

// The expectation is written again here, from the issue, without looking at policy_table or
// calling decide(): if the table and this disagree, one of them is wrong and a human decides.
enum class Kind {
    public_page,
    entry_form,
    own_account,
    org_read,
    org_admin,
    org_publish,
    org_verified_member,
    applicant,
    staff,
    dev
};

Kind kind_of(Action a) {
    switch (a) {
        case Action::view_public:
        case Action::log_out:
        case Action::use_email_link: return Kind::public_page;
        case Action::sign_up:
        case Action::log_in: return Kind::entry_form;
        case Action::view_own_space:
        case Action::edit_own_account:
        case Action::accept_invitation:
        case Action::export_own_data:
        case Action::delete_own_account:
        case Action::manage_own_tokens:
        case Action::create_organisation: return Kind::own_account;
        case Action::view_organisation_private:
        case Action::leave_organisation: return Kind::org_read;
        case Action::edit_organisation:
        case Action::invite_member:
        case Action::remove_member:
        case Action::change_member_role: return Kind::org_admin;
        case Action::publish_as_organisation: return Kind::org_publish;
        case Action::staff_list_people:
        case Action::staff_list_organisations:
        case Action::staff_verify_organisation:
        case Action::staff_change_role:
        case Action::staff_deactivate_account:
        case Action::staff_read_audit_log: return Kind::staff;
        case Action::view_dev_outbox: return Kind::dev;
        // Needs, framing, the workflow, opportunities and applications.
        case Action::submit_need: return Kind::org_verified_member;
        case Action::view_project_private:
        case Action::edit_need:
        case Action::edit_framing:
        case Action::comment_framing:
        case Action::change_project_status:
        case Action::review_applications: return Kind::org_read;
        case Action::apply_to_opportunity: return Kind::applicant;
        case Action::view_own_applications:
        case Action::withdraw_application:
        case Action::save_search: return Kind::own_account;
        case Action::staff_list_needs: return Kind::staff;
        case Action::manage_cohorts:
        case Action::manage_campaigns: return Kind::org_read;
        case Action::view_campaign:
        case Action::rank_in_campaign:
        case Action::view_own_teams: return Kind::own_account;
        case Action::staff_list_semesters:
        case Action::staff_edit_semesters:
        case Action::staff_set_semester_partners: return Kind::staff;
        case Action::view_team:
        case Action::work_in_team:
        case Action::answer_survey:
        case Action::view_own_feed: return Kind::own_account;
        case Action::staff_edit_milestone_templates:
        case Action::staff_follow_teams:
        case Action::staff_design_surveys:
        case Action::staff_read_survey_results: return Kind::staff;
    }
    ADD_FAILURE() << "unclassified action " << static_cast<int>(a);
    return Kind::staff;
}

struct Expected {
    bool allowed;
    bool hidden;
};

Expected expected(Role role, bool authenticated, bool active, Action action, const std::optional<OrganisationContext>& org,
                  bool dev) {
    const Kind kind = kind_of(action);
    const bool logged_in = authenticated && role != Role::anonymous;
    const bool is_staff = logged_in && role == Role::staff;
    if (kind == Kind::dev) return dev ? Expected{true, false} : Expected{false, true};
    if (kind == Kind::public_page) return {true, false};
    if (!active) return {false, false};
    if (kind == Kind::entry_form) return {true, false};
    if (!logged_in) return {false, false};
    switch (kind) {
        case Kind::own_account: return {true, false};
        case Kind::staff: return {is_staff, false};
        case Kind::applicant: return {role == Role::student || role == Role::professional || role == Role::researcher, false};
        default: break;
    }
    if (!org) return {false, false};
    const auto m = org->member_role_of_subject;
    if (m == MemberRole::none && !is_staff) return {false, true};
    if (kind == Kind::org_read) return {true, false};
    if (kind == Kind::org_verified_member) return {org->verified, false};
    if (kind == Kind::org_admin) return {m == MemberRole::admin, false};
    return {m == MemberRole::admin && org->verified, false};  // org_publish
}

std::string describe(Role role, bool authenticated, bool active, Action action, const std::optional<OrganisationContext>& org,
                     bool dev) {
    std::string s = std::string(to_string(action)) + " by " + std::string(to_string(role)) +
                    (authenticated ? " authenticated" : " not-authenticated") + (active ? " active" : " deactivated");
    if (org)
        s += std::string(" in ") + (org->verified ? "verified" : "unverified") + " org as " +
             std::string(to_string(org->member_role_of_subject));
    else s += " without org";
    return s + (dev ? " (dev)" : " (prod)");
}

Subject person(Role role, long long id = 7) { return {role, role != Role::anonymous, true, id}; }
OrganisationContext org(long long id, MemberRole m, bool verified = true) { return {id, verified, m}; }

}  // namespace

TEST(Policy, EveryActionRoleAndContextMatchesTheExpectation) {
    std::vector<std::optional<OrganisationContext>> contexts{std::nullopt};
    for (bool verified : {false, true})
        for (auto m : all_member_roles) contexts.push_back(OrganisationContext{42, verified, m});

    int cases = 0, allowed = 0, hidden = 0;
    for (auto action : all_actions())
        for (auto role : all_roles)
            for (bool authenticated : {false, true})
                for (bool active : {false, true})
                    for (const auto& ctx : contexts)
                        for (bool dev : {false, true}) {
                            const Subject subject{role, authenticated, active, 7};
                            const auto d = decide(subject, action, ctx, PolicyFlags{dev});
                            const auto e = expected(role, authenticated, active, action, ctx, dev);
                            const auto what = describe(role, authenticated, active, action, ctx, dev);
                            EXPECT_EQ(d.allowed, e.allowed) << what << " reason=" << d.reason;
                            EXPECT_EQ(d.hide_existence, e.hidden) << what << " reason=" << d.reason;
                            EXPECT_FALSE(d.reason.empty()) << what;
                            EXPECT_EQ(d.allowed, d.reason == reason::allowed) << what;
                            EXPECT_FALSE(d.allowed && d.hide_existence) << what;
                            ++cases;
                            allowed += d.allowed;
                            hidden += d.hide_existence;
                        }
    // The walk really covered the space, and both outcomes occur.
    EXPECT_EQ(cases, 54 * 8 * 2 * 2 * 7 * 2);
    EXPECT_GT(allowed, 0);
    EXPECT_GT(hidden, 0);
    EXPECT_LT(allowed, cases);
}

TEST(Policy, TableHasOneRowPerActionInOrder) {
    ASSERT_EQ(policy_table.size(), all_actions().size());
    std::set<std::string_view> names;
    for (std::size_t i = 0; i != policy_table.size(); ++i) {
        EXPECT_EQ(policy_table[i].action, all_actions()[i]);
        EXPECT_EQ(requirement_of(policy_table[i].action), policy_table[i].requirement);
        names.insert(to_string(policy_table[i].action));
    }
    EXPECT_EQ(names.size(), policy_table.size()) << "action names must be distinct";
}

TEST(Policy, NamesRoundTripAndAreSnakeCase) {
    for (auto a : all_actions()) {
        EXPECT_EQ(parse_action(to_string(a)), a);
        for (char c : to_string(a)) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << to_string(a);
    }
    for (auto r : all_roles) EXPECT_EQ(parse_role(to_string(r)), r);
    for (auto m : all_member_roles) EXPECT_EQ(parse_member_role(to_string(m)), m);
    EXPECT_EQ(to_string(Action::publish_as_organisation), "publish_as_organisation");
    EXPECT_EQ(to_string(Role::coordinator), "coordinator");
    EXPECT_FALSE(parse_role("Staff").has_value());
    EXPECT_FALSE(parse_role("admin").has_value());
    EXPECT_FALSE(parse_role("").has_value());
    EXPECT_FALSE(parse_action("view public").has_value());
}

TEST(Policy, MemberOfOneOrganisationNeverActsOnAnother) {
    // The caller loads the membership of the subject in the organisation *of the request*:
    // for organisation B, a member (or admin) of A is simply not a member.
    for (auto role : all_roles) {
        if (role == Role::staff || role == Role::anonymous) continue;
        const auto subject = person(role);
        for (auto action : all_actions()) {
            if (!is_organisation_action(action)) continue;
            const auto in_a = decide(subject, action, org(1, MemberRole::admin));
            const auto in_b = decide(subject, action, org(2, MemberRole::none));
            EXPECT_FALSE(in_b.allowed) << to_string(action) << " " << to_string(role);
            EXPECT_TRUE(in_b.hide_existence) << to_string(action) << " " << to_string(role);
            EXPECT_EQ(in_b.reason, reason::not_a_member);
            EXPECT_TRUE(in_a.allowed) << to_string(action);
        }
    }
}

TEST(Policy, OrganisationRolesInsideOneOrganisation) {
    const auto student = person(Role::student);
    EXPECT_TRUE(decide(student, Action::view_organisation_private, org(1, MemberRole::member)).allowed);
    const auto member_edit = decide(student, Action::edit_organisation, org(1, MemberRole::member));
    EXPECT_FALSE(member_edit.allowed);
    EXPECT_FALSE(member_edit.hide_existence);  // a member knows the organisation exists
    EXPECT_EQ(member_edit.reason, reason::organisation_admin_only);
    EXPECT_TRUE(decide(student, Action::invite_member, org(1, MemberRole::admin)).allowed);

    const auto unverified = decide(student, Action::publish_as_organisation, org(1, MemberRole::admin, false));
    EXPECT_FALSE(unverified.allowed);
    EXPECT_EQ(unverified.reason, reason::organisation_not_verified);
    EXPECT_TRUE(decide(student, Action::publish_as_organisation, org(1, MemberRole::admin, true)).allowed);
    EXPECT_FALSE(decide(student, Action::publish_as_organisation, org(1, MemberRole::member, true)).allowed);
}

TEST(Policy, StaffOverseeButDoNotImpersonateAdmins) {
    const auto staff = person(Role::staff);
    EXPECT_TRUE(decide(staff, Action::staff_verify_organisation).allowed);
    EXPECT_TRUE(decide(staff, Action::staff_read_audit_log).allowed);
    EXPECT_TRUE(decide(staff, Action::view_organisation_private, org(9, MemberRole::none)).allowed);
    const auto edit = decide(staff, Action::edit_organisation, org(9, MemberRole::none));
    EXPECT_FALSE(edit.allowed);
    EXPECT_FALSE(edit.hide_existence);  // staff may know every organisation
    EXPECT_EQ(edit.reason, reason::organisation_admin_only);
    EXPECT_FALSE(decide(staff, Action::publish_as_organisation, org(9, MemberRole::none)).allowed);
    EXPECT_TRUE(decide(staff, Action::edit_organisation, org(9, MemberRole::admin)).allowed);

    for (auto role : all_roles) {
        if (role == Role::staff) continue;
        const auto d = decide(person(role), Action::staff_verify_organisation);
        EXPECT_FALSE(d.allowed) << to_string(role);
        EXPECT_EQ(d.reason, role == Role::anonymous ? reason::login_required : reason::staff_only);
    }
}

TEST(Policy, DeactivatedAccountsOnlySeePublicPages) {
    Subject staff = person(Role::staff);
    staff.active = false;
    const auto d = decide(staff, Action::staff_verify_organisation);
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.reason, reason::account_deactivated);
    EXPECT_FALSE(decide(staff, Action::log_in).allowed);
    EXPECT_FALSE(decide(staff, Action::view_own_space).allowed);
    EXPECT_FALSE(decide(staff, Action::view_organisation_private, org(1, MemberRole::admin)).allowed);
    EXPECT_TRUE(decide(staff, Action::view_public).allowed);
}

TEST(Policy, AnonymousVisitors) {
    const Subject visitor{};
    EXPECT_TRUE(decide(visitor, Action::view_public).allowed);
    EXPECT_TRUE(decide(visitor, Action::sign_up).allowed);
    EXPECT_TRUE(decide(visitor, Action::log_in).allowed);
    const auto me = decide(visitor, Action::view_own_space);
    EXPECT_FALSE(me.allowed);
    EXPECT_EQ(me.reason, reason::login_required);
    // A role without authentication is not trusted: a staff role on an anonymous request is nobody.
    const Subject forged{Role::staff, false, true, 1};
    EXPECT_FALSE(decide(forged, Action::staff_list_people).allowed);
    EXPECT_EQ(decide(forged, Action::staff_list_people).reason, reason::login_required);
}

TEST(Policy, DevOutboxOnlyInDevelopment) {
    const auto staff = person(Role::staff);
    const auto prod = decide(staff, Action::view_dev_outbox);
    EXPECT_FALSE(prod.allowed);
    EXPECT_TRUE(prod.hide_existence);
    EXPECT_EQ(prod.reason, reason::development_only);
    EXPECT_TRUE(decide(Subject{}, Action::view_dev_outbox).hide_existence);  // same 404 for everyone
    // On a developer's machine whoever signs up reads their own confirmation link there.
    EXPECT_TRUE(decide(staff, Action::view_dev_outbox, {}, PolicyFlags{true}).allowed);
    EXPECT_TRUE(decide(Subject{}, Action::view_dev_outbox, {}, PolicyFlags{true}).allowed);
}

TEST(Policy, OrganisationActionWithoutContextFailsClosed) {
    const auto d = decide(person(Role::student), Action::view_organisation_private);
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.reason, reason::missing_organisation);
    EXPECT_FALSE(decide(person(Role::staff), Action::edit_organisation).allowed);
}

TEST(Policy, TheLastAdminCannotLeaveOrStepDown) {
    using latitudes::domain::MemberRole;
    using latitudes::domain::leaves_without_admin;
    EXPECT_TRUE(leaves_without_admin(MemberRole::admin, MemberRole::member, 1));
    EXPECT_TRUE(leaves_without_admin(MemberRole::admin, MemberRole::none, 1));
    EXPECT_FALSE(leaves_without_admin(MemberRole::admin, MemberRole::admin, 1)) << "no change";
    EXPECT_FALSE(leaves_without_admin(MemberRole::admin, MemberRole::none, 2));
    EXPECT_FALSE(leaves_without_admin(MemberRole::member, MemberRole::none, 1));
}
