#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <chrono>
#include <exception>
#include <filesystem>
#include <random>
#include <system_error>
#include <thread>

#include <unistd.h>

namespace latitudes::store {

namespace {

std::string redact_password(const std::string& uri) {
    // postgresql://user:secret@host/db -> postgresql://user:***@host/db
    const auto scheme_end = uri.find("://");
    if (scheme_end == std::string::npos) return uri;
    const auto at = uri.find('@', scheme_end + 3);
    if (at == std::string::npos) return uri;
    const auto colon = uri.find(':', scheme_end + 3);
    if (colon == std::string::npos || colon > at) return uri;
    return uri.substr(0, colon + 1) + "***" + uri.substr(at);
}

// SOCI messages repeat the statement and span several lines: keep the first line.
std::string first_line(const std::string& message) {
    auto end = message.find('\n');
    // SOCI puts libpq's reason on the second line: keep it when the first says little.
    if (end != std::string::npos && message.compare(0, 38, "Cannot establish connection to the dat") == 0) {
        auto next = message.find('\n', end + 1);
        std::string reason = message.substr(end + 1, next == std::string::npos ? std::string::npos : next - end - 1);
        if (!reason.empty()) return "cannot connect: " + reason;
    }
    std::string line = message.substr(0, end);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    return line;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// libpq conninfo value: quoted, with ' and \ escaped.
std::string conninfo_value(const std::string& value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

// postgresql://user:pass@host:port/db?key=value -> "host='host' port='port' ..."
// (SOCI hands its string to libpq, but not every SOCI version passes URIs through.)
std::string to_conninfo(const std::string& url) {
    std::string rest = url.substr(url.find("://") + 3);
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string userinfo, hostport, dbname;
    if (auto at = rest.rfind('@'); at != std::string::npos) {
        userinfo = rest.substr(0, at);
        rest = rest.substr(at + 1);
    }
    if (auto slash = rest.find('/'); slash != std::string::npos) {
        dbname = rest.substr(slash + 1);
        hostport = rest.substr(0, slash);
    } else {
        hostport = rest;
    }
    std::string info;
    auto add = [&](const std::string& key, const std::string& value) {
        if (!value.empty()) info += (info.empty() ? "" : " ") + key + "=" + conninfo_value(percent_decode(value));
    };
    if (!userinfo.empty()) {
        auto colon = userinfo.find(':');
        add("user", userinfo.substr(0, colon));
        if (colon != std::string::npos) add("password", userinfo.substr(colon + 1));
    }
    if (!hostport.empty()) {
        if (hostport.front() == '[') {  // [::1]:5432
            auto close = hostport.find(']');
            add("host", hostport.substr(1, close - 1));
            if (close + 1 < hostport.size() && hostport[close + 1] == ':') add("port", hostport.substr(close + 2));
        } else {
            auto colon = hostport.rfind(':');
            add("host", hostport.substr(0, colon));
            if (colon != std::string::npos) add("port", hostport.substr(colon + 1));
        }
    }
    add("dbname", dbname);
    std::size_t pos = 0;
    while (pos < query.size()) {
        auto end = query.find('&', pos);
        if (end == std::string::npos) end = query.size();
        auto item = query.substr(pos, end - pos);
        if (auto eq = item.find('='); eq != std::string::npos) add(item.substr(0, eq), item.substr(eq + 1));
        pos = end + 1;
    }
    return info;
}

}  // namespace

DatabaseUrl DatabaseUrl::parse(const std::string& url) {
    DatabaseUrl parsed;
    parsed.original = url;
    if (url.rfind("sqlite:", 0) == 0) {
        parsed.engine = Engine::sqlite;
        parsed.sqlite_path = url.substr(7);
        // Accept sqlite:///abs/path and sqlite://rel as well as sqlite:path.
        if (parsed.sqlite_path.rfind("//", 0) == 0) parsed.sqlite_path = parsed.sqlite_path.substr(2);
        if (parsed.sqlite_path.empty())
            throw DatabaseError("invalid database URL '" + url +
                                "': a SQLite URL needs a file path, e.g. sqlite:var/latitudes.db");
        return parsed;
    }
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        parsed.engine = Engine::postgresql;
        parsed.postgres_uri = url;
        parsed.postgres_conninfo = to_conninfo(url);
        const auto rest = url.substr(url.find("://") + 3);
        if (rest.empty() || rest == "/")
            throw DatabaseError("invalid database URL '" + parsed.redacted() +
                                "': expected postgresql://user:password@host:port/database");
        return parsed;
    }
    throw DatabaseError("invalid database URL '" + redact_password(url) + "': it must start with sqlite: or postgresql://");
}

std::string DatabaseUrl::redacted() const { return engine == Engine::postgresql ? redact_password(original) : original; }

Database::Database(const DatabaseUrl& url, std::size_t pool_size) : url_(url), pool_size_(pool_size == 0 ? 1 : pool_size) {
    if (url_.engine == Engine::sqlite && url_.sqlite_path != ":memory:") {
        const std::filesystem::path file(url_.sqlite_path);
        if (file.has_parent_path()) {
            std::error_code ec;
            std::filesystem::create_directories(file.parent_path(), ec);
            if (ec)
                throw DatabaseError("cannot create folder '" + file.parent_path().string() +
                                    "' for the database: " + ec.message());
        }
    }
    if (url_.engine == Engine::sqlite && url_.sqlite_path != ":memory:" && std::filesystem::exists(url_.sqlite_path) &&
        ::access(url_.sqlite_path.c_str(), W_OK) != 0)
        // SQLite would open it silently read-only and fail at the first write.
        throw DatabaseError("database file '" + url_.sqlite_path + "' is read-only");
    pool_ = std::make_unique<soci::connection_pool>(pool_size_);
    last_checked_ms_ = std::make_unique<std::atomic<long long>[]>(pool_size_);
    try {
        for (std::size_t i = 0; i != pool_size_; ++i) {
            soci::session& session = pool_->at(i);
            if (url_.engine == Engine::sqlite) session.open(soci::sqlite3, "db=\"" + url_.sqlite_path + "\" timeout=10");
            else session.open(soci::postgresql, url_.postgres_conninfo);
            configure(session);
        }
    } catch (const soci::soci_error& e) {
        throw DatabaseError("cannot open database " + url_.redacted() + ": " + first_line(e.what()));
    }
}

Database::~Database() = default;

void Database::configure(soci::session& session) {
    if (url_.engine == Engine::sqlite) {
        // WAL lets readers proceed while one writer writes. FULL syncs the WAL at every commit:
        // with NORMAL a power loss (not a process crash) may undo the last commits, and an
        // answered sign-up, application or allocation must survive it. Measured here: ~100 µs a
        // commit instead of ~17 µs, ~10,000 commits/s (docs/ARCHITECTURE.md, "Durability").
        std::string mode;
        session << "PRAGMA journal_mode=WAL", soci::into(mode);
        session << "PRAGMA synchronous=FULL";
        session << "PRAGMA foreign_keys=ON";
        session << "PRAGMA busy_timeout=10000";
    } else {
        session << "SET client_min_messages TO WARNING";
    }
}

Lease::Lease(Database& database)
    : database_(database),
      index_(database.pool().lease()),
      session_(&database.pool().at(index_)),
      exceptions_at_start_(std::uncaught_exceptions()) {
    try {
        database_.revive_if_lost(index_);
    } catch (...) {
        database_.pool().give_back(index_);
        throw;
    }
}

Lease::~Lease() {
    // A failure while this connection was in use may mean it is lost: check it at the next lease.
    if (std::uncaught_exceptions() > exceptions_at_start_) database_.last_checked_ms_[index_] = 0;
    database_.pool().give_back(index_);
}

void Database::revive_if_lost(std::size_t index) {
    if (url_.engine != Engine::postgresql) return;  // SQLite has no connection to lose
    const long long now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    if (now - last_checked_ms_[index].load() < 2000) return;
    last_checked_ms_[index] = now;
    soci::session& session = pool_->at(index);
    if (session.is_connected()) return;
    try {
        session.reconnect();
        configure(session);
    } catch (const soci::soci_error& e) {
        throw DatabaseError("the database connection was lost and cannot be reopened: " + first_line(e.what()));
    }
}

bool Database::ping() {
    try {
        Lease db(*this);
        int one = 0;
        *db << "SELECT 1", soci::into(one);
        return one == 1;
    } catch (const std::exception&) {
        return false;
    }
}

WriteTransaction::WriteTransaction(soci::session& session) : session_(session), sqlite_(session.get_backend_name() == "sqlite3") {
    if (sqlite_) session_ << "BEGIN IMMEDIATE";
    else session_.begin();
}

WriteTransaction::~WriteTransaction() {
    if (!open_) return;
    try {
        rollback();
    } catch (...) {
        // A lost connection has rolled back by itself; nothing to add while unwinding.
    }
}

void WriteTransaction::commit() {
    if (!open_) throw DatabaseError("the transaction is already closed");
    open_ = false;
    if (sqlite_) session_ << "COMMIT";
    else session_.commit();
}

void WriteTransaction::rollback() {
    if (!open_) return;
    open_ = false;
    if (sqlite_) session_ << "ROLLBACK";
    else session_.rollback();
}

bool is_transient_conflict(const std::exception& error) {
    if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
        const std::string state = pg->sqlstate();
        return state == "40001" || state == "40P01";
    }
    if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
        const int primary = lite->result() & 0xff;  // extended codes keep the primary in the low byte
        return primary == 5 /* SQLITE_BUSY */ || primary == 6 /* SQLITE_LOCKED */;
    }
    return false;
}

void pause_before_retry(int attempt) {
    thread_local std::minstd_rand random{std::random_device{}()};
    const auto spread = static_cast<unsigned>(10 * attempt);
    std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt + static_cast<int>(random() % spread)));
}

long long column_int(const soci::row& row, std::size_t index) {
    if (row.get_indicator(index) == soci::i_null) return 0;
    switch (row.get_properties(index).get_data_type()) {
        case soci::dt_integer: return row.get<int>(index);
        case soci::dt_long_long: return row.get<long long>(index);
        case soci::dt_unsigned_long_long: return static_cast<long long>(row.get<unsigned long long>(index));
        case soci::dt_double: return static_cast<long long>(row.get<double>(index));
        case soci::dt_string: return std::stoll(row.get<std::string>(index));
        default: throw DatabaseError("column " + std::to_string(index) + " is not a number");
    }
}

double column_double(const soci::row& row, std::size_t index) {
    if (row.get_indicator(index) == soci::i_null) return 0;
    if (row.get_properties(index).get_data_type() == soci::dt_double) return row.get<double>(index);
    if (row.get_properties(index).get_data_type() == soci::dt_string) return std::stod(row.get<std::string>(index));
    return static_cast<double>(column_int(row, index));
}

std::string column_text(const soci::row& row, std::size_t index) {
    if (row.get_indicator(index) == soci::i_null) return {};
    if (row.get_properties(index).get_data_type() == soci::dt_string) return row.get<std::string>(index);
    return std::to_string(column_int(row, index));
}

}  // namespace latitudes::store
