#pragma once
// `latitudes import students --cohort ID FILE.csv` and `latitudes export campaign ID`: the same
// service calls as the API (service/cohorts.hpp, the campaign export), for coordinators' scripts.
#include <CLI/CLI.hpp>

#include <string>

namespace latitudes::app {

struct CampaignCommands {
    CLI::App* import_students = nullptr;
    CLI::App* export_campaign = nullptr;
    std::string database;
    long long cohort = 0, campaign = 0;
    std::string file, format = "csv", project;
    bool dry_run = false;
};

// Registers the subcommands on `app`; `default_database` is the URL used when --database is not given.
void add_campaign_commands(CLI::App& app, CampaignCommands& commands, const std::string& default_database);

// Runs the one that was parsed; returns the exit code, or -1 when neither was.
int run_campaign_commands(const CampaignCommands& commands);

}  // namespace latitudes::app
