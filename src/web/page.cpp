#include "web/page.hpp"

#include "domain/credentials.hpp"
#include "domain/opportunity.hpp"
#include "store/accounts.hpp"
#include "web/authorisation.hpp"

#include <cctype>

namespace latitudes::web {

using domain::Lang;
using nlohmann::json;

PageContext page_context(const Request& request) {
    PageContext context;
    const std::string query_lang = request.param("lang");
    context.lang = domain::negotiate_lang(query_lang, request.cookie("lang"), request.header("accept-language"));
    context.remember_lang = domain::parse_lang(query_lang).has_value();
    return context;
}

std::string message(const Site& site, Lang lang, std::string_view key, const std::map<std::string, std::string>& values) {
    std::string text = site.catalogue.get(lang, key);
    for (const auto& [name, value] : values) {
        const std::string marker = "{" + name + "}";
        for (auto pos = text.find(marker); pos != std::string::npos; pos = text.find(marker, pos + value.size()))
            text.replace(pos, marker.size(), value);
    }
    return text;
}

std::string counted(const Site& site, Lang lang, std::string_view key, long long n, const std::string& shown) {
    const bool one = lang == Lang::fr ? (n == 0 || n == 1) : n == 1;
    return message(site, lang, std::string(key) + (one ? ".one" : ".other"), {{"n", shown.empty() ? std::to_string(n) : shown}});
}

std::string with_param(const Request& request, const std::string& name, const std::string& value) {
    std::string target = request.path + "?";
    for (const auto& [k, v] : request.query)
        if (k != name) target += url_encode(k) + "=" + url_encode(v) + "&";
    if (!value.empty()) target += url_encode(name) + "=" + url_encode(value) + "&";
    target.pop_back();  // the trailing '&' or '?'
    return target;
}

namespace {

// What search engines and link previews read in a public page's head: its address in this
// language (canonical), the same page in each language (?lang=fr, ?lang=en, which page_context
// honours before the cookie and Accept-Language) and without one (x-default: the visitor's
// language), and for pages worth sharing the Open Graph tags.
void add_public_head(const Site& site, const Request& request, const PageContext& context, const std::string& title,
                     json& layout) {
    const std::string& origin = site.options.public_url;
    const std::string lang(domain::to_string(context.lang));
    const std::string canonical = origin + with_param(request, "lang", lang);
    layout["canonical"] = canonical;
    layout["alternate_fr"] = origin + with_param(request, "lang", "fr");
    layout["alternate_en"] = origin + with_param(request, "lang", "en");
    layout["alternate_default"] = origin + with_param(request, "lang", "");
    if (!context.open_graph) return;
    layout["og"] = true;
    layout["og_title"] = title;
    layout["og_description"] = context.description;
    layout["og_url"] = canonical;
    layout["og_locale"] = context.lang == Lang::fr ? "fr_FR" : "en_GB";
    layout["og_locale_alternate"] = context.lang == Lang::fr ? "en_GB" : "fr_FR";
}

}  // namespace

Response render_page(Site& site, const Request& request, const PageContext& context, const std::string& title,
                     std::string_view body_template, json data, int status, std::string_view nav) {
    const Lang other = context.lang == Lang::fr ? Lang::en : Lang::fr;
    json layout{
        {"lang", std::string(domain::to_string(context.lang))},
        {"title", title},
        {"content", site.views->render(context.lang, body_template, data)},
        {"other_lang", std::string(domain::to_string(other))},
        {"other_lang_href", with_param(request, "lang", std::string(domain::to_string(other)))},
        {"nav_" + std::string(nav.empty() ? "none" : nav), true},
        {"logged_in", request.visitor.logged_in()},
        {"visitor_name", request.visitor.display_name},
        {"is_staff", has_staff_view(site, request)},
        {"dev_mode", site.options.development_mode},
    };
    layout["description"] = context.description;
    if (request.public_page && status == 200) add_public_head(site, request, context, title, layout);
    Response response;
    response.status = status;
    response.body = site.views->render(context.lang, "layout", layout);
    if (context.remember_lang)
        response.header("Set-Cookie", "lang=" + std::string(domain::to_string(context.lang)) +
                                          "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
    response.header("Vary", "Accept-Language, Cookie, HX-Request");
    return response;
}

std::string error_code(int status) {
    return status == 404   ? "not_found"
           : status == 400 ? "bad_request"
           : status == 403 ? "forbidden"
           : status == 405 ? "method_not_allowed"
           : status == 406 ? "not_acceptable"
           : status == 413 ? "payload_too_large"
           : status == 414 ? "uri_too_long"
           : status == 429 ? "too_many_requests"
           : status == 431 ? "header_fields_too_large"
           : status == 503 ? "busy"
                           : "internal_error";
}

namespace {

Response error_page_coded(Site& site, const Request& request, int status, const std::string& code, const std::string& detail) {
    const PageContext context = page_context(request);
    const std::string key = "error." + code;
    if (request.path.rfind("/api/", 0) == 0)
        return json_error(status, code, detail.empty() ? message(site, Lang::en, key + ".text") : detail);
    json data{{"status", status},
              {"heading", message(site, context.lang, key + ".title")},
              {"text", message(site, context.lang, key + ".text")},
              {"detail", detail}};
    return render_page(site, request, context, message(site, context.lang, key + ".title"), "error", data, status);
}

}  // namespace

Response error_page(Site& site, const Request& request, int status, const std::string& detail) {
    return error_page_coded(site, request, status, error_code(status), detail);
}

Response expired_form_page(Site& site, const Request& request) {
    if (request.path.rfind("/api/", 0) == 0)
        return json_error(403, "forbidden", "the CSRF token is missing or wrong (X-CSRF-Token, or use an API token)");
    return error_page_coded(site, request, 403, "expired_form", "");
}

Response render_anonymous_form(Site& site, const Request& request, const std::string& title_key, std::string_view body_template,
                               json data, int status) {
    const PageContext context = page_context(request);
    std::string csrf = request.cookie(anonymous_csrf_cookie);
    const bool new_csrf = csrf.empty();
    if (new_csrf) csrf = domain::random_token();
    data["csrf"] = csrf;
    Response response = render_page(site, request, context, message(site, context.lang, title_key), body_template,
                                    std::move(data), status, "login");
    if (new_csrf) response.header("Set-Cookie", cookie_header(site, anonymous_csrf_cookie, csrf, 24 * 3600));
    response.header("Cache-Control", "no-store");
    return response;
}

void add_password_problems(const Site& site, Lang lang, std::string_view password, std::string_view email,
                           std::string_view display_name, std::vector<std::string>& errors) {
    for (auto problem : domain::check_new_password(password, email, display_name).problems)
        errors.push_back(message(site, lang, "password.problem." + std::string(domain::to_string(problem)),
                                 {{"min", std::to_string(domain::min_password_length)},
                                  {"max", std::to_string(domain::max_password_length)}}));
}

Response render_private_page(Site& site, const Request& request, const PageContext& context, const std::string& title,
                             std::string_view body_template, json data, int status, std::string_view nav) {
    if (!data.contains("csrf")) data["csrf"] = request.visitor.csrf_token;
    if (data.contains("errors") && data["errors"].is_array()) data["has_errors"] = !data["errors"].empty();
    Response response = render_page(site, request, context, title, body_template, std::move(data), status, nav);
    response.header("Cache-Control", "no-store");
    return response;
}

Response private_json_response(int status, const std::string& body) {
    Response response = json_response(status, body);
    response.header("Cache-Control", "no-store");
    return response;
}

Response notice_page(Site& site, const Request& request, const std::string& title_key, const std::string& text_key, int status) {
    const PageContext context = page_context(request);
    const std::string heading = message(site, context.lang, title_key);
    json data{{"heading", heading}, {"text", message(site, context.lang, text_key)}};
    return render_private_page(site, request, context, heading, "notice", std::move(data), status);
}

std::string format_date(std::string_view iso_date, Lang lang) {
    if (iso_date.size() < 10) return std::string(iso_date);
    const std::string_view day = iso_date.substr(0, 10);
    if (lang == Lang::fr)
        return std::string(day.substr(8, 2)) + "/" + std::string(day.substr(5, 2)) + "/" + std::string(day.substr(0, 4));
    return std::string(day);
}

std::string date_input_type(const std::string& value) { return value.empty() || domain::is_valid_date(value) ? "date" : "text"; }

std::string datetime_input_type(const std::string& value) {
    if (value.empty()) return "datetime-local";
    auto digits = [&](std::size_t at, int max) {
        if (at + 2 > value.size() || !std::isdigit(static_cast<unsigned char>(value[at])) ||
            !std::isdigit(static_cast<unsigned char>(value[at + 1])))
            return false;
        return (value[at] - '0') * 10 + (value[at + 1] - '0') <= max;
    };
    const bool valid = value.size() >= 16 && domain::is_valid_date(value.substr(0, 10)) && value[10] == 'T' && digits(11, 23) &&
                       value[13] == ':' && digits(14, 59) &&
                       (value.size() == 16 || (value.size() == 19 && value[16] == ':' && digits(17, 59)));
    return valid ? "datetime-local" : "text";
}

std::string format_instant(const std::string& instant, Lang lang) {
    if (instant.size() < 16) return format_date(instant, lang);
    return format_date(instant.substr(0, 10), lang) + " " + instant.substr(11, 5) + " UTC";
}

namespace {

json card_facts(const store::ProjectCard& card, const Site& site, Lang lang) {
    json facts = json::array();
    auto fact = [&](const std::string& key, const std::string& text) { facts.push_back({{"key", key}, {"text", text}}); };
    const auto format = domain::parse_format(card.format);
    if (format == domain::Format::student_project) {
        fact("team", card.team_min == card.team_max
                         ? message(site, lang, "card.team_exact", {{"n", std::to_string(card.team_min)}})
                         : message(site, lang, "card.team_range",
                                   {{"min", std::to_string(card.team_min)}, {"max", std::to_string(card.team_max)}}));
        const std::string& semester = domain::localized(lang, card.semester_label_fr, card.semester_label_en);
        if (!semester.empty()) fact("semester", semester);
    }
    if (!card.details || !format) return facts;
    const auto& d = *card.details;
    switch (*format) {
        case domain::Format::internship:
            if (d.compensation > 0)
                fact("compensation", message(site, lang, "card.compensation", {{"n", std::to_string(d.compensation)}}));
            if (d.hours_per_week > 0) fact("hours", message(site, lang, "card.hours", {{"n", std::to_string(d.hours_per_week)}}));
            if (!d.place.empty())
                fact("place", d.remote ? message(site, lang, "card.place_or_remote", {{"place", d.place}}) : d.place);
            else if (d.remote) fact("place", message(site, lang, "card.remote"));
            break;
        case domain::Format::shared_job:
            if (!d.partner.empty()) fact("partner", message(site, lang, "card.partner", {{"partner", d.partner}}));
            break;
        case domain::Format::friday_volunteering:
            if (d.frequency == "weekly" || d.frequency == "monthly")
                fact("frequency", message(site, lang, "card.frequency." + d.frequency));
            if (!d.partner.empty()) fact("partner", message(site, lang, "card.partner", {{"partner", d.partner}}));
            break;
        case domain::Format::mentoring:
            if (d.sessions > 0) fact("sessions", message(site, lang, "card.sessions", {{"n", std::to_string(d.sessions)}}));
            break;
        case domain::Format::venture_support:
            if (d.seeking == "cofounder" || d.seeking == "expert" || d.seeking == "company_expertise")
                fact("seeking", message(site, lang, "card.seeking." + d.seeking));
            break;
        case domain::Format::research_topic:
            if (!d.partner.empty()) fact("partners", message(site, lang, "card.partners", {{"partners", d.partner}}));
            break;
        case domain::Format::student_project: break;
    }
    // The application deadline, while one may still apply.
    if (!d.deadline.empty() && domain::parse_status(card.status) == domain::Status::published &&
        d.deadline >= store::iso_utc(store::Clock::now()).substr(0, 10))
        fact("deadline", message(site, lang, "card.deadline", {{"date", format_date(d.deadline, lang)}}));
    return facts;
}

// An open opportunity whose places are all taken, or whose deadline has passed, is not "Ouvert".
std::string card_status_label(const store::ProjectCard& card, const Site& site, Lang lang) {
    if (card.status == "published" && card.details) {
        if (card.details->accepted >= card.details->capacity) return message(site, lang, "opportunity.full");
        const std::string today = store::iso_utc(store::Clock::now()).substr(0, 10);
        if (!card.details->deadline.empty() && card.details->deadline < today) return message(site, lang, "card.closed");
    }
    return message(site, lang, "status." + card.status);
}

}  // namespace

json card_view(const store::ProjectCard& card, const Site& site, Lang lang) {
    json facts = card_facts(card, site, lang);
    const bool has_facts = !facts.empty();
    json sdgs = json::array();
    for (int id : card.sdgs) {
        if (!domain::is_valid_sdg(id) || static_cast<std::size_t>(id) > site.sdgs.size()) continue;
        const auto& sdg = site.sdgs[static_cast<std::size_t>(id - 1)];
        sdgs.push_back({{"id", id}, {"name", domain::localized(lang, sdg.name_fr, sdg.name_en)}, {"color", sdg.color}});
    }
    return json{{"slug", card.slug},
                {"title", card.title},
                {"summary", card.summary},
                {"beneficiary", card.beneficiary_name},
                {"level", card.level},
                {"level_label", message(site, lang, "level." + card.level)},
                {"format", card.format},
                {"format_label", message(site, lang, "format." + card.format)},
                {"status", card.status},
                {"status_label", card_status_label(card, site, lang)},
                {"team_min", card.team_min},
                {"team_max", card.team_max},
                {"team_range", card.team_min == card.team_max},
                {"starts_on", card.starts_on},
                {"ends_on", card.ends_on},
                {"sdgs", sdgs},
                {"card_facts", std::move(facts)},
                {"has_card_facts", has_facts}};
}

}  // namespace latitudes::web
