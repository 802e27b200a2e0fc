// Log-in and log-out; "Mon espace" is in me.cpp, sign-up in signup.cpp.
#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "service/sessions.hpp"
#include "web/authorisation.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

// `field`: the input the error concerns ("": the whole form, as a wrong password must be, so as
// not to tell which of the two was wrong).
Response login_page(Site& site, Request& request, const std::string& email, const std::string& error_key, int status,
                    const std::string& next, const std::string& field = "") {
    FormErrors errors;
    if (!error_key.empty()) errors.add(field, message(site, page_context(request).lang, error_key));
    json data{{"email", email}, {"next", safe_next(next)}, {"form_errors", errors.view()}};
    return render_anonymous_form(site, request, "login.title", "login", std::move(data), status);
}

}  // namespace

Response login_form(Request& request, Site& site) {
    const std::string next = safe_next(request.param("next"));
    if (request.visitor.logged_in()) return redirect(303, next.empty() ? "/me" : next);
    return login_page(site, request, "", "", 200, next);
}

Response login(Request& request, Site& site) {
    const std::string next = safe_next(request.form_value("next"));
    store::Lease session(site.db);
    const auto outcome = service::log_in(site.service_context(*session),
                                         {request.form_value("email"), request.form_value("password"), request.remote,
                                          request.visitor.session_id});
    using Kind = service::LogInOutcome::Kind;
    switch (outcome.kind) {
        case Kind::missing:  // the first of the two left blank
            return login_page(site, request, domain::is_valid_utf8(outcome.email) ? outcome.email : "", "login.error.missing",
                              400, next, domain::is_blank(request.form_value("email")) ? "email" : "password");
        case Kind::throttled: return login_page(site, request, outcome.email, "login.error.throttled", 429, next);
        case Kind::invalid: return login_page(site, request, outcome.email, "login.error.invalid", 401, next);
        case Kind::unconfirmed: return login_page(site, request, outcome.email, "login.error.unconfirmed", 403, next);
        case Kind::logged_in: break;
    }
    Response response = redirect(303, next.empty() ? "/me" : next);
    const auto absolute = std::chrono::duration_cast<std::chrono::seconds>(domain::session_absolute.ttl).count();
    response.header("Set-Cookie", cookie_header(site, session_cookie, outcome.session_id, absolute));
    response.header("Set-Cookie", cookie_header(site, anonymous_csrf_cookie, "", 0));
    return response;
}

Response logout(Request& request, Site& site) {
    if (request.visitor.logged_in()) {
        store::Lease session(site.db);
        service::log_out(site.service_context(*session), request.visitor.session_id);
    }
    Response response = redirect(303, "/");
    response.header("Set-Cookie", cookie_header(site, session_cookie, "", 0));
    return response;
}

}  // namespace latitudes::web::handlers
