#pragma once
// Helpers shared by the HTML handlers: language choice, the layout, error pages, cards.
#include "store/projects.hpp"
#include "web/site.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::web {

struct PageContext {
    domain::Lang lang = domain::Lang::fr;
    bool remember_lang = false;  // ?lang= was given: store it in the cookie
    std::string description;     // the page's meta description ("": the site's)
    bool open_graph = false;     // a page worth sharing (a project): Open Graph tags from title and description
};

PageContext page_context(const Request& request);

// The message for `key`, with {name} placeholders replaced by the given values.
std::string message(const Site& site, domain::Lang lang, std::string_view key,
                    const std::map<std::string, std::string>& values = {});

// Renders `body_template` with `data` inside the layout. `nav` names the current menu entry.
Response render_page(Site& site, const Request& request, const PageContext& context, const std::string& title,
                     std::string_view body_template, nlohmann::json data, int status = 200, std::string_view nav = "");

// render_page for a page with the visitor's own data or forms: `data` gets the session's "csrf"
// (when it has none) and "has_errors" (when it has an "errors" list), and no cache may store the
// answer (Cache-Control: no-store).
Response render_private_page(Site& site, const Request& request, const PageContext& context, const std::string& title,
                             std::string_view body_template, nlohmann::json data, int status = 200, std::string_view nav = "");

// A JSON answer with the visitor's own data: never stored by a cache.
Response private_json_response(int status, const std::string& body);

// The error code of a status in JSON errors and message keys ("not_found" for 404, error.not_found.*).
std::string error_code(int status);

// A 404/500/400 page inside the layout (or JSON under /api/).
Response error_page(Site& site, const Request& request, int status, const std::string& detail = {});
// The 403 of a form sent without its CSRF token (expired, or forged): "reload the page and try
// again", which a refusal for lack of rights must not say.
Response expired_form_page(Site& site, const Request& request);

// A page with a form for visitors who are not logged in yet: `data` gets a "csrf" value, the
// same as the csrf cookie (set here when absent), and the page is never cached.
Response render_anonymous_form(Site& site, const Request& request, const std::string& title_key, std::string_view body_template,
                               nlohmann::json data, int status);

// Appends to `errors` one message per problem of a candidate password (empty when it is fine).
void add_password_problems(const Site& site, domain::Lang lang, std::string_view password, std::string_view email,
                           std::string_view display_name, std::vector<std::string>& errors);

// A short message page (notice.mustache): a heading and a text, both message keys.
Response notice_page(Site& site, const Request& request, const std::string& title_key, const std::string& text_key, int status);

// The view model of a project card: labels in the page's language, SDG names and colours, and
// `card_facts`, the key facts of its format ([{key, text}]: team size and semester of a student
// project; compensation, hours and place of an internship; partner, frequency, sessions,
// what a venture seeks, a research topic's partners; the application deadline).
nlohmann::json card_view(const store::ProjectCard& card, const Site& site, domain::Lang lang);

// "1 personne", "3 personnes": the catalogue's `key`.one or `key`.other (French counts 0 and 1 as
// one, English only 1) with {n} replaced by `shown`, or by `n` when `shown` is empty (a range "3–5").
std::string counted(const Site& site, domain::Lang lang, std::string_view key, long long n, const std::string& shown = "");

// A YYYY-MM-DD date (or the date part of an instant) as people read it: 15/12/2026 in French,
// 2026-12-15 in English.
std::string format_date(std::string_view iso_date, domain::Lang lang);
// The type of a date input that keeps what was typed: "date", or "text" for a value the browser
// would blank as not a date (typed in a browser without a date picker, or sent by hand), so that it
// comes back to be corrected.
std::string date_input_type(const std::string& value);
// The same for a datetime-local input ("datetime-local", or "text" for a value that is not
// YYYY-MM-DDTHH:MM with optional seconds).
std::string datetime_input_type(const std::string& value);
// An instant (YYYY-MM-DDTHH:MM…Z) as people read it, in UTC as stored: "15/12/2026 14:05 UTC".
std::string format_instant(const std::string& instant, domain::Lang lang);

// The current target with one query parameter replaced (removed when value is empty).
std::string with_param(const Request& request, const std::string& name, const std::string& value);

}  // namespace latitudes::web
