// The documents' server key on the real binary: a wrong key (or a malformed one) is refused at
// start-up with a clear message; `seed --demo` with the key stores the demo documents, which the
// server streams over the socket identical (Content-Length, the headers); without a key the
// documents answer 503 and the rest works; the no-JavaScript form over its limit gets the 413
// that says what to do. On SQLite and PostgreSQL.
#include "support/accounts.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace latitudes::test;
using namespace latitudes;

namespace {

std::string key_file(const std::string& name, const std::string& content) {
    const std::string path = "/tmp/latitudes-test-" + std::to_string(::getpid()) + "-" + name + ".key";
    std::ofstream(path) << content << "\n";
    return path;
}

}  // namespace

TEST(DocumentKey, AWrongKeyIsRefusedAtStartUpTheRightOneServesTheDemoDocuments) {
    const std::string url = fresh_database_url("DocumentKey");
    const std::string right = key_file("right", test_file_key);
    const std::string wrong = key_file("wrong", std::string(64, '7'));
    const std::string malformed = key_file("malformed", "not a key");
    const auto seeded = run_latitudes({"seed", "--demo", "--database", url, "--file-key-file", right});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    EXPECT_EQ(scalar(url, "SELECT COUNT(*) FROM document_versions"), 4) << "agreement, specification v1 and v2, deliverable";
    EXPECT_EQ(scalar(url, "SELECT COUNT(*) FROM document_downloads"), 2);

    const auto refused = run_latitudes({"serve", "--database", url, "--port", std::to_string(free_port()), "--access-log", "off",
                                        "--file-key-file", wrong});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.output.find("is not the one this database's documents are encrypted with"), std::string::npos)
        << refused.output;
    const auto bad = run_latitudes({"serve", "--database", url, "--port", std::to_string(free_port()), "--access-log", "off",
                                    "--file-key-file", malformed});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.output.find("64 hexadecimal digits"), std::string::npos) << bad.output;
    const auto seed_again = run_latitudes({"seed", "--demo", "--database", url, "--file-key-file", wrong});
    EXPECT_EQ(seed_again.exit_code, 0) << "the demo is there already: nothing is seeded, nothing checked";

    {
        ServerProcess server(url, {"--file-key-file", right, "--document-form-max-mb", "1"});
        HttpClient http(server.port());
        const Browser student = log_in(http, "etudiante@demo.latitudes.org", "latitudes demo 2027");
        const long long version = scalar(url,
                                         "SELECT v.id FROM document_versions v WHERE v.filename = 'cahier-des-charges-v2.md'");
        const long long document = scalar(url, "SELECT document_id FROM document_versions WHERE id = " + std::to_string(version));
        const long long team = scalar(url, "SELECT team_id FROM documents WHERE id = " + std::to_string(document));
        auto file = student.get(http, "/teams/" + std::to_string(team) + "/documents/" + std::to_string(document) + "/versions/" +
                                          std::to_string(version));
        EXPECT_EQ(file.status, 200);
        EXPECT_EQ(file.body.rfind("# Cahier des charges (v2)", 0), 0u) << file.body;
        EXPECT_EQ(file.headers["content-length"], std::to_string(file.body.size()));
        EXPECT_EQ(file.headers["content-type"], "text/markdown; charset=utf-8");
        EXPECT_EQ(file.headers["cache-control"], "no-store");
        EXPECT_EQ(file.headers["x-content-type-options"], "nosniff");
        EXPECT_EQ(file.headers.count("content-encoding"), 0u) << "a file is sent as it is";
        // The no-JavaScript form over its limit (1 MiB here): 413 and what to do.
        const std::string big(1200 * 1024, 'x');
        const auto over = http.request("POST", "/teams/" + std::to_string(team) + "/documents",
                                       student.headers({"Content-Type: multipart/form-data; boundary=XyZ"}), big);
        EXPECT_EQ(over.status, 413);
        EXPECT_NE(over.body.find("Activez JavaScript"), std::string::npos);
        // A chunk of the API is under the usual limit.
        EXPECT_EQ(student.get(http, "/teams/" + std::to_string(team)).status, 200);
    }
    {
        // No key: the documents say so (503), the workspace still works.
        ServerProcess server(url, {});
        HttpClient http(server.port());
        const Browser student = log_in(http, "etudiante@demo.latitudes.org", "latitudes demo 2027");
        const long long team = scalar(url, "SELECT MIN(team_id) FROM documents");
        const auto page = student.get(http, "/teams/" + std::to_string(team));
        EXPECT_EQ(page.status, 200);
        EXPECT_NE(page.body.find("documents-unavailable"), std::string::npos);
        const auto open = http.request("POST", "/api/v1/teams/" + std::to_string(team) + "/documents/uploads",
                                       student.headers({"Content-Type: application/json", "X-CSRF-Token: " + student.csrf}),
                                       R"({"kind":"other","title":"x","filename":"a.pdf","size":10})");
        EXPECT_EQ(open.status, 503);
    }
    for (const auto& path : {right, wrong, malformed}) std::remove(path.c_str());
}
