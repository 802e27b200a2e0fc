#include "domain/credentials.hpp"
#include "store/accounts.hpp"
#include "store/migrations.hpp"
#include "store/query.hpp"
#include "support/store_fixture.hpp"

#include <gtest/gtest.h>

using namespace latitudes;
using namespace latitudes::store;
using namespace std::chrono_literals;

class Accounts : public test::MigratedDatabase {
protected:
    Accounts() : MigratedDatabase("accounts") {}
    long long make_account(const std::string& email, const std::string& role = "student") {
        return AccountRepository(s()).create({email, "Camille Martin", role, "hash-of-" + email, false}, now_);
    }
};

TEST(Instants, IsoRoundTrip) {
    const auto t = parse_iso_utc("2026-02-28T23:59:58Z");
    EXPECT_EQ(iso_utc(t), "2026-02-28T23:59:58Z");
    EXPECT_EQ(iso_utc(t + 2s), "2026-03-01T00:00:00Z");
    EXPECT_THROW(parse_iso_utc("2026-02-28 23:59:58"), DatabaseError);
    EXPECT_THROW(parse_iso_utc("2026-02-28T23:59:58Zjunk"), DatabaseError);
}

TEST_F(Accounts, CreateAndFindNormalisesTheEmail) {
    const long long id = make_account("  Camille.Martin@Example.ORG ");
    auto by_email = AccountRepository(s()).find_by_email("camille.martin@example.org");
    ASSERT_TRUE(by_email.has_value());
    EXPECT_EQ(by_email->person_id, id);
    EXPECT_EQ(by_email->email, "camille.martin@example.org");
    EXPECT_EQ(by_email->role, "student");
    EXPECT_TRUE(by_email->active);
    EXPECT_FALSE(by_email->email_confirmed);
    EXPECT_EQ(AccountRepository(s()).find(id)->email, "camille.martin@example.org");
    EXPECT_FALSE(AccountRepository(s()).find_by_email("nobody@example.org").has_value());
    EXPECT_FALSE(AccountRepository(s()).find(id + 1000).has_value());
}

TEST_F(Accounts, RefusesDuplicatesBadEmailsAndRolesWithoutWriting) {
    make_account("a@example.org");
    const long long people = count("SELECT COUNT(*) FROM people");
    auto code_of = [&](const NewAccount& a) {
        try {
            AccountRepository(s()).create(a, now_);
        } catch (const AccountError& e) {
            return e.code();
        }
        return AccountError::Code::unknown_account;  // not thrown: the test fails below
    };
    EXPECT_EQ(code_of({"A@Example.org", "X", "student", "h"}), AccountError::Code::email_taken);
    EXPECT_EQ(code_of({"not-an-email", "X", "student", "h"}), AccountError::Code::invalid_email);
    EXPECT_EQ(code_of({"b@example.org", "X", "emperor", "h"}), AccountError::Code::invalid_role);
    EXPECT_EQ(code_of({"b@example.org", "X", "anonymous", "h"}), AccountError::Code::invalid_role);
    EXPECT_EQ(count("SELECT COUNT(*) FROM people"), people);
}

TEST_F(Accounts, UpdatesConfirmationPasswordRoleAndActivity) {
    const long long id = make_account("b@example.org");
    AccountRepository accounts(s());
    accounts.confirm_email(id, now_);
    accounts.set_password_hash(id, "new-hash");
    accounts.set_role(id, "staff");
    accounts.set_active(id, false);
    auto a = accounts.find(id);
    EXPECT_TRUE(a->email_confirmed);
    EXPECT_EQ(a->password_hash, "new-hash");
    EXPECT_EQ(a->role, "staff");
    EXPECT_FALSE(a->active);
    EXPECT_THROW(accounts.set_role(id, "pirate"), AccountError);
    EXPECT_THROW(accounts.set_active(id + 1000, true), AccountError);
}

TEST_F(Accounts, SessionsExpireWhenIdleOrOldAndCanBeRevoked) {
    const long long id = make_account("c@example.org");
    SessionStore sessions(s());
    const auto created = sessions.create(id, now_);
    EXPECT_EQ(created.id.size(), 43u);
    EXPECT_NE(created.id, created.csrf_token);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id_digest = '" + domain::token_digest(created.id) + "'"), 1)
        << "only the digest is stored";
    auto live = sessions.touch(created.id, now_ + 30min);
    ASSERT_TRUE(live.has_value());
    EXPECT_EQ(live->person_id, id);
    EXPECT_EQ(live->csrf_token, created.csrf_token);
    EXPECT_FALSE(sessions.touch("forged-" + created.id, now_).has_value());
    EXPECT_FALSE(sessions.touch("", now_).has_value());
    // Idle for more than 2 hours: gone, and stays gone.
    EXPECT_FALSE(sessions.touch(created.id, now_ + 30min + 2h + 1s).has_value());
    EXPECT_FALSE(sessions.touch(created.id, now_ + 31min).has_value());

    // Used every hour, but older than 30 days: gone.
    const auto busy = sessions.create(id, now_);
    auto t = now_;
    for (int hour = 0; hour < 24 * 30 - 1; ++hour) {
        t += 1h;
        ASSERT_TRUE(sessions.touch(busy.id, t).has_value()) << hour;
    }
    EXPECT_FALSE(sessions.touch(busy.id, now_ + 24h * 30 + 1s).has_value());
}

TEST_F(Accounts, RevokingSessions) {
    const long long id = make_account("d@example.org");
    SessionStore sessions(s());
    const auto a = sessions.create(id, now_), b = sessions.create(id, now_), c = sessions.create(id, now_);
    sessions.revoke(a.id, now_);
    EXPECT_FALSE(sessions.touch(a.id, now_).has_value());
    EXPECT_EQ(sessions.revoke_all(id, now_, c.id), 1);  // b only: a already revoked, c kept
    EXPECT_FALSE(sessions.touch(b.id, now_).has_value());
    EXPECT_TRUE(sessions.touch(c.id, now_).has_value());
    // A deactivated account's sessions stop working at once.
    AccountRepository(s()).set_active(id, false);
    EXPECT_FALSE(sessions.touch(c.id, now_).has_value());
}

TEST_F(Accounts, LinksAreSingleUseExpireAndServeOnePurpose) {
    const long long id = make_account("e@example.org");
    TokenStore tokens(s());
    const auto token = tokens.issue(TokenPurpose::reset_password, {id, 0, "e@example.org"}, 1h, now_);
    EXPECT_FALSE(tokens.consume(token, TokenPurpose::confirm_email, now_).has_value()) << "wrong purpose";
    auto grant = tokens.consume(token, TokenPurpose::reset_password, now_ + 10min);
    ASSERT_TRUE(grant.has_value());
    EXPECT_EQ(grant->person_id, id);
    EXPECT_EQ(grant->email, "e@example.org");
    EXPECT_FALSE(tokens.consume(token, TokenPurpose::reset_password, now_ + 11min).has_value()) << "single use";

    const auto late = tokens.issue(TokenPurpose::reset_password, {id, 0, ""}, 1h, now_);
    EXPECT_FALSE(tokens.consume(late, TokenPurpose::reset_password, now_ + 1h).has_value()) << "expired at the deadline";

    const auto replaced = tokens.issue(TokenPurpose::reset_password, {id, 0, ""}, 1h, now_);
    tokens.revoke_unused(id, TokenPurpose::reset_password, now_);
    EXPECT_FALSE(tokens.consume(replaced, TokenPurpose::reset_password, now_).has_value());
    EXPECT_FALSE(tokens.consume("", TokenPurpose::reset_password, now_).has_value());
}

TEST_F(Accounts, ThrottleCountsWithinAWindow) {
    AttemptThrottle throttle(s());
    for (int i = 0; i < 5; ++i) throttle.record_failure("email:x@example.org", now_ + std::chrono::minutes(i));
    throttle.record_failure("ip:127.0.0.1", now_);
    EXPECT_EQ(throttle.failures_since("email:x@example.org", now_), 5);
    EXPECT_EQ(throttle.failures_since("email:x@example.org", now_ + 3min), 2);
    EXPECT_EQ(throttle.failures_since("ip:127.0.0.1", now_), 1);
    throttle.clear("email:x@example.org");
    EXPECT_EQ(throttle.failures_since("email:x@example.org", now_), 0);
    throttle.prune(now_ + 1s);
    EXPECT_EQ(throttle.failures_since("ip:127.0.0.1", now_ - 1h), 0);
}

TEST_F(Accounts, AuditLogKeepsRecordsWithoutTheActor) {
    const long long staff = make_account("staff@example.org", "staff");
    const long long target = make_account("f@example.org");
    write_audit(s(), staff, "staff_deactivate_account", "person", target, R"({"reason":"spam"})", now_);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'staff_deactivate_account' AND actor_id IS NOT NULL"), 1);
    // Erasing the staff member keeps the record, without the name.
    Query("DELETE FROM accounts WHERE person_id = :id").bind("id", staff).execute(s());
    Query("DELETE FROM people WHERE id = :id").bind("id", staff).execute(s());
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE actor_id IS NULL"), 1);
}

TEST_F(Accounts, WorksInsideTheCallersTransaction) {
    {
        soci::transaction tx(s());
        const long long id = make_account("g@example.org");
        TokenStore(s()).issue(TokenPurpose::confirm_email, {id, 0, "g@example.org"}, 48h, now_);
        tx.rollback();
    }
    EXPECT_FALSE(AccountRepository(s()).find_by_email("g@example.org").has_value());
    EXPECT_EQ(count("SELECT COUNT(*) FROM one_time_tokens"), 0);
}
