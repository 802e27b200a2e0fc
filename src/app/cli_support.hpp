#pragma once
// What the command line needs around its commands: defaults read from the environment, logging,
// the database, the applications' timers, the migration report (app/main.cpp).
#include "jobs/jobs.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace latitudes::app {

// LATITUDES_DATABASE_URL, else var/latitudes.db.
std::string default_database_url();
// LATITUDES_ASSETS, else the current folder when it holds static/, else the source tree.
std::filesystem::path default_assets_root();
// The environment's value of `name` when set, else `fallback`.
std::string env_or(const char* name, const std::string& fallback);
// stderr for messages; the access log ("stdout", "off" or a file) written by a background thread.
void setup_logging(const std::string& access_log);
std::unique_ptr<store::Database> open_database(const std::string& url, std::size_t pool);
// A whole number of days from the environment, or `fallback` when unset or not a number.
int env_days(const char* name, int fallback);
// The timers of applications, in days; false (and a message) when a reminder could never come.
bool set_timers(jobs::JobSettings& settings, int reminder_days, int expiry_days);
void report_migration(const store::MigrationReport& report);

}  // namespace latitudes::app
