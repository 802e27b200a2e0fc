#include "web/compression.hpp"
#include "web/filters.hpp"
#include "web/handlers/handlers.hpp"
#include "web/http.hpp"
#include "web/router.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

using namespace latitudes::web;

TEST(HttpHelpers, QueryParsingDecodes) {
    auto q = parse_query("q=%C3%A9ducation+pour+tous&sdg=4&empty&x=a%2Bb");
    EXPECT_EQ(q.find("q")->second, "éducation pour tous");
    EXPECT_EQ(q.find("sdg")->second, "4");
    EXPECT_EQ(q.find("empty")->second, "");
    EXPECT_EQ(q.find("x")->second, "a+b");
    EXPECT_EQ(url_decode("%zz%4", true), "%zz%4");  // invalid escapes kept as they are
}

TEST(HttpHelpers, EncodeAndEscape) {
    EXPECT_EQ(url_encode("é a&b"), "%C3%A9%20a%26b");
    EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(HttpHelpers, Cookies) {
    Request r;
    r.headers["cookie"] = "a=1; lang=en;  other=x=y";
    EXPECT_EQ(r.cookie("lang"), "en");
    EXPECT_EQ(r.cookie("other"), "x=y");
    EXPECT_EQ(r.cookie("missing"), "");
}

TEST(HttpHelpers, JsonErrorShape) {
    auto r = json_error(400, "invalid_parameter", "bad \"sdg\"");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
    EXPECT_EQ(r.body, R"({"error":{"code":"invalid_parameter","message":"bad \"sdg\""}})");
}

TEST(Router, MatchesPatternsAndMethods) {
    Router router;
    int hit = 0;
    router.add(
        "GET", "/projects",
        [&](Request&, Site&) {
            hit = 1;
            return Response{};
        },
        latitudes::domain::Action::view_public);
    router.add(
        "GET", "/projects/{slug}",
        [&](Request&, Site&) {
            hit = 2;
            return Response{};
        },
        latitudes::domain::Action::view_public);
    Request r;
    r.path = "/projects/entourage";
    auto m = router.match(r);
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->pattern, "/projects/{slug}");
    EXPECT_EQ(r.path_params["slug"], "entourage");

    r.path = "/projects/";
    EXPECT_EQ(router.match(r).route->pattern, "/projects");

    r.method = "HEAD";
    EXPECT_NE(router.match(r).route, nullptr);

    r.method = "POST";
    m = router.match(r);
    EXPECT_EQ(m.route, nullptr);
    EXPECT_TRUE(m.path_known);
    EXPECT_EQ(m.allowed, "GET, HEAD");

    r.method = "GET";
    r.path = "/nowhere";
    m = router.match(r);
    EXPECT_EQ(m.route, nullptr);
    EXPECT_FALSE(m.path_known);
}

namespace {
std::variant<latitudes::store::ProjectFilter, FilterError> parse(const std::string& query, bool api = false) {
    Request r;
    r.query = parse_query(query);
    std::vector<latitudes::store::Skill> skills{{"data-science", "data", "Science des données", "Data science"}};
    return parse_project_filter(r, skills, api ? "cursor" : "after", api);
}
std::string bad_param(const std::string& query, bool api = false) {
    auto result = parse(query, api);
    auto* e = std::get_if<FilterError>(&result);
    return e ? e->param : "";
}
}  // namespace

TEST(Filters, ValidFiltersAreRead) {
    auto result = parse("q=sant%C3%A9&sdg=3&skill=data-science&level=collaborator&format=internship&status=published&after=12");
    auto& f = std::get<latitudes::store::ProjectFilter>(result);
    EXPECT_EQ(f.q, "santé");
    EXPECT_EQ(f.sdg, 3);
    EXPECT_EQ(f.skill, "data-science");
    EXPECT_EQ(f.after, 12);
    EXPECT_EQ(f.limit, 20);
    auto api = parse("cursor=40&limit=5", true);
    EXPECT_EQ(std::get<latitudes::store::ProjectFilter>(api).after, 40);
    EXPECT_EQ(std::get<latitudes::store::ProjectFilter>(api).limit, 5);
}

TEST(Filters, EveryBadValueNamesItsParameter) {
    EXPECT_EQ(bad_param("sdg=0"), "sdg");
    EXPECT_EQ(bad_param("sdg=18"), "sdg");
    EXPECT_EQ(bad_param("sdg=4x"), "sdg");
    EXPECT_EQ(bad_param("skill=cooking"), "skill");
    EXPECT_EQ(bad_param("level=boss"), "level");
    EXPECT_EQ(bad_param("format=party"), "format");
    EXPECT_EQ(bad_param("status=draft"), "status");  // not public: never listable
    EXPECT_EQ(bad_param("after=-3"), "after");
    EXPECT_EQ(bad_param("cursor=abc", true), "cursor");
    EXPECT_EQ(bad_param("limit=0", true), "limit");
    EXPECT_EQ(bad_param("limit=101", true), "limit");
    EXPECT_EQ(bad_param("q=" + std::string(201, 'a')), "q");
    EXPECT_EQ(bad_param("q=%FF%FE"), "q");  // broken UTF-8
}

TEST(Router, EveryRouteIsUniqueAndOrganisationActionsNameTheirOrganisation) {
    Router router;
    latitudes::web::handlers::register_routes(router);
    std::set<std::string> seen;
    for (const auto& route : router.routes()) {
        EXPECT_TRUE(seen.insert(route.method + " " + route.pattern).second) << route.pattern << " registered twice";
        // The handler of an organisation action loads the organisation from the path ({slug} of
        // an organisation or project, {id} of a need, cohort or campaign) or, for a new need, cohort or
        // campaign, from the body (the new campaign's form, from its ?school= query): without it
        // the decision could only fail closed.
        if (latitudes::domain::is_organisation_action(route.action))
            EXPECT_TRUE(route.pattern.find('{') != std::string::npos || route.pattern == "/campaigns/new" ||
                        (route.method == "POST" && (route.pattern == "/needs/new" || route.pattern == "/api/v1/needs" ||
                                                    route.pattern == "/api/v1/cohorts" || route.pattern == "/api/v1/campaigns")))
                << route.pattern;
        // Only public reads may be cached for everybody.
        if (route.cacheable) {
            EXPECT_EQ(route.method, "GET") << route.pattern;
            EXPECT_EQ(route.action, latitudes::domain::Action::view_public) << route.pattern;
        }
    }
    EXPECT_GE(router.routes().size(), 45u);
}

TEST(HttpHelpers, SecretsAreRedactedFromLoggedTargets) {
    EXPECT_EQ(redact_secrets("/password/reset?token=abc123&lang=fr"), "/password/reset?token=REDACTED&lang=fr");
    EXPECT_EQ(redact_secrets("/x?lang=en&%74oken=abc"), "/x?lang=en&%74oken=REDACTED") << "encoded names too";
    EXPECT_EQ(redact_secrets("/projects?q=token&sdg=4"), "/projects?q=token&sdg=4");
    EXPECT_EQ(redact_secrets("/projects"), "/projects");
    EXPECT_EQ(redact_secrets("/a?token"), "/a?token");
    EXPECT_EQ(redact_secrets("/a?token=1&token=2"), "/a?token=REDACTED&token=REDACTED");
}

TEST(HttpHelpers, IdsAreWholeDecimalNumbersOfBoundedLength) {
    EXPECT_EQ(parse_id("42"), 42);
    EXPECT_EQ(parse_id("007"), 7);
    EXPECT_EQ(parse_id("999999999999999999"), 999999999999999999LL);
    for (auto bad : {"", "-1", "+1", " 1", "1 ", "1e3", "0x10", "9999999999999999999"})
        EXPECT_EQ(parse_id(bad), std::nullopt) << bad;
    EXPECT_EQ(parse_id("12345", 4), std::nullopt);
    EXPECT_EQ(parse_id("1234", 4), 1234);
}

TEST(HttpHelpers, BodiesWithControlCharactersNameTheirField) {
    Request form;
    form.method = "POST";
    form.headers["content-type"] = "application/x-www-form-urlencoded";
    form.body = "title=Bonjour&message=deux%0D%0Alignes";
    EXPECT_EQ(field_with_control_character(form), std::nullopt) << "line breaks are fine in a message";
    form.body = "title=Bon%0Ajour&message=x";
    EXPECT_EQ(field_with_control_character(form), "title");
    form.body = "display_name=Val%00rie";
    EXPECT_EQ(field_with_control_character(form), "display_name");
    form.body = "message=a%07b";
    EXPECT_EQ(field_with_control_character(form), "message");
    form.method = "GET";
    EXPECT_EQ(field_with_control_character(form), std::nullopt) << "only bodies of unsafe requests are checked";

    Request api;
    api.method = "POST";
    api.headers["content-type"] = "application/json";
    api.body = R"({"title":"Suivi","problem":"ligne 1\nligne 2","sdgs":[4]})";
    EXPECT_EQ(field_with_control_character(api), std::nullopt);
    api.body = R"({"title":"Suivi\u0000 caché"})";
    EXPECT_EQ(field_with_control_character(api), "title");
    api.body = R"({"share":{"note":"a\nb"}})";
    EXPECT_EQ(field_with_control_character(api), "note") << "nested keys are named";
    api.body = R"({"tags":["ok","a\u001fb"]})";
    EXPECT_EQ(field_with_control_character(api), "tags") << "array items take their key";
    api.body = R"({"title": broken)";
    EXPECT_EQ(field_with_control_character(api), std::nullopt) << "an unparsable body is the handler's to refuse";
}

TEST(HttpHelpers, LoggedStringsStayValidJsonWhateverTheBytes) {
    EXPECT_EQ(json_string_escape("/projects?q=éducation"), "/projects?q=éducation");
    EXPECT_EQ(json_string_escape("a\"b\\c"), "a\\\"b\\\\c");
    EXPECT_EQ(json_string_escape(std::string("nul\0tab\t", 8)), "nul\\u0000tab\\u0009");
    EXPECT_EQ(json_string_escape("\x7f"), "\\u007f");
    EXPECT_EQ(json_string_escape("\xff\xfe/x"), "\\\\xff\\\\xfe/x");
    EXPECT_EQ(json_string_escape("\xc3"), "\\\\xc3") << "a truncated sequence";
    EXPECT_EQ(json_string_escape("\xc0\xaf"), "\\\\xc0\\\\xaf") << "an overlong form";
    EXPECT_EQ(json_string_escape("\xed\xa0\x80"), "\\\\xed\\\\xa0\\\\x80") << "a surrogate";
    for (const std::string raw :
         {std::string("\xff\xfe"), std::string("ok \xe2\x82"), std::string("\x01\"\\\xc3\xa9\xf0\x9f\x8c\x8d")}) {
        const auto parsed = nlohmann::json::parse("\"" + json_string_escape(raw) + "\"", nullptr, false);
        EXPECT_FALSE(parsed.is_discarded()) << json_string_escape(raw);
    }
    EXPECT_EQ(nlohmann::json::parse("\"" + json_string_escape("é🌍\n") + "\"").get<std::string>(), "é🌍\n");
}

// Every status the server sends goes out with its RFC 9110 reason phrase, not "Unknown" (201
// and 409 did): the statuses given to the response helpers anywhere in src/web, and those the
// handler files document ("Status codes: ...").
TEST(HttpHelpers, EverySentStatusHasItsReasonPhrase) {
    namespace fs = std::filesystem;
    const std::regex sent(
        R"((?:json_error|json_response|private_json_response|redirect|error_page\(site, request,|status =)\s*\(?\s*([1-5][0-9]{2})\b)");
    const std::regex listed(R"(\b([1-5][0-9]{2})\b)");
    std::set<int> statuses;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(LATITUDES_SOURCE_DIR) / "src/web")) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (std::sregex_iterator it(text.begin(), text.end(), sent), end; it != end; ++it) statuses.insert(std::stoi((*it)[1]));
        const auto codes = text.find("// Status codes");
        if (codes == std::string::npos) continue;
        const std::string comment = text.substr(codes, text.find("\n#include", codes) - codes);
        for (std::sregex_iterator it(comment.begin(), comment.end(), listed), end; it != end; ++it)
            statuses.insert(std::stoi((*it)[1]));
    }
    EXPECT_GE(statuses.size(), 12u);
    for (int status : statuses) EXPECT_STRNE(latitudes::web::reason_phrase(status), "Unknown") << status;
    EXPECT_STREQ(latitudes::web::reason_phrase(201), "Created");
    EXPECT_STREQ(latitudes::web::reason_phrase(409), "Conflict");
}

// Accept-Encoding as RFC 9110 §12.5.3 reads it: q-values, "*", identity refused, no header at all.
TEST(ContentCoding, AcceptEncodingQualitiesChooseTheCoding) {
    const auto best = [](const char* header, bool gzip = true, bool br = true) {
        return best_coding(parse_accept_encoding(header, true), gzip, br);
    };
    EXPECT_EQ(best("gzip, deflate, br"), Coding::br);
    EXPECT_EQ(best("gzip, deflate, br", true, false), Coding::gzip);
    EXPECT_EQ(best("br;q=0.5, gzip"), Coding::gzip);
    EXPECT_EQ(best("br;q=0, gzip;q=0.1"), Coding::gzip);
    EXPECT_EQ(best("GZIP;Q=0.8"), Coding::gzip) << "case-insensitive";
    EXPECT_EQ(best("x-gzip"), Coding::gzip);
    EXPECT_EQ(best("deflate"), Coding::identity);
    EXPECT_EQ(best(""), Coding::identity) << "an empty value is identity only";
    EXPECT_EQ(best("gzip;q=0.5, identity"), Coding::identity) << "identity preferred by its q";
    EXPECT_EQ(best("*"), Coding::br);
    EXPECT_EQ(best("*;q=0.2, br;q=0"), Coding::gzip);
    EXPECT_EQ(best("gzip;q=abc"), Coding::identity) << "a malformed q refuses that coding";
    EXPECT_EQ(best("identity;q=0, gzip"), Coding::gzip);
    EXPECT_EQ(best("identity;q=0"), std::nullopt);
    EXPECT_EQ(best("*;q=0"), std::nullopt);
    EXPECT_EQ(best("deflate, identity;q=0", false, false), std::nullopt);
    EXPECT_EQ(best_coding(parse_accept_encoding("", false), true, true), Coding::identity) << "no header: no coding";
}

TEST(ContentCoding, GzipAndBrotliRoundTrip) {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "<li class=\"card\">Projet " + std::to_string(i) + "</li>\n";
    const auto gz = gzip_compress(text, 6), br = brotli_compress(text, 4);
    EXPECT_LT(gz.size(), text.size() / 4);
    EXPECT_LT(br.size(), text.size() / 4);
    EXPECT_EQ(gzip_decompress(gz), text);
    EXPECT_EQ(brotli_decompress(br), text);
    EXPECT_EQ(gzip_decompress("not gzip"), std::nullopt);
}

// Validators: weak comparison and "*" in If-None-Match; the three HTTP date forms.
TEST(Validators, IfNoneMatchAndHttpDates) {
    EXPECT_TRUE(if_none_match_matches("\"abc\"", "\"abc\""));
    EXPECT_TRUE(if_none_match_matches("W/\"abc\"", "\"abc\"")) << "weak comparison";
    EXPECT_TRUE(if_none_match_matches("\"x\", W/\"abc\" ,\"y\"", "\"abc\""));
    EXPECT_TRUE(if_none_match_matches("*", "\"abc\""));
    EXPECT_FALSE(if_none_match_matches("\"abcd\"", "\"abc\""));
    EXPECT_FALSE(if_none_match_matches("", "\"abc\""));
    const auto when = std::chrono::system_clock::from_time_t(784111777);  // 1994-11-06 08:49:37 UTC
    EXPECT_EQ(http_date(when), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), when);
    EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), when);
    EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), when);
    EXPECT_EQ(parse_http_date("yesterday"), std::nullopt);
    EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT junk"), std::nullopt);
}
