#include "store/accounts.hpp"

#include "domain/credentials.hpp"
#include "domain/policy.hpp"
#include "store/query.hpp"

#include <ctime>

namespace latitudes::store {

namespace {
constexpr const char* account_columns =
    "SELECT p.id, p.email, p.display_name, p.kind, a.password_hash, a.active, a.email_confirmed_at "
    "FROM people p JOIN accounts a ON a.person_id = p.id WHERE ";

bool is_account_role(std::string_view role) {
    const auto parsed = domain::parse_role(role);
    return parsed && *parsed != domain::Role::anonymous;
}
}  // namespace

std::string iso_utc(Clock::time_point at) {
    const std::time_t t = Clock::to_time_t(at);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

Clock::time_point parse_iso_utc(std::string_view text) {
    std::tm tm{};
    const std::string copy(text);
    const char* end = strptime(copy.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!end || *end != '\0') throw DatabaseError("invalid instant '" + copy + "' (expected YYYY-MM-DDTHH:MM:SSZ)");
    return Clock::from_time_t(timegm(&tm));
}

// ---------------------------------------------------------------------------------------------
// Accounts

long long AccountRepository::create(const NewAccount& account, Clock::time_point now) {
    const std::string email = domain::normalise_email(account.email);
    if (!domain::is_valid_email(email))
        throw AccountError(AccountError::Code::invalid_email, "invalid e-mail address '" + account.email + "'");
    if (!is_account_role(account.role))
        throw AccountError(AccountError::Code::invalid_role, "unknown role '" + account.role + "'");
    if (Query("SELECT COUNT(*) FROM people WHERE email = :email").bind("email", email).scalar(s_) > 0)
        throw AccountError(AccountError::Code::email_taken, "an account already uses " + email);
    const std::string at = iso_utc(now);
    const long long person = Query("INSERT INTO people (email, display_name, kind, created_at) "
                                   "VALUES (:email, :name, :kind, :at) RETURNING id")
                                 .bind("email", email)
                                 .bind("name", account.display_name)
                                 .bind("kind", account.role)
                                 .bind("at", at)
                                 .scalar(s_);
    Query q("INSERT INTO accounts (person_id, password_hash, email_confirmed_at, active, created_at, terms_accepted_at, "
            "terms_version) VALUES (:id, :hash, NULLIF(:confirmed, ''), 1, :at, NULLIF(:terms_at, ''), NULLIF(:terms, ''))");
    q.bind("id", person).bind("hash", account.password_hash).bind("at", at);
    q.bind("terms_at", account.terms_version.empty() ? std::string() : at).bind("terms", account.terms_version);
    q.bind("confirmed", account.email_confirmed ? at : std::string());
    q.execute(s_);
    return person;
}

std::optional<Account> AccountRepository::find_one(Query query) {
    std::optional<Account> found;
    query.for_each(s_, [&](const soci::row& r) {
        found = Account{column_int(r, 0),  column_text(r, 1),     column_text(r, 2),         column_text(r, 3),
                        column_text(r, 4), column_int(r, 5) == 1, !column_text(r, 6).empty()};
    });
    return found;
}

std::optional<Account> AccountRepository::find_by_email(std::string_view email) {
    return find_one(Query(std::string(account_columns) + "p.email = :email").bind("email", domain::normalise_email(email)));
}

std::optional<Account> AccountRepository::find(long long person_id) {
    return find_one(Query(std::string(account_columns) + "p.id = :id").bind("id", person_id));
}

void AccountRepository::confirm_email(long long person_id, Clock::time_point now) {
    Query("UPDATE accounts SET email_confirmed_at = :at WHERE person_id = :id AND email_confirmed_at IS NULL")
        .bind("at", iso_utc(now))
        .bind("id", person_id)
        .execute(s_);
}

void AccountRepository::set_password_hash(long long person_id, const std::string& hash) {
    if (Query("UPDATE accounts SET password_hash = :hash WHERE person_id = :id")
            .bind("hash", hash)
            .bind("id", person_id)
            .execute(s_) != 1)
        throw AccountError(AccountError::Code::unknown_account, "no account for person " + std::to_string(person_id));
}

void AccountRepository::set_active(long long person_id, bool active) {
    if (Query("UPDATE accounts SET active = :active WHERE person_id = :id")
            .bind("active", active ? 1LL : 0LL)
            .bind("id", person_id)
            .execute(s_) != 1)
        throw AccountError(AccountError::Code::unknown_account, "no account for person " + std::to_string(person_id));
}

void AccountRepository::set_role(long long person_id, std::string_view role) {
    if (!is_account_role(role)) throw AccountError(AccountError::Code::invalid_role, "unknown role '" + std::string(role) + "'");
    if (Query("UPDATE people SET kind = :kind WHERE id = :id")
            .bind("kind", std::string(role))
            .bind("id", person_id)
            .execute(s_) != 1)
        throw AccountError(AccountError::Code::unknown_account, "no person " + std::to_string(person_id));
}

void AccountRepository::set_email(long long person_id, std::string_view email) {
    const std::string normalised = domain::normalise_email(email);
    if (!domain::is_valid_email(normalised))
        throw AccountError(AccountError::Code::invalid_email, "invalid e-mail address '" + std::string(email) + "'");
    if (Query("SELECT COUNT(*) FROM people WHERE email = :email AND id <> :id")
            .bind("email", normalised)
            .bind("id", person_id)
            .scalar(s_) > 0)
        throw AccountError(AccountError::Code::email_taken, "an account already uses " + normalised);
    if (Query("SELECT COUNT(*) FROM accounts WHERE person_id = :id").bind("id", person_id).scalar(s_) != 1)
        throw AccountError(AccountError::Code::unknown_account, "no account for person " + std::to_string(person_id));
    Query("UPDATE people SET email = :email WHERE id = :id").bind("email", normalised).bind("id", person_id).execute(s_);
    // The header gives no instant: the change is confirmed now (it comes from a link sent to the address).
    confirm_email(person_id, Clock::now());
}

void AccountRepository::record_login(long long person_id, Clock::time_point now) {
    Query("UPDATE accounts SET last_login_at = :at WHERE person_id = :id")
        .bind("at", iso_utc(now))
        .bind("id", person_id)
        .execute(s_);
}

void AccountRepository::erase(long long person_id, Clock::time_point now) {
    const auto account = find(person_id);
    if (!account) throw AccountError(AccountError::Code::unknown_account, "no account for person " + std::to_string(person_id));
    for (const char* sql :
         {"DELETE FROM sessions WHERE person_id = :id", "DELETE FROM one_time_tokens WHERE person_id = :id",
          "DELETE FROM api_tokens WHERE person_id = :id", "DELETE FROM memberships WHERE person_id = :id",
          "DELETE FROM profiles WHERE person_id = :id", "DELETE FROM person_skills WHERE person_id = :id",
          "DELETE FROM person_sdgs WHERE person_id = :id", "DELETE FROM applications WHERE person_id = :id",
          "DELETE FROM saved_searches WHERE person_id = :id", "DELETE FROM framing_comment_notices WHERE person_id = :id",
          "DELETE FROM feed_readers WHERE person_id = :id", "DELETE FROM accounts WHERE person_id = :id"})
        Query(sql).bind("id", person_id).execute(s_);
    Query("DELETE FROM mail_outbox WHERE to_address = :email").bind("email", account->email).execute(s_);
    Query("DELETE FROM auth_attempts WHERE attempt_key = :key").bind("key", "email:" + account->email).execute(s_);
    Query("UPDATE people SET email = NULL, display_name = :name, school_id = NULL WHERE id = :id")
        .bind("name", "—")
        .bind("id", person_id)
        .execute(s_);
    write_audit(s_, person_id, "self_erase_account", "person", person_id, "{}", now);
}

// ---------------------------------------------------------------------------------------------
// Sessions

NewSession SessionStore::create(long long person_id, Clock::time_point now) {
    NewSession created{domain::random_token(), domain::random_token()};
    const std::string at = iso_utc(now);
    Query("INSERT INTO sessions (id_digest, person_id, csrf_token, created_at, last_seen_at) "
          "VALUES (:digest, :person, :csrf, :at, :at)")
        .bind("digest", domain::token_digest(created.id))
        .bind("person", person_id)
        .bind("csrf", created.csrf_token)
        .bind("at", at)
        .execute(s_);
    return created;
}

std::optional<SessionInfo> SessionStore::touch(std::string_view id, Clock::time_point now) {
    if (id.empty()) return std::nullopt;
    const std::string digest = domain::token_digest(id);
    std::optional<SessionInfo> found;
    Query("SELECT s.person_id, s.csrf_token, s.created_at, s.last_seen_at FROM sessions s "
          "JOIN accounts a ON a.person_id = s.person_id "
          "WHERE s.id_digest = :digest AND s.revoked_at IS NULL AND a.active = 1")
        .bind("digest", digest)
        .for_each(s_, [&](const soci::row& r) {
            found = SessionInfo{column_int(r, 0), column_text(r, 1), parse_iso_utc(column_text(r, 2)),
                                parse_iso_utc(column_text(r, 3))};
        });
    if (!found) return std::nullopt;
    if (domain::is_session_expired(found->created_at, found->last_seen_at, now)) {
        revoke(id, now);
        return std::nullopt;
    }
    // Written at most once a minute: a page view should not always cost a write.
    if (now - found->last_seen_at >= std::chrono::minutes(1)) {
        Query("UPDATE sessions SET last_seen_at = :at WHERE id_digest = :digest")
            .bind("at", iso_utc(now))
            .bind("digest", digest)
            .execute(s_);
        found->last_seen_at = now;
    }
    return found;
}

void SessionStore::revoke(std::string_view id, Clock::time_point now) {
    Query("UPDATE sessions SET revoked_at = :at WHERE id_digest = :digest AND revoked_at IS NULL")
        .bind("at", iso_utc(now))
        .bind("digest", domain::token_digest(id))
        .execute(s_);
}

long long SessionStore::revoke_all(long long person_id, Clock::time_point now, std::string_view keep_id) {
    return Query("UPDATE sessions SET revoked_at = :at WHERE person_id = :person AND revoked_at IS NULL "
                 "AND id_digest <> :keep")
        .bind("at", iso_utc(now))
        .bind("person", person_id)
        .bind("keep", keep_id.empty() ? std::string() : domain::token_digest(keep_id))
        .execute(s_);
}

// ---------------------------------------------------------------------------------------------
// Single-use links

std::string_view to_string(TokenPurpose purpose) {
    switch (purpose) {
        case TokenPurpose::confirm_email: return "confirm_email";
        case TokenPurpose::reset_password: return "reset_password";
        case TokenPurpose::invitation: return "invitation";
        case TokenPurpose::change_email: return "change_email";
    }
    return "?";
}

std::string TokenStore::issue(TokenPurpose purpose, const TokenGrant& grant, std::chrono::seconds ttl, Clock::time_point now,
                              std::string token) {
    Query("INSERT INTO one_time_tokens (digest, purpose, person_id, organisation_id, email, created_at, expires_at) "
          "VALUES (:digest, :purpose, NULLIF(:person, 0), NULLIF(:organisation, 0), :email, :at, :expires)")
        .bind("digest", domain::token_digest(token))
        .bind("purpose", std::string(to_string(purpose)))
        .bind("person", grant.person_id)
        .bind("organisation", grant.organisation_id)
        .bind("email", grant.email)
        .bind("at", iso_utc(now))
        .bind("expires", iso_utc(now + ttl))
        .execute(s_);
    return token;
}

std::optional<TokenGrant> TokenStore::consume(std::string_view token, TokenPurpose purpose, Clock::time_point now) {
    if (token.empty()) return std::nullopt;
    const std::string digest = domain::token_digest(token);
    const std::string at = iso_utc(now);
    // One UPDATE decides: of two simultaneous uses, exactly one changes the row.
    const long long used = Query("UPDATE one_time_tokens SET used_at = :at WHERE digest = :digest "
                                 "AND purpose = :purpose AND used_at IS NULL AND expires_at > :at")
                               .bind("at", at)
                               .bind("digest", digest)
                               .bind("purpose", std::string(to_string(purpose)))
                               .execute(s_);
    if (used != 1) return std::nullopt;
    std::optional<TokenGrant> grant;
    Query("SELECT person_id, organisation_id, email FROM one_time_tokens WHERE digest = :digest")
        .bind("digest", digest)
        .for_each(s_, [&](const soci::row& r) {
            grant = TokenGrant{column_int(r, 0), column_int(r, 1), column_text(r, 2)};
        });
    return grant;
}

std::optional<TokenGrant> TokenStore::peek(std::string_view token, TokenPurpose purpose, Clock::time_point now) {
    if (token.empty()) return std::nullopt;
    // The same conditions as consume, without the write.
    std::optional<TokenGrant> grant;
    Query("SELECT person_id, organisation_id, email FROM one_time_tokens WHERE digest = :digest "
          "AND purpose = :purpose AND used_at IS NULL AND expires_at > :at")
        .bind("digest", domain::token_digest(token))
        .bind("purpose", std::string(to_string(purpose)))
        .bind("at", iso_utc(now))
        .for_each(s_, [&](const soci::row& r) {
            grant = TokenGrant{column_int(r, 0), column_int(r, 1), column_text(r, 2)};
        });
    return grant;
}

void TokenStore::revoke_unused(long long person_id, TokenPurpose purpose, Clock::time_point now) {
    Query("UPDATE one_time_tokens SET used_at = :at WHERE person_id = :person AND purpose = :purpose AND used_at IS NULL")
        .bind("at", iso_utc(now))
        .bind("person", person_id)
        .bind("purpose", std::string(to_string(purpose)))
        .execute(s_);
}

// ---------------------------------------------------------------------------------------------
// Throttling and audit

void AttemptThrottle::record_failure(const std::string& key, Clock::time_point now) {
    Query("INSERT INTO auth_attempts (attempt_key, at) VALUES (:key, :at)").bind("key", key).bind("at", iso_utc(now)).execute(s_);
}

long long AttemptThrottle::failures_since(const std::string& key, Clock::time_point since) {
    return Query("SELECT COUNT(*) FROM auth_attempts WHERE attempt_key = :key AND at >= :since")
        .bind("key", key)
        .bind("since", iso_utc(since))
        .scalar(s_);
}

void AttemptThrottle::clear(const std::string& key) {
    Query("DELETE FROM auth_attempts WHERE attempt_key = :key").bind("key", key).execute(s_);
}

void AttemptThrottle::prune(Clock::time_point before) {
    Query("DELETE FROM auth_attempts WHERE at < :before").bind("before", iso_utc(before)).execute(s_);
}

void write_audit(soci::session& session, long long actor_id, std::string_view action, std::string_view target_kind,
                 long long target_id, const std::string& details, Clock::time_point now) {
    Query("INSERT INTO audit_log (at, actor_id, action, target_kind, target_id, details) "
          "VALUES (:at, NULLIF(:actor, 0), :action, :kind, NULLIF(:target, 0), :details)")
        .bind("at", iso_utc(now))
        .bind("actor", actor_id)
        .bind("action", std::string(action))
        .bind("kind", std::string(target_kind))
        .bind("target", target_id)
        .bind("details", details)
        .execute(session);
}

}  // namespace latitudes::store
