// HTTP as clients expect it (issue 10, section 2; RFC 9110), on the wire against the real binary:
// requests over the limits answered (413, 414, 431) and the connection closed, slow clients cut,
// content codings chosen by Accept-Encoding (static copies made at build time, pages and JSON
// compressed by the server, with the response cache), validators of static files and 304s
// without Content-Length, and /metrics kept off the public port.
#include "support/demo_server.hpp"

#include "web/compression.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

using namespace latitudes::test;
using namespace latitudes;
using nlohmann::json;

namespace {

// Sends `raw` over a new connection and reads until the server closes it (or `wait_seconds`
// pass with nothing): the answer, and whether the server closed the connection.
struct RawAnswer {
    std::string bytes;
    bool closed = false;
};
RawAnswer exchange(int port, const std::string& raw, int wait_seconds = 20) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{wait_seconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    RawAnswer answer;
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        std::size_t sent = 0;
        while (sent < raw.size()) {
            const ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) break;
            sent += static_cast<std::size_t>(n);
        }
        char buffer[4096];
        while (true) {
            const ssize_t n = read(fd, buffer, sizeof buffer);
            if (n == 0) answer.closed = true;
            if (n <= 0) break;
            answer.bytes.append(buffer, static_cast<std::size_t>(n));
        }
    }
    close(fd);
    return answer;
}

const std::string metrics_token = "test-metrics-token-0123456789";
const int admin_port = free_port();

}  // namespace

class HttpConformance : public DemoServer<HttpConformance> {
public:
    static std::vector<std::string> server_arguments() {
        return {"--metrics-port", std::to_string(admin_port), "--metrics-token", metrics_token};
    }
};

// A body over the limit (1 MB) is answered 413, in JSON for the API and JSON clients, as a page
// in the visitor's language otherwise, and the connection is closed after the answer.
TEST_F(HttpConformance, BodyOverTheLimitIsAnswered413ThenTheConnectionCloses) {
    const std::string big(2 << 20, 'a');
    // "Expect:" keeps curl from waiting for a 100 Continue first.
    const auto api = http().request("POST", "/api/v1/needs", {"Content-Type: application/json", "Expect:"}, big);
    EXPECT_EQ(api.status, 413);
    EXPECT_EQ(json::parse(api.body)["error"]["code"], "payload_too_large");
    EXPECT_EQ(api.header("connection"), "close");
    const auto page = http().request("POST", "/login", {form_type, "Expect:", "Accept-Language: en"}, "email=" + big);
    EXPECT_EQ(page.status, 413);
    EXPECT_NE(page.body.find("Request too large"), std::string::npos);
    EXPECT_NE(page.body.find("at most 1024 KB"), std::string::npos);
    const auto json_client = http().request("POST", "/login", {form_type, "Expect:", "Accept: application/json"}, "email=" + big);
    EXPECT_EQ(json_client.status, 413);
    EXPECT_EQ(json::parse(json_client.body)["error"]["code"], "payload_too_large");
    // A chunked body has no length to check first: counted as it comes.
    std::string chunked = "POST /api/v1/needs HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 40; ++i) chunked += "10000\r\n" + std::string(0x10000, 'b') + "\r\n";
    chunked += "0\r\n\r\n";
    const auto raw = exchange(server_->port(), chunked);
    EXPECT_EQ(raw.bytes.rfind("HTTP/1.1 413 Content Too Large\r\n", 0), 0u) << raw.bytes.substr(0, 200);
    EXPECT_TRUE(raw.closed);
    // The server still answers.
    EXPECT_EQ(http().get("/healthz").status, 200);
}

TEST_F(HttpConformance, OversizedTargetOrHeadersAre414And431) {
    const auto long_target = http().get("/projects?q=" + std::string(9000, 'x'));
    EXPECT_EQ(long_target.status, 414);
    EXPECT_NE(long_target.body.find("Adresse trop longue"), std::string::npos);
    const auto big_header = http().get("/", {"X-Big: " + std::string(20000, 'a')});
    EXPECT_EQ(big_header.status, 431);
    EXPECT_NE(big_header.body.find("En-têtes trop volumineux"), std::string::npos);
    std::vector<std::string> many;
    for (int i = 0; i < 120; ++i) many.push_back("X-Field-" + std::to_string(i) + ": 1");
    EXPECT_EQ(http().get("/api/v1/projects", many).status, 431);
    const auto api = http().get("/api/v1/projects", {"Cookie: " + std::string(10000, 'c')});
    EXPECT_EQ(api.status, 431);
    EXPECT_EQ(json::parse(api.body)["error"]["code"], "header_fields_too_large");
    EXPECT_EQ(api.header("connection"), "close");
}

// A client that does not finish its request in --read-timeout-s is disconnected.
TEST_F(HttpConformance, SlowClientsAreCutAfterTheReadTimeout) {
    ServerProcess strict(url_, {"--read-timeout-s", "1"});
    const auto start = std::chrono::steady_clock::now();
    const auto raw = exchange(strict.port(), "GET / HTTP/1.1\r\nHost: a\r\n", 10);
    EXPECT_TRUE(raw.closed) << "the server kept waiting";
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
}

TEST_F(HttpConformance, StaticFilesComeInTheCodingTheClientPrefers) {
    const auto plain = http().get("/static/vendor/chart.umd.min.js");
    ASSERT_EQ(plain.status, 200);
    EXPECT_TRUE(plain.header("content-encoding").empty());
    EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
    const auto br = http().get("/static/vendor/chart.umd.min.js", {"Accept-Encoding: gzip, deflate, br"});
    EXPECT_EQ(br.header("content-encoding"), "br");
    EXPECT_LT(br.body.size(), plain.body.size() / 3);
    EXPECT_EQ(web::brotli_decompress(br.body), plain.body);
    const auto gz = http().get("/static/vendor/chart.umd.min.js", {"Accept-Encoding: br;q=0, gzip"});
    EXPECT_EQ(gz.header("content-encoding"), "gzip");
    EXPECT_EQ(web::gzip_decompress(gz.body), plain.body);
    EXPECT_NE(gz.header("etag"), plain.header("etag")) << "another representation, another tag";
    EXPECT_NE(gz.header("etag"), br.header("etag"));
    const auto head = http().request("HEAD", "/static/vendor/chart.umd.min.js", {"Accept-Encoding: gzip"});
    EXPECT_EQ(head.header("content-length"), std::to_string(gz.body.size()));
    EXPECT_EQ(http().get("/static/css/site.css", {"Accept-Encoding: identity;q=0, deflate"}).status, 406);
    EXPECT_TRUE(http().get("/static/css/site.css", {"Accept-Encoding: gzip;q=0.5, identity"}).header("content-encoding").empty());
}

// Pages and JSON above 1 KB are compressed for clients that accept it, also when they come from
// the response cache, which keeps each coding apart; HEAD gives the compressed length.
TEST_F(HttpConformance, PagesAndJsonAreCompressedWithTheResponseCache) {
    const auto plain = http().get("/projects?sort=closing");
    ASSERT_EQ(plain.status, 200);
    EXPECT_NE(plain.header("vary").find("Accept-Encoding"), std::string::npos);
    EXPECT_TRUE(plain.header("content-encoding").empty());
    // Same address right after: the cached page, in the coding asked for.
    const auto gz = http().get("/projects?sort=closing", {"Accept-Encoding: gzip"});
    EXPECT_EQ(gz.header("content-encoding"), "gzip");
    EXPECT_NE(gz.header("vary").find("Accept-Encoding"), std::string::npos);
    EXPECT_EQ(web::gzip_decompress(gz.body), plain.body);
    const auto br = http().get("/projects?sort=closing", {"Accept-Encoding: gzip, br"});
    EXPECT_EQ(br.header("content-encoding"), "br");
    EXPECT_EQ(web::brotli_decompress(br.body), plain.body);
    EXPECT_TRUE(http().get("/projects?sort=closing").header("content-encoding").empty()) << "the cache keeps codings apart";
    const auto head = http().request("HEAD", "/projects?sort=closing", {"Accept-Encoding: gzip"});
    EXPECT_EQ(head.header("content-encoding"), "gzip");
    EXPECT_EQ(head.header("content-length"), std::to_string(gz.body.size()));
    const auto api = http().get("/api/v1/projects?limit=50", {"Accept-Encoding: br"});
    EXPECT_EQ(api.header("content-encoding"), "br");
    EXPECT_EQ(json::parse(*web::brotli_decompress(api.body))["items"].size(), 50u);
    // Small answers go as they are, unless the client refuses identity.
    const auto health = http().get("/healthz", {"Accept-Encoding: gzip"});
    EXPECT_TRUE(health.header("content-encoding").empty());
    EXPECT_EQ(http().get("/healthz", {"Accept-Encoding: identity;q=0, gzip"}).header("content-encoding"), "gzip");
    EXPECT_TRUE(http().get("/projects", {"Accept-Encoding: gzip;q=0.2, identity"}).header("content-encoding").empty());
    EXPECT_EQ(http().get("/projects", {"Accept-Encoding: identity;q=0"}).status, 406);
    // BREACH: what may hold a visitor's secret (a CSRF token) next to reflected input is sent as it is.
    EXPECT_EQ(http().get("/projects?q=x", {"Accept-Encoding: gzip", "Cookie: lang=en"}).header("content-encoding"), "gzip");
    EXPECT_TRUE(
        http().get("/projects?q=x", {"Accept-Encoding: gzip", "Cookie: lang=en; sid=s"}).header("content-encoding").empty());
    const auto form = http().get("/login", {"Accept-Encoding: gzip"});
    ASSERT_FALSE(form.set_cookies.empty()) << "the log-in form sets its CSRF cookie";
    EXPECT_TRUE(form.header("content-encoding").empty());
    EXPECT_TRUE(http().get("/login", {"Accept-Encoding: gzip", "Cookie: csrf=abc"}).header("content-encoding").empty());
}

// ETag (strong, per coding; If-None-Match compared weakly, "*" included), Last-Modified and
// If-Modified-Since; a 304 has no Content-Length; the templates name fingerprinted files, which
// may be kept a year.
TEST_F(HttpConformance, StaticValidatorsAndFingerprintedAddresses) {
    const auto css = http().get("/static/css/site.css");
    ASSERT_EQ(css.status, 200);
    const std::string etag = css.header("etag");
    ASSERT_EQ(etag.front(), '"');
    const std::string modified = css.header("last-modified");
    ASSERT_TRUE(web::parse_http_date(modified).has_value()) << modified;
    for (const std::string& condition : {"If-None-Match: " + etag, "If-None-Match: W/" + etag, std::string("If-None-Match: *"),
                                         "If-None-Match: \"other\", " + etag, "If-Modified-Since: " + modified}) {
        const auto r = http().get("/static/css/site.css", {condition});
        EXPECT_EQ(r.status, 304) << condition;
        EXPECT_TRUE(r.body.empty());
        EXPECT_EQ(r.headers.count("content-length"), 0u) << condition << ": a 304 has no Content-Length";
        EXPECT_EQ(r.header("etag"), etag) << condition;
    }
    EXPECT_EQ(http().get("/static/css/site.css", {"If-None-Match: \"other\""}).status, 200);
    EXPECT_EQ(http().get("/static/css/site.css", {"If-Modified-Since: Sat, 01 Jan 1983 00:00:00 GMT"}).status, 200);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
    EXPECT_EQ(http().get("/static/css/site.css", {"If-None-Match: \"other\"", "If-Modified-Since: " + modified}).status, 200);

    const auto home = http().get("/");
    std::smatch found;
    ASSERT_TRUE(std::regex_search(home.body, found, std::regex("href=\"(/static/css/site\\.css\\?v=[0-9a-f]{16})\"")))
        << "the layout names the fingerprinted file";
    const auto fingerprinted = http().get(found[1].str());
    EXPECT_EQ(fingerprinted.status, 200);
    EXPECT_EQ(fingerprinted.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(fingerprinted.body, css.body);
    EXPECT_EQ(css.header("cache-control").find("immutable"), std::string::npos);
    EXPECT_EQ(http().get("/static/css/site.css?v=0000000000000000").header("cache-control").find("immutable"), std::string::npos)
        << "an old fingerprint is not the file it named";
}

// /metrics: 401 on the main port without the configured token or with a wrong one, the counters
// with it and on the admin port, which serves nothing else.
TEST_F(HttpConformance, MetricsNeedTheTokenOrTheAdminPort) {
    http().get("/projects");
    EXPECT_EQ(http().get("/metrics").status, 401);
    const auto wrong = http().get("/metrics", {"Authorization: Bearer wrong-token"});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_NE(wrong.header("www-authenticate").find("Bearer"), std::string::npos);
    const auto allowed = http().get("/metrics", {"Authorization: Bearer " + metrics_token});
    EXPECT_EQ(allowed.status, 200);
    EXPECT_NE(allowed.body.find("latitudes_http_requests_total{route=\"/projects\",status=\"200\"}"), std::string::npos);
    HttpClient admin(admin_port);
    const auto scraped = admin.get("/metrics");
    EXPECT_EQ(scraped.status, 200);
    EXPECT_NE(scraped.body.find("latitudes_http_requests_total{route=\"/projects\",status=\"200\"}"), std::string::npos);
    EXPECT_NE(scraped.body.find("latitudes_http_request_duration_seconds_bucket{route=\"/projects\",le=\"+Inf\"}"),
              std::string::npos);
    EXPECT_EQ(admin.get("/projects").status, 404) << "the admin port serves the metrics only";
}
