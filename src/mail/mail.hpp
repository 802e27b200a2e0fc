#pragma once
// Outgoing e-mail: rendering from templates (both languages), a database outbox so that a relay
// failure never loses a mail, and an SMTP sender (libcurl). See docs/EMAIL.md.
//
//   auto mail = mail::render_mail(views, lang, "confirm_email", {{"display_name", name}, {"link", url}});
//   mail.to = address;
//   store::WriteTransaction tx(*session);
//   ... the action itself ...
//   mail::Outbox::enqueue(*session, mail, lang, "confirm_email");   // same transaction
//   tx.commit();
//   ...
//   mail::deliver_due(database, sender, std::chrono::system_clock::now(), 20);   // later, elsewhere
#include "domain/i18n.hpp"
#include "store/accounts.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::render {
class Views;
}

namespace latitudes::mail {

using store::Clock;

struct Mail {
    std::string to;       // one address, e.g. "marie@example.org"
    std::string subject;  // plain UTF-8 text, one line
    std::string text;     // plain UTF-8 text
    std::string html;     // an HTML document
};

// Renders templates/mail_<name>_subject, _text and _html in `lang`. `data` holds the values
// ({{link}}, {{display_name}}, {{organisation}}, {{inviter}}...); a "lang" value is added for
// <html lang>. The subject and text parts are plain text: the HTML escaping that Views applies
// to messages and {{values}} is undone there (templates must not contain literal entities).
// `to` is left empty for the caller. Throws std::runtime_error for an unknown template.
Mail render_mail(const render::Views& views, domain::Lang lang, std::string_view template_name, const nlohmann::json& data);

// Undoes the HTML escaping done by web::html_escape and mustache (&amp; &lt; &gt; &quot; &#39; &apos;).
std::string html_unescape(std::string_view html);

// ISO-8601 UTC text, "YYYY-MM-DDTHH:MM:SSZ", as stored in the database (one definition, the store's).
using store::iso_utc;

// Delay before the next attempt after `attempts` failed ones: 1 min, 2, 4, ... capped at 6 h.
std::chrono::seconds retry_delay(int attempts);
inline constexpr int max_attempts = 10;  // after this many failures a mail is marked 'failed'

struct QueuedMail {
    long long id = 0;
    Mail mail;
    domain::Lang lang = domain::Lang::fr;
    std::string template_name;
    std::string status;  // queued, sent, failed
    int attempts = 0;
    std::string next_attempt_at, created_at, sent_at, last_error;
};

// The mail_outbox table (migration 0004).
class Outbox {
public:
    explicit Outbox(store::Database& database) : database_(database) {}

    // Queues a mail on the caller's session, so inside the caller's transaction when there is
    // one: the mail exists if and only if the action commits. Due at once. Returns its id.
    // Throws std::invalid_argument for an address that cannot be sent to (empty, no '@', CR/LF).
    static long long enqueue(soci::session& session, const Mail& mail, domain::Lang lang, std::string_view template_name,
                             Clock::time_point now = Clock::now());

    // Queued mails whose next attempt is due at `now`, oldest first.
    std::vector<QueuedMail> due(Clock::time_point now, int limit);
    // Takes a due mail for one delivery attempt: pushes its next attempt `lease` ahead so that a
    // second sender running at the same time skips it (and a sender that dies mid-way only delays
    // it). False when another sender took it first or it is no longer due.
    bool claim(const QueuedMail& mail, Clock::time_point now, std::chrono::seconds lease = std::chrono::minutes(5));
    void mark_sent(long long id, Clock::time_point now = Clock::now());
    // Records a failed attempt: retried after retry_delay(attempts), or 'failed' after max_attempts.
    void mark_failed_attempt(long long id, const std::string& error, Clock::time_point now = Clock::now());
    // The most recent mails, newest first (for a development page such as /dev/outbox).
    std::vector<QueuedMail> list_recent(int limit);
    std::optional<QueuedMail> find(long long id);

private:
    store::Database& database_;
};

struct SmtpConfig {
    // smtp://[user:password@]host:port or smtps://... With credentials, smtp:// requires STARTTLS
    // (the password is never sent in clear); smtps:// is TLS from the first byte.
    std::string url;
    std::string from = "Latitudes <no-reply@latitudes.localhost>";
    long connect_timeout_seconds = 10;
    long total_timeout_seconds = 30;
};

struct SendResult {
    bool ok = false;
    std::string error;  // why it failed, one line, without the relay's password
};

// Sends through an SMTP relay with libcurl. Never throws for network or relay errors.
// Each send() uses its own connection; one SmtpSender may be used by one thread at a time.
class SmtpSender {
public:
    explicit SmtpSender(SmtpConfig config);
    virtual ~SmtpSender() = default;
    virtual SendResult send(const Mail& mail);
    const SmtpConfig& config() const { return config_; }

private:
    SmtpConfig config_;
};

// The full RFC 5322 message: headers (Date, From, To, Subject as RFC 2047 encoded-words,
// Message-ID, MIME-Version) and a multipart/alternative body (text then HTML, UTF-8,
// quoted-printable), lines ended by CRLF.
std::string build_message(const Mail& mail, std::string_view from, Clock::time_point date);
// The address part of "Name <address>" (or the whole text when there are no brackets).
std::string address_of(std::string_view mailbox);
// RFC 2047 encoded-words (base64, UTF-8) for a header value; ASCII text is returned as is.
std::string encode_header_word(std::string_view text);
std::string quoted_printable(std::string_view text);

// Sends every due mail (at most `limit`) and records each outcome; returns how many were sent.
// A relay failure leaves the mail queued for a later attempt: nothing is lost.
int deliver_due(store::Database& database, SmtpSender& sender, Clock::time_point now, int limit);

// LATITUDES_SMTP_URL when set and non-empty.
std::optional<std::string> smtp_url_from_env();
// LATITUDES_MAIL_FROM when set and non-empty, else the default sender.
std::string mail_from_from_env();
// Both of the above, or nothing when no relay is configured.
std::optional<SmtpConfig> smtp_config_from_env();

}  // namespace latitudes::mail
