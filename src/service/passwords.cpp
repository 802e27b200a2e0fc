#include "service/passwords.hpp"

#include "domain/text.hpp"
#include "mail/mail.hpp"
#include "store/accounts.hpp"

namespace latitudes::service {

namespace {

NewPasswordOutcome outcome_of(NewPasswordOutcome::Kind kind) {
    NewPasswordOutcome outcome;
    outcome.kind = kind;
    return outcome;
}

// The problems of `password` for this account (empty when it will do).
NewPasswordOutcome weak(const store::Account& account, const std::string& password) {
    auto outcome = outcome_of(NewPasswordOutcome::Kind::weak);
    outcome.problems = domain::check_new_password(password, account.email, account.display_name).problems;
    outcome.email = account.email;
    outcome.display_name = account.display_name;
    return outcome;
}

}  // namespace

ResetRequestOutcome request_password_reset(const Context& context, const ResetRequest& input) {
    ResetRequestOutcome outcome;
    outcome.email = domain::is_valid_utf8(input.email) ? domain::normalise_email(input.email) : std::string();
    if (!domain::is_valid_email(outcome.email)) {
        outcome.kind = ResetRequestOutcome::Kind::invalid_email;
        return outcome;
    }
    auto& session = context.session;
    store::AttemptThrottle throttle(session);
    const std::string address_key = "reset-ip:" + input.remote;
    if (throttle.failures_since(address_key, context.now - reset_request_window) >= max_reset_requests_per_address) {
        outcome.kind = ResetRequestOutcome::Kind::throttled;
        return outcome;
    }
    // The account and its mail are read and rendered before the write transaction opens.
    const auto account = store::AccountRepository(session).find_by_email(outcome.email);
    const std::string token = domain::random_token();
    std::optional<mail::Mail> mail;
    if (account && account->active) {
        mail = mail::render_mail(context.notifier.views(), input.lang, "reset_password",
                                 {{"display_name", account->display_name},
                                  {"link", context.notifier.public_url() + "/password/reset?token=" + token +
                                               "&lang=" + std::string(domain::to_string(input.lang))}});
        mail->to = outcome.email;
    }
    store::WriteTransaction tx(session);
    throttle.record_failure(address_key, context.now);  // every request counts, found or not
    // Per account, the mails stop (nobody's inbox is flooded) but the answer stays the same.
    const std::string account_key = "reset-email:" + outcome.email;
    const bool account_throttled = throttle.failures_since(account_key, context.now - reset_request_window) >=
                                   max_reset_mails_per_account;
    if (mail && !account_throttled) {
        throttle.record_failure(account_key, context.now);
        store::TokenStore tokens(session);
        tokens.revoke_unused(account->person_id, store::TokenPurpose::reset_password, context.now);
        tokens.issue(store::TokenPurpose::reset_password, {account->person_id, 0, outcome.email},
                     std::chrono::duration_cast<std::chrono::seconds>(domain::password_reset_link.ttl), context.now, token);
        mail::Outbox::enqueue(session, *mail, input.lang, "reset_password", context.now);
    }
    tx.commit();
    return outcome;
}

NewPasswordOutcome reset_password(const Context& context, const std::string& token, const std::string& password) {
    if (token.empty() || token.size() > 100) return outcome_of(NewPasswordOutcome::Kind::invalid_link);
    auto& session = context.session;
    const auto peeked = store::TokenStore(session).peek(token, store::TokenPurpose::reset_password, context.now);
    if (!peeked) return outcome_of(NewPasswordOutcome::Kind::invalid_link);
    store::AccountRepository accounts(session);
    const auto account = accounts.find(peeked->person_id);
    if (!account) return outcome_of(NewPasswordOutcome::Kind::invalid_link);
    if (auto problems = weak(*account, password); !problems.problems.empty()) return problems;
    const std::string hash = domain::hash_password(password);

    store::WriteTransaction tx(session);
    // Spent now, once: a second request with the same link, racing this one, finds it used.
    const auto grant = store::TokenStore(session).consume(token, store::TokenPurpose::reset_password, context.now);
    if (!grant || grant->person_id != account->person_id) return outcome_of(NewPasswordOutcome::Kind::invalid_link);
    accounts.set_password_hash(account->person_id, hash);
    accounts.confirm_email(account->person_id, context.now);
    store::SessionStore(session).revoke_all(account->person_id, context.now);
    tx.commit();
    return outcome_of(NewPasswordOutcome::Kind::changed);
}

NewPasswordOutcome change_password(const Context& context, long long person_id, const std::string& current,
                                   const std::string& password, const std::string& keep_session) {
    auto& session = context.session;
    const auto account = store::AccountRepository(session).find(person_id);
    if (!account || current.size() > 1024 || !domain::verify_password(account->password_hash, current))
        return outcome_of(NewPasswordOutcome::Kind::wrong_password);
    if (auto problems = weak(*account, password); !problems.problems.empty()) return problems;
    const std::string hash = domain::hash_password(password);  // before the writer lock
    store::WriteTransaction tx(session);
    store::AccountRepository(session).set_password_hash(person_id, hash);
    store::SessionStore(session).revoke_all(person_id, context.now, keep_session);
    tx.commit();
    return outcome_of(NewPasswordOutcome::Kind::changed);
}

}  // namespace latitudes::service
