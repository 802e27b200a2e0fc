// Log-in, log-out and "Mon espace" for accounts (issue 3). Sign-up and the e-mail links come next.
#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "store/accounts.hpp"
#include "store/query.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

// Failed log-ins allowed in a window, per account and per address.
constexpr int max_failures_per_account = 5;
constexpr int max_failures_per_address = 20;
constexpr auto throttle_window = std::chrono::minutes(15);

Response login_page(Site& site, Request& request, const std::string& email, const std::string& error_key,
                    int status) {
    json data{{"email", email}};
    if (!error_key.empty()) data["error"] = message(site, page_context(request).lang, error_key);
    return render_anonymous_form(site, request, "login.title", "login", std::move(data), status);
}

}  // namespace

Response login_form(Request& request, Site& site) {
    if (request.visitor.logged_in()) return redirect(303, "/me");
    return login_page(site, request, "", "", 200);
}

Response login(Request& request, Site& site) {
    const std::string email = domain::normalise_email(request.form_value("email"));
    const std::string password = request.form_value("password");
    if (email.empty() || password.empty() || email.size() > 254 || password.size() > 1024 ||
        !domain::is_valid_utf8(email) || !domain::is_valid_utf8(password))
        return login_page(site, request, email.size() > 254 ? "" : email, "login.error.missing", 400);

    const auto now = store::Clock::now();
    store::Lease session(site.db);
    store::AttemptThrottle throttle(*session);
    const std::string account_key = "email:" + email, address_key = "ip:" + request.remote;
    if (throttle.failures_since(account_key, now - throttle_window) >= max_failures_per_account ||
        throttle.failures_since(address_key, now - throttle_window) >= max_failures_per_address)
        return login_page(site, request, email, "login.error.throttled", 429);

    store::AccountRepository accounts(*session);
    const auto account = accounts.find_by_email(email);
    // Unknown e-mails cost the same hashing time and get the same answer: nothing tells whether
    // an account exists.
    const bool password_ok = domain::verify_password(account ? account->password_hash : domain::dummy_password_hash(), password);
    if (!account || !password_ok || !account->active) {
        throttle.record_failure(account_key, now);
        throttle.record_failure(address_key, now);
        return login_page(site, request, email, "login.error.invalid", 401);
    }
    if (!account->email_confirmed) return login_page(site, request, email, "login.error.unconfirmed", 403);

    soci::transaction tx(*session);
    throttle.clear(account_key);
    store::SessionStore sessions(*session);
    // A new session id at every log-in: an id planted before log-in is worthless after it.
    if (!request.visitor.session_id.empty()) sessions.revoke(request.visitor.session_id, now);
    const auto created = sessions.create(account->person_id, now);
    accounts.record_login(account->person_id, now);
    if (domain::needs_rehash(account->password_hash))
        accounts.set_password_hash(account->person_id, domain::hash_password(password));
    tx.commit();

    Response response = redirect(303, "/me");
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

namespace latitudes::web::handlers {

namespace {
Response me_with_errors(Site& site, Request& request, const std::vector<std::string>& errors, bool changed, int status) {
    const auto context = page_context(request);
    const auto& v = request.visitor;
    json data{{"display_name", v.display_name},
              {"email", v.email},
              {"role", message(site, context.lang, "role." + v.role)},
              {"csrf", v.csrf_token},
              {"errors", errors},
              {"has_errors", !errors.empty()},
              {"password_changed", changed}};
    Response response = render_page(site, request, context, message(site, context.lang, "me.title"), "me", data, status, "me");
    response.header("Cache-Control", "no-store");
    return response;
}
}  // namespace

Response me(Request& request, Site& site) {
    if (!request.visitor.logged_in()) return redirect(303, "/login");
    return me_with_errors(site, request, {}, false, 200);
}

Response me_password(Request& request, Site& site) {
    if (!request.visitor.logged_in()) return redirect(303, "/login");
    const auto lang = page_context(request).lang;
    const std::string current = request.form_value("current_password");
    const std::string next = request.form_value("new_password");
    const auto now = store::Clock::now();
    store::Lease session(site.db);
    store::AccountRepository accounts(*session);
    const auto account = accounts.find(request.visitor.person_id);
    if (!account) return redirect(303, "/login");
    if (current.size() > 1024 || !domain::verify_password(account->password_hash, current))
        return me_with_errors(site, request, {message(site, lang, "me.error.current_password")}, false, 422);
    std::vector<std::string> errors;
    add_password_problems(site, lang, next, account->email, account->display_name, errors);
    if (!errors.empty()) return me_with_errors(site, request, errors, false, 422);
    soci::transaction tx(*session);
    accounts.set_password_hash(account->person_id, domain::hash_password(next));
    // Every other session ends; this one stays, so the person is not thrown out.
    store::SessionStore(*session).revoke_all(account->person_id, now, request.visitor.session_id);
    tx.commit();
    return me_with_errors(site, request, {}, true, 200);
}

Response me_delete(Request& request, Site& site) {
    if (!request.visitor.logged_in()) return redirect(303, "/login");
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    store::AccountRepository accounts(*session);
    const auto account = accounts.find(request.visitor.person_id);
    if (!account) return redirect(303, "/login");
    const std::string password = request.form_value("current_password");
    if (password.size() > 1024 || !domain::verify_password(account->password_hash, password))
        return me_with_errors(site, request, {message(site, lang, "me.error.current_password")}, false, 422);
    soci::transaction tx(*session);
    accounts.erase(account->person_id, store::Clock::now());
    tx.commit();
    Response response = notice_page(site, request, "me.deleted.title", "me.deleted.text", 200);
    response.header("Set-Cookie", cookie_header(site, session_cookie, "", 0));
    return response;
}

Response me_export(Request& request, Site& site) {
    if (!request.visitor.logged_in()) return redirect(303, "/login");
    store::Lease session(site.db);
    auto& s = *session;
    const long long id = request.visitor.person_id;
    const auto account = store::AccountRepository(s).find(id);
    if (!account) return redirect(303, "/login");
    json out{{"exported_at", store::iso_utc(store::Clock::now())},
             {"person", {{"id", id}, {"email", account->email}, {"display_name", account->display_name},
                         {"role", account->role}, {"email_confirmed", account->email_confirmed},
                         {"active", account->active}}}};
    auto rows = [&](const std::string& sql, const std::vector<std::string>& names) {
        json list = json::array();
        store::Query(sql).bind("id", id).for_each(s, [&](const soci::row& r) {
            json item;
            for (std::size_t i = 0; i < names.size(); ++i) item[names[i]] = store::column_text(r, i);
            list.push_back(std::move(item));
        });
        return list;
    };
    out["sessions"] = rows("SELECT created_at, last_seen_at, revoked_at FROM sessions WHERE person_id = :id ORDER BY created_at",
                           {"created_at", "last_seen_at", "revoked_at"});
    out["memberships"] = rows("SELECT o.slug, o.name, m.role, m.created_at FROM memberships m "
                              "JOIN organisations o ON o.id = m.organisation_id WHERE m.person_id = :id ORDER BY o.name",
                              {"organisation_slug", "organisation", "role", "since"});
    out["api_tokens"] = rows("SELECT name, created_at, last_used_at, revoked_at FROM api_tokens WHERE person_id = :id",
                             {"name", "created_at", "last_used_at", "revoked_at"});
    out["teams"] = rows("SELECT p.slug, p.title, se.code FROM team_members tm JOIN teams t ON t.id = tm.team_id "
                        "JOIN projects p ON p.id = t.project_id JOIN semesters se ON se.id = t.semester_id "
                        "WHERE tm.person_id = :id", {"project_slug", "project", "semester"});
    out["mails"] = rows("SELECT created_at, template, status FROM mail_outbox WHERE to_address = "
                        "(SELECT email FROM people WHERE id = :id) ORDER BY created_at", {"created_at", "template", "status"});
    Response response = json_response(200, out.dump(2));
    response.header("Content-Disposition", "attachment; filename=\"latitudes-my-data.json\"");
    response.header("Cache-Control", "no-store");
    return response;
}

}  // namespace latitudes::web::handlers
