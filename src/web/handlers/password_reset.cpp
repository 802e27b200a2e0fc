// "Mot de passe oublié": a single-use link valid one hour, sent by e-mail; the same
// answer whether or not the address has an account; a new password logs out every session.
#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "service/passwords.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

FormErrors email_error(const Site& site, domain::Lang lang) {
    FormErrors errors;
    errors.add("email", message(site, lang, "signup.error.email"));
    return errors;
}

}  // namespace

Response password_forgot_form(Request& request, Site& site) {
    return render_anonymous_form(site, request, "forgot.title", "password_forgot", json{{"email", ""}}, 200);
}

Response password_forgot(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto outcome = service::request_password_reset(site.service_context(*session),
                                                         {request.form_value("email"), request.remote, lang});
    using Kind = service::ResetRequestOutcome::Kind;
    if (outcome.kind == Kind::invalid_email)
        return render_anonymous_form(site, request, "forgot.title", "password_forgot",
                                     json{{"email", domain::is_valid_utf8(outcome.email) ? outcome.email : ""},
                                          {"form_errors", email_error(site, lang).view()}},
                                     422);
    if (outcome.kind == Kind::throttled)
        return render_anonymous_form(site, request, "forgot.title", "password_forgot",
                                     json{{"email", outcome.email},
                                          {"form_errors", FormErrors{message(site, lang, "login.error.throttled")}.view()}},
                                     429);
    return notice_page(site, request, "forgot.sent.title", "forgot.sent.text", 200);
}

Response password_reset_form(Request& request, Site& site) {
    const std::string token = request.param("token");
    if (token.empty() || token.size() > 100)
        return notice_page(site, request, "confirm.invalid.title", "confirm.invalid.text", 400);
    // The token is only used when the new password is posted: opening the link twice is fine.
    return render_anonymous_form(site, request, "reset.title", "password_reset", json{{"token", token}}, 200);
}

Response password_reset(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    const std::string token = request.form_value("token");
    const std::string password = request.form_value("password");
    store::Lease session(site.db);
    const auto outcome = service::reset_password(site.service_context(*session), token, password);
    using Kind = service::NewPasswordOutcome::Kind;
    if (outcome.kind == Kind::weak) {
        std::vector<std::string> problems;
        add_password_problems(site, lang, password, outcome.email, outcome.display_name, problems);
        FormErrors errors;
        for (auto& text : problems) errors.add("password", std::move(text));
        return render_anonymous_form(site, request, "reset.title", "password_reset",
                                     json{{"token", token}, {"form_errors", errors.view()}}, 422);
    }
    if (outcome.kind != Kind::changed) return notice_page(site, request, "confirm.invalid.title", "confirm.invalid.text", 400);
    return notice_page(site, request, "reset.done.title", "reset.done.text", 200);
}

}  // namespace latitudes::web::handlers
