#include "domain/policy.hpp"

namespace latitudes::domain {

namespace {

constexpr std::array<std::string_view, 54> action_names{"view_public",
                                                        "sign_up",
                                                        "log_in",
                                                        "log_out",
                                                        "use_email_link",
                                                        "view_own_space",
                                                        "edit_own_account",
                                                        "export_own_data",
                                                        "delete_own_account",
                                                        "manage_own_tokens",
                                                        "create_organisation",
                                                        "accept_invitation",
                                                        "view_organisation_private",
                                                        "leave_organisation",
                                                        "edit_organisation",
                                                        "invite_member",
                                                        "remove_member",
                                                        "change_member_role",
                                                        "publish_as_organisation",
                                                        "staff_list_people",
                                                        "staff_list_organisations",
                                                        "staff_verify_organisation",
                                                        "staff_change_role",
                                                        "staff_deactivate_account",
                                                        "staff_read_audit_log",
                                                        "submit_need",
                                                        "view_project_private",
                                                        "edit_need",
                                                        "edit_framing",
                                                        "comment_framing",
                                                        "change_project_status",
                                                        "review_applications",
                                                        "apply_to_opportunity",
                                                        "view_own_applications",
                                                        "withdraw_application",
                                                        "save_search",
                                                        "staff_list_needs",
                                                        "view_dev_outbox",
                                                        "manage_cohorts",
                                                        "manage_campaigns",
                                                        "view_campaign",
                                                        "rank_in_campaign",
                                                        "view_own_teams",
                                                        "staff_list_semesters",
                                                        "staff_edit_semesters",
                                                        "staff_set_semester_partners",
                                                        "view_team",
                                                        "work_in_team",
                                                        "staff_edit_milestone_templates",
                                                        "staff_follow_teams",
                                                        "staff_design_surveys",
                                                        "staff_read_survey_results",
                                                        "answer_survey",
                                                        "view_own_feed"};
constexpr std::array<std::string_view, 8> role_names{"anonymous",   "student", "professional", "beneficiary",
                                                     "coordinator", "company", "researcher",   "staff"};
constexpr std::array<std::string_view, 3> member_role_names{"none", "member", "admin"};
constexpr std::array<std::string_view, 10> requirement_names{"anyone",
                                                             "active",
                                                             "authenticated",
                                                             "organisation_member",
                                                             "organisation_admin",
                                                             "verified_organisation_admin",
                                                             "verified_organisation_member",
                                                             "applicant",
                                                             "staff",
                                                             "development_only"};

constexpr std::array<Action, policy_table.size()> actions_in_order = [] {
    std::array<Action, policy_table.size()> out{};
    for (std::size_t i = 0; i != policy_table.size(); ++i) out[i] = policy_table[i].action;
    return out;
}();

// The table is indexed by the enumerator: a row out of place or missing would silently give
// an action another action's rule, so the build fails instead.
constexpr bool table_in_enum_order() {
    for (std::size_t i = 0; i != policy_table.size(); ++i)
        if (static_cast<std::size_t>(policy_table[i].action) != i) return false;
    return true;
}
static_assert(table_in_enum_order(), "policy_table rows must follow the Action enumerators, one each");
static_assert(policy_table.size() == action_names.size(), "every action needs a name");
static_assert(policy_table.back().action == Action::view_own_feed, "a new action needs a row");

template <typename Enum, std::size_t N>
std::optional<Enum> parse(const std::array<std::string_view, N>& names, std::string_view text) {
    for (std::size_t i = 0; i != N; ++i)
        if (names[i] == text) return static_cast<Enum>(i);
    return std::nullopt;
}

constexpr Decision allow() { return {true, false, reason::allowed}; }
constexpr Decision deny(std::string_view why, bool hide = false) { return {false, hide, why}; }

}  // namespace

Requirement requirement_of(Action action) { return policy_table.at(static_cast<std::size_t>(action)).requirement; }

bool is_organisation_action(Action action) {
    switch (requirement_of(action)) {
        case Requirement::organisation_member:
        case Requirement::organisation_admin:
        case Requirement::verified_organisation_admin:
        case Requirement::verified_organisation_member: return true;
        default: return false;
    }
}

std::span<const Action> all_actions() { return actions_in_order; }

Decision decide(const Subject& subject, Action action, const std::optional<OrganisationContext>& organisation,
                const PolicyFlags& flags) {
    const auto requirement = requirement_of(action);
    const bool anonymous = !subject.authenticated || subject.role == Role::anonymous;
    const bool staff = !anonymous && subject.role == Role::staff;

    if (requirement == Requirement::development_only)
        return flags.development_mode ? allow() : deny(reason::development_only, true);
    if (!subject.active && requirement != Requirement::anyone) return deny(reason::account_deactivated);
    if (anonymous && requirement != Requirement::anyone && requirement != Requirement::active)
        return deny(reason::login_required);

    switch (requirement) {
        case Requirement::anyone:
        case Requirement::active:
        case Requirement::authenticated: return allow();
        case Requirement::development_only:  // decided above
        case Requirement::staff: return staff ? allow() : deny(reason::staff_only);
        case Requirement::applicant:
            return subject.role == Role::student || subject.role == Role::professional || subject.role == Role::researcher
                       ? allow()
                       : deny(reason::applicants_only);
        case Requirement::organisation_member:
        case Requirement::organisation_admin:
        case Requirement::verified_organisation_admin:
        case Requirement::verified_organisation_member: break;
    }

    if (!organisation) return deny(reason::missing_organisation);
    const auto membership = organisation->member_role_of_subject;
    if (membership == MemberRole::none && !staff) return deny(reason::not_a_member, true);
    if (requirement == Requirement::organisation_member) return allow();
    if (requirement == Requirement::verified_organisation_member)
        return organisation->verified ? allow() : deny(reason::organisation_not_verified);
    if (membership != MemberRole::admin) return deny(reason::organisation_admin_only);
    if (requirement == Requirement::verified_organisation_admin && !organisation->verified)
        return deny(reason::organisation_not_verified);
    return allow();
}

std::string_view to_string(Action action) { return action_names.at(static_cast<std::size_t>(action)); }
std::string_view to_string(Role role) { return role_names.at(static_cast<std::size_t>(role)); }
std::string_view to_string(MemberRole role) { return member_role_names.at(static_cast<std::size_t>(role)); }
std::string_view to_string(Requirement requirement) { return requirement_names.at(static_cast<std::size_t>(requirement)); }
std::optional<Action> parse_action(std::string_view text) { return parse<Action>(action_names, text); }
std::optional<Role> parse_role(std::string_view text) { return parse<Role>(role_names, text); }
std::optional<MemberRole> parse_member_role(std::string_view text) { return parse<MemberRole>(member_role_names, text); }

bool leaves_without_admin(MemberRole current, MemberRole next, long long admins) {
    return current == MemberRole::admin && next != MemberRole::admin && admins <= 1;
}

}  // namespace latitudes::domain
