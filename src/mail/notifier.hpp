#pragma once
// Telling people what happened: a mail template rendered in the recipient's language and queued
// on the caller's session, so inside the caller's write transaction: the mail exists if and only
// if the action commits. Services take a Notifier; web and jobs build one per site.
#include "domain/i18n.hpp"
#include "store/applications.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>

namespace latitudes::render {
class Views;
}

namespace latitudes::mail {

class Notifier {
public:
    Notifier(const render::Views& views, std::string public_url) : views_(views), public_url_(std::move(public_url)) {}

    // Renders `template_name` for `to` (data gets display_name, and link: the public address of
    // `path` with ?lang=) and queues it. The language is the recipient's last one (language_of).
    // `labels` maps data fields to message keys, filled in the recipient's language (a status name).
    using Labels = std::map<std::string, std::string>;
    void tell(soci::session& session, const store::Recipient& to, std::string_view template_name, nlohmann::json data,
              const std::string& path, store::Clock::time_point now) const;
    void tell(soci::session& session, const store::Recipient& to, domain::Lang lang, std::string_view template_name,
              nlohmann::json data, const Labels& labels, const std::string& path, store::Clock::time_point now) const;

    // The language of the last mail queued for this address ("fr" when none): people have no
    // language setting, and what they read last is the best guess for mails nobody asked for.
    static domain::Lang language_of(soci::session& session, const std::string& email);

    const std::string& public_url() const { return public_url_; }
    const render::Views& views() const { return views_; }

private:
    const render::Views& views_;
    std::string public_url_;
};

}  // namespace latitudes::mail
