#pragma once
// Accounts, sessions, single-use links, throttling and the audit log (migration 0005).
// Every class works on a session the caller leases, so that several of them can share one
// transaction (e.g. create an account, issue its confirmation link and queue the mail at once).
// Secrets never reach the database: only digests of random tokens (domain/credentials.hpp).
#include "domain/credentials.hpp"
#include "store/database.hpp"

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace latitudes::store {

using Clock = std::chrono::system_clock;
class Query;

// "2026-11-28T13:45:00Z" and back; parse throws DatabaseError on anything else.
std::string iso_utc(Clock::time_point at);
Clock::time_point parse_iso_utc(std::string_view text);

class AccountError : public std::runtime_error {
public:
    enum class Code { invalid_email, email_taken, invalid_role, unknown_account };
    AccountError(Code code, const std::string& message) : std::runtime_error(message), code_(code) {}
    Code code() const { return code_; }

private:
    Code code_;
};

struct Account {
    long long person_id = 0;
    std::string email, display_name, role, password_hash;
    bool active = true;
    bool email_confirmed = false;
};

struct NewAccount {
    std::string email, display_name, role, password_hash;
    bool email_confirmed = false;
    std::string terms_version;  // the privacy notice consented to at sign-up; "" when none was asked
};

class AccountRepository {
public:
    explicit AccountRepository(soci::session& session) : s_(session) {}
    // Creates the person and the account; the e-mail is normalised. Throws AccountError.
    long long create(const NewAccount& account, Clock::time_point now);
    std::optional<Account> find_by_email(std::string_view email);
    std::optional<Account> find(long long person_id);
    void confirm_email(long long person_id, Clock::time_point now);
    void set_password_hash(long long person_id, const std::string& hash);
    void set_active(long long person_id, bool active);
    void set_role(long long person_id, std::string_view role);
    // Changes the login e-mail (normalised; confirmed, since it comes from a link sent to it).
    // Throws AccountError invalid_email or email_taken.
    void set_email(long long person_id, std::string_view email);
    void record_login(long long person_id, Clock::time_point now);
    // Erases a person's personal data: the account, sessions, links, tokens, memberships, applications and
    // mails go; the person row stays, nameless and without e-mail, so that shared records
    // (teams, audit log) keep their shape without naming anyone.
    void erase(long long person_id, Clock::time_point now);

private:
    std::optional<Account> find_one(Query query);
    soci::session& s_;
};

struct NewSession {
    std::string id;          // the opaque value for the cookie (only its digest is stored)
    std::string csrf_token;  // the value forms and htmx requests must send back
};

struct SessionInfo {
    long long person_id = 0;
    std::string csrf_token;
    Clock::time_point created_at, last_seen_at;
};

class SessionStore {
public:
    explicit SessionStore(soci::session& session) : s_(session) {}
    NewSession create(long long person_id, Clock::time_point now);
    // The live session behind a cookie value, its last use moved to `now`; nullopt when unknown,
    // revoked, idle too long or too old (an expired session is revoked on the way).
    std::optional<SessionInfo> touch(std::string_view id, Clock::time_point now);
    void revoke(std::string_view id, Clock::time_point now);
    // Logs a person out everywhere (password change, deactivation), but for `keep_id` if given.
    long long revoke_all(long long person_id, Clock::time_point now, std::string_view keep_id = {});

private:
    soci::session& s_;
};

enum class TokenPurpose { confirm_email, reset_password, invitation, change_email };
std::string_view to_string(TokenPurpose purpose);

struct TokenGrant {
    long long person_id = 0;        // 0 when the link is not tied to a person (invitation)
    long long organisation_id = 0;  // invitations
    std::string email;
};

class TokenStore {
public:
    explicit TokenStore(soci::session& session) : s_(session) {}
    // A new single-use link token valid for `ttl`; returns the value to put in the link.
    // `token` may be made beforehand (domain::random_token()), so that the mail carrying it is
    // rendered before the write transaction opens.
    std::string issue(TokenPurpose purpose, const TokenGrant& grant, std::chrono::seconds ttl, Clock::time_point now,
                      std::string token = domain::random_token());
    // Uses a token: succeeds once, before expiry, for its own purpose only.
    std::optional<TokenGrant> consume(std::string_view token, TokenPurpose purpose, Clock::time_point now);
    // What a token would grant, without using it (the invitation page shows whom it invites).
    std::optional<TokenGrant> peek(std::string_view token, TokenPurpose purpose, Clock::time_point now);
    // Invalidates the unused tokens of a person for one purpose (a new reset link replaces the old).
    void revoke_unused(long long person_id, TokenPurpose purpose, Clock::time_point now);

private:
    soci::session& s_;
};

// Failed attempts per key ("email:x@y.fr", "ip:127.0.0.1") within a sliding window.
class AttemptThrottle {
public:
    explicit AttemptThrottle(soci::session& session) : s_(session) {}
    void record_failure(const std::string& key, Clock::time_point now);
    long long failures_since(const std::string& key, Clock::time_point since);
    void clear(const std::string& key);
    // Forgets attempts older than `before` (called now and then, keeps the table small).
    void prune(Clock::time_point before);

private:
    soci::session& s_;
};

// Appends one staff action to the audit log. `details` is a JSON object as text.
void write_audit(soci::session& session, long long actor_id, std::string_view action, std::string_view target_kind,
                 long long target_id, const std::string& details, Clock::time_point now);

}  // namespace latitudes::store
