// Mails rendered from the templates: subject on one line, text tidied, HTML as rendered.
#include "mail/mail.hpp"
#include "mail/text.hpp"
#include "render/views.hpp"

#include <stdexcept>

namespace latitudes::mail {

namespace detail {

namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string one_line(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (is_space(c)) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string tidy_text(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        auto line = text.substr(start, end - start);
        while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
        out.append(line);
        out += '\n';
        start = end + 1;
    }
    while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
    while (!out.empty() && out.front() == '\n') out.erase(0, 1);
    return out;
}

void check_address(std::string_view to) {
    if (to.empty() || to.size() > 254 || to.find('@') == std::string_view::npos ||
        to.find_first_of("\r\n<>, \t\"") != std::string_view::npos)
        throw std::invalid_argument("cannot send e-mail to '" + std::string(to.substr(0, 80)) + "'");
}

}  // namespace detail

using detail::one_line;
using detail::tidy_text;

// ---- rendering -------------------------------------------------------------------------------

std::string html_unescape(std::string_view html) {
    static constexpr std::pair<std::string_view, char> entities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}, {"&#x27;", '\''}};
    std::string out;
    out.reserve(html.size());
    for (std::size_t i = 0; i < html.size();) {
        bool replaced = false;
        if (html[i] == '&') {
            for (const auto& [entity, c] : entities) {
                if (html.substr(i, entity.size()) == entity) {
                    out += c;
                    i += entity.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += html[i++];
    }
    return out;
}

Mail render_mail(const render::Views& views, domain::Lang lang, std::string_view template_name, const nlohmann::json& data) {
    if (!data.is_object() && !data.is_null()) throw std::invalid_argument("mail data must be a JSON object");
    nlohmann::json values = nlohmann::json::object();
    // An empty text counts as absent, so that {{#display_name}}...{{/display_name}} is skipped
    // (mustache treats "" as true).
    if (data.is_object())
        for (auto it = data.begin(); it != data.end(); ++it)
            if (!(it->is_string() && it->get_ref<const std::string&>().empty())) values[it.key()] = *it;
    if (!values.contains("lang")) values["lang"] = std::string(domain::to_string(lang));
    const std::string base = "mail_" + std::string(template_name);
    for (const char* part : {"_subject", "_text", "_html"})
        if (!views.has(base + part)) throw std::runtime_error("no mail template named " + base + part);
    Mail mail;
    mail.subject = one_line(html_unescape(views.render(lang, base + "_subject", values)));
    mail.text = tidy_text(html_unescape(views.render(lang, base + "_text", values)));
    mail.html = views.render(lang, base + "_html", values);
    return mail;
}

}  // namespace latitudes::mail
