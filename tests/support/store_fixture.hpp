#pragma once
// A fresh, migrated database for each store test (SQLite or PostgreSQL, see test_database.hpp),
// with one leased session and a fixed clock.
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
    explicit MigratedDatabase(std::string name) : name_(std::move(name)) {}
    void SetUp() override {
        db_ = std::make_unique<store::Database>(store::DatabaseUrl::parse(fresh_database_url(name_)), 2);
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
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::Lease> lease_;
    store::Clock::time_point now_ = store::parse_iso_utc("2026-11-28T10:00:00Z");
};

}  // namespace latitudes::test
