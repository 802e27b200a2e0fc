// What the API takes besides its paths, walked over every /api/ route of the routing table: a
// query parameter it does not read answers 400 unknown_parameter naming it, a parameter given
// twice 400 repeated_parameter (never the first value silently kept), a body of another media
// type than the route's 415 (a form, text/plain, or no Content-Type at all), and none of them
// reaches the handler. Pages are not concerned: they keep taking forms and any query string.
#include "support/in_process_site.hpp"

#include "web/handlers/handlers.hpp"
#include "web/router.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace latitudes::test;
using namespace latitudes;
using nlohmann::json;

namespace {

std::vector<web::Route> api_routes() {
    web::Router router;
    web::handlers::register_routes(router);
    std::vector<web::Route> routes;
    for (const auto& route : router.routes())
        if (route.pattern.rfind("/api/", 0) == 0) routes.push_back(route);
    return routes;
}

// The route's path with real-looking ids (the checks come before any lookup).
std::string path_of(const web::Route& route) {
    std::string target = route.pattern;
    for (const auto& [param, value] :
         std::vector<std::pair<std::string, std::string>>{{"{slug}", "cuestionarix"}, {"{id}", "1"}, {"{run}", "1"}})
        if (auto at = target.find(param); at != std::string::npos) target.replace(at, param.size(), value);
    return target;
}

json error_of(const HttpResponse& r) {
    const json doc = json::parse(r.body, nullptr, false);
    return doc.is_object() && doc.contains("error") && doc["error"].is_object() ? doc["error"] : json::object();
}

}  // namespace

class ApiInput : public InProcessSite<ApiInput> {
protected:
    // A staff member's and a student's tokens: between them, every API route lets one through the
    // policy (staff do not apply, students do not manage), so that the checks below are reached.
    static std::vector<std::string> tokens() {
        static const std::vector<std::string> made = [] {
            std::vector<std::string> out;
            for (const std::string role : {"staff", "student"}) {
                create_account(url_, email("input-" + role), role);
                out.push_back(personal_token(http(), log_in(http(), email("input-" + role))));
            }
            return out;
        }();
        return made;
    }
    // The first answer of `route` to `target` that is not a policy refusal, with each token in turn.
    static HttpResponse send(const web::Route& route, const std::string& target, const std::vector<std::string>& more,
                             const std::string& body) {
        HttpResponse last;
        for (const auto& token : tokens()) {
            auto headers = more;
            headers.push_back("Authorization: Bearer " + token);
            last = http().request(route.method, target, headers, body);
            if (last.status != 403 && last.status != 401) return last;
        }
        return last;
    }
    static std::vector<std::string> declared_body(const web::Route& route) {
        return route.api.body_type.empty() ? std::vector<std::string>{}
                                           : std::vector<std::string>{"Content-Type: " + route.api.body_type};
    }
};

TEST_F(ApiInput, EveryApiRouteRefusesAnUnknownQueryParameterNamingIt) {
    const auto routes = api_routes();
    ASSERT_GE(routes.size(), 21u);
    for (const auto& route : routes) {
        const auto r = send(route, path_of(route) + "?colour=blue", declared_body(route), "");
        const std::string what = route.method + " " + route.pattern + " -> " + std::to_string(r.status) + " " + r.body;
        EXPECT_EQ(r.status, 400) << what;
        EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8") << what;
        const json error = error_of(r);
        EXPECT_EQ(error.value("code", ""), "unknown_parameter") << what;
        EXPECT_EQ(error.value("parameter", ""), "colour") << what;
        EXPECT_NE(error.value("message", "").find("'colour'"), std::string::npos) << what;
    }
    // A name that is not UTF-8 is named all the same (its bytes replaced), never a 500.
    const auto broken = http().get("/api/v1/stats?%FF%FE=1");
    EXPECT_EQ(broken.status, 400);
    EXPECT_EQ(error_of(broken).value("code", ""), "unknown_parameter");
    EXPECT_TRUE(error_of(broken)["parameter"].is_string());
}

TEST_F(ApiInput, EveryQueryParameterTakesOneValueAndASecondIsRefused) {
    int parameters = 0;
    for (const auto& route : api_routes()) {
        for (const auto& name : route.api.query) {
            const std::string what = route.method + " " + route.pattern + " ?" + name;
            // Once: whatever the handler thinks of the value, the parameter is the route's.
            const auto once = send(route, path_of(route) + "?" + name + "=4", declared_body(route), "");
            EXPECT_NE(error_of(once).value("code", ""), "unknown_parameter") << what << " " << once.body;
            EXPECT_NE(error_of(once).value("code", ""), "repeated_parameter") << what << " " << once.body;
            const auto twice = send(route, path_of(route) + "?" + name + "=4&" + name + "=5", declared_body(route), "");
            EXPECT_EQ(twice.status, 400) << what << " " << twice.body;
            EXPECT_EQ(error_of(twice).value("code", ""), "repeated_parameter") << what;
            EXPECT_EQ(error_of(twice).value("parameter", ""), name) << what;
            ++parameters;
        }
    }
    EXPECT_GE(parameters, 20);
    // The issue's case: two SDGs are not cut down to the first one.
    const auto sdgs = http().get("/api/v1/projects?sdg=4&sdg=5");
    EXPECT_EQ(sdgs.status, 400);
    EXPECT_EQ(error_of(sdgs).value("parameter", ""), "sdg");
}

TEST_F(ApiInput, EveryApiWriteRefusesABodyOfAnotherMediaTypeWith415AndStoresNothing) {
    int writes = 0;
    for (const auto& route : api_routes()) {
        if (route.method == "GET") continue;
        ASSERT_FALSE(route.api.body_type.empty()) << route.pattern << " declares what it takes";
        const std::string target = path_of(route);
        const std::vector<std::pair<std::vector<std::string>, std::string>> wrong{
            {{"Content-Type: text/plain"}, "{}"},
            {{"Content-Type: text/plain; charset=utf-8"}, ""},
            {{"Content-Type: application/x-www-form-urlencoded"}, "title=x&organisation=y"},
            {{"Content-Type: multipart/form-data; boundary=x"}, "--x--\r\n"},
            {{}, "{}"},  // a body without a Content-Type
            {{"Content-Type: " + std::string(route.api.body_type == "text/csv" ? "application/json" : "text/csv")}, "a;b\r\n"},
        };
        for (const auto& [headers, body] : wrong) {
            const auto r = send(route, target, headers, body);
            const std::string what = route.method + " " + route.pattern + " with " +
                                     (headers.empty() ? std::string("no Content-Type") : headers.front()) + " -> " +
                                     std::to_string(r.status) + " " + r.body;
            EXPECT_EQ(r.status, 415) << what;
            EXPECT_EQ(error_of(r).value("code", ""), "unsupported_media_type") << what;
            EXPECT_EQ(r.header("accept"), route.api.body_type) << what;
        }
        // The declared type passes (in any case, with parameters); the handler then answers.
        std::string upper = route.api.body_type;
        for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        const auto right = send(route, target, {"Content-Type: " + upper + "; charset=utf-8"}, "");
        EXPECT_NE(right.status, 415) << route.pattern << " " << right.body;
        ++writes;
    }
    EXPECT_GE(writes, 11);

    // Refused before the handler: a need sent as text/plain is not created.
    const long long before = count("SELECT COUNT(*) FROM needs");
    const auto need = http().request("POST", "/api/v1/needs",
                                     {"Authorization: Bearer " + tokens().front(), "Content-Type: text/plain"},
                                     R"({"organisation":"fab-inclusion","title":"Par erreur"})");
    EXPECT_EQ(need.status, 415);
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs"), before);
}

TEST_F(ApiInput, PagesKeepTakingFormsAndAnyQueryString) {
    EXPECT_EQ(http().get("/projects?colour=blue").status, 200);
    EXPECT_EQ(http().get("/projects?sdg=4&sdg=5").status, 200);
    create_account(url_, email("input-form"), "student");
    const Browser student = log_in(http(), email("input-form"));  // a form POST
    EXPECT_EQ(student.post(http(), "/me/tokens", "name=script").status, 200);
}
