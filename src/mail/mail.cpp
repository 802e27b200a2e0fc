#include "mail/mail.hpp"
#include "mail/text.hpp"

#include "render/views.hpp"
#include "store/query.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <random>
#include <stdexcept>

namespace latitudes::mail {

using detail::check_address;
using detail::first_line;
using detail::one_line;

namespace {

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
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t seconds = Clock::to_time_t(t);
    std::tm tm{};
    ::gmtime_r(&seconds, &tm);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
                  tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buffer;
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
            if (width + token.size() > 75) {  // soft line break: "=" ends the line at 76
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
        if (!outbox.claim(queued, now)) continue;  // another sender has it
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
