// latitudes: the command-line entry point (serve, migrate, seed, allocate, jobs, version).
#include "app/campaign_commands.hpp"
#include "app/cli_support.hpp"
#include "app/demo_campaigns.hpp"
#include "app/demo_documents.hpp"
#include "app/demo_needs.hpp"
#include "app/demo_teams.hpp"
#include "app/file_key.hpp"
#include "domain/credentials.hpp"
#include "jobs/jobs.hpp"
#include "mail/mail.hpp"
#include "render/views.hpp"
#include "resources/resources.hpp"
#include "store/accounts.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/seed.hpp"
#include "web/server.hpp"
#include "web/site.hpp"

#if __has_include("app/allocate_command.hpp")
#include "app/allocate_command.hpp"
#define LATITUDES_HAS_ALLOCATE 1
#endif

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#ifndef LATITUDES_VERSION
#define LATITUDES_VERSION "0.0.0"
#endif
#ifndef LATITUDES_PRECOMPRESSED_DIR  // the build's copies of the static files (src/CMakeLists.txt)
#define LATITUDES_PRECOMPRESSED_DIR ""
#endif

using namespace latitudes;
using namespace latitudes::app;

int main(int argc, char** argv) {
    CLI::App app{"Latitudes: tech for good projects, schools and allocation"};
    app.require_subcommand(1);
    std::string database = default_database_url();

    auto* serve = app.add_subcommand("serve", "Serve the web site and the API");
    web::ServerOptions server_options;
    server_options.workers = std::max(2u, std::thread::hardware_concurrency() * 2);
    std::string assets_root = default_assets_root().string();
    std::string access_log = "stdout";
    serve->add_option("--host", server_options.host, "Address to listen on")->capture_default_str();
    serve->add_option("--port", server_options.port, "Port to listen on")->capture_default_str();
    serve->add_option("--database", database, "Database URL (sqlite:PATH or postgresql://...); env LATITUDES_DATABASE_URL")
        ->capture_default_str();
    serve->add_option("--workers", server_options.workers, "Threads for blocking work")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    serve->add_option("--io-threads", server_options.io_threads, "Threads for HTTP I/O")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    serve->add_option("--assets", assets_root, "Folder holding static/ and node_modules/; env LATITUDES_ASSETS")
        ->capture_default_str();
    serve->add_option("--access-log", access_log, "stdout, off, or a file path")->capture_default_str();
    std::string precompressed = env_or("LATITUDES_PRECOMPRESSED", LATITUDES_PRECOMPRESSED_DIR);
    serve
        ->add_option("--precompressed", precompressed,
                     "Folder of the static files' gzip/Brotli copies; env LATITUDES_PRECOMPRESSED")
        ->capture_default_str();
    std::string public_url;
    serve->add_option("--public-url", public_url,
                      "Origin written in e-mailed links (default: http://HOST:PORT); env LATITUDES_PUBLIC_URL");
    bool secure_cookies = false;
    serve->add_flag("--secure-cookies", secure_cookies, "Mark cookies Secure (when served over HTTPS)");
    bool development = false;
    serve->add_flag("--dev", development, "Development mode: queued mails are shown at /dev/outbox (never in production)");
    int read_timeout_s = 60;
    serve->add_option("--read-timeout-s", read_timeout_s, "Seconds a client has to send a request (slower ones are cut)")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    serve->add_option("--metrics-port", server_options.metrics_port, "Serve GET /metrics on this port too (0: not)")
        ->capture_default_str();
    serve->add_option("--metrics-host", server_options.metrics_host, "Address of the metrics port")->capture_default_str();
    std::string metrics_token = env_or("LATITUDES_METRICS_TOKEN", "");
    serve->add_option("--metrics-token", metrics_token,
                      "Bearer token that GET /metrics on the main port needs (else 404); env LATITUDES_METRICS_TOKEN");
    int cache_ttl_ms = 1000;
    std::string contact_email;
    std::string file_key_file;
    int document_max_mb = 200, document_form_max_mb = 32;
    serve->add_option("--file-key-file", file_key_file,
                      "File holding the documents' server key, 64 hex digits; env LATITUDES_FILE_KEY_FILE or LATITUDES_FILE_KEY");
    serve->add_option("--document-max-mb", document_max_mb, "Largest document, in MB")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    serve
        ->add_option("--document-form-max-mb", document_form_max_mb,
                     "Largest document sent without JavaScript, in MiB (held in memory)")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
    serve->add_option("--contact-email", contact_email,
                      "Address the partners and privacy pages give to write to the programme; env LATITUDES_CONTACT_EMAIL");
    serve->add_option("--cache-ttl-ms", cache_ttl_ms, "How long public pages are reused, in ms (0: never)")
        ->check(CLI::Range(0, 600000))
        ->capture_default_str();
    // Applications unanswered: reminded to the owners, then expired (jobs run every 5 minutes).
    int reminder_days = env_days("LATITUDES_REMINDER_DAYS", 5), expiry_days = env_days("LATITUDES_EXPIRY_DAYS", 21);
    serve
        ->add_option("--reminder-days", reminder_days,
                     "Remind owners of an application unanswered after N days; env LATITUDES_REMINDER_DAYS")
        ->check(CLI::Range(1, 365))
        ->capture_default_str();
    serve->add_option("--expiry-days", expiry_days, "Expire an application unanswered after N days; env LATITUDES_EXPIRY_DAYS")
        ->check(CLI::Range(1, 365))
        ->capture_default_str();

    auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations");
    migrate->add_option("--database", database, "Database URL")->capture_default_str();

    auto* seed = app.add_subcommand("seed", "Fill the database with demo or synthetic data");
    bool demo = false;
    int synthetic = -1;
    unsigned seed_value = 1;
    seed->add_option("--database", database, "Database URL")->capture_default_str();
    auto* demo_flag = seed->add_flag("--demo", demo, "Load the demo data set (only into a database without projects)");
    auto* synthetic_opt =
        seed->add_option("--synthetic", synthetic, "Add N synthetic projects (benchmarks)")->check(CLI::Range(0, 10000000));
    seed->add_option("--seed", seed_value, "Random seed for --synthetic")->capture_default_str();
    seed->add_option("--file-key-file", file_key_file, "The documents' server key, for the demo documents (as serve)");
    demo_flag->excludes(synthetic_opt);

    auto* user = app.add_subcommand("user", "Manage accounts");
    user->require_subcommand(1);
    auto* user_create = user->add_subcommand("create", "Create an account; the password is read from standard input");
    std::string user_email, user_name, user_role = "staff";
    user_create->add_option("--email", user_email, "Login e-mail")->required();
    user_create->add_option("--name", user_name, "Display name (default: the e-mail's local part)");
    user_create->add_option("--role", user_role, "student, professional, beneficiary, coordinator, company, researcher or staff")
        ->capture_default_str();
    user_create->add_option("--database", database, "Database URL")->capture_default_str();

    auto* jobs_command = app.add_subcommand("jobs", "Periodic work (serve also runs it every 5 minutes)");
    jobs_command->require_subcommand(1);
    auto* jobs_run = jobs_command->add_subcommand(
        "run", "Run every job once (reminders and expiry of applications, digests of saved searches, campaign mails, digests of "
               "framing comments) and print what was done");
    std::string jobs_now;
    jobs_run->add_option("--database", database, "Database URL")->capture_default_str();
    jobs_run
        ->add_option("--reminder-days", reminder_days,
                     "Remind owners of an application unanswered after N days; env LATITUDES_REMINDER_DAYS")
        ->check(CLI::Range(1, 365))
        ->capture_default_str();
    jobs_run->add_option("--expiry-days", expiry_days, "Expire an application unanswered after N days; env LATITUDES_EXPIRY_DAYS")
        ->check(CLI::Range(1, 365))
        ->capture_default_str();
    jobs_run->add_option("--now", jobs_now, "Run as at this instant, YYYY-MM-DDTHH:MM:SSZ (default: now)");
    jobs_run->add_option("--public-url", public_url, "Origin written in e-mailed links; env LATITUDES_PUBLIC_URL");

    app::CampaignCommands campaign_commands;
    app::add_campaign_commands(app, campaign_commands, default_database_url());

    auto* version = app.add_subcommand("version", "Print the version");

#ifdef LATITUDES_HAS_ALLOCATE
    app::AllocateCliOptions allocate_options;
    auto* allocate = app::add_allocate_command(app, allocate_options);
#endif

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    try {
        if (version->parsed()) {
            std::cout << "latitudes " << LATITUDES_VERSION << "\n";
            return 0;
        }
#ifdef LATITUDES_HAS_ALLOCATE
        if (allocate->parsed()) return app::run_allocate_command(allocate_options);
#endif
        setup_logging(serve->parsed() ? access_log : "off");
        if (const int code = app::run_campaign_commands(campaign_commands); code >= 0) return code;
        const auto migrations = store::embedded_migrations();
        if (migrate->parsed()) {
            auto db = open_database(database, 1);
            report_migration(store::migrate(*db, migrations));
            return 0;
        }
        if (seed->parsed()) {
            if (!demo && synthetic < 0) {
                std::cerr << "latitudes seed: choose --demo or --synthetic N\n";
                return 2;
            }
            auto db = open_database(database, 1);
            report_migration(store::migrate(*db, migrations));
            const auto report = demo ? store::seed_demo(*db, resources::resource("seed/demo.json"))
                                     : store::seed_synthetic(*db, synthetic, seed_value);
            if (report.skipped) spdlog::info("the database already has projects: demo data not loaded");
            else
                spdlog::info("seeded {} organisations, {} projects, {} teams, {} students", report.organisations, report.projects,
                             report.teams, report.people);
            if (demo && !report.skipped) {
                const auto campaigns = app::seed_demo_campaigns(*db, store::Clock::now());
                spdlog::info("seeded {} campaigns and {} accounts: log in as {} or {} with the password \"{}\"",
                             campaigns.campaigns, campaigns.accounts, app::demo_coordinator_email, app::demo_student_email,
                             app::demo_password);
                const auto needs = app::seed_demo_needs(*db, store::Clock::now());
                spdlog::info("seeded a framing conversation ({} comments, {} digests): log in as {} (staff) or {}",
                             needs.comments, needs.digests, app::demo_staff_email, app::demo_beneficiary_email);
                app::demo_file_key = load_file_key(file_key_file);
                if (app::demo_file_key) web::check_file_key(*db, *app::demo_file_key);
                const auto teams = app::seed_demo_teams(*db, store::Clock::now());
                spdlog::info("seeded team workspaces: /teams/{} (the demo student's) and /teams/{} (an internship's)",
                             teams.student_team, teams.opportunity_team);
            }
            return 0;
        }
        if (jobs_run->parsed()) {
            jobs::JobSettings settings;
            if (!set_timers(settings, reminder_days, expiry_days)) return 2;
            if (public_url.empty())
                if (const char* env = std::getenv("LATITUDES_PUBLIC_URL"); env && *env) public_url = env;
            if (!public_url.empty()) settings.public_url = public_url;
            while (!settings.public_url.empty() && settings.public_url.back() == '/') settings.public_url.pop_back();
            const auto now = jobs_now.empty() ? store::Clock::now() : store::parse_iso_utc(jobs_now);
            auto db = open_database(database, 1);
            report_migration(store::migrate(*db, migrations));
            const render::Views views(render::load_catalogue());
            const auto report = jobs::run_all(*db, views, settings, now);
            std::cout << "{\"reminders\":" << report.reminders << ",\"expired\":" << report.expired
                      << ",\"digests\":" << report.digests << ",\"campaign_open_mails\":" << report.campaign_open_mails
                      << ",\"campaign_reminders\":" << report.campaign_reminders
                      << ",\"comment_digests\":" << report.comment_digests << ",\"survey_waves\":" << report.survey_waves
                      << ",\"survey_invitations\":" << report.survey_invitations
                      << ",\"survey_reminders\":" << report.survey_reminders << ",\"feed_digests\":" << report.feed_digests
                      << ",\"weekly_update_mails\":" << report.weekly_update_mails
                      << ",\"milestone_reminders\":" << report.milestone_reminders
                      << ",\"evaluation_reminders\":" << report.evaluation_reminders
                      << ",\"abandoned_uploads\":" << report.abandoned_uploads << "}\n";
            return 0;
        }
        if (user_create->parsed()) {
            std::string password;
            std::getline(std::cin, password);
            if (!password.empty() && password.back() == '\r') password.pop_back();
            if (user_name.empty()) user_name = user_email.substr(0, user_email.find('@'));
            const auto check = domain::check_new_password(password, user_email, user_name);
            if (!check.ok()) {
                std::string problems;
                for (auto problem : check.problems)
                    problems += (problems.empty() ? "" : ", ") + std::string(domain::to_string(problem));
                std::cerr << "latitudes user create: the password on standard input is refused (" << problems
                          << "): use at least " << domain::min_password_length << " characters, not a common password\n";
                return 1;
            }
            auto db = open_database(database, 1);
            report_migration(store::migrate(*db, migrations));
            const std::string hash = domain::hash_password(password);
            store::Lease session(*db);
            store::WriteTransaction tx(*session);
            const long long id = store::AccountRepository(*session).create({user_email, user_name, user_role, hash, true, ""},
                                                                           store::Clock::now());
            store::write_audit(*session, 0, "cli_create_account", "person", id, "{\"role\":\"" + user_role + "\"}",
                               store::Clock::now());
            tx.commit();
            spdlog::info("created the {} account {} (person {})", user_role, domain::normalise_email(user_email), id);
            return 0;
        }
        if (serve->parsed()) {
            jobs::JobSettings job_settings;
            if (!set_timers(job_settings, reminder_days, expiry_days)) return 2;
            auto db = open_database(database, server_options.workers + 2);  // + the mail sender and the jobs
            report_migration(store::migrate(*db, migrations));
            web::SiteOptions site_options;
            site_options.assets_root = assets_root;
            site_options.precompressed_dir = precompressed;
            site_options.cache_ttl = std::chrono::milliseconds(cache_ttl_ms);
            site_options.secure_cookies = secure_cookies;
            site_options.development_mode = development;
            site_options.contact_email = contact_email.empty() ? env_or("LATITUDES_CONTACT_EMAIL", "") : contact_email;
            server_options.read_timeout = std::chrono::seconds(read_timeout_s);
            site_options.metrics_token = metrics_token;
            site_options.file_key = load_file_key(file_key_file);
            if (!site_options.file_key)
                spdlog::warn("no file key (--file-key-file, LATITUDES_FILE_KEY): documents are unavailable (503)");
            site_options.document_limits.max_file_bytes = static_cast<std::size_t>(document_max_mb) * 1000000;
            site_options.document_form_max_bytes = static_cast<std::size_t>(document_form_max_mb) << 20;
            if (public_url.empty())
                if (const char* env = std::getenv("LATITUDES_PUBLIC_URL"); env && *env) public_url = env;
            site_options.public_url = public_url.empty()
                                          ? "http://" + server_options.host + ":" + std::to_string(server_options.port)
                                          : public_url;
            while (!site_options.public_url.empty() && site_options.public_url.back() == '/') site_options.public_url.pop_back();
            // Served over HTTPS (behind a TLS proxy, as the public address says): cookies are Secure.
            if (site_options.public_url.rfind("https://", 0) == 0) site_options.secure_cookies = true;
            web::Site site(*db, site_options);
            for (const auto& missing : site.missing_assets) spdlog::warn("static file not found: {} (run `npm ci`)", missing);
            if (const auto n = site.assets.without_compressed_copy(); n > 0)
                spdlog::warn("{} static file(s) sent uncompressed: no copy in {} (build again)", n, precompressed);
            // Mails wait in the outbox; with a relay configured, a sender thread delivers them and
            // retries with back-off. Without one (development), they stay queued.
            std::atomic<bool> stopping{false};
            std::thread mailer;
            if (auto smtp = mail::smtp_config_from_env()) {
                mailer = std::thread([&, config = *smtp] {
                    mail::SmtpSender sender(config);
                    while (!stopping) {
                        try {
                            if (int sent = mail::deliver_due(*db, sender, store::Clock::now(), 20); sent > 0)
                                spdlog::info("sent {} mail(s)", sent);
                        } catch (const std::exception& e) {
                            spdlog::warn("mail delivery: {}", e.what());
                        }
                        for (int i = 0; i < 20 && !stopping; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
                    }
                });
            } else {
                spdlog::info("LATITUDES_SMTP_URL is not set: mails stay queued in the outbox");
            }
            // Reminders, expiry, digests, campaign mails and comment digests: at start-up, then every 5 minutes. Each job marks
            // what it did with the mails it queues, so several servers may run them at once.
            job_settings.public_url = site_options.public_url;
            std::thread job_runner([&] {
                while (!stopping) {
                    try {
                        const auto report = jobs::run_all(*db, *site.views, job_settings, store::Clock::now());
                        const int done = report.reminders + report.expired + report.digests + report.campaign_open_mails +
                                         report.campaign_reminders + report.comment_digests + report.feed_digests +
                                         report.survey_invitations + report.survey_reminders + report.weekly_update_mails +
                                         report.milestone_reminders + report.evaluation_reminders;
                        if (done > 0)
                            spdlog::info(
                                "jobs: {} reminder(s), {} application(s) expired, {} digest(s), {} campaign "
                                "opening mail(s), {} campaign reminder(s), {} comment digest(s), {} feed digest(s), {} survey "
                                "invitation(s), {} survey reminder(s), {} weekly update mail(s), {} milestone reminder(s), {} "
                                "evaluation reminder(s)",
                                report.reminders, report.expired, report.digests, report.campaign_open_mails,
                                report.campaign_reminders, report.comment_digests, report.feed_digests, report.survey_invitations,
                                report.survey_reminders, report.weekly_update_mails, report.milestone_reminders,
                                report.evaluation_reminders);
                    } catch (const std::exception& e) {
                        spdlog::warn("jobs: {}", e.what());
                    }
                    for (int i = 0; i < 3000 && !stopping; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
                }
            });
            const int code = web::serve(site, server_options);
            stopping = true;
            if (mailer.joinable()) mailer.join();
            job_runner.join();
            spdlog::shutdown();
            return code;
        }
    } catch (const store::AccountError& e) {
        std::cerr << "latitudes: " << e.what() << "\n";
        return 1;
    } catch (const store::DatabaseError& e) {
        std::cerr << "latitudes: " << e.what() << "\n";
        return 1;
    } catch (const soci::soci_error& e) {
        const std::string what = e.what();
        std::cerr << "latitudes: database error: " << what.substr(0, what.find('\n')) << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "latitudes: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
