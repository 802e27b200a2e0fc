#pragma once
// A handler suite: the same requests as a DemoServer suite, answered in-process by a Site on a
// fresh, seeded database (SQLite or PostgreSQL, see test_database.hpp): Site::handle does the
// routing, the visitor, CSRF, the policy and the handler, as `serve` does, without the socket,
// the process or curl. A fixture derives as `class Needs : public InProcessSite<Needs>` and may
// define `static std::vector<std::string> server_arguments()` ({"--dev"} is development mode).
// What needs a real socket (headers on the wire, raw bytes, concurrency, the CLI, signals) stays
// in the DemoServer suites.
#include "support/accounts.hpp"
#include "support/test_database.hpp"

#include "resources/resources.hpp"
#include "store/migrations.hpp"
#include "store/seed.hpp"
#include "web/site.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace latitudes::test {

template <typename Suite>
class InProcessSite : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        url_ = fresh_database_url(::testing::UnitTest::GetInstance()->current_test_suite()->name());
        db_ = std::make_unique<store::Database>(store::DatabaseUrl::parse(url_), 4);
        store::migrate(*db_, store::embedded_migrations());
        store::seed_demo(*db_, resources::resource("seed/demo.json"));
        web::SiteOptions options;
        options.assets_root = LATITUDES_SOURCE_DIR;
        const auto arguments = Suite::server_arguments();
        options.development_mode = std::find(arguments.begin(), arguments.end(), "--dev") != arguments.end();
        // Documents need the server key (domain/file_crypto.hpp); a fixed one for the tests.
        options.file_key = domain::parse_file_key(test_file_key);
        site_ = std::make_unique<web::Site>(*db_, options);
        http_ = std::make_unique<HttpClient>(*site_);
    }
    static void TearDownTestSuite() {
        http_.reset();
        site_.reset();
        db_.reset();
    }
    static std::vector<std::string> server_arguments() { return {}; }
    static const HttpClient& http() { return *http_; }
    // An address unique to this test run.
    static std::string email(const std::string& who) { return who + "." + std::to_string(::getpid()) + "@latitudes.example"; }
    static long long count(const std::string& sql) { return scalar(url_, sql); }

    static inline std::string url_;
    static inline std::unique_ptr<store::Database> db_;
    static inline std::unique_ptr<web::Site> site_;
    static inline std::unique_ptr<HttpClient> http_;
};

}  // namespace latitudes::test
