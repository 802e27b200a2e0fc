// Sign-up with e-mail confirmation (issue 3): the account, its single-use link and the mail are
// written in one transaction, so a failure leaves nothing half-done; the mail goes out through
// the outbox (mail/mail.hpp), which retries until the relay takes it.
#include "domain/credentials.hpp"
#include "domain/policy.hpp"
#include "domain/text.hpp"
#include "mail/mail.hpp"
#include "store/accounts.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

// Roles a person may choose for themself; staff is granted by staff or the CLI only.
constexpr std::array<std::string_view, 6> self_service_roles{"student", "professional", "beneficiary",
                                                             "coordinator", "company", "researcher"};
constexpr std::size_t max_name_length = 100;

struct SignupForm {
    std::string email, display_name, role, password;
};

Response signup_page(Site& site, Request& request, const SignupForm& form, const std::vector<std::string>& errors,
                     int status) {
    const auto lang = page_context(request).lang;
    json roles = json::array();
    for (auto role : self_service_roles)
        roles.push_back({{"value", role}, {"label", message(site, lang, "role." + std::string(role))}, {"selected", form.role == role}});
    json data{{"email", form.email}, {"display_name", form.display_name}, {"roles", roles},
              {"errors", errors}, {"has_errors", !errors.empty()}};
    return render_anonymous_form(site, request, "signup.title", "signup", std::move(data), status);
}

}  // namespace

Response signup_form(Request& request, Site& site) {
    if (request.visitor.logged_in()) return redirect(303, "/me");
    // An invitation's "create an account" link fills in the invited address.
    std::string email = request.param("email");
    if (!domain::is_valid_utf8(email) || email.size() > 254) email.clear();
    return signup_page(site, request, SignupForm{email, "", "student", ""}, {}, 200);
}

Response signup(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    SignupForm form{request.form_value("email"), request.form_value("display_name"), request.form_value("role"),
                    request.form_value("password")};
    std::vector<std::string> errors;
    const bool utf8 = domain::is_valid_utf8(form.email) && domain::is_valid_utf8(form.display_name) &&
                      domain::is_valid_utf8(form.role) && domain::is_valid_utf8(form.password);
    if (!utf8) {
        // Nothing of a broken submission is echoed back.
        return signup_page(site, request, SignupForm{"", "", "student", ""}, {message(site, lang, "signup.error.encoding")}, 400);
    }
    form.email = domain::normalise_email(form.email);
    if (!domain::is_valid_email(form.email)) errors.push_back(message(site, lang, "signup.error.email"));
    const auto name_length = domain::characters(form.display_name);
    if (form.display_name.find_first_not_of(" \t") == std::string::npos || name_length > max_name_length)
        errors.push_back(message(site, lang, "signup.error.name"));
    if (std::find(self_service_roles.begin(), self_service_roles.end(), form.role) == self_service_roles.end())
        errors.push_back(message(site, lang, "signup.error.role"));
    add_password_problems(site, lang, form.password, form.email, form.display_name, errors);
    if (form.email.size() > 254) form.email.clear();
    if (form.display_name.size() > 4 * max_name_length) form.display_name.clear();
    if (!errors.empty()) return signup_page(site, request, form, errors, 422);

    // The slow parts come before the write transaction, which holds the writer lock: hashing
    // (also done when the address is taken, so that the time taken tells nothing) and the mail.
    const std::string password_hash = domain::hash_password(form.password);
    const std::string token = domain::random_token();
    const std::string link = site.options.public_url + "/confirm?token=" + token +
                             "&lang=" + std::string(domain::to_string(lang));
    auto mail = mail::render_mail(*site.views, lang, "confirm_email", {{"display_name", form.display_name}, {"link", link}});
    mail.to = form.email;

    const auto now = store::Clock::now();
    store::Lease session(site.db);
    store::WriteTransaction tx(*session);
    store::AccountRepository accounts(*session);
    if (!accounts.find_by_email(form.email)) {
        const long long id = accounts.create({form.email, form.display_name, form.role, password_hash, false}, now);
        store::TokenStore(*session).issue(store::TokenPurpose::confirm_email, {id, 0, form.email},
                                          std::chrono::duration_cast<std::chrono::seconds>(domain::email_confirmation_link.ttl),
                                          now, token);
        mail::Outbox::enqueue(*session, mail, lang, "confirm_email", now);
    }
    // The same answer whether or not the address already had an account: nothing tells.
    tx.commit();
    return notice_page(site, request, "signup.sent.title", "signup.sent.text", 200);
}

Response confirm(Request& request, Site& site) {
    const std::string token = request.param("token");
    if (token.empty() || token.size() > 100) return notice_page(site, request, "confirm.invalid.title", "confirm.invalid.text", 400);
    const auto now = store::Clock::now();
    store::Lease session(site.db);
    store::WriteTransaction tx(*session);
    auto grant = store::TokenStore(*session).consume(token, store::TokenPurpose::confirm_email, now);
    if (!grant) return notice_page(site, request, "confirm.invalid.title", "confirm.invalid.text", 400);
    store::AccountRepository(*session).confirm_email(grant->person_id, now);
    tx.commit();
    return notice_page(site, request, "confirm.done.title", "confirm.done.text", 200);
}

}  // namespace latitudes::web::handlers
