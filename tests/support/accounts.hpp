#pragma once
// Helpers for HTTP tests that act as people: create accounts with the CLI, log in, send forms
// with the right CSRF token, read the links of queued mails.
#include "support/server_process.hpp"

#include "store/database.hpp"
#include "web/http.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace latitudes::test {

inline const std::string test_password = "correct horse battery staple 42";
inline const std::string form_type = "Content-Type: application/x-www-form-urlencoded";

// The value a response sets for a cookie ("" when it does not set it).
inline std::string set_cookie_value(const HttpResponse& r, const std::string& name) {
    for (const auto& c : r.set_cookies)
        if (c.rfind(name + "=", 0) == 0) return c.substr(name.size() + 1, c.find(';') - name.size() - 1);
    return {};
}

// The hidden "csrf" field of the first form of a page.
inline std::string hidden_csrf(const std::string& html) {
    const std::string marker = "name=\"csrf\" value=\"";
    const auto at = html.find(marker);
    if (at == std::string::npos) return {};
    return html.substr(at + marker.size(), html.find('"', at + marker.size()) - at - marker.size());
}

// A logged-in browser: its session cookie and the session's CSRF token.
struct Browser {
    std::string sid, csrf;
    long long person_id = 0;
    std::vector<std::string> headers(const std::vector<std::string>& more = {}) const {
        std::vector<std::string> all{"Cookie: sid=" + sid};
        all.insert(all.end(), more.begin(), more.end());
        return all;
    }
    // A form POST with the session's token added to `body`.
    HttpResponse post(const HttpClient& http, const std::string& target, const std::string& body = {},
                      const std::vector<std::string>& more = {}) const {
        auto h = headers(more);
        h.push_back(form_type);
        return http.request("POST", target, h, body.empty() ? "csrf=" + csrf : body + "&csrf=" + csrf);
    }
    HttpResponse get(const HttpClient& http, const std::string& target, const std::vector<std::string>& more = {}) const {
        return http.get(target, headers(more));
    }
};

// Creates a confirmed account with the CLI; returns its person id.
inline long long create_account(const std::string& database_url, const std::string& email, const std::string& role,
                                const std::string& name = "Test Person") {
    auto created = run_latitudes({"user", "create", "--email", email, "--name", name, "--role", role, "--database", database_url},
                                 test_password + "\n");
    if (created.exit_code != 0) throw std::runtime_error("user create failed: " + created.output);
    store::Database db(store::DatabaseUrl::parse(database_url), 1);
    store::Lease s(db);
    long long id = 0;
    *s << "SELECT id FROM people WHERE email = :e", soci::use(email, "e"), soci::into(id);
    return id;
}

// Logs in through the form; throws when it fails.
inline Browser log_in(const HttpClient& http, const std::string& email, const std::string& password = test_password) {
    const std::string anonymous = set_cookie_value(http.get("/login"), "csrf");
    auto r = http.request("POST", "/login", {form_type, "Cookie: csrf=" + anonymous},
                          "email=" + web::url_encode(email) + "&password=" + web::url_encode(password) + "&csrf=" + anonymous);
    Browser browser{set_cookie_value(r, "sid"), "", 0};
    if (r.status != 303 || browser.sid.empty())
        throw std::runtime_error("log-in failed for " + email + ": " + std::to_string(r.status));
    browser.csrf = hidden_csrf(http.get("/me", {"Cookie: sid=" + browser.sid}).body);
    if (browser.csrf.empty()) throw std::runtime_error("no CSRF token on /me for " + email);
    return browser;
}

// The path and query of the last link to `path_prefix` in a mail queued for `to` ("" when none).
inline std::string last_mailed_link(const std::string& database_url, const std::string& to, const std::string& path_prefix) {
    store::Database db(store::DatabaseUrl::parse(database_url), 1);
    store::Lease s(db);
    std::string text;
    soci::indicator ind = soci::i_ok;
    *s << "SELECT body_text FROM mail_outbox WHERE to_address = :to ORDER BY id DESC LIMIT 1", soci::use(to, "to"),
        soci::into(text, ind);
    const auto at = text.find(path_prefix);
    if (ind != soci::i_ok || at == std::string::npos) return {};
    return text.substr(at, text.find_first_of(" \n\r", at) - at);
}

// An organisation created through the form by `admin` and verified by `staff`; returns its slug.
inline std::string verified_organisation(const HttpClient& http, const Browser& admin, const Browser& staff,
                                         const std::string& name) {
    auto created = admin.post(http, "/orgs/new", "name=" + web::url_encode(name) + "&kind=association");
    if (created.status != 303) throw std::runtime_error("organisation not created: " + std::to_string(created.status));
    const std::string slug = created.header("location").substr(std::string("/orgs/").size());
    if (staff.post(http, "/orgs/" + slug + "/verify").status != 303) throw std::runtime_error("organisation not verified");
    return slug;
}

// A personal API token created in Mon espace by `who` (the page shows it once).
inline std::string personal_token(const HttpClient& http, const Browser& who) {
    auto created = who.post(http, "/me/tokens", "name=script");
    const std::string marker = "data-testid=\"new-token\">";
    const auto at = created.body.find(marker);
    if (at == std::string::npos) throw std::runtime_error("no token shown");
    return created.body.substr(at + marker.size(), created.body.find('<', at + marker.size()) - at - marker.size());
}

// One integer from the database (COUNT and the like).
inline long long scalar(const std::string& database_url, const std::string& sql) {
    store::Database db(store::DatabaseUrl::parse(database_url), 1);
    store::Lease s(db);
    long long value = 0;
    *s << sql, soci::into(value);
    return value;
}

}  // namespace latitudes::test
