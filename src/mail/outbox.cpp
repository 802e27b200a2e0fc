// The outbox: mails queued in the writer's transaction, sent later by deliver_due.
#include "mail/mail.hpp"
#include "mail/text.hpp"
#include "store/query.hpp"

#include <algorithm>

namespace latitudes::mail {

using detail::check_address;
using detail::first_line;
using detail::one_line;

namespace {

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

}  // namespace

// ---- outbox ----------------------------------------------------------------------------------

std::chrono::seconds retry_delay(int attempts) {
    constexpr std::chrono::seconds cap = std::chrono::hours(6);
    if (attempts <= 1) return std::chrono::minutes(1);
    if (attempts > 20) return cap;
    return std::min<std::chrono::seconds>(std::chrono::minutes(1) * (1LL << (attempts - 1)), cap);
}

long long Outbox::enqueue(soci::session& session, const Mail& mail, domain::Lang lang, std::string_view template_name,
                          Clock::time_point now) {
    check_address(mail.to);
    store::Query q("INSERT INTO mail_outbox (to_address, lang, template, subject, body_text, body_html, status, attempts, "
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
    store::Query q("UPDATE mail_outbox SET next_attempt_at = :lease"
                   " WHERE id = :id AND status = 'queued' AND next_attempt_at = :seen AND next_attempt_at <= :now RETURNING id");
    q.bind("lease", iso_utc(now + lease)).bind("id", mail.id).bind("seen", mail.next_attempt_at).bind("now", iso_utc(now));
    int rows = 0;
    q.for_each(*db, [&](const soci::row&) { ++rows; });
    return rows == 1;
}

void Outbox::mark_sent(long long id, Clock::time_point now) {
    store::Lease db(database_);
    store::Query q("UPDATE mail_outbox SET status = 'sent', sent_at = :now, attempts = attempts + 1, last_error = ''"
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
    if (attempts < 0) {  // unknown, or no longer queued: nothing to record
        tx.rollback();
        return;
    }
    const int done = static_cast<int>(attempts) + 1;
    std::string message = first_line(error).substr(0, 1000);
    if (message.empty()) message = "unknown error";
    store::Query q("UPDATE mail_outbox SET attempts = :attempts, status = :status, next_attempt_at = :next, last_error = :error"
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

}  // namespace latitudes::mail
