#pragma once
// One entry point to the database, whatever the engine: SQLite (embedded, default)
// or PostgreSQL. Everything above this layer writes portable SQL with :name placeholders.
#include <soci/soci.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>

namespace latitudes::store {

enum class Engine { sqlite, postgresql };

// A parsed database URL: `sqlite:PATH` or `postgresql://user:pass@host:port/db`.
struct DatabaseUrl {
    Engine engine = Engine::sqlite;
    std::string sqlite_path;        // for sqlite
    std::string postgres_uri;       // for postgresql, as given
    std::string postgres_conninfo;  // the same as libpq key=value pairs
    std::string original;

    static DatabaseUrl parse(const std::string& url);  // throws DatabaseError
    // The URL without its password, safe to print in logs and messages.
    std::string redacted() const;
};

// Every failure of this layer that a user should read as one clear line.
class DatabaseError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Database {
public:
    // Opens `pool_size` connections (creating the SQLite file and its folder when needed).
    Database(const DatabaseUrl& url, std::size_t pool_size);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Engine engine() const { return url_.engine; }
    const DatabaseUrl& url() const { return url_; }
    std::size_t pool_size() const { return pool_size_; }

    // A connection leased from the pool for the lifetime of the returned session.
    soci::connection_pool& pool() { return *pool_; }

    // True when the database answers a trivial query.
    bool ping();

private:
    friend class Lease;
    void configure(soci::session& session);
    // Reopens connection `index` when it was lost; checked at most every few seconds per
    // connection, since the check itself costs a round trip to the server.
    void revive_if_lost(std::size_t index);

    DatabaseUrl url_;
    std::size_t pool_size_;
    std::unique_ptr<soci::connection_pool> pool_;
    std::unique_ptr<std::atomic<long long>[]> last_checked_ms_;
};

// Leases one connection: `Lease db(database); db->once << ...` or `soci::session& s = *db;`.
// A connection that was lost (database restarted, connection killed) is reopened here, so the
// server recovers by itself: the request that met the broken connection fails, the next succeed.
class Lease {
public:
    explicit Lease(Database& database);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& operator*() { return *session_; }
    soci::session* operator->() { return session_; }

private:
    Database& database_;
    std::size_t index_;
    soci::session* session_;
    int exceptions_at_start_;  // an exception leaving while leased makes the connection suspect
};

// A transaction that may write. Every write transaction goes through this class, never through
// soci::transaction. On SQLite it starts as the writer (BEGIN IMMEDIATE): a deferred transaction
// that reads and then writes cannot wait for the lock, because under WAL its snapshot is stale once
// another connection has committed, and SQLite answers "database is locked" at once without asking
// the busy handler. An immediate one waits up to the busy timeout instead. Read-only work keeps
// plain statements (or soci::transaction) and stays concurrent. On PostgreSQL it is a plain BEGIN;
// a serialisation failure or deadlock surfaces as an exception that is_transient_conflict() knows,
// and the caller retries the whole unit of work (web::Site does so for every request).
// Do slow work (password hashing, rendering) before opening one: the writer lock is held until
// commit or rollback.
class WriteTransaction {
public:
    explicit WriteTransaction(soci::session& session);
    ~WriteTransaction();  // rolls back unless committed
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    void commit();
    void rollback();

private:
    soci::session& session_;
    bool sqlite_;
    bool open_ = true;
};

// True for a failure that the same work, tried again, may not meet: a PostgreSQL serialisation
// failure (40001) or deadlock (40P01), or SQLite's busy or locked after its timeout.
bool is_transient_conflict(const std::exception& error);

// Runs `work`, and on PostgreSQL runs it again after a transient conflict, up to `attempts` times
// in all, with a short random pause between (so that two transactions that deadlocked do not
// meet again at once). `work` must be a whole unit: its transaction was rolled back, and it starts
// from the beginning. SQLite has waited its busy timeout already: there the error goes up at once.
inline constexpr int conflict_attempts = 4;
void pause_before_retry(int attempt);  // 5 to 15 ms after the first failure, more after each
template <typename Work>
auto retry_on_conflict(Engine engine, Work&& work, int attempts = conflict_attempts) -> decltype(work()) {
    for (int attempt = 1;; ++attempt) {
        try {
            return work();
        } catch (const std::exception& e) {
            if (attempt >= attempts || engine != Engine::postgresql || !is_transient_conflict(e)) throw;
            pause_before_retry(attempt);
        }
    }
}

// Reads a column whatever integer type the engine reported (SQLite and PostgreSQL differ).
long long column_int(const soci::row& row, std::size_t index);
double column_double(const soci::row& row, std::size_t index);
// Reads a text column; NULL reads as "".
std::string column_text(const soci::row& row, std::size_t index);

}  // namespace latitudes::store
