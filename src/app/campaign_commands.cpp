#include "app/campaign_commands.hpp"

#include "mail/notifier.hpp"
#include "render/views.hpp"
#include "service/campaigns.hpp"
#include "service/cohorts.hpp"
#include "store/campaigns.hpp"
#include "store/migrations.hpp"
#include "store/projects.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

namespace latitudes::app {

void add_campaign_commands(CLI::App& app, CampaignCommands& commands, const std::string& default_database) {
    commands.database = default_database;
    auto* import = app.add_subcommand("import", "Import data");
    commands.import_students = import->add_subcommand("students", "Add a cohort's students from a CSV spreadsheet export");
    commands.import_students->add_option("--cohort", commands.cohort, "Cohort id")->required();
    commands.import_students->add_option("file", commands.file, "CSV file (; , or tab; UTF-8 or Windows-1252)")->required();
    commands.import_students->add_flag("--dry-run", commands.dry_run, "Only show the preview, write nothing");
    commands.import_students->add_option("--database", commands.database, "Database URL")->capture_default_str();
    auto* exporting = app.add_subcommand("export", "Export data");
    commands.export_campaign = exporting->add_subcommand("campaign", "Every student of a campaign with their project and rank");
    commands.export_campaign->add_option("id", commands.campaign, "Campaign id")->required();
    commands.export_campaign->add_option("--format", commands.format, "csv or json")->check(CLI::IsMember({"csv", "json"}));
    commands.export_campaign->add_option("--project", commands.project, "Only this offered project's roster (its slug)");
    commands.export_campaign->add_option("--database", commands.database, "Database URL")->capture_default_str();
}

namespace {

int import_students(const CampaignCommands& c) {
    std::ifstream in(c.file, std::ios::binary);
    if (!in) {
        std::cerr << "latitudes import students: cannot read " << c.file << "\n";
        return 1;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    store::Database db(store::DatabaseUrl::parse(c.database), 1);
    store::migrate(db, store::embedded_migrations());
    const auto skills = store::ProjectRepository(db).skills();
    const auto catalogue = render::load_catalogue();
    const render::Views views(catalogue);
    const char* url = std::getenv("LATITUDES_PUBLIC_URL");
    const mail::Notifier notifier(views, url && *url ? url : "http://127.0.0.1:8080");
    store::Lease session(db);
    const auto outcome = service::import_students({*session, store::Clock::now(), notifier, skills},
                                                  {c.cohort, bytes, !c.dry_run});
    using Kind = service::ImportOutcome::Kind;
    if (outcome.kind == Kind::not_found) {
        std::cerr << "latitudes import students: no cohort " << c.cohort << "\n";
        return 1;
    }
    if (outcome.kind == Kind::too_large) {
        std::cerr << "latitudes import students: the file is over " << service::max_roster_bytes << " bytes\n";
        return 1;
    }
    for (const auto& problem : outcome.preview.file_problems)
        std::cerr << "file: " << problem.code << (problem.line ? " (line " + std::to_string(problem.line) + ")" : "") << "\n";
    for (const auto& row : outcome.preview.rows)
        for (const auto& problem : row.problems)
            std::cout << "line " << row.line << ": " << row.email << ": " << problem.code << "\n";
    if (outcome.kind == Kind::invalid_file) return 1;
    std::cout << outcome.preview.accepted << " accepted, " << outcome.preview.refused << " refused";
    if (outcome.kind == Kind::imported) std::cout << "; " << outcome.joined << " joined, " << outcome.invited << " invited";
    std::cout << (c.dry_run ? " (dry run: nothing written)\n" : "\n");
    return 0;
}

int export_campaign(const CampaignCommands& c) {
    store::Database db(store::DatabaseUrl::parse(c.database), 1);
    store::Lease session(db);
    store::CampaignRepository campaigns(*session);
    const auto campaign = campaigns.find(c.campaign);
    if (!campaign) {
        std::cerr << "latitudes export campaign: no campaign " << c.campaign << "\n";
        return 1;
    }
    const auto exported = service::campaign_export(*session, *campaign, c.project);
    if (!exported) {
        std::cerr << "latitudes export campaign: the campaign does not offer " << c.project << "\n";
        return 1;
    }
    std::cout << (c.format == "json" ? service::export_json(*exported) + "\n" : service::export_csv(*exported));
    return 0;
}

}  // namespace

int run_campaign_commands(const CampaignCommands& commands) {
    if (commands.import_students && commands.import_students->parsed()) return import_students(commands);
    if (commands.export_campaign && commands.export_campaign->parsed()) return export_campaign(commands);
    return -1;
}

}  // namespace latitudes::app
