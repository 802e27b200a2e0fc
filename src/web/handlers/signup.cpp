// Sign-up with e-mail confirmation: the account, its single-use link and the mail are
// written in one transaction, so a failure leaves nothing half-done; the mail goes out through
// the outbox (mail/mail.hpp), which retries until the relay takes it.
#include "domain/credentials.hpp"
#include "domain/policy.hpp"
#include "domain/text.hpp"
#include "service/accounts.hpp"
#include "store/accounts.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

using service::self_service_roles;

struct SignupForm {
    std::string email, display_name, role, password;
    bool consented = false;
};

Response signup_page(Site& site, Request& request, const SignupForm& form, const FormErrors& errors, int status) {
    const auto lang = page_context(request).lang;
    json roles = json::array();
    for (auto role : self_service_roles)
        roles.push_back(
            {{"value", role}, {"label", message(site, lang, "role." + std::string(role))}, {"selected", form.role == role}});
    json data{{"email", form.email},
              {"display_name", form.display_name},
              {"roles", roles},
              {"consented", form.consented},
              {"form_errors", errors.view()}};
    return render_anonymous_form(site, request, "signup.title", "signup", std::move(data), status);
}

}  // namespace

Response signup_form(Request& request, Site& site) {
    if (request.visitor.logged_in()) return redirect(303, "/me");
    // An invitation's "create an account" link fills in the invited address.
    std::string email = request.param("email");
    if (!domain::is_valid_utf8(email) || email.size() > 254) email.clear();
    return signup_page(site, request, SignupForm{email, "", "student", "", false}, {}, 200);
}

// The form's adapter over service::sign_up: each problem next to its field, the values kept as
// typed (a name too long comes back to be shortened, not to be typed again).
Response signup(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    SignupForm form{request.form_value("email"), request.form_value("display_name"), request.form_value("role"),
                    request.form_value("password"), request.form_value("consent") == "1"};
    store::Lease session(site.db);
    const auto outcome = service::sign_up(site.service_context(*session),
                                          {form.email, form.display_name, form.role, form.password, form.consented, lang});
    using Kind = service::SignUpOutcome::Kind;
    if (outcome.kind == Kind::broken_text) {  // nothing of a broken submission is echoed back
        FormErrors errors;
        errors.add("", message(site, lang, "signup.error.encoding"));
        return signup_page(site, request, SignupForm{"", "", "student", "", false}, errors, 400);
    }
    if (outcome.kind == Kind::invalid) {
        FormErrors errors;
        for (const auto& problem : outcome.problems)
            errors.add(problem == "name" || problem == "name_missing" ? "display_name" : problem,
                       message(site, lang, "signup.error." + problem, {{"max", std::to_string(service::max_display_name)}}));
        std::vector<std::string> password_problems;
        add_password_problems(site, lang, form.password, outcome.email, form.display_name, password_problems);
        for (auto& text : password_problems) errors.add("password", std::move(text));
        return signup_page(site, request, form, errors, 422);
    }
    // The same answer whether or not the address already had an account: nothing tells.
    return notice_page(site, request, "signup.sent.title", "signup.sent.text", 200);
}

Response confirm(Request& request, Site& site) {
    store::Lease session(site.db);
    if (!service::confirm_email(site.service_context(*session), request.param("token")))
        return notice_page(site, request, "confirm.invalid.title", "confirm.invalid.text", 400);
    return notice_page(site, request, "confirm.done.title", "confirm.done.text", 200);
}

}  // namespace latitudes::web::handlers
