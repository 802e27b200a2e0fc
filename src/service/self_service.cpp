#include "service/self_service.hpp"

#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "mail/mail.hpp"
#include "store/accounts.hpp"
#include "store/api_tokens.hpp"

namespace latitudes::service {

namespace {

std::optional<store::Account> with_password(soci::session& session, long long person_id, const std::string& password) {
    auto account = store::AccountRepository(session).find(person_id);
    if (!account || password.size() > 1024 || !domain::verify_password(account->password_hash, password)) return std::nullopt;
    return account;
}

}  // namespace

EmailChangeOutcome request_email_change(const Context& context, const EmailChange& input) {
    EmailChangeOutcome outcome;
    outcome.email = domain::is_valid_utf8(input.new_email) ? domain::normalise_email(input.new_email) : std::string();
    auto& session = context.session;
    const auto account = with_password(session, input.person_id, input.current_password);
    if (!account) outcome.kind = EmailChangeOutcome::Kind::wrong_password;
    else if (!domain::is_valid_email(outcome.email)) outcome.kind = EmailChangeOutcome::Kind::invalid_email;
    else if (outcome.email == account->email) outcome.kind = EmailChangeOutcome::Kind::same_email;
    if (outcome.kind != EmailChangeOutcome::Kind::sent) return outcome;

    const std::string token = domain::random_token();
    auto mail = mail::render_mail(context.notifier.views(), input.lang, "change_email",
                                  {{"display_name", account->display_name},
                                   {"link", context.notifier.public_url() + "/me/email/confirm?token=" + token +
                                                "&lang=" + std::string(domain::to_string(input.lang))}});
    mail.to = outcome.email;
    store::WriteTransaction tx(session);
    store::TokenStore tokens(session);
    tokens.revoke_unused(account->person_id, store::TokenPurpose::change_email, context.now);
    // An address already taken gets no link: the link would fail anyway.
    if (!store::AccountRepository(session).find_by_email(outcome.email)) {
        tokens.issue(store::TokenPurpose::change_email, {account->person_id, 0, outcome.email},
                     std::chrono::duration_cast<std::chrono::seconds>(domain::email_confirmation_link.ttl), context.now, token);
        mail::Outbox::enqueue(session, mail, input.lang, "change_email", context.now);
    }
    tx.commit();
    return outcome;
}

EmailConfirmOutcome confirm_email_change(const Context& context, const std::string& token) {
    EmailConfirmOutcome outcome;
    outcome.kind = EmailConfirmOutcome::Kind::invalid_link;
    if (token.empty() || token.size() > 100) return outcome;
    store::WriteTransaction tx(context.session);
    const auto grant = store::TokenStore(context.session).consume(token, store::TokenPurpose::change_email, context.now);
    if (!grant) return outcome;
    outcome.person_id = grant->person_id;
    try {
        store::AccountRepository(context.session).set_email(grant->person_id, grant->email);
    } catch (const store::AccountError&) {
        // Taken in the meantime: the link is spent (committed below), the old address stays.
        outcome.kind = EmailConfirmOutcome::Kind::taken;
        return outcome;
    }
    store::write_audit(context.session, grant->person_id, "change_email", "person", grant->person_id, "{}", context.now);
    tx.commit();
    outcome.kind = EmailConfirmOutcome::Kind::changed;
    return outcome;
}

TokenOutcome create_api_token(const Context& context, long long person_id, const std::string& name) {
    TokenOutcome outcome;
    if (!domain::is_valid_utf8(name) || name.find_first_not_of(" \t") == std::string::npos ||
        domain::fold(name).size() > max_token_name) {
        outcome.kind = TokenOutcome::Kind::invalid_name;
        return outcome;
    }
    store::WriteTransaction tx(context.session);
    store::ApiTokenStore tokens(context.session);
    if (tokens.live_count(person_id) >= max_live_tokens) {
        outcome.kind = TokenOutcome::Kind::too_many;
        return outcome;
    }
    outcome.value = tokens.create(person_id, name, context.now).value;
    tx.commit();
    return outcome;
}

bool revoke_api_token(const Context& context, long long person_id, long long token_id) {
    return store::ApiTokenStore(context.session).revoke(person_id, token_id, context.now);
}

bool delete_account(const Context& context, long long person_id, const std::string& password) {
    if (!with_password(context.session, person_id, password)) return false;
    store::WriteTransaction tx(context.session);
    store::AccountRepository(context.session).erase(person_id, context.now);
    tx.commit();
    return true;
}

}  // namespace latitudes::service
