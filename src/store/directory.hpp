#pragma once
// What staff read: people and organisations, searched and paged, and the audit log.
#include "store/accounts.hpp"

#include <string>
#include <vector>

namespace latitudes::store {

struct PersonRow {
    long long id = 0;
    std::string email, display_name, role, created_at, last_login_at;
    bool active = true, email_confirmed = false;
};

struct OrganisationRow {
    long long id = 0;
    std::string slug, name, kind, city, created_at;
    bool verified = false;
    long long members = 0;
};

struct AuditEntry {
    long long id = 0;
    std::string at, actor_name, action, target_kind, details;  // actor_name "" when erased
    long long target_id = 0;
};

struct DirectoryQuery {
    std::string text;    // matched, case-insensitively, against name and e-mail (people) or name and city
    std::string role;    // people only: one role, "" for all
    std::string status;  // organisations: "verified", "unverified" or ""; people: "active", "inactive" or ""
    int limit = 50;      // at most 200
    int offset = 0;
};

class Directory {
public:
    explicit Directory(soci::session& session) : s_(session) {}
    // People with an account (erased people have none), by display name then id.
    std::vector<PersonRow> people(const DirectoryQuery& query);
    // Organisations, unverified first, then by name.
    std::vector<OrganisationRow> organisations(const DirectoryQuery& query);
    // Audit entries newest first; `before_id` > 0 pages back.
    std::vector<AuditEntry> audit(int limit, long long before_id = 0);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
