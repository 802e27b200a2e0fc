// Log-in and log-out; "Mon espace" is in me.cpp, sign-up in signup.cpp.
#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "store/accounts.hpp"
#include "web/authorisation.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

// Failed log-ins allowed in a window. The tight limit is per account and address: one person
// guessing at one account. Per account (from any address) it stops a guess spread over many
// addresses. Per address it is much higher, because a whole school's class logs in from behind
// one address (NAT): one student mistyping, or someone hammering one account, must not lock the
// other forty out.
constexpr int max_failures_per_account_and_address = 5;
constexpr int max_failures_per_account = 20;
constexpr int max_failures_per_address = 200;
constexpr auto throttle_window = std::chrono::minutes(15);

Response login_page(Site& site, Request& request, const std::string& email, const std::string& error_key,
                    int status, const std::string& next) {
    json data{{"email", email}, {"next", safe_next(next)}};
    if (!error_key.empty()) data["error"] = message(site, page_context(request).lang, error_key);
    return render_anonymous_form(site, request, "login.title", "login", std::move(data), status);
}

}  // namespace

Response login_form(Request& request, Site& site) {
    const std::string next = safe_next(request.param("next"));
    if (request.visitor.logged_in()) return redirect(303, next.empty() ? "/me" : next);
    return login_page(site, request, "", "", 200, next);
}

Response login(Request& request, Site& site) {
    const std::string email = domain::normalise_email(request.form_value("email"));
    const std::string password = request.form_value("password");
    const std::string next = safe_next(request.form_value("next"));
    if (email.empty() || password.empty() || email.size() > 254 || password.size() > 1024 ||
        !domain::is_valid_utf8(email) || !domain::is_valid_utf8(password))
        return login_page(site, request, email.size() > 254 ? "" : email, "login.error.missing", 400, next);

    const auto now = store::Clock::now();
    store::Lease session(site.db);
    store::AttemptThrottle throttle(*session);
    const std::string account_key = "email:" + email, address_key = "ip:" + request.remote,
                      pair_key = "email-ip:" + email + " " + request.remote;
    const auto since = now - throttle_window;
    if (throttle.failures_since(pair_key, since) >= max_failures_per_account_and_address ||
        throttle.failures_since(account_key, since) >= max_failures_per_account ||
        throttle.failures_since(address_key, since) >= max_failures_per_address)
        return login_page(site, request, email, "login.error.throttled", 429, next);

    store::AccountRepository accounts(*session);
    const auto account = accounts.find_by_email(email);
    // Unknown e-mails cost the same hashing time and get the same answer: nothing tells whether
    // an account exists.
    const bool password_ok = domain::verify_password(account ? account->password_hash : domain::dummy_password_hash(), password);
    if (!account || !password_ok || !account->active) {
        store::WriteTransaction tx(*session);
        throttle.record_failure(pair_key, now);
        throttle.record_failure(account_key, now);
        throttle.record_failure(address_key, now);
        tx.commit();
        return login_page(site, request, email, "login.error.invalid", 401, next);
    }
    if (!account->email_confirmed) return login_page(site, request, email, "login.error.unconfirmed", 403, next);

    // A re-hash with today's parameters is computed before the writer lock is taken.
    const std::string new_hash = domain::needs_rehash(account->password_hash) ? domain::hash_password(password) : "";
    store::WriteTransaction tx(*session);
    throttle.clear(pair_key);
    throttle.clear(account_key);
    store::SessionStore sessions(*session);
    // A new session id at every log-in: an id planted before log-in is worthless after it.
    if (!request.visitor.session_id.empty()) sessions.revoke(request.visitor.session_id, now);
    const auto created = sessions.create(account->person_id, now);
    accounts.record_login(account->person_id, now);
    if (!new_hash.empty()) accounts.set_password_hash(account->person_id, new_hash);
    tx.commit();

    Response response = redirect(303, next.empty() ? "/me" : next);
    const auto absolute = std::chrono::duration_cast<std::chrono::seconds>(domain::session_absolute.ttl).count();
    response.header("Set-Cookie", cookie_header(site, session_cookie, created.id, absolute));
    response.header("Set-Cookie", cookie_header(site, anonymous_csrf_cookie, "", 0));
    return response;
}

Response logout(Request& request, Site& site) {
    if (request.visitor.logged_in()) {
        store::Lease session(site.db);
        store::SessionStore(*session).revoke(request.visitor.session_id, store::Clock::now());
    }
    Response response = redirect(303, "/");
    response.header("Set-Cookie", cookie_header(site, session_cookie, "", 0));
    return response;
}

}  // namespace latitudes::web::handlers
