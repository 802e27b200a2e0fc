#pragma once
// Authorisation in one place: who may do what. Every route asks decide() before doing anything;
// nothing else in the code base compares roles. Pure, no I/O: the web layer loads the subject and,
// for organisation routes, the organisation and the subject's membership, then asks.
//
// The rules live in `policy_table` below (one row per action, naming the least a subject must be),
// so that a reviewer reads them at a glance and a test can walk every row.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace latitudes::domain {

// A person's platform role (their profile). `anonymous` is the visitor who is not logged in.
enum class Role { anonymous, student, professional, beneficiary, coordinator, company, researcher, staff };
inline constexpr std::array all_roles{Role::anonymous,   Role::student, Role::professional, Role::beneficiary,
                                      Role::coordinator, Role::company, Role::researcher,   Role::staff};

// A person's role inside one organisation.
enum class MemberRole { none, member, admin };
inline constexpr std::array all_member_roles{MemberRole::none, MemberRole::member, MemberRole::admin};

enum class Action {
    view_public,
    sign_up,
    log_in,
    log_out,
    use_email_link,
    view_own_space,
    edit_own_account,
    export_own_data,
    delete_own_account,
    manage_own_tokens,
    create_organisation,
    accept_invitation,
    view_organisation_private,
    leave_organisation,
    edit_organisation,
    invite_member,
    remove_member,
    change_member_role,
    publish_as_organisation,
    staff_list_people,
    staff_list_organisations,
    staff_verify_organisation,
    staff_change_role,
    staff_deactivate_account,
    staff_read_audit_log,
    // Needs, framing, the workflow, opportunities and applications.
    submit_need,
    view_project_private,
    edit_need,
    edit_framing,
    comment_framing,
    change_project_status,
    review_applications,
    apply_to_opportunity,
    view_own_applications,
    withdraw_application,
    save_search,
    staff_list_needs,
    view_dev_outbox,
    // Schools, cohorts and campaigns.
    manage_cohorts,
    manage_campaigns,
    view_campaign,
    rank_in_campaign,
    view_own_teams,
    // Semesters and which schools are partners for which (the staff pages).
    staff_list_semesters,
    staff_edit_semesters,
    staff_set_semester_partners,
    // A team's workspace: its pages and its writes (domain/team.hpp says who does what there).
    view_team,
    work_in_team,
    // Staff: the milestone template every team starts from, and the follow-up of every team.
    staff_edit_milestone_templates,
    staff_follow_teams,
    // The awareness survey: staff design it and read its results; a cohort's students answer.
    staff_design_surveys,
    staff_read_survey_results,
    answer_survey,
    // What happened in my teams and organisations since my last visit.
    view_own_feed,
};

// The least a subject must be to perform an action. Each level is described where it is checked
// (decide() in policy.cpp); in short:
enum class Requirement {
    anyone,                        // even anonymous, even a deactivated account
    active,                        // any active subject, anonymous included (sign-up and log-in forms)
    authenticated,                 // a logged-in, active person
    organisation_member,           // member or admin of *this* organisation, or staff (read-only oversight)
    organisation_admin,            // admin of this organisation; staff are *not* enough
    verified_organisation_admin,   // admin, and the organisation has been verified by staff
    verified_organisation_member,  // member or staff, and the organisation has been verified by staff
    applicant,                     // a logged-in student, tech professional or researcher
    staff,                         // a staff account
    development_only,              // anyone, but only when the server runs in development mode
};

struct PolicyRow {
    Action action;
    Requirement requirement;
};

// Rows are in the order of the Action enumerators (checked at compile time in policy.cpp).
inline constexpr std::array policy_table{
    PolicyRow{Action::view_public, Requirement::anyone},
    PolicyRow{Action::sign_up, Requirement::active},
    PolicyRow{Action::log_in, Requirement::active},
    // Logging out and following a link from an e-mail (confirm, reset, invitation page) need
    // nothing: the link's single-use token is the credential.
    PolicyRow{Action::log_out, Requirement::anyone},
    PolicyRow{Action::use_email_link, Requirement::anyone},
    PolicyRow{Action::view_own_space, Requirement::authenticated},
    // Profile, e-mail and password of one's own account.
    PolicyRow{Action::edit_own_account, Requirement::authenticated},
    PolicyRow{Action::export_own_data, Requirement::authenticated},
    PolicyRow{Action::delete_own_account, Requirement::authenticated},
    PolicyRow{Action::manage_own_tokens, Requirement::authenticated},
    // Any person may found an organisation; it can publish nothing until staff verify it.
    PolicyRow{Action::create_organisation, Requirement::authenticated},
    // The invitation's token names the organisation; the invited address must be the account's.
    PolicyRow{Action::accept_invitation, Requirement::authenticated},
    PolicyRow{Action::view_organisation_private, Requirement::organisation_member},
    // Staff pass this row (oversight) but the store refuses: they are not members to leave.
    PolicyRow{Action::leave_organisation, Requirement::organisation_member},
    PolicyRow{Action::edit_organisation, Requirement::organisation_admin},
    PolicyRow{Action::invite_member, Requirement::organisation_admin},
    PolicyRow{Action::remove_member, Requirement::organisation_admin},
    PolicyRow{Action::change_member_role, Requirement::organisation_admin},
    PolicyRow{Action::publish_as_organisation, Requirement::verified_organisation_admin},
    PolicyRow{Action::staff_list_people, Requirement::staff},
    PolicyRow{Action::staff_list_organisations, Requirement::staff},
    PolicyRow{Action::staff_verify_organisation, Requirement::staff},
    PolicyRow{Action::staff_change_role, Requirement::staff},
    PolicyRow{Action::staff_deactivate_account, Requirement::staff},
    PolicyRow{Action::staff_read_audit_log, Requirement::staff},
    // A need comes from a member of a verified beneficiary organisation (or from staff, who
    // collect needs with beneficiaries); until then the organisation can publish nothing.
    PolicyRow{Action::submit_need, Requirement::verified_organisation_member},
    // A project before publication, its framing sheet and its applications are the
    // organisation's and staff's business (staff frame every need).
    PolicyRow{Action::view_project_private, Requirement::organisation_member},
    PolicyRow{Action::edit_need, Requirement::organisation_member},
    PolicyRow{Action::edit_framing, Requirement::organisation_member},
    PolicyRow{Action::comment_framing, Requirement::organisation_member},
    // Which move, by whom, is domain/workflow's decision; this row only keeps strangers out.
    PolicyRow{Action::change_project_status, Requirement::organisation_member},
    PolicyRow{Action::review_applications, Requirement::organisation_member},
    PolicyRow{Action::apply_to_opportunity, Requirement::applicant},
    PolicyRow{Action::view_own_applications, Requirement::authenticated},
    PolicyRow{Action::withdraw_application, Requirement::authenticated},
    PolicyRow{Action::save_search, Requirement::authenticated},
    PolicyRow{Action::staff_list_needs, Requirement::staff},
    // `make run` has no mail relay: whoever signs up on a developer's machine must be able to
    // read their confirmation link. Production answers 404, as for an unknown address.
    PolicyRow{Action::view_dev_outbox, Requirement::development_only},
    // A school's coordinators and teachers are its members; staff oversee (and may act, as the
    // programme's team runs campaigns with schools). The cohort or campaign names the school.
    PolicyRow{Action::manage_cohorts, Requirement::organisation_member},
    PolicyRow{Action::manage_campaigns, Requirement::organisation_member},
    // A campaign is read by its school's members and by the students of its cohorts, and ranked
    // by those students only: the handler checks which (the policy knows no cohorts), 404 else.
    PolicyRow{Action::view_campaign, Requirement::authenticated},
    PolicyRow{Action::rank_in_campaign, Requirement::authenticated},
    PolicyRow{Action::view_own_teams, Requirement::authenticated},
    // The programme's team records the semesters and, for each, the schools it works with.
    PolicyRow{Action::staff_list_semesters, Requirement::staff},
    PolicyRow{Action::staff_edit_semesters, Requirement::staff},
    PolicyRow{Action::staff_set_semester_partners, Requirement::staff},
    // A workspace is its team's, its supervisor's, its school's, its beneficiary's and staff's:
    // the handler loads the team and answers 404 to anyone else (the policy knows no teams).
    PolicyRow{Action::view_team, Requirement::authenticated},
    PolicyRow{Action::work_in_team, Requirement::authenticated},
    PolicyRow{Action::staff_edit_milestone_templates, Requirement::staff},
    PolicyRow{Action::staff_follow_teams, Requirement::staff},
    PolicyRow{Action::staff_design_surveys, Requirement::staff},
    PolicyRow{Action::staff_read_survey_results, Requirement::staff},
    // The survey names its cohorts: the handler checks the student is in one (404 else).
    PolicyRow{Action::answer_survey, Requirement::authenticated},
    PolicyRow{Action::view_own_feed, Requirement::authenticated},
};

// Who asks. `authenticated == false` or `role == anonymous` both mean an anonymous visitor
// (the two are not trusted to agree: either one is enough to be treated as anonymous).
// `active == false` is a deactivated account: it may only view public pages.
struct Subject {
    Role role = Role::anonymous;
    bool authenticated = false;
    bool active = true;
    long long person_id = 0;
};

// The organisation a request is about, as loaded by the caller, with the subject's role in it.
struct OrganisationContext {
    long long organisation_id = 0;
    bool verified = false;
    MemberRole member_role_of_subject = MemberRole::none;
};

struct PolicyFlags {
    bool development_mode = false;  // /dev/outbox exists only then
};

// Stable reason codes: logged, used to choose the HTTP answer and the message; never renamed.
namespace reason {
inline constexpr std::string_view allowed = "allowed";
inline constexpr std::string_view account_deactivated = "account_deactivated";
inline constexpr std::string_view login_required = "login_required";  // redirect to /login
inline constexpr std::string_view staff_only = "staff_only";
inline constexpr std::string_view not_a_member = "not_a_member";  // answered 404
inline constexpr std::string_view organisation_admin_only = "organisation_admin_only";
inline constexpr std::string_view organisation_not_verified = "organisation_not_verified";
inline constexpr std::string_view development_only = "development_only";          // answered 404
inline constexpr std::string_view missing_organisation = "missing_organisation";  // a route bug
inline constexpr std::string_view applicants_only = "applicants_only";
}  // namespace reason

struct Decision {
    bool allowed = false;
    bool hide_existence = false;  // answer 404 instead of 403: even the existence is private
    std::string_view reason;      // one of the codes in `reason`
};

// The decision, checked in this order (the first that applies wins):
//  1. view_dev_outbox: allowed to anyone in development mode; outside it, denied and hidden
//     (the route does not exist), whoever asks, so that production answers it exactly like an
//     unknown address.
//  2. A deactivated account may do nothing but view_public (account_deactivated).
//  3. An anonymous visitor may only view_public, sign_up and log_in (login_required).
//  4. The requirement of the action's row:
//     - organisation actions without a context are denied (missing_organisation): fail closed
//       when a route forgets to load the organisation;
//     - a non-member gets hide_existence = true (not_a_member), so that ids of other
//       organisations cannot be probed, unless they are staff: staff may read any organisation's
//       private data (oversight, verification) and are told 403, not 404, for admin actions;
//     - staff cannot act as an organisation's admin (edit, invite, remove, change roles,
//       publish) unless they are an admin of it themselves: oversight is read-only, and changes
//       by staff go through the staff_* actions, which are audited;
//     - a plain member asking for an admin action gets 403 (organisation_admin_only): they
//       already know the organisation exists;
//     - publishing needs an admin of a verified organisation (organisation_not_verified);
//     - submitting a need needs a member (or staff) of a verified organisation;
//  5. applicant actions need a student, professional or researcher account (applicants_only).
// The context is ignored for actions that are not about an organisation.
// Rules that depend on the target and on data (the last admin cannot leave, staff cannot
// deactivate themselves, a token belongs to its owner) are the caller's, not the table's.
Decision decide(const Subject& subject, Action action, const std::optional<OrganisationContext>& organisation = {},
                const PolicyFlags& flags = {});

Requirement requirement_of(Action action);
// True for actions whose requirement is about an organisation (they need an OrganisationContext).
bool is_organisation_action(Action action);

std::span<const Action> all_actions();

// Stable snake_case names, as in logs, the database and the audit log.
std::string_view to_string(Action action);
std::string_view to_string(Role role);
std::string_view to_string(MemberRole role);
std::string_view to_string(Requirement requirement);
std::optional<Action> parse_action(std::string_view text);
std::optional<Role> parse_role(std::string_view text);
std::optional<MemberRole> parse_member_role(std::string_view text);

// True when changing `current` to `next` (none: leaving or being removed) would leave the
// organisation, which has `admins` admins now, without any.
bool leaves_without_admin(MemberRole current, MemberRole next, long long admins);

}  // namespace latitudes::domain
