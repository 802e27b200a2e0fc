#pragma once
// Databases for tests: a fresh SQLite file, or the PostgreSQL server started by
// scripts/with-postgres.sh (LATITUDES_TEST_POSTGRES_URL) with its schema emptied.
#include "store/database.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace latitudes::test {

// The documents' server key of the test sites and servers (64 hex digits).
inline const std::string test_file_key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

inline std::string fresh_sqlite_url(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("latitudes-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto file = dir / (name + ".db");
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    return "sqlite:" + file.string();
}

// Empty on success, else why PostgreSQL is not available.
inline std::string fresh_postgres_url(std::string& url) {
    const char* env = std::getenv("LATITUDES_TEST_POSTGRES_URL");
    if (!env || !*env)
        return "LATITUDES_TEST_POSTGRES_URL is not set: run the tests through scripts/with-postgres.sh (make test does)";
    url = env;
    store::Database db(store::DatabaseUrl::parse(url), 1);
    store::Lease s(db);
    *s << "DROP SCHEMA IF EXISTS public CASCADE";
    *s << "CREATE SCHEMA public";
    return {};
}

// The engine under test comes from LATITUDES_TEST_ENGINE (sqlite, the default, or postgresql):
// CTest registers the database tests once for each. Throws when PostgreSQL is asked for but absent.
inline std::string fresh_database_url(const std::string& name) {
    const char* engine = std::getenv("LATITUDES_TEST_ENGINE");
    if (engine && std::string(engine) == "postgresql") {
        std::string url;
        if (auto why = fresh_postgres_url(url); !why.empty()) throw std::runtime_error(why);
        return url;
    }
    return fresh_sqlite_url(name);
}

}  // namespace latitudes::test
