// Writes under concurrency, through the real server on each engine: eight clients at once for a
// few seconds (sign-ups, log-ins, profile saves, need drafts by the form and the API, applying and
// withdrawing) must meet no 5xx, and every write that was answered with a success must be in the
// database afterwards, as the client last saw it. On SQLite this is what BEGIN IMMEDIATE
// (store::WriteTransaction) is for: a deferred transaction that reads then writes fails at once
// with "database is locked" when another connection committed in between.
#include "support/demo_server.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <iostream>
#include <mutex>
#include <thread>

using namespace latitudes::test;
using latitudes::web::url_encode;
using nlohmann::json;

namespace {

// What one client saw: answers by status class, and the 5xx answers in full for the message.
struct Tally {
    long requests = 0, successes = 0, server_errors = 0, throttled = 0;
    std::vector<std::string> failures;
    void count(const std::string& what, const HttpResponse& r, bool success) {
        ++requests;
        if (success) ++successes;
        if (r.status == 429) ++throttled;
        if (r.status >= 500) {
            ++server_errors;
            if (failures.size() < 5) failures.push_back(what + " -> " + std::to_string(r.status) + ": " + r.body.substr(0, 200));
        }
    }
};

}  // namespace

class Concurrency : public DemoServer<Concurrency> {
protected:
    static std::string token_of(const Browser& who) { return personal_token(http(), who); }
    static std::string verified_organisation(const Browser& admin, const Browser& staff, const std::string& name) {
        return latitudes::test::verified_organisation(http(), admin, staff, name);
    }
    static std::string text(const std::string& sql) {
        latitudes::store::Database db(latitudes::store::DatabaseUrl::parse(url_), 1);
        latitudes::store::Lease s(db);
        std::string value;
        soci::indicator ind = soci::i_ok;
        *s << sql, soci::into(value, ind);
        return ind == soci::i_ok ? value : std::string();
    }
};

TEST_F(Concurrency, EightClientsWritingAtOnceMeetNoServerErrorAndLoseNothing) {
    const auto pid = std::to_string(::getpid());
    create_account(url_, email("conc-staff"), "staff", "Sam Staff");
    create_account(url_, email("conc-api"), "beneficiary", "Ana Api");
    create_account(url_, email("conc-form"), "beneficiary", "Fred Form");
    const long long login_id = create_account(url_, email("conc-login"), "student", "Lou Login");
    const long long profile_id = create_account(url_, email("conc-profile"), "student", "Pat Profile");
    const long long mentor_id = create_account(url_, email("conc-mentor"), "professional", "Mona Mentor");
    Browser staff = log_in(http(), email("conc-staff"));
    Browser api_owner = log_in(http(), email("conc-api")), form_owner = log_in(http(), email("conc-form"));
    Browser profile = log_in(http(), email("conc-profile")), mentor = log_in(http(), email("conc-mentor"));
    const std::string api_org = verified_organisation(api_owner, staff, "Association Api " + pid);
    const std::string form_org = verified_organisation(form_owner, staff, "Association Formulaire " + pid);
    const std::string token = token_of(api_owner);
    const long long sessions_before = count("SELECT COUNT(*) FROM sessions WHERE person_id = " + std::to_string(login_id));
    const std::string project = "mentorat-lire-et-grandir";  // a mentoring opportunity open to professionals

    constexpr int clients = 8;
    const auto duration = std::chrono::seconds(4);
    const auto deadline = std::chrono::steady_clock::now() + duration;
    std::vector<Tally> tallies(clients);
    std::mutex written_mutex;
    std::vector<std::string> signed_up;            // addresses answered "check your inbox"
    std::vector<long long> api_needs, form_needs;  // ids answered 201 / 303
    std::string last_availability;                 // the profile's last saved value
    std::string last_application_state, last_application_message;

    auto sign_ups = [&](int client) {
        const HttpClient http_client(server_->port());
        const std::string csrf = set_cookie_value(http_client.get("/signup"), "csrf");
        for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
            const std::string address = "conc-signup-" + std::to_string(client) + "-" + std::to_string(i) + "." + pid +
                                        "@latitudes.example";
            auto r = http_client.request("POST", "/signup", {form_type, "Cookie: csrf=" + csrf},
                                         "email=" + url_encode(address) +
                                             "&display_name=Nouvelle+Personne&role=student&password=" +
                                             url_encode(test_password) + "&consent=1&csrf=" + csrf);
            tallies[client].count("sign-up", r, r.status == 200);
            if (r.status == 200) {
                std::lock_guard lock(written_mutex);
                signed_up.push_back(address);
            }
        }
    };
    auto log_ins = [&](int client) {
        const HttpClient http_client(server_->port());
        const std::string csrf = set_cookie_value(http_client.get("/login"), "csrf");
        while (std::chrono::steady_clock::now() < deadline) {
            auto r = http_client.request("POST", "/login", {form_type, "Cookie: csrf=" + csrf},
                                         "email=" + url_encode(email("conc-login")) + "&password=" + url_encode(test_password) +
                                             "&csrf=" + csrf);
            tallies[client].count("log-in", r, r.status == 303 && !set_cookie_value(r, "sid").empty());
        }
    };
    auto profile_saves = [&](int client) {
        const HttpClient http_client(server_->port());
        for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
            const std::string availability = "créneau " + std::to_string(i);
            auto r = profile.post(http_client, "/me/profile",
                                  "availability=" + url_encode(availability) + "&hours_per_week=6&sdg=4");
            tallies[client].count("profile", r, r.status == 303);
            if (r.status == 303) last_availability = availability;
        }
    };
    auto api_drafts = [&](int client) {
        const HttpClient http_client(server_->port());
        for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
            auto r = http_client.request("POST", "/api/v1/needs",
                                         {"Authorization: Bearer " + token, "Content-Type: application/json"},
                                         json{{"organisation", api_org}, {"title", "Brouillon API " + std::to_string(i)}}.dump());
            tallies[client].count("API need", r, r.status == 201);
            if (r.status == 201) {
                std::lock_guard lock(written_mutex);
                api_needs.push_back(json::parse(r.body)["id"].get<long long>());
            } else if (r.status == 429) {
                // Over the hourly limit: keep the load on with reads of what was written.
                if (!api_needs.empty()) {
                    auto read = http_client.get("/api/v1/needs/" + std::to_string(api_needs.back()),
                                                {"Authorization: Bearer " + token});
                    tallies[client].count("API need read", read, read.status == 200);
                }
            }
        }
    };
    auto form_drafts = [&](int client) {
        const HttpClient http_client(server_->port());
        for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
            auto r = form_owner.post(http_client, "/needs/new",
                                     "organisation=" + form_org + "&intent=save&format=student_project&title=" +
                                         url_encode("Brouillon formulaire " + std::to_string(i)));
            tallies[client].count("form need", r, r.status == 303);
            if (r.status == 303) {
                std::lock_guard lock(written_mutex);
                form_needs.push_back(std::stoll(r.header("location").substr(std::string("/needs/").size())));
            } else if (r.status == 429) {
                auto read = form_owner.get(http_client, "/needs/new");
                tallies[client].count("form need read", read, read.status == 200);
            }
        }
    };
    auto applications = [&](int client) {
        const HttpClient http_client(server_->port());
        long long application = 0;
        for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
            const std::string message = "Je peux aider, essai " + std::to_string(i);
            auto sent = mentor.post(http_client, "/projects/" + project + "/apply", "message=" + url_encode(message));
            tallies[client].count("apply", sent, sent.status == 303);
            if (sent.status != 303) continue;
            last_application_state = "pending";
            last_application_message = message;
            if (application == 0)
                application = count(
                    "SELECT a.id FROM applications a JOIN projects p ON p.id = a.project_id WHERE a.person_id = " +
                    std::to_string(mentor_id) + " AND p.slug = '" + project + "'");
            auto withdrawn = mentor.post(http_client, "/applications/" + std::to_string(application) + "/withdraw");
            tallies[client].count("withdraw", withdrawn, withdrawn.status == 303);
            if (withdrawn.status == 303) last_application_state = "withdrawn";
        }
    };

    const std::vector<std::function<void(int)>> roles{sign_ups,      sign_ups,   sign_ups,    log_ins,
                                                      profile_saves, api_drafts, form_drafts, applications};
    ASSERT_EQ(roles.size(), static_cast<std::size_t>(clients));
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int client = 0; client < clients; ++client)
        threads.emplace_back([&, client] {
            try {
                roles[client](client);
            } catch (const std::exception& e) {
                tallies[client].failures.push_back(std::string("client stopped: ") + e.what());
                ++tallies[client].server_errors;
            }
        });
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    Tally all;
    for (const auto& t : tallies) {
        all.requests += t.requests;
        all.successes += t.successes;
        all.server_errors += t.server_errors;
        all.throttled += t.throttled;
        all.failures.insert(all.failures.end(), t.failures.begin(), t.failures.end());
    }
    const char* engine = std::getenv("LATITUDES_TEST_ENGINE");
    std::cout << "[concurrency] " << (engine ? engine : "sqlite") << ": " << all.requests << " requests in " << seconds << " s ("
              << static_cast<long>(all.requests / seconds) << "/s), " << all.successes << " successful writes or reads, "
              << all.server_errors << " 5xx, " << all.throttled << " 429; sign-ups " << signed_up.size() << ", API needs "
              << api_needs.size() << ", form needs " << form_needs.size() << "\n";
    EXPECT_EQ(all.server_errors, 0) << ::testing::PrintToString(all.failures);
    for (int client = 0; client < clients; ++client)
        EXPECT_GT(tallies[client].successes, 0) << "client " << client << " got nothing done";

    // Every answered write is there.
    for (const auto& address : signed_up)
        EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE email = '" + address + "'"), 1) << address;
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE email LIKE 'conc-signup-%." + pid + "@latitudes.example'"),
              static_cast<long long>(signed_up.size()))
        << "no sign-up was written without its answer";
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE person_id = " + std::to_string(login_id)) - sessions_before,
              tallies[3].successes);
    EXPECT_EQ(text("SELECT availability FROM profiles WHERE person_id = " + std::to_string(profile_id)), last_availability);
    for (long long id : api_needs)
        EXPECT_EQ(count("SELECT COUNT(*) FROM needs WHERE project_id = " + std::to_string(id)), 1) << id;
    for (long long id : form_needs)
        EXPECT_EQ(count("SELECT COUNT(*) FROM needs WHERE project_id = " + std::to_string(id)), 1) << id;
    // The hourly limit holds under concurrency too, exactly.
    EXPECT_LE(api_needs.size(), static_cast<std::size_t>(30));
    EXPECT_LE(form_needs.size(), static_cast<std::size_t>(30));
    const std::string mine = "SELECT %s FROM applications a JOIN projects p ON p.id = a.project_id WHERE a.person_id = " +
                             std::to_string(mentor_id) + " AND p.slug = '" + project + "'";
    auto about_application = [&](const std::string& column) {
        std::string sql = mine;
        sql.replace(sql.find("%s"), 2, column);
        return text(sql);
    };
    EXPECT_EQ(about_application("a.status"), last_application_state);
    EXPECT_EQ(about_application("a.message"), last_application_message);
}
