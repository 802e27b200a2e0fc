#include "service/accounts.hpp"

#include "domain/text.hpp"
#include "mail/mail.hpp"
#include "service/cohorts.hpp"
#include "store/accounts.hpp"

#include <algorithm>

namespace latitudes::service {

SignUpOutcome sign_up(const Context& context, const SignUp& input) {
    SignUpOutcome outcome;
    if (!domain::is_valid_utf8(input.email) || !domain::is_valid_utf8(input.display_name) || !domain::is_valid_utf8(input.role) ||
        !domain::is_valid_utf8(input.password)) {
        outcome.kind = SignUpOutcome::Kind::broken_text;
        return outcome;
    }
    outcome.email = domain::normalise_email(input.email);
    if (!domain::is_valid_email(outcome.email)) outcome.problems.emplace_back("email");
    if (input.display_name.find_first_not_of(" \t") == std::string::npos) outcome.problems.emplace_back("name_missing");
    else if (domain::characters(input.display_name) > max_display_name) outcome.problems.emplace_back("name");
    if (std::find(self_service_roles.begin(), self_service_roles.end(), input.role) == self_service_roles.end())
        outcome.problems.emplace_back("role");
    if (!input.consented) outcome.problems.emplace_back("consent");
    outcome.password = domain::check_new_password(input.password, outcome.email, input.display_name).problems;
    if (!outcome.problems.empty() || !outcome.password.empty()) {
        outcome.kind = SignUpOutcome::Kind::invalid;
        return outcome;
    }
    // The slow parts come before the write transaction, which holds the writer lock: hashing
    // (also done when the address is taken, so that the time taken tells nothing) and the mail.
    const std::string password_hash = domain::hash_password(input.password);
    const std::string token = domain::random_token();
    const std::string link = context.notifier.public_url() + "/confirm?token=" + token +
                             "&lang=" + std::string(domain::to_string(input.lang));
    auto mail = mail::render_mail(context.notifier.views(), input.lang, "confirm_email",
                                  {{"display_name", input.display_name}, {"link", link}});
    mail.to = outcome.email;

    store::WriteTransaction tx(context.session);
    store::AccountRepository accounts(context.session);
    if (!accounts.find_by_email(outcome.email)) {
        const long long id = accounts.create({outcome.email, input.display_name, input.role, password_hash, false, terms_version},
                                             context.now);
        store::TokenStore(context.session)
            .issue(store::TokenPurpose::confirm_email, {id, 0, outcome.email},
                   std::chrono::duration_cast<std::chrono::seconds>(domain::email_confirmation_link.ttl), context.now, token);
        mail::Outbox::enqueue(context.session, mail, input.lang, "confirm_email", context.now);
    }
    tx.commit();
    return outcome;
}

bool confirm_email(const Context& context, const std::string& token) {
    if (token.empty() || token.size() > 100) return false;
    store::WriteTransaction tx(context.session);
    const auto grant = store::TokenStore(context.session).consume(token, store::TokenPurpose::confirm_email, context.now);
    if (!grant) return false;
    store::AccountRepository(context.session).confirm_email(grant->person_id, context.now);
    // The address is proven now: the cohorts that invited it count the account as their student.
    join_invited_cohorts(context.session, grant->email, grant->person_id);
    tx.commit();
    return true;
}

}  // namespace latitudes::service
