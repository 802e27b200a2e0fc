// "Mot de passe oublié": a single-use link valid one hour, sent by e-mail; the same
// answer whether or not the address has an account; a new password logs out every session.
#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "mail/mail.hpp"
#include "store/accounts.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

constexpr int max_requests_per_address = 10;   // reset requests per address and quarter of an hour
constexpr int max_mails_per_account = 3;       // reset mails per account and quarter of an hour
constexpr auto request_window = std::chrono::minutes(15);

}  // namespace

Response password_forgot_form(Request& request, Site& site) {
    return render_anonymous_form(site, request, "forgot.title", "password_forgot", json{{"email", ""}}, 200);
}

Response password_forgot(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    const std::string raw = request.form_value("email");
    const std::string email = domain::is_valid_utf8(raw) ? domain::normalise_email(raw) : std::string();
    if (!domain::is_valid_email(email))
        return render_anonymous_form(site, request, "forgot.title", "password_forgot",
                         json{{"email", email.size() > 254 ? "" : email}, {"error", message(site, lang, "signup.error.email")}}, 422);

    const auto now = store::Clock::now();
    store::Lease session(site.db);
    store::AttemptThrottle throttle(*session);
    const std::string address_key = "reset-ip:" + request.remote;
    if (throttle.failures_since(address_key, now - request_window) >= max_requests_per_address)
        return render_anonymous_form(site, request, "forgot.title", "password_forgot",
                         json{{"email", email}, {"error", message(site, lang, "login.error.throttled")}}, 429);
    // The account and its mail are read and rendered before the write transaction opens.
    const auto account = store::AccountRepository(*session).find_by_email(email);
    const std::string token = domain::random_token();
    std::optional<mail::Mail> mail;
    if (account && account->active) {
        mail = mail::render_mail(*site.views, lang, "reset_password",
                                 {{"display_name", account->display_name},
                                  {"link", site.options.public_url + "/password/reset?token=" + token +
                                               "&lang=" + std::string(domain::to_string(lang))}});
        mail->to = email;
    }
    store::WriteTransaction tx(*session);
    throttle.record_failure(address_key, now);   // every request counts, found or not
    // Per account, the mails stop (nobody's inbox is flooded) but the answer stays the same, so
    // that it never tells whether the address has an account.
    const std::string account_key = "reset-email:" + email;
    const bool account_throttled = throttle.failures_since(account_key, now - request_window) >= max_mails_per_account;
    if (mail && !account_throttled) {
        throttle.record_failure(account_key, now);
        store::TokenStore tokens(*session);
        tokens.revoke_unused(account->person_id, store::TokenPurpose::reset_password, now);   // the newest link only
        tokens.issue(store::TokenPurpose::reset_password, {account->person_id, 0, email},
                     std::chrono::duration_cast<std::chrono::seconds>(domain::password_reset_link.ttl), now, token);
        mail::Outbox::enqueue(*session, *mail, lang, "reset_password", now);
    }
    tx.commit();
    return notice_page(site, request, "forgot.sent.title", "forgot.sent.text", 200);
}

Response password_reset_form(Request& request, Site& site) {
    const std::string token = request.param("token");
    if (token.empty() || token.size() > 100) return notice_page(site, request, "confirm.invalid.title", "confirm.invalid.text", 400);
    // The token is only used when the new password is posted: opening the link twice is fine.
    return render_anonymous_form(site, request, "reset.title", "password_reset", json{{"token", token}}, 200);
}

Response password_reset(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    const std::string token = request.form_value("token");
    const std::string password = request.form_value("password");
    if (token.empty() || token.size() > 100) return notice_page(site, request, "confirm.invalid.title", "confirm.invalid.text", 400);

    const auto now = store::Clock::now();
    store::Lease session(site.db);
    // Checked and hashed before the write transaction; the link is spent only by a good password,
    // so a rejected one can be tried again with the same link.
    const auto peeked = store::TokenStore(*session).peek(token, store::TokenPurpose::reset_password, now);
    if (!peeked) return notice_page(site, request, "confirm.invalid.title", "confirm.invalid.text", 400);
    store::AccountRepository accounts(*session);
    const auto account = accounts.find(peeked->person_id);
    if (!account) return notice_page(site, request, "confirm.invalid.title", "confirm.invalid.text", 400);
    std::vector<std::string> errors;
    add_password_problems(site, lang, password, account->email, account->display_name, errors);
    if (!errors.empty())
        return render_anonymous_form(site, request, "reset.title", "password_reset", json{{"token", token}, {"errors", errors}, {"has_errors", true}}, 422);
    const std::string hash = domain::hash_password(password);

    store::WriteTransaction tx(*session);
    // Spent now, once: a second request with the same link, racing this one, finds it used.
    const auto grant = store::TokenStore(*session).consume(token, store::TokenPurpose::reset_password, now);
    if (!grant || grant->person_id != account->person_id)
        return notice_page(site, request, "confirm.invalid.title", "confirm.invalid.text", 400);
    accounts.set_password_hash(account->person_id, hash);
    accounts.confirm_email(account->person_id, now);   // the link proved the address
    store::SessionStore(*session).revoke_all(account->person_id, now);
    tx.commit();
    return notice_page(site, request, "reset.done.title", "reset.done.text", 200);
}

}  // namespace latitudes::web::handlers
