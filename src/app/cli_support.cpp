#include "app/cli_support.hpp"

#include <spdlog/async.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#ifndef LATITUDES_SOURCE_DIR
#define LATITUDES_SOURCE_DIR "."
#endif

namespace latitudes::app {

std::string default_database_url() {
    if (const char* env = std::getenv("LATITUDES_DATABASE_URL"); env && *env) return env;
    return "sqlite:var/latitudes.db";
}

std::filesystem::path default_assets_root() {
    if (const char* env = std::getenv("LATITUDES_ASSETS"); env && *env) return env;
    if (std::filesystem::is_directory("static")) return std::filesystem::current_path();
    return LATITUDES_SOURCE_DIR;
}

std::string env_or(const char* name, const std::string& fallback) {
    const char* env = std::getenv(name);
    return env && *env ? env : fallback;
}

void setup_logging(const std::string& access_log) {
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
    spdlog::set_default_logger(spdlog::stderr_logger_mt("latitudes"));
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
    if (access_log == "off") return;
    // One JSON object a line, written by a background thread so requests never wait on I/O.
    spdlog::init_thread_pool(65536, 1);
    std::shared_ptr<spdlog::logger> logger;
    if (access_log == "stdout") logger = spdlog::create_async_nb<spdlog::sinks::stdout_sink_mt>("access");
    else logger = spdlog::create_async_nb<spdlog::sinks::basic_file_sink_mt>("access", access_log);
    logger->set_pattern("%v");
}

std::unique_ptr<store::Database> open_database(const std::string& url, std::size_t pool) {
    return std::make_unique<store::Database>(store::DatabaseUrl::parse(url), pool);
}

int env_days(const char* name, int fallback) {
    const char* env = std::getenv(name);
    if (!env || !*env) return fallback;
    try {
        std::size_t used = 0;
        const int value = std::stoi(env, &used);
        return used == std::string(env).size() && value >= 1 && value <= 365 ? value : fallback;
    } catch (const std::exception&) {
        return fallback;
    }
}

bool set_timers(jobs::JobSettings& settings, int reminder_days, int expiry_days) {
    if (expiry_days <= reminder_days) {
        std::cerr << "latitudes: --expiry-days (" << expiry_days << ") must be greater than --reminder-days (" << reminder_days
                  << ")\n";
        return false;
    }
    settings.timers.reminder_after = std::chrono::hours(24 * reminder_days);
    settings.timers.expiry_after = std::chrono::hours(24 * expiry_days);
    return true;
}

void report_migration(const store::MigrationReport& report) {
    if (report.applied.empty()) spdlog::info("database schema is up to date (version {})", report.to_version);
    for (const auto& name : report.applied) spdlog::info("applied migration {}", name);
}

}  // namespace latitudes::app
