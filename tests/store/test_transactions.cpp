// Write transactions on both engines: a second writer waits for the first instead of failing
// (SQLite's "database is locked" on a deferred read-then-write), what a rolled-back transaction
// wrote is gone, transient conflicts are recognised (a real PostgreSQL deadlock), and work that
// meets one is run again, a bounded number of times, on PostgreSQL only.
#include "support/store_fixture.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace latitudes;
using namespace latitudes::test;

class Transactions : public MigratedDatabase {
protected:
    Transactions() : MigratedDatabase("transactions") {}
    void add_attempt(soci::session& session, const std::string& key) {
        store::Query("INSERT INTO auth_attempts (attempt_key, at) VALUES (:key, '2026-11-28T10:00:00Z')")
            .bind("key", key)
            .execute(session);
    }
};

TEST_F(Transactions, OnSqliteTheDeferredShapeFailsAtOnceWhichIsWhyWritersBeginImmediate) {
    if (db_->engine() != store::Engine::sqlite) GTEST_SKIP() << "SQLite's WAL snapshots only";
    store::Lease other(*db_);
    soci::transaction deferred(s());
    EXPECT_EQ(count("SELECT COUNT(*) FROM auth_attempts"), 0);  // takes a read snapshot
    add_attempt(*other, "committed-meanwhile");                 // another connection commits
    const auto started = std::chrono::steady_clock::now();
    try {
        add_attempt(s(), "too-late");
        ADD_FAILURE() << "the stale reader was allowed to write";
    } catch (const std::exception& e) {
        EXPECT_TRUE(store::is_transient_conflict(e)) << e.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5))
        << "it fails without waiting for the busy timeout";
    deferred.rollback();
}

TEST_F(Transactions, OnSqliteASecondWriterWaitsForTheFirstInsteadOfFailing) {
    if (db_->engine() != store::Engine::sqlite)
        GTEST_SKIP() << "PostgreSQL writers wait on the rows they share, not on the database";
    // The shape that failed under load: read, then write, while another connection commits.
    store::Lease other(*db_);
    std::atomic<bool> second_done{false};
    std::string second_error;
    {
        store::WriteTransaction first(s());
        EXPECT_EQ(count("SELECT COUNT(*) FROM auth_attempts WHERE attempt_key = 'race'"), 0);
        std::thread second([&] {
            try {
                store::WriteTransaction tx(*other);
                const long long seen =
                    store::Query("SELECT COUNT(*) FROM auth_attempts WHERE attempt_key = 'race'").scalar(*other);
                add_attempt(*other, "race-" + std::to_string(seen));
                tx.commit();
            } catch (const std::exception& e) {
                second_error = e.what();
            }
            second_done = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        EXPECT_FALSE(second_done) << "the second writer must wait for the first: " << second_error;
        add_attempt(s(), "race");
        first.commit();
        second.join();
    }
    EXPECT_TRUE(second_error.empty()) << second_error;
    EXPECT_EQ(count("SELECT COUNT(*) FROM auth_attempts WHERE attempt_key = 'race'"), 1);
    // It began, and so read, only after the first had committed.
    EXPECT_EQ(count("SELECT COUNT(*) FROM auth_attempts WHERE attempt_key = 'race-1'"), 1);
}

TEST_F(Transactions, WhatARolledBackTransactionWroteIsGone) {
    {
        store::WriteTransaction tx(s());
        add_attempt(s(), "rolled-back-by-leaving");
    }
    {
        store::WriteTransaction tx(s());
        add_attempt(s(), "rolled-back-by-hand");
        tx.rollback();
        tx.rollback();  // twice is harmless
    }
    {
        store::WriteTransaction tx(s());
        add_attempt(s(), "kept");
        tx.commit();
        EXPECT_THROW(tx.commit(), store::DatabaseError);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM auth_attempts WHERE attempt_key LIKE 'rolled-back%'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM auth_attempts WHERE attempt_key = 'kept'"), 1);
    // The connection is usable again after each.
    store::WriteTransaction again(s());
    add_attempt(s(), "again");
    again.commit();
    EXPECT_EQ(count("SELECT COUNT(*) FROM auth_attempts WHERE attempt_key = 'again'"), 1);
}

TEST_F(Transactions, ADeadlockIsATransientConflict) {
    if (db_->engine() != store::Engine::postgresql) GTEST_SKIP() << "SQLite has one writer: no deadlock to make";
    add_attempt(s(), "a");
    add_attempt(s(), "b");
    store::Lease other(*db_);
    std::string first_error, second_error;
    auto lock_both = [](soci::session& session, const std::string& one, const std::string& two, std::string& error) {
        try {
            store::WriteTransaction tx(session);
            store::Query("UPDATE auth_attempts SET at = at WHERE attempt_key = :k").bind("k", one).execute(session);
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            store::Query("UPDATE auth_attempts SET at = at WHERE attempt_key = :k").bind("k", two).execute(session);
            tx.commit();
        } catch (const std::exception& e) {
            error = e.what();
            if (!store::is_transient_conflict(e)) error = "not transient: " + error;
            else error = "transient";
        }
    };
    std::thread t1([&] { lock_both(s(), "a", "b", first_error); });
    std::thread t2([&] { lock_both(*other, "b", "a", second_error); });
    t1.join();
    t2.join();
    // PostgreSQL breaks the cycle by failing exactly one of the two with 40P01.
    EXPECT_EQ((first_error == "transient") + (second_error == "transient"), 1) << first_error << " / " << second_error;
    EXPECT_TRUE(first_error.empty() || second_error.empty()) << first_error << " / " << second_error;
}

TEST(TransientConflicts, AreRecognisedByTheirCodes) {
    EXPECT_TRUE(store::is_transient_conflict(soci::postgresql_soci_error("could not serialize access", "40001")));
    EXPECT_TRUE(store::is_transient_conflict(soci::postgresql_soci_error("deadlock detected", "40P01")));
    EXPECT_FALSE(store::is_transient_conflict(soci::postgresql_soci_error("duplicate key", "23505")));
    EXPECT_TRUE(store::is_transient_conflict(soci::sqlite3_soci_error("database is locked", 5)));
    EXPECT_TRUE(store::is_transient_conflict(soci::sqlite3_soci_error("database is locked",
                                                                      5 | (2 << 8))));  // SQLITE_BUSY_SNAPSHOT
    EXPECT_TRUE(store::is_transient_conflict(soci::sqlite3_soci_error("table is locked", 6)));
    EXPECT_FALSE(store::is_transient_conflict(soci::sqlite3_soci_error("constraint failed", 19)));
    EXPECT_FALSE(store::is_transient_conflict(std::runtime_error("database is locked")));
}

TEST(TransientConflicts, WorkIsRunAgainABoundedNumberOfTimesOnPostgreSqlOnly) {
    int calls = 0;
    auto flaky = [&](int failures) {
        return [&calls, failures] {
            if (++calls <= failures) throw soci::postgresql_soci_error("deadlock detected", "40P01");
            return 42;
        };
    };
    EXPECT_EQ(store::retry_on_conflict(store::Engine::postgresql, flaky(3)), 42);
    EXPECT_EQ(calls, 4) << "three conflicts, then done at the fourth attempt";
    calls = 0;
    EXPECT_THROW(store::retry_on_conflict(store::Engine::postgresql, flaky(4)), soci::postgresql_soci_error);
    EXPECT_EQ(calls, store::conflict_attempts);
    calls = 0;
    EXPECT_THROW(store::retry_on_conflict(store::Engine::sqlite, flaky(1)), soci::postgresql_soci_error);
    EXPECT_EQ(calls, 1) << "SQLite has waited its busy timeout already";
    calls = 0;
    EXPECT_THROW(store::retry_on_conflict(store::Engine::postgresql,
                                          [&]() -> int {
                                              ++calls;
                                              throw soci::postgresql_soci_error("duplicate key", "23505");
                                          }),
                 soci::postgresql_soci_error);
    EXPECT_EQ(calls, 1) << "other errors are not retried";
}
