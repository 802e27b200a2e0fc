#include "mail/notifier.hpp"

#include "mail/mail.hpp"
#include "render/views.hpp"
#include "store/query.hpp"

namespace latitudes::mail {

void Notifier::tell(soci::session& session, const store::Recipient& to, std::string_view template_name, nlohmann::json data,
                    const std::string& path, store::Clock::time_point now) const {
    tell(session, to, language_of(session, to.email), template_name, std::move(data), {}, path, now);
}

void Notifier::tell(soci::session& session, const store::Recipient& to, domain::Lang lang, std::string_view template_name,
                    nlohmann::json data, const Labels& labels, const std::string& path, store::Clock::time_point now) const {
    for (const auto& [field, key] : labels) data[field] = views_.catalogue().get(lang, key);
    data["display_name"] = to.display_name;
    data["link"] = public_url_ + path + (path.find('?') == std::string::npos ? "?" : "&") +
                   "lang=" + std::string(domain::to_string(lang));
    auto mail = render_mail(views_, lang, template_name, data);
    mail.to = to.email;
    Outbox::enqueue(session, mail, lang, template_name, now);
}

domain::Lang Notifier::language_of(soci::session& session, const std::string& email) {
    std::string lang = "fr";
    store::Query("SELECT lang FROM mail_outbox WHERE to_address = :email ORDER BY id DESC LIMIT 1")
        .bind("email", email)
        .for_each(session, [&](const soci::row& r) { lang = store::column_text(r, 0); });
    return domain::parse_lang(lang).value_or(domain::Lang::fr);
}

}  // namespace latitudes::mail
