#pragma once
// Organisations: founding one (the founder becomes its admin), staff verifying it, admins
// inviting people by e-mail and managing members. Every change is audited in its transaction.
// Who may call each is the web layer's policy check (web/authorisation.hpp).
#include "domain/i18n.hpp"
#include "service/service.hpp"
#include "store/accounts.hpp"
#include "store/organisations.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::service {

inline constexpr std::array<std::string_view, 5> creatable_kinds{"association", "social_enterprise", "public_institution",
                                                                 "company", "school"};

struct OrganisationOutcome {
    enum class Kind { done, invalid, not_found, already_member, last_admin, not_a_member } kind = Kind::done;
    std::vector<std::string> problems;  // invalid: "name", "kind", "city", "website", "description", "email"
    store::OrganisationRecord organisation;
};

// The fields are checked (problems named as above); the founder becomes the admin.
OrganisationOutcome create_organisation(const Context& context, const store::OrganisationRecord& form, long long founder);
// Verifies it, audited, and tells its members (once: verifying it again changes nothing).
OrganisationOutcome verify_organisation(const Context& context, const std::string& slug, long long staff_id);

struct Invitation {
    long long organisation_id = 0;
    std::string organisation_name;
    std::string email;  // as typed: normalised and checked here
    long long inviter_id = 0;
    std::string inviter_name;
    domain::Lang lang = domain::Lang::fr;  // the invitation is written in the inviter's language
};
// A new invitation replaces an earlier one to the same address; a member is not invited again.
OrganisationOutcome invite(const Context& context, const Invitation& invitation);

// An invitation's link, while it can still be used: whom it invites, and where.
struct OpenInvitation {
    store::TokenGrant grant;
    std::string organisation_name, organisation_slug;
};
std::optional<OpenInvitation> open_invitation(soci::session& session, const std::string& token, Clock::time_point now);

struct AcceptOutcome {
    enum class Kind { joined, invalid, other_account } kind = Kind::invalid;
    std::optional<OpenInvitation> invitation;
};
// The account whose address was invited joins as a member (the link alone is not enough: a
// forwarded mail must not make a stranger a member); the link is spent.
AcceptOutcome accept_invitation(const Context& context, const std::string& token, long long person_id, const std::string& email);

// A new role, a removal by an admin, or the person leaving (each its own audit action).
enum class MemberChange { set_admin, set_member, remove, leave };
// `person_id` in `organisation_id`, by `actor_id`, audited. The last admin can be neither removed
// nor demoted (last_admin); someone who is not a member is not_a_member.
OrganisationOutcome change_member(const Context& context, long long organisation_id, long long person_id, MemberChange change,
                                  long long actor_id);

}  // namespace latitudes::service
