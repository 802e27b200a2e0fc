#include "mail/mail.hpp"

#include "store/query.hpp"
#include "render/views.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <random>
#include <stdexcept>

namespace latitudes::mail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// One line: whitespace runs (newlines included) become one space; trimmed.
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

// Trailing blanks removed from every line, blank lines at the end dropped, one final newline.
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

std::string random_hex(std::size_t bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    thread_local std::mt19937_64 engine{std::random_device{}()};
    std::string out;
    for (std::size_t i = 0; i < bytes; ++i) {
        auto b = static_cast<unsigned>(engine() & 0xff);
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::string base64(std::string_view data) {
    static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        unsigned n = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                     static_cast<unsigned char>(data[i + 2]);
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += table[(n >> 6) & 63];
        out += table[n & 63];
    }
    if (i + 1 == data.size()) {
        unsigned n = static_cast<unsigned char>(data[i]) << 16;
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += "==";
    } else if (i + 2 == data.size()) {
        unsigned n = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8);
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += table[(n >> 6) & 63];
        out += '=';
    }
    return out;
}

bool needs_encoding(std::string_view text) {
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || u < 0x20 || u == 0x7f) return true;
    }
    return text.find("=?") != std::string_view::npos;
}

void check_address(std::string_view to) {
    if (to.empty() || to.size() > 254 || to.find('@') == std::string_view::npos ||
        to.find_first_of("\r\n<>, \t\"") != std::string_view::npos)
        throw std::invalid_argument("cannot send e-mail to '" + std::string(to.substr(0, 80)) + "'");
}

std::string first_line(std::string_view message) {
    return std::string(message.substr(0, message.find('\n')));
}

// The From header: "Name <address>" with the name encoded (RFC 2047) or quoted when needed.
std::string from_header(std::string_view mailbox) {
    const auto open = mailbox.find('<');
    if (open == std::string_view::npos) return std::string(mailbox);
    std::string name = one_line(mailbox.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    const std::string address = address_of(mailbox);
    if (name.empty()) return "<" + address + ">";
    if (needs_encoding(name)) return encode_header_word(name) + " <" + address + ">";
    if (name.find_first_of("()<>[]:;@\\,.\"") != std::string::npos) {
        std::string quoted = "\"";
        for (char c : name) {
            if (c == '"' || c == '\\') quoted += '\\';
            quoted += c;
        }
        return quoted + "\" <" + address + ">";
    }
    return name + " <" + address + ">";
}

std::string rfc5322_date(Clock::time_point t) {
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t seconds = Clock::to_time_t(t);
    std::tm tm{};
    ::gmtime_r(&seconds, &tm);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
                  months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buffer;
}

constexpr const char* columns =
    "id, to_address, lang, template, subject, body_text, body_html, status, attempts, next_attempt_at, "
    "created_at, sent_at, last_error";

QueuedMail read_row(const soci::row& row) {
    QueuedMail m;
    m.id = store::column_int(row, 0);
    m.mail.to = store::column_text(row, 1);
    m.lang = domain::parse_lang(store::column_text(row, 2)).value_or(domain::Lang::fr);
    m.template_name = store::column_text(row, 3);
    m.mail.subject = store::column_text(row, 4);
    m.mail.text = store::column_text(row, 5);
    m.mail.html = store::column_text(row, 6);
    m.status = store::column_text(row, 7);
    m.attempts = static_cast<int>(store::column_int(row, 8));
    m.next_attempt_at = store::column_text(row, 9);
    m.created_at = store::column_text(row, 10);
    m.sent_at = store::column_text(row, 11);
    m.last_error = store::column_text(row, 12);
    return m;
}

std::once_flag curl_once;

// True when the URL's authority holds user information (user[:password]@host).
bool has_credentials(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return false;
    const auto authority = url.substr(scheme + 3, url.find_first_of("/?#", scheme + 3) - (scheme + 3));
    return authority.find('@') != std::string_view::npos;
}

struct Upload {
    std::string_view data;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
    std::memcpy(buffer, upload->data.data() + upload->offset, n);
    upload->offset += n;
    return n;
}

}  // namespace

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

Mail render_mail(const render::Views& views, domain::Lang lang, std::string_view template_name,
                 const nlohmann::json& data) {
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

// ---- outbox ----------------------------------------------------------------------------------

std::chrono::seconds retry_delay(int attempts) {
    constexpr std::chrono::seconds cap = std::chrono::hours(6);
    if (attempts <= 1) return std::chrono::minutes(1);
    if (attempts > 20) return cap;
    return std::min<std::chrono::seconds>(std::chrono::minutes(1) * (1LL << (attempts - 1)), cap);
}

long long Outbox::enqueue(soci::session& session, const Mail& mail, domain::Lang lang,
                          std::string_view template_name, Clock::time_point now) {
    check_address(mail.to);
    store::Query q(
        "INSERT INTO mail_outbox (to_address, lang, template, subject, body_text, body_html, status, attempts, "
        "next_attempt_at) VALUES (:to, :lang, :template, :subject, :text, :html, 'queued', 0, :next) RETURNING id");
    q.bind("to", mail.to)
        .bind("lang", std::string(domain::to_string(lang)))
        .bind("template", std::string(template_name))
        .bind("subject", one_line(mail.subject))
        .bind("text", mail.text)
        .bind("html", mail.html)
        .bind("next", iso_utc(now));
    return q.scalar(session);
}

std::vector<QueuedMail> Outbox::due(Clock::time_point now, int limit) {
    store::Lease db(database_);
    store::Query q(std::string("SELECT ") + columns +
                   " FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= :now"
                   " ORDER BY next_attempt_at, id LIMIT :limit");
    q.bind("now", iso_utc(now)).bind("limit", static_cast<long long>(std::max(limit, 0)));
    std::vector<QueuedMail> out;
    q.for_each(*db, [&](const soci::row& row) { out.push_back(read_row(row)); });
    return out;
}

bool Outbox::claim(const QueuedMail& mail, Clock::time_point now, std::chrono::seconds lease) {
    store::Lease db(database_);
    store::Query q(
        "UPDATE mail_outbox SET next_attempt_at = :lease"
        " WHERE id = :id AND status = 'queued' AND next_attempt_at = :seen AND next_attempt_at <= :now RETURNING id");
    q.bind("lease", iso_utc(now + lease)).bind("id", mail.id).bind("seen", mail.next_attempt_at).bind("now", iso_utc(now));
    int rows = 0;
    q.for_each(*db, [&](const soci::row&) { ++rows; });
    return rows == 1;
}

void Outbox::mark_sent(long long id, Clock::time_point now) {
    store::Lease db(database_);
    store::Query q(
        "UPDATE mail_outbox SET status = 'sent', sent_at = :now, attempts = attempts + 1, last_error = ''"
        " WHERE id = :id");
    q.bind("now", iso_utc(now)).bind("id", id);
    q.execute(*db);
}

void Outbox::mark_failed_attempt(long long id, const std::string& error, Clock::time_point now) {
    store::Lease db(database_);
    store::WriteTransaction tx(*db);
    store::Query read("SELECT attempts FROM mail_outbox WHERE id = :id AND status = 'queued'");
    read.bind("id", id);
    long long attempts = -1;
    read.for_each(*db, [&](const soci::row& row) { attempts = store::column_int(row, 0); });
    if (attempts < 0) {   // unknown, or no longer queued: nothing to record
        tx.rollback();
        return;
    }
    const int done = static_cast<int>(attempts) + 1;
    std::string message = first_line(error).substr(0, 1000);
    if (message.empty()) message = "unknown error";
    store::Query q(
        "UPDATE mail_outbox SET attempts = :attempts, status = :status, next_attempt_at = :next, last_error = :error"
        " WHERE id = :id");
    q.bind("attempts", static_cast<long long>(done))
        .bind("status", std::string(done >= max_attempts ? "failed" : "queued"))
        .bind("next", iso_utc(now + retry_delay(done)))
        .bind("error", message)
        .bind("id", id);
    q.execute(*db);
    tx.commit();
}

std::vector<QueuedMail> Outbox::list_recent(int limit) {
    store::Lease db(database_);
    store::Query q(std::string("SELECT ") + columns + " FROM mail_outbox ORDER BY id DESC LIMIT :limit");
    q.bind("limit", static_cast<long long>(std::max(limit, 0)));
    std::vector<QueuedMail> out;
    q.for_each(*db, [&](const soci::row& row) { out.push_back(read_row(row)); });
    return out;
}

std::optional<QueuedMail> Outbox::find(long long id) {
    store::Lease db(database_);
    store::Query q(std::string("SELECT ") + columns + " FROM mail_outbox WHERE id = :id");
    q.bind("id", id);
    std::optional<QueuedMail> out;
    q.for_each(*db, [&](const soci::row& row) { out = read_row(row); });
    return out;
}

// ---- message ---------------------------------------------------------------------------------

std::string address_of(std::string_view mailbox) {
    const auto open = mailbox.rfind('<');
    const auto close = mailbox.rfind('>');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open)
        return one_line(mailbox.substr(open + 1, close - open - 1));
    return one_line(mailbox);
}

std::string encode_header_word(std::string_view text) {
    if (!needs_encoding(text)) return std::string(text);
    // Each encoded-word stays within 75 characters: 12 for "=?UTF-8?B?" and "?=", so at most
    // 45 bytes (60 base64 characters) per word, never splitting a UTF-8 sequence.
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.size(), start + 45);
        while (end < text.size() && end > start && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (end == start) end = std::min(text.size(), start + 45);
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

std::string quoted_printable(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        auto line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::size_t width = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const auto c = static_cast<unsigned char>(line[i]);
            const bool last = i + 1 == line.size();
            std::string token;
            if ((c >= 33 && c <= 126 && c != '=' && !(c == '.' && width == 0)) || ((c == ' ' || c == '\t') && !last)) {
                token = std::string(1, static_cast<char>(c));
            } else {
                token = {'=', hex[c >> 4], hex[c & 15]};
                // A UTF-8 character stays on one line (legal either way, but kinder to readers).
                while (c >= 0xC0 && i + 1 < line.size() && (static_cast<unsigned char>(line[i + 1]) & 0xC0) == 0x80 &&
                       token.size() < 12) {
                    const auto next = static_cast<unsigned char>(line[++i]);
                    token += {'=', hex[next >> 4], hex[next & 15]};
                }
            }
            if (width + token.size() > 75) {   // soft line break: "=" ends the line at 76
                out += "=\r\n";
                width = 0;
                if (token == ".") token = "=2E";
            }
            out += token;
            width += token.size();
        }
        if (end == text.size()) break;
        out += "\r\n";
        start = end + 1;
    }
    return out;
}

std::string build_message(const Mail& mail, std::string_view from, Clock::time_point date) {
    const std::string from_address = address_of(from);
    const auto at = from_address.rfind('@');
    const std::string domain = at == std::string::npos ? "latitudes.localhost" : from_address.substr(at + 1);
    const std::string boundary = "=_latitudes_" + random_hex(12);
    std::string m;
    m += "Date: " + rfc5322_date(date) + "\r\n";
    m += "From: " + from_header(from) + "\r\n";
    m += "To: " + mail.to + "\r\n";
    m += "Subject: " + encode_header_word(one_line(mail.subject)) + "\r\n";
    m += "Message-ID: <" + random_hex(16) + "@" + domain + ">\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Auto-Submitted: auto-generated\r\n";
    m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
    m += "\r\n";
    m += "This is a MIME message in two parts: plain text and HTML.\r\n";
    for (const auto& [type, body] : {std::pair<const char*, const std::string*>{"text/plain", &mail.text},
                                     std::pair<const char*, const std::string*>{"text/html", &mail.html}}) {
        m += "\r\n--" + boundary + "\r\n";
        m += std::string("Content-Type: ") + type + "; charset=UTF-8\r\n";
        m += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
        m += quoted_printable(*body);
        m += "\r\n";
    }
    m += "--" + boundary + "--\r\n";
    return m;
}

// ---- SMTP ------------------------------------------------------------------------------------

SmtpSender::SmtpSender(SmtpConfig config) : config_(std::move(config)) {}

SendResult SmtpSender::send(const Mail& mail) {
    if (config_.url.empty()) return {false, "no SMTP relay configured (LATITUDES_SMTP_URL)"};
    try {
        check_address(mail.to);
    } catch (const std::exception& e) {
        return {false, e.what()};
    }
    std::string message;
    try {
        message = build_message(mail, config_.from, Clock::now());
    } catch (const std::exception& e) {
        return {false, std::string("cannot build the message: ") + e.what()};
    }
    std::call_once(curl_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    CURL* curl = curl_easy_init();
    if (!curl) return {false, "cannot start libcurl"};
    char error_buffer[CURL_ERROR_SIZE] = {};
    Upload upload{message};
    const std::string mail_from = "<" + address_of(config_.from) + ">";
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + mail.to + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    // A password never crosses the network in clear: with credentials, smtp:// must upgrade
    // with STARTTLS (smtps:// is TLS from the start). Without, a local relay is spoken to as is.
    if (config_.url.rfind("smtp://", 0) == 0 && has_credentials(config_.url))
        curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, config_.connect_timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, config_.total_timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    const CURLcode code = curl_easy_perform(curl);
    long response = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (code == CURLE_OK) return {true, {}};
    std::string error = "SMTP: ";
    error += error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    if (response != 0) error += " (reply " + std::to_string(response) + ")";
    return {false, first_line(error)};
}

int deliver_due(store::Database& database, SmtpSender& sender, Clock::time_point now, int limit) {
    Outbox outbox(database);
    int sent = 0;
    for (const auto& queued : outbox.due(now, limit)) {
        if (!outbox.claim(queued, now)) continue;   // another sender has it
        SendResult result;
        try {
            result = sender.send(queued.mail);
        } catch (const std::exception& e) {
            result = {false, e.what()};
        }
        if (result.ok) {
            outbox.mark_sent(queued.id, now);
            ++sent;
        } else {
            outbox.mark_failed_attempt(queued.id, result.error, now);
        }
    }
    return sent;
}

std::optional<std::string> smtp_url_from_env() {
    const char* url = std::getenv("LATITUDES_SMTP_URL");
    if (!url || !*url) return std::nullopt;
    return std::string(url);
}

std::optional<SmtpConfig> smtp_config_from_env() {
    auto url = smtp_url_from_env();
    if (!url) return std::nullopt;
    SmtpConfig config;
    config.url = *url;
    config.from = mail_from_from_env();
    return config;
}

std::string mail_from_from_env() {
    const char* from = std::getenv("LATITUDES_MAIL_FROM");
    if (!from || !*from) return SmtpConfig{}.from;
    return from;
}

}  // namespace latitudes::mail
