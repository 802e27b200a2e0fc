#include "service/sessions.hpp"

#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "store/accounts.hpp"

namespace latitudes::service {

LogInOutcome log_in(const Context& context, const LogIn& input) {
    LogInOutcome outcome;
    outcome.email = domain::normalise_email(input.email);
    const auto& email = outcome.email;
    if (email.empty() || input.password.empty() || email.size() > 254 || input.password.size() > 1024 ||
        !domain::is_valid_utf8(email) || !domain::is_valid_utf8(input.password)) {
        outcome.kind = LogInOutcome::Kind::missing;
        return outcome;
    }
    auto& session = context.session;
    store::AttemptThrottle throttle(session);
    const std::string account_key = "email:" + email, address_key = "ip:" + input.remote,
                      pair_key = "email-ip:" + email + " " + input.remote;
    const auto since = context.now - login_throttle_window;
    if (throttle.failures_since(pair_key, since) >= max_failures_per_account_and_address ||
        throttle.failures_since(account_key, since) >= max_failures_per_account ||
        throttle.failures_since(address_key, since) >= max_failures_per_address) {
        outcome.kind = LogInOutcome::Kind::throttled;
        return outcome;
    }
    store::AccountRepository accounts(session);
    const auto account = accounts.find_by_email(email);
    const bool password_ok = domain::verify_password(account ? account->password_hash : domain::dummy_password_hash(),
                                                     input.password);
    if (!account || !password_ok || !account->active) {
        store::WriteTransaction tx(session);
        throttle.record_failure(pair_key, context.now);
        throttle.record_failure(account_key, context.now);
        throttle.record_failure(address_key, context.now);
        tx.commit();
        outcome.kind = LogInOutcome::Kind::invalid;
        return outcome;
    }
    if (!account->email_confirmed) {
        outcome.kind = LogInOutcome::Kind::unconfirmed;
        return outcome;
    }
    const std::string new_hash = domain::needs_rehash(account->password_hash) ? domain::hash_password(input.password) : "";
    store::WriteTransaction tx(session);
    throttle.clear(pair_key);
    throttle.clear(account_key);
    store::SessionStore sessions(session);
    if (!input.previous_session.empty()) sessions.revoke(input.previous_session, context.now);
    outcome.session_id = sessions.create(account->person_id, context.now).id;
    accounts.record_login(account->person_id, context.now);
    if (!new_hash.empty()) accounts.set_password_hash(account->person_id, new_hash);
    tx.commit();
    return outcome;
}

void log_out(const Context& context, const std::string& session_id) {
    store::SessionStore(context.session).revoke(session_id, context.now);
}

}  // namespace latitudes::service
