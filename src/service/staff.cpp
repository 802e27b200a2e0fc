#include "service/staff.hpp"

#include "store/accounts.hpp"

#include <nlohmann/json.hpp>

namespace latitudes::service {

namespace {

StaffChangeOutcome outcome_of(StaffChangeOutcome::Kind kind, std::string email = {}) {
    StaffChangeOutcome outcome;
    outcome.kind = kind;
    outcome.email = std::move(email);
    return outcome;
}

}  // namespace

StaffChangeOutcome set_role(const Context& context, long long staff_id, long long person_id, const std::string& role) {
    const auto parsed = domain::parse_role(role);
    if (!parsed || *parsed == domain::Role::anonymous) return outcome_of(StaffChangeOutcome::Kind::invalid);
    if (person_id == staff_id) return outcome_of(StaffChangeOutcome::Kind::self);
    store::WriteTransaction tx(context.session);
    store::AccountRepository accounts(context.session);
    const auto account = accounts.find(person_id);
    if (!account) return outcome_of(StaffChangeOutcome::Kind::not_found);
    accounts.set_role(person_id, role);
    store::write_audit(context.session, staff_id, "staff_change_role", "person", person_id,
                       nlohmann::json{{"from", account->role}, {"to", role}}.dump(), context.now);
    tx.commit();
    return outcome_of(StaffChangeOutcome::Kind::changed, account->email);
}

StaffChangeOutcome set_active(const Context& context, long long staff_id, long long person_id, bool active) {
    if (person_id == staff_id) return outcome_of(StaffChangeOutcome::Kind::self);
    store::WriteTransaction tx(context.session);
    store::AccountRepository accounts(context.session);
    const auto account = accounts.find(person_id);
    if (!account) return outcome_of(StaffChangeOutcome::Kind::not_found);
    accounts.set_active(person_id, active);
    if (!active) store::SessionStore(context.session).revoke_all(person_id, context.now);
    store::write_audit(context.session, staff_id, active ? "staff_reactivate_account" : "staff_deactivate_account", "person",
                       person_id, "{}", context.now);
    tx.commit();
    return outcome_of(StaffChangeOutcome::Kind::changed, account->email);
}

}  // namespace latitudes::service
