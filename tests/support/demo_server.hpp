#pragma once
// A test suite that talks to the real binary: a fresh database (SQLite or PostgreSQL, see
// test_database.hpp) seeded with the demo data, one server on a free loopback port for the whole
// suite. A fixture derives as `class Needs : public DemoServer<Needs>` and may define
// `static std::vector<std::string> server_arguments()` (e.g. {"--dev"}).
#include "support/accounts.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace latitudes::test {

template <typename Suite>
class DemoServer : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        url_ = fresh_database_url(::testing::UnitTest::GetInstance()->current_test_suite()->name());
        auto seeded = run_latitudes({"seed", "--demo", "--database", url_});
        ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
        server_ = std::make_unique<ServerProcess>(url_, Suite::server_arguments());
        http_ = std::make_unique<HttpClient>(server_->port());
    }
    static void TearDownTestSuite() {
        http_.reset();
        server_.reset();
    }
    static std::vector<std::string> server_arguments() { return {}; }
    static const HttpClient& http() { return *http_; }
    // An address unique to this test run.
    static std::string email(const std::string& who) { return who + "." + std::to_string(::getpid()) + "@latitudes.example"; }
    static long long count(const std::string& sql) { return scalar(url_, sql); }

    static inline std::string url_;
    static inline std::unique_ptr<ServerProcess> server_;
    static inline std::unique_ptr<HttpClient> http_;
};

}  // namespace latitudes::test
