#pragma once
// Organisations created by people, and their members (migration 0005's memberships).
#include "domain/policy.hpp"
#include "store/accounts.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct OrganisationRecord {
    long long id = 0;
    std::string slug, name, kind, city, website, description;
    bool verified = false;
};

struct Member {
    long long person_id = 0;
    std::string display_name;
    domain::MemberRole role = domain::MemberRole::member;
};

// One organisation a person belongs to, for "Mon espace".
struct Membership {
    std::string slug, name, kind;
    domain::MemberRole role = domain::MemberRole::none;
    bool verified = false;
};

// An invitation not yet accepted, not expired and not withdrawn.
struct PendingInvitation {
    std::string email, created_at, expires_at;
};

class MembershipError : public std::runtime_error {
public:
    enum class Code { last_admin, not_a_member };
    MembershipError(Code code, const std::string& message) : std::runtime_error(message), code_(code) {}
    Code code() const { return code_; }

private:
    Code code_;
};

class OrganisationRepository {
public:
    explicit OrganisationRepository(soci::session& session) : s_(session) {}
    // Creates an unverified organisation with `admin` as its first admin; the slug comes from the
    // name, made unique with a number when needed.
    OrganisationRecord create(const OrganisationRecord& organisation, long long admin, Clock::time_point now);
    std::optional<OrganisationRecord> find_by_slug(const std::string& slug);
    std::optional<OrganisationRecord> find(long long id);
    // MemberRole::none when the person does not belong to the organisation.
    domain::MemberRole member_role(long long organisation_id, long long person_id);
    std::vector<Member> members(long long organisation_id);
    void set_verified(long long organisation_id, bool verified);

    // Adds a member; a person who already belongs keeps their role (an invitation never demotes).
    // Returns false when they already belonged.
    bool add_member(long long organisation_id, long long person_id, domain::MemberRole role, Clock::time_point now);
    // Changes a member's role (member or admin). Throws MembershipError: not_a_member, or
    // last_admin when it would leave the organisation without an admin.
    void set_member_role(long long organisation_id, long long person_id, domain::MemberRole role);
    // Removes a member (or lets one leave). Same errors as set_member_role.
    void remove_member(long long organisation_id, long long person_id);
    // The organisations of a person, by name.
    std::vector<Membership> memberships_of(long long person_id);
    // Verified organisations that may bring a need (every kind but schools and partners), by name
    // (staff pick one when they write a need with a beneficiary). `role` is none.
    std::vector<Membership> verified_beneficiaries();
    // Invitations (one_time_tokens, purpose 'invitation') still valid at `now`, newest first.
    std::vector<PendingInvitation> pending_invitations(long long organisation_id, Clock::time_point now);
    // Withdraws the unused invitations of an e-mail address to this organisation (a new one replaces them).
    void withdraw_invitations(long long organisation_id, const std::string& email, Clock::time_point now);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
