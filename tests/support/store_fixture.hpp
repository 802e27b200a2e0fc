#pragma once
// A fresh, migrated database for each store test (SQLite or PostgreSQL, see test_database.hpp),
// with one leased session and a fixed clock. `connections`: the pool's size, for tests whose code
// under test leases its own connections (jobs) while the fixture holds one.
#include "store/accounts.hpp"
#include "store/migrations.hpp"
#include "store/query.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace latitudes::test {

class MigratedDatabase : public ::testing::Test {
protected:
    explicit MigratedDatabase(std::string name, std::size_t connections = 2)
        : name_(std::move(name)), connections_(connections) {}
    void SetUp() override {
        db_ = std::make_unique<store::Database>(store::DatabaseUrl::parse(fresh_database_url(name_)), connections_);
        store::migrate(*db_, store::embedded_migrations());
        lease_ = std::make_unique<store::Lease>(*db_);
    }
    void TearDown() override {
        lease_.reset();
        db_.reset();
    }
    soci::session& s() { return **lease_; }
    long long count(const std::string& sql) { return store::Query(sql).scalar(s()); }

    std::string name_;
    std::size_t connections_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::Lease> lease_;
    store::Clock::time_point now_ = store::parse_iso_utc("2026-11-28T10:00:00Z");
};

}  // namespace latitudes::test
