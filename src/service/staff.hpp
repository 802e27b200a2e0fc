#pragma once
// What staff change on people's accounts: the role, and whether the account may be used. Each
// change is written to the audit log with the staff member who made it.
#include "domain/policy.hpp"
#include "service/service.hpp"

#include <string>

namespace latitudes::service {

struct StaffChangeOutcome {
    enum class Kind { changed, not_found, invalid, self } kind = Kind::changed;
    std::string email;  // changed: the person's address (the page searches for it)
};
// A staff member cannot change their own account: the last one would lock everybody out.
StaffChangeOutcome set_role(const Context& context, long long staff_id, long long person_id, const std::string& role);
// A deactivated person is logged out everywhere at once (their API tokens stop working too:
// they are checked against the account's state).
StaffChangeOutcome set_active(const Context& context, long long staff_id, long long person_id, bool active);

}  // namespace latitudes::service
