#pragma once
// Organisations created by people, and their members (migration 0005's memberships).
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
    std::string display_name, role;
};

class OrganisationRepository {
public:
    explicit OrganisationRepository(soci::session& session) : s_(session) {}
    // Creates an unverified organisation with `admin` as its first admin; the slug comes from the
    // name, made unique with a number when needed.
    OrganisationRecord create(const OrganisationRecord& organisation, long long admin, Clock::time_point now);
    std::optional<OrganisationRecord> find_by_slug(const std::string& slug);
    // "admin", "member" or "" when the person does not belong to the organisation.
    std::string member_role(long long organisation_id, long long person_id);
    std::vector<Member> members(long long organisation_id);
    void set_verified(long long organisation_id, bool verified);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
