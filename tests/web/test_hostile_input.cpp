// Hostile or broken input through the real server: control characters refused in any field of a
// form or a JSON body (nothing stored, a clear message in the page's language), the hourly limit
// on new needs per account (429 with Retry-After, on the page and in the API), and an access log
// whose every line stays valid JSON whatever bytes a client sends.
#include "support/demo_server.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace latitudes::test;
using latitudes::web::url_encode;
using nlohmann::json;

class HostileInput : public DemoServer<HostileInput> {
protected:
    static std::string verified_organisation(const Browser& admin, const Browser& staff, const std::string& name) {
        return latitudes::test::verified_organisation(http(), admin, staff, name);
    }
    static std::string token_of(const Browser& who) { return personal_token(http(), who); }
    static bool contains(const std::string& body, const std::string& what) { return body.find(what) != std::string::npos; }
};

TEST_F(HostileInput, ControlCharactersAreRefusedInEveryFieldAndNothingIsStored) {
    const std::string csrf = set_cookie_value(http().get("/signup"), "csrf");
    auto sign_up = [&](const std::string& name, const std::string& address, const std::vector<std::string>& more = {}) {
        std::vector<std::string> headers{form_type, "Cookie: csrf=" + csrf};
        headers.insert(headers.end(), more.begin(), more.end());
        return http().request("POST", "/signup", headers,
                              "email=" + url_encode(address) + "&display_name=" + name +
                                  "&role=student&password=" + url_encode(test_password) + "&consent=1&csrf=" + csrf);
    };
    // A NUL used to cut the display name short; a line break would reach e-mails as a header line.
    auto nul = sign_up("Val%00erie", email("nul"));
    EXPECT_EQ(nul.status, 400);
    EXPECT_TRUE(contains(nul.body, "Le champ « display_name » contient un caractère invisible interdit"))
        << nul.body.substr(0, 2000);
    EXPECT_TRUE(contains(nul.body, "a été enregistré")) << "it says that nothing was stored";
    auto header_line = sign_up("Lou%0D%0ABcc%3A+x%40y.fr", email("crlf"));
    EXPECT_EQ(header_line.status, 400);
    auto english = sign_up("Lou%0ABcc", email("crlf-en"), {"Accept-Language: en"});
    EXPECT_EQ(english.status, 400);
    EXPECT_TRUE(contains(english.body, "contains a forbidden invisible character")) << english.body.substr(0, 2000);
    auto bell = sign_up("Lou%07", email("bell"));
    EXPECT_EQ(bell.status, 400);
    auto c1 = sign_up("Lou%C2%85", email("c1"));  // U+0085, NEXT LINE
    EXPECT_EQ(c1.status, 400);
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE email IN ('" + email("nul") + "', '" + email("crlf") + "', '" +
                    email("crlf-en") + "', '" + email("bell") + "', '" + email("c1") + "')"),
              0);
    EXPECT_EQ(sign_up("Lou+Tab%09Ok", email("tab")).status, 200) << "a tab is white space, not refused";

    // Needs: the form and the API alike; multi-line texts keep their line breaks.
    create_account(url_, email("hostile-owner"), "beneficiary", "Nadia Asso");
    create_account(url_, email("hostile-staff"), "staff", "Sam Staff");
    Browser owner = log_in(http(), email("hostile-owner")), staff = log_in(http(), email("hostile-staff"));
    const std::string org = verified_organisation(owner, staff, "Association Hostile " + std::to_string(::getpid()));
    const long long before = count("SELECT COUNT(*) FROM needs");
    auto form_title = owner.post(http(), "/needs/new",
                                 "organisation=" + org +
                                     "&intent=save&format=student_project&title=Suivi%0Ades+b%C3%A9n%C3%A9voles");
    EXPECT_EQ(form_title.status, 400);
    EXPECT_TRUE(contains(form_title.body, "« title »"));
    auto two_lines = owner.post(http(), "/needs/new",
                                "organisation=" + org + "&intent=save&format=student_project&title=Suivi" +
                                    "&problem=" + url_encode("Ligne un\r\nLigne deux"));
    ASSERT_EQ(two_lines.status, 303) << "line breaks belong in a need's texts";
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs"), before + 1);

    const std::string token = token_of(owner);
    const std::vector<std::string> api{"Authorization: Bearer " + token, "Content-Type: application/json"};
    auto api_nul = http().request("POST", "/api/v1/needs", api,
                                  R"({"organisation":")" + org + R"(","title":"Suivi\u0000caché"})");
    EXPECT_EQ(api_nul.status, 422);
    const auto error = json::parse(api_nul.body)["error"];
    EXPECT_EQ(error["code"], "control_character");
    EXPECT_TRUE(contains(error["message"].get<std::string>(), "'title'"));
    auto api_lines = http().request("POST", "/api/v1/needs", api,
                                    R"({"organisation":")" + org + R"(","title":"Suivi API","problem":"un\ndeux"})");
    EXPECT_EQ(api_lines.status, 201) << api_lines.body;
    auto profile = http().request("PUT", "/api/v1/me/profile", api, R"({"availability":"le vendredi\u0007"})");
    EXPECT_EQ(profile.status, 422);
    EXPECT_EQ(json::parse(profile.body)["error"]["code"], "control_character");
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs"), before + 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM projects WHERE title LIKE '%caché%'"), 0);
}

TEST_F(HostileInput, NewNeedsAreLimitedPerAccountAndHourWithRetryAfter) {
    const long long owner_id = create_account(url_, email("busy-owner"), "beneficiary", "Bea Busy");
    create_account(url_, email("busy-staff"), "staff", "Sam Staff");
    Browser owner = log_in(http(), email("busy-owner")), staff = log_in(http(), email("busy-staff"));
    const std::string org = verified_organisation(owner, staff, "Association Pressée " + std::to_string(::getpid()));
    const std::string token = token_of(owner);
    const std::vector<std::string> api{"Authorization: Bearer " + token, "Content-Type: application/json"};
    auto draft = [&](int i) {
        return http().request("POST", "/api/v1/needs", api,
                              json{{"organisation", org}, {"title", "Brouillon " + std::to_string(i)}}.dump());
    };
    for (int i = 0; i < 29; ++i) ASSERT_EQ(draft(i).status, 201) << i;
    // The 30th by the form: the form and the API share the limit.
    ASSERT_EQ(owner.post(http(), "/needs/new", "organisation=" + org + "&intent=save&format=student_project&title=Trenti%C3%A8me")
                  .status,
              303);

    auto refused = draft(30);
    EXPECT_EQ(refused.status, 429);
    EXPECT_EQ(json::parse(refused.body)["error"]["code"], "too_many_needs");
    const long long wait = std::stoll(refused.header("retry-after"));
    EXPECT_GE(wait, 3500);
    EXPECT_LE(wait, 3600);
    auto page = owner.post(http(), "/needs/new",
                           "organisation=" + org + "&intent=save&format=student_project&title=" + url_encode("Un de trop"));
    EXPECT_EQ(page.status, 429);
    EXPECT_FALSE(page.header("retry-after").empty());
    EXPECT_TRUE(contains(page.body, "Vous avez créé 30 besoins au cours de la dernière heure")) << page.body.substr(0, 3000);
    EXPECT_TRUE(contains(page.body, "value=\"Un de trop\"")) << "what was typed is kept";
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs WHERE created_by = " + std::to_string(owner_id)), 30);

    // Another account is not affected; and an hour later, the first may write again.
    create_account(url_, email("calm-owner"), "beneficiary", "Cal Calm");
    Browser calm = log_in(http(), email("calm-owner"));
    const std::string calm_org = verified_organisation(calm, staff, "Association Calme " + std::to_string(::getpid()));
    EXPECT_EQ(
        calm.post(http(), "/needs/new", "organisation=" + calm_org + "&intent=save&format=student_project&title=Calme").status,
        303);
    {
        latitudes::store::Database db(latitudes::store::DatabaseUrl::parse(url_), 1);
        latitudes::store::Lease s(db);
        *s << "UPDATE needs SET created_at = '2020-01-01T00:00:00Z' WHERE created_by = " + std::to_string(owner_id);
    }
    EXPECT_EQ(draft(31).status, 201);
}

namespace {

// Sends `raw` as it is over a new connection and returns the first bytes of the answer: HTTP
// clients would encode the bytes this test means to send.
std::string send_raw(int port, const std::string& raw) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string answer;
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        write(fd, raw.data(), raw.size()) == static_cast<ssize_t>(raw.size())) {
        char buffer[512];
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n > 0) answer.assign(buffer, static_cast<std::size_t>(n));
    }
    close(fd);
    return answer;
}

}  // namespace

TEST_F(HostileInput, EveryAccessLogLineIsValidJsonWhateverTheBytes) {
    const auto log_file = std::filesystem::temp_directory_path() / ("latitudes-hostile-" + std::to_string(::getpid()) + ".log");
    std::filesystem::remove(log_file);
    {
        ServerProcess logged(url_, {"--access-log", log_file.string()});
        const std::string answer = send_raw(logged.port(),
                                            "GET /projects?q=\xff\xfe%00\" HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        EXPECT_EQ(answer.rfind("HTTP/1.1 ", 0), 0u) << answer;
        EXPECT_EQ(send_raw(logged.port(), "GET /caf\xc3\xa9\xc3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                      .rfind("HTTP/1.1 404", 0),
                  0u);
        ASSERT_EQ(logged.stop(), 0);
    }
    std::ifstream in(log_file);
    std::string line;
    std::vector<std::string> targets;
    while (std::getline(in, line)) {
        const auto entry = json::parse(line, nullptr, false);
        ASSERT_FALSE(entry.is_discarded()) << "not JSON: " << line;
        if (entry["target"] != "/healthz") targets.push_back(entry["target"].get<std::string>());  // the start-up probes
    }
    // Lines are written when each answer is done, by whichever worker took it: in either order.
    std::sort(targets.begin(), targets.end());
    ASSERT_EQ(targets.size(), 2u);
    EXPECT_EQ(targets[0], "/café\\xc3");
    EXPECT_EQ(targets[1], "/projects?q=\\xff\\xfe%00\"") << "bytes that are not UTF-8 are written as \\xHH";
    std::filesystem::remove(log_file);
}
