// Search and discovery, end to end against the real binary and database: counts per
// filter value checked against SQL, filters that combine, both sorts in order and paginated
// (API and pages), a card per format, the showcase, saved searches and their weekly digest.
#include "support/accounts.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

#include "domain/i18n.hpp"
#include "jobs/jobs.hpp"
#include "render/views.hpp"
#include "store/accounts.hpp"
#include "store/query.hpp"
#include "web/http.hpp"
#include "web/site.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <tuple>

using namespace latitudes::test;
using namespace latitudes;
using nlohmann::json;
using web::url_encode;

namespace {

const std::string public_statuses = "('published', 'in_progress', 'delivered', 'evaluated')";

// A date `days` from today (UTC), YYYY-MM-DD.
std::string day_from_today(int days) {
    return store::iso_utc(std::chrono::system_clock::now() + std::chrono::hours(24 * days)).substr(0, 10);
}

std::string unescape(std::string text) {
    for (auto [from, to] : {std::pair<std::string, std::string>{"&amp;", "&"}, {"&apos;", "'"}, {"&#39;", "'"}, {"&quot;", "\""}})
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + 1)) text.replace(at, from.size(), to);
    return text;
}

// The slugs of the cards of a catalogue page, in order.
std::vector<std::string> card_slugs(const std::string& html) {
    static const std::regex link(R"re(<h3><a href="/projects/([^"]+)">)re");
    std::vector<std::string> slugs;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), link); it != std::sregex_iterator(); ++it)
        slugs.push_back((*it)[1]);
    return slugs;
}

// The target of the "next page" link of a page, "" when there is none.
std::string next_href(const std::string& html) {
    static const std::regex next(R"re(<a href="([^"]+)"[^>]*data-testid="next-page")re");
    std::smatch m;
    return std::regex_search(html, m, next) ? unescape(m[1]) : std::string();
}

// The HTML of the card of `slug` on a page ("" when absent).
std::string card_of(const std::string& html, const std::string& slug) {
    const auto link = html.find("href=\"/projects/" + slug + "\"");
    if (link == std::string::npos) return {};
    const auto start = html.rfind("<article", link);
    return html.substr(start, html.find("</article>", link) - start);
}

}  // namespace

class Catalogue : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        url_ = fresh_database_url("catalogue");
        auto seeded = run_latitudes({"seed", "--demo", "--database", url_});
        ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
        db_ = std::make_unique<store::Database>(store::DatabaseUrl::parse(url_), 1);
        // Known details for one opportunity of each format, and deadlines for the closing sort
        // (set before the server starts: nothing is cached yet).
        set_details("stage-data-impact-fab-inclusion", "'Lyon', 1, 35, 800, '', '', NULL, '', 2, '" + day_from_today(10) + "'");
        set_details("stage-dev-kiosque-sante", "'Rennes', 0, 35, 650, '', '', NULL, '', 1, '" + day_from_today(3) + "'");
        set_details("emploi-partage-data-paniers",
                    "'Roubaix', 0, NULL, NULL, 'Groupe Atlas', '', NULL, '', 1, '" + day_from_today(-2) + "'");
        set_details("vendredis-ateliers-refugies", "'Metz', 0, NULL, NULL, 'Groupe Atlas', 'monthly', NULL, '', 6, NULL");
        set_details("mentorat-lire-et-grandir", "'Tours', 1, NULL, NULL, '', '', 8, '', 1, '" + day_from_today(30) + "'");
        set_details("accompagnement-compost-and-co", "'Lyon', 0, 4, NULL, '', '', NULL, 'cofounder', 1, NULL");
        set_details("recherche-impact-projets-numeriques",
                    "'Paris', 0, NULL, NULL, 'Chaire Tech et Société', '', NULL, '', 2, NULL");
        server_ = std::make_unique<ServerProcess>(url_);
        client_ = std::make_unique<HttpClient>(server_->port());
    }
    static void TearDownTestSuite() {
        client_.reset();
        server_.reset();
        db_.reset();
    }
    static const HttpClient& http() { return *client_; }

    static void exec(const std::string& sql) {
        store::Lease s(*db_);
        *s << sql;
    }
    // Replaces the opportunity details of a project: values for (place, remote, hours_per_week,
    // compensation, partner, frequency, sessions, seeking, capacity, deadline).
    static void set_details(const std::string& slug, const std::string& values) {
        exec("DELETE FROM opportunity_details WHERE project_id = (SELECT id FROM projects WHERE slug = '" + slug + "')");
        exec("INSERT INTO opportunity_details (project_id, place, remote, hours_per_week, compensation, partner, frequency, "
             "sessions, seeking, capacity, deadline) SELECT id, " +
             values + " FROM projects WHERE slug = '" + slug + "'");
    }
    static std::vector<std::vector<std::string>> rows(const std::string& sql) {
        std::vector<std::vector<std::string>> out;
        store::Lease s(*db_);
        store::Query(sql).for_each(*s, [&](const soci::row& r) {
            std::vector<std::string> row;
            for (std::size_t i = 0; i < r.size(); ++i) row.push_back(store::column_text(r, i));
            out.push_back(std::move(row));
        });
        return out;
    }
    static json api(const std::string& target) {
        auto r = http().get(target);
        EXPECT_EQ(r.status, 200) << target << " " << r.body;
        return json::parse(r.body);
    }
    // Every item of an API listing, following next_cursor with pages of `limit`.
    static std::vector<json> walk(const std::string& path, const std::string& query, int limit) {
        std::vector<json> items;
        std::string cursor;
        for (int page = 0; page < 200; ++page) {
            const json body = api(path + "?limit=" + std::to_string(limit) + (query.empty() ? "" : "&" + query) +
                                  (cursor.empty() ? "" : "&cursor=" + url_encode(cursor)));
            for (const auto& item : body["items"]) items.push_back(item);
            if (body["next_cursor"].is_null()) break;
            EXPECT_EQ(body["items"].size(), static_cast<std::size_t>(limit)) << "only the last page is short";
            cursor = body["next_cursor"].get<std::string>();
        }
        return items;
    }
    static std::vector<std::string> slugs_of(const std::vector<json>& items) {
        std::vector<std::string> slugs;
        for (const auto& item : items) slugs.push_back(item["slug"].get<std::string>());
        return slugs;
    }

    // The catalogue's filters, written as SQL for the oracle.
    struct Criteria {
        std::string sdg, skill, level, format, status;
        std::string query() const {
            std::string q;
            for (auto [name, value] :
                 {std::pair{"sdg", sdg}, {"skill", skill}, {"level", level}, {"format", format}, {"status", status}})
                if (!value.empty()) q += (q.empty() ? "" : "&") + std::string(name) + "=" + value;
            return q;
        }
        std::string where(const std::string& except) const {
            std::string w = "p.status IN " + public_statuses;
            if (!sdg.empty() && except != "sdg")
                w += " AND EXISTS (SELECT 1 FROM project_sdgs x WHERE x.project_id = p.id AND x.sdg_id = " + sdg + ")";
            if (!skill.empty() && except != "skill")
                w += " AND EXISTS (SELECT 1 FROM project_skills y JOIN skills k ON k.id = y.skill_id WHERE y.project_id = p.id "
                     "AND k.slug = '" +
                     skill + "')";
            if (!level.empty() && except != "level") w += " AND p.level = '" + level + "'";
            if (!format.empty() && except != "format") w += " AND p.format = '" + format + "'";
            if (!status.empty() && except != "status") w += " AND p.status = '" + status + "'";
            return w;
        }
    };

    static inline std::string url_;
    static inline std::unique_ptr<store::Database> db_;
    static inline std::unique_ptr<ServerProcess> server_;
    static inline std::unique_ptr<HttpClient> client_;
};

TEST_F(Catalogue, FacetsCountEachValueUnderTheOtherFiltersAsSqlDoes) {
    const std::vector<Criteria> cases{
        {},
        {"4", "", "", "", ""},
        {"", "", "", "internship", "published"},
        {"", "data-science", "collaborator", "", ""},
        {"4", "", "", "student_project", "delivered"},
        {"13", "data-science", "", "", "in_progress"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("criteria: " + c.query());
        const json body = api("/api/v1/projects?limit=1&" + c.query());
        const json& facets = body["facets"];
        // Every value of every facet, zeros included, against one grouped SQL count each.
        auto expect_counts = [&](const std::string& facet, const std::string& sql) {
            std::map<std::string, long long> expected;
            for (const auto& row : rows(sql)) expected[row[0]] = std::stoll(row[1]);
            ASSERT_TRUE(facets.contains(facet)) << facet;
            for (const auto& [value, n] : facets[facet].items()) {
                EXPECT_EQ(n.get<long long>(), expected.count(value) ? expected[value] : 0) << facet << "=" << value;
                expected.erase(value);
            }
            EXPECT_TRUE(expected.empty()) << facet << ": values missing from the facets, e.g. " << expected.begin()->first;
        };
        expect_counts("sdg", "SELECT s.sdg_id, COUNT(*) FROM project_sdgs s JOIN projects p ON p.id = s.project_id WHERE " +
                                 c.where("sdg") + " GROUP BY s.sdg_id");
        expect_counts("skill", "SELECT k.slug, COUNT(*) FROM project_skills s JOIN skills k ON k.id = s.skill_id "
                               "JOIN projects p ON p.id = s.project_id WHERE " +
                                   c.where("skill") + " GROUP BY k.slug");
        for (const char* column : {"level", "format", "status"})
            expect_counts(column, std::string("SELECT p.") + column + ", COUNT(*) FROM projects p WHERE " + c.where(column) +
                                      " GROUP BY p." + column);
        const long long total = std::stoll(rows("SELECT COUNT(*) FROM projects p WHERE " + c.where(""))[0][0]);
        EXPECT_EQ(body["total"].get<long long>(), total);
        EXPECT_EQ(walk("/api/v1/projects", c.query(), 100).size(), static_cast<std::size_t>(total));
    }
    EXPECT_GE(std::stoll(rows("SELECT COUNT(*) FROM projects p WHERE p.status IN " + public_statuses)[0][0]), 50);

    // With a text query, the counts agree with the matching list itself.
    const json body = api("/api/v1/projects?q=donnees&limit=1");
    const auto items = walk("/api/v1/projects", "q=donnees", 100);
    ASSERT_GT(items.size(), 2u);
    EXPECT_EQ(body["total"].get<std::size_t>(), items.size());
    std::map<std::string, long long> by_format, by_status;
    for (const auto& item : items) {
        ++by_format[item["format"].get<std::string>()];
        ++by_status[item["status"].get<std::string>()];
    }
    for (const auto& [format, n] : body["facets"]["format"].items())
        EXPECT_EQ(n.get<long long>(), by_format.count(format) ? by_format[format] : 0) << format;
    for (const auto& [status, n] : body["facets"]["status"].items())
        EXPECT_EQ(n.get<long long>(), by_status.count(status) ? by_status[status] : 0) << status;
}

TEST_F(Catalogue, FacetCountsAreShownNextToEachOption) {
    const json facets = api("/api/v1/projects?sdg=4&limit=1")["facets"];
    auto page = http().get("/projects?sdg=4");
    ASSERT_EQ(page.status, 200);
    const auto internships = facets["format"]["internship"].get<long long>();
    EXPECT_NE(page.body.find("<option value=\"internship\">Stage (" + std::to_string(internships) + ")</option>"),
              std::string::npos);
    // The selected SDG counts under the other filters (none here): all its projects.
    EXPECT_NE(page.body.find("<option value=\"4\" selected>4. "), std::string::npos);
    EXPECT_NE(page.body.find("data-testid=\"result-count\">" +
                             std::to_string(api("/api/v1/projects?sdg=4&limit=1")["total"].get<long long>()) + " projets<"),
              std::string::npos);
    auto english = http().get("/projects?sdg=4&lang=en");
    EXPECT_NE(english.body.find("<option value=\"internship\">Internship (" + std::to_string(internships) + ")</option>"),
              std::string::npos);
    // An htmx swap refreshes the options' counts out of band (the same selects, values kept).
    auto swap = http().get("/projects?sdg=4&format=internship", {"HX-Request: true"});
    ASSERT_EQ(swap.status, 200);
    EXPECT_EQ(swap.body.find("<html"), std::string::npos);
    for (const char* id : {"sdg", "skill", "level", "format", "status"})
        EXPECT_NE(swap.body.find("<select id=\"" + std::string(id) + "\" name=\"" + id + "\" data-hx-swap-oob=\"true\">"),
                  std::string::npos)
            << id;
    EXPECT_NE(swap.body.find("<option value=\"internship\" selected>Stage (" + std::to_string(internships) + ")</option>"),
              std::string::npos);
}

TEST_F(Catalogue, FiltersCombine) {
    auto set_of = [&](const std::string& query) {
        const auto items = walk("/api/v1/projects", query, 100);
        std::set<std::string> slugs;
        for (const auto& item : items) slugs.insert(item["slug"].get<std::string>());
        return slugs;
    };
    const auto sql_set = [&](const Criteria& c) {
        std::set<std::string> slugs;
        for (const auto& row : rows("SELECT p.slug FROM projects p WHERE " + c.where(""))) slugs.insert(row[0]);
        return slugs;
    };
    for (const Criteria& c :
         {Criteria{"4", "", "collaborator", "student_project", ""}, Criteria{"", "", "", "mentoring", "published"},
          Criteria{"11", "data-science", "", "", ""}, Criteria{"", "", "researcher", "research_topic", "published"},
          Criteria{"3", "", "", "internship", "delivered"}})
        EXPECT_EQ(set_of(c.query()), sql_set(c)) << c.query();
    // Each added filter narrows: the combination is the intersection.
    const auto sdg4 = set_of("sdg=4"), delivered = set_of("status=delivered"), both = set_of("sdg=4&status=delivered");
    std::set<std::string> intersection;
    std::set_intersection(sdg4.begin(), sdg4.end(), delivered.begin(), delivered.end(),
                          std::inserter(intersection, intersection.begin()));
    EXPECT_EQ(both, intersection);
    EXPECT_FALSE(both.empty());
}

TEST_F(Catalogue, NewestFirstIsTheDefaultAndPaginatesByItsKey) {
    // The oracle: public projects by publication date (creation when none), newest first, then id.
    auto data = rows("SELECT p.slug, COALESCE(p.published_at, p.created_at), p.id FROM projects p WHERE p.status IN " +
                     public_statuses);
    std::sort(data.begin(), data.end(), [](const auto& a, const auto& b) {
        return std::make_tuple(a[1], std::stoll(a[2])) > std::make_tuple(b[1], std::stoll(b[2]));
    });
    std::vector<std::string> expected;
    for (const auto& row : data) expected.push_back(row[0]);
    EXPECT_EQ(slugs_of(walk("/api/v1/projects", "", 7)), expected);
    EXPECT_EQ(slugs_of(walk("/api/v1/projects", "sort=new", 9)), expected);
    EXPECT_EQ(api("/api/v1/projects?limit=1")["sort"], "new");

    // The pages, 20 a page, through their "next" links (the cursor carries the key).
    std::vector<std::string> seen;
    std::string target = "/projects?sort=new";
    for (int i = 0; i < 20 && !target.empty(); ++i) {
        auto page = http().get(target);
        ASSERT_EQ(page.status, 200) << target;
        auto slugs = card_slugs(page.body);
        seen.insert(seen.end(), slugs.begin(), slugs.end());
        target = next_href(page.body);
        if (!target.empty()) EXPECT_NE(target.find("after="), std::string::npos) << target;
    }
    EXPECT_EQ(seen, expected);
    // A cursor of the earlier form (a bare id) still continues after that project.
    const auto first = api("/api/v1/projects?limit=5");
    const std::string id = rows("SELECT id FROM projects WHERE slug = '" + first["items"][4]["slug"].get<std::string>() +
                                "'")[0][0];
    EXPECT_EQ(api("/api/v1/projects?limit=3&cursor=" + id)["items"][0]["slug"], expected[5]);
    for (const char* bad : {"cursor=12.", "cursor=x.2026-01-01", "cursor=12.2026%2F01", "sort=oldest", "sort=closing&cursor=-3"})
        EXPECT_EQ(http().get(std::string("/api/v1/projects?") + bad).status, 400) << bad;
    EXPECT_EQ(http().get("/projects?sort=soon").status, 400);
}

TEST_F(Catalogue, ClosingSoonOrdersOpenOpportunitiesByTheirNextDate) {
    // The oracle, computed here: for published projects, the deadline if there is one and it is
    // not past, else (no deadline) the start date, else the end date, from today on; the others
    // after them, newest first.
    const std::string today = day_from_today(0);
    auto data = rows("SELECT p.slug, p.id, p.status, d.deadline, p.starts_on, p.ends_on FROM projects p "
                     "LEFT JOIN opportunity_details d ON d.project_id = p.id WHERE p.status IN " +
                     public_statuses);
    auto key = [&](const std::vector<std::string>& r) -> std::string {
        if (r[2] != "published") return "1";
        if (!r[3].empty()) return r[3] >= today ? "0" + r[3] : "1";
        if (!r[4].empty() && r[4] >= today) return "0" + r[4];
        if (!r[5].empty() && r[5] >= today) return "0" + r[5];
        return "1";
    };
    std::sort(data.begin(), data.end(), [&](const auto& a, const auto& b) {
        return std::make_tuple(key(a), -std::stoll(a[1])) < std::make_tuple(key(b), -std::stoll(b[1]));
    });
    std::vector<std::string> expected;
    for (const auto& row : data) expected.push_back(row[0]);
    const auto items = walk("/api/v1/projects", "sort=closing", 5);
    ASSERT_EQ(slugs_of(items), expected);
    EXPECT_EQ(api("/api/v1/projects?sort=closing&limit=1")["sort"], "closing");

    // The deadline in three days comes first, then ten days, then thirty; a passed deadline
    // counts as none (after every dated project).
    auto position = [&](const std::string& slug) { return std::find(expected.begin(), expected.end(), slug) - expected.begin(); };
    EXPECT_EQ(expected.front(), "stage-dev-kiosque-sante");
    EXPECT_LT(position("stage-dev-kiosque-sante"), position("stage-data-impact-fab-inclusion"));
    EXPECT_LT(position("stage-data-impact-fab-inclusion"), position("mentorat-lire-et-grandir"));
    long long dated = std::count_if(data.begin(), data.end(), [&](const auto& r) { return key(r)[0] == '0'; });
    EXPECT_GE(position("emploi-partage-data-paniers"), dated);
    EXPECT_GE(dated, 3);

    // Filters combine with the sort; pages follow it too.
    std::vector<std::string> internships;
    for (const auto& slug : expected)
        if (!rows("SELECT 1 FROM projects WHERE format = 'internship' AND slug = '" + slug + "'").empty())
            internships.push_back(slug);
    EXPECT_EQ(slugs_of(walk("/api/v1/projects", "sort=closing&format=internship", 1)), internships);
    std::vector<std::string> seen;
    std::string target = "/projects?sort=closing";
    for (int i = 0; i < 20 && !target.empty(); ++i) {
        auto page = http().get(target);
        ASSERT_EQ(page.status, 200) << target;
        auto slugs = card_slugs(page.body);
        seen.insert(seen.end(), slugs.begin(), slugs.end());
        target = next_href(page.body);
    }
    EXPECT_EQ(seen, expected);
    // The sort is chosen in the form.
    auto page = http().get("/projects?sort=closing");
    EXPECT_NE(page.body.find("<option value=\"closing\" selected>Bientôt clos</option>"), std::string::npos);
    EXPECT_NE(http().get("/projects").body.find("<option value=\"new\" selected>Nouveautés</option>"), std::string::npos);
}

TEST_F(Catalogue, EachFormatHasItsOwnCard) {
    const std::string in_ten_days = day_from_today(10);
    const std::string fr_date = in_ten_days.substr(8, 2) + "/" + in_ten_days.substr(5, 2) + "/" + in_ten_days.substr(0, 4);
    struct Expectation {
        std::string slug, format;
        std::vector<std::pair<std::string, std::string>> facts;  // data-fact, text
    };
    const std::vector<Expectation> cases{
        {"stage-data-impact-fab-inclusion",
         "internship",
         {{"compensation", "800 € par mois"},
          {"hours", "35 h par semaine"},
          {"place", "Lyon ou à distance"},
          {"deadline", "Candidatures jusqu&apos;au " + fr_date}}},
        {"emploi-partage-data-paniers", "shared_job", {{"partner", "Avec Groupe Atlas"}}},
        {"vendredis-ateliers-refugies", "friday_volunteering", {{"frequency", "Chaque mois"}, {"partner", "Avec Groupe Atlas"}}},
        {"mentorat-lire-et-grandir", "mentoring", {{"sessions", "8 séances"}}},
        {"accompagnement-compost-and-co", "venture_support", {{"seeking", "Cherche un·e cofondateur·rice"}}},
        {"recherche-impact-projets-numeriques", "research_topic", {{"partners", "Partenaires : Chaire Tech et Société"}}},
    };
    for (const auto& c : cases) {
        auto page = http().get("/projects?format=" + c.format);
        ASSERT_EQ(page.status, 200);
        const std::string card = card_of(page.body, c.slug);
        ASSERT_FALSE(card.empty()) << c.slug;
        EXPECT_NE(card.find("data-format=\"" + c.format + "\""), std::string::npos) << c.slug;
        for (const auto& [fact, text] : c.facts)
            EXPECT_NE(card.find("<li data-fact=\"" + fact + "\">" + text + "</li>"), std::string::npos)
                << c.slug << " " << fact << "\n"
                << card;
    }
    // A passed deadline is not shown.
    EXPECT_EQ(
        card_of(http().get("/projects?format=shared_job").body, "emploi-partage-data-paniers").find("data-fact=\"deadline\""),
        std::string::npos);
    // Student projects: team size and semester.
    const auto student = rows(
        "SELECT p.slug, p.team_min, p.team_max, se.label_fr, se.label_en FROM projects p "
        "JOIN semesters se ON se.id = p.semester_id WHERE p.format = 'student_project' AND p.status = 'published' "
        "AND p.team_min < p.team_max ORDER BY p.id LIMIT 1");
    ASSERT_EQ(student.size(), 1u);
    const auto& s = student[0];
    std::string card;
    for (std::string target = "/projects?format=student_project&status=published"; card.empty() && !target.empty();) {
        auto page = http().get(target);
        card = card_of(page.body, s[0]);
        target = next_href(page.body);
    }
    ASSERT_FALSE(card.empty()) << s[0];
    EXPECT_NE(card.find("<li data-fact=\"team\">Équipe de " + s[1] + " à " + s[2] + "</li>"), std::string::npos) << card;
    EXPECT_NE(card.find("<li data-fact=\"semester\">" + s[3] + "</li>"), std::string::npos) << card;
    // In English, and in the API.
    const std::string english = card_of(http().get("/projects?format=internship&lang=en").body,
                                        "stage-data-impact-fab-inclusion");
    EXPECT_NE(english.find("<li data-fact=\"compensation\">€800 a month</li>"), std::string::npos) << english;
    EXPECT_NE(english.find("<li data-fact=\"place\">Lyon or remote</li>"), std::string::npos) << english;
    for (const auto& item : walk("/api/v1/projects", "format=internship", 10)) {
        if (item["slug"] != "stage-data-impact-fab-inclusion") continue;
        EXPECT_EQ(item["details"]["compensation"], 800);
        EXPECT_EQ(item["details"]["hours_per_week"], 35);
        EXPECT_EQ(item["details"]["place"], "Lyon");
        EXPECT_EQ(item["details"]["remote"], true);
        EXPECT_EQ(item["details"]["deadline"], in_ten_days);
    }
}

TEST_F(Catalogue, ShowcaseHoldsDeliveredAndEvaluatedProjectsOnly) {
    std::set<std::string> expected;
    // Issue 13: a project delivered through a team's workspace is featured only with its
    // beneficiary's consent (a refusal wins); the recorded ones from before stay public.
    for (const auto& row :
         rows("SELECT slug FROM projects p WHERE status IN ('delivered', 'evaluated') AND ("
              "NOT EXISTS (SELECT 1 FROM teams t JOIN team_deliveries d ON d.team_id = t.id WHERE t.project_id = p.id) OR "
              "(EXISTS (SELECT 1 FROM teams t JOIN beneficiary_evaluations e ON e.team_id = t.id "
              "WHERE t.project_id = p.id AND e.consent_showcase = 1) AND NOT EXISTS (SELECT 1 FROM teams t "
              "JOIN beneficiary_evaluations e ON e.team_id = t.id WHERE t.project_id = p.id AND e.consent_showcase = 0)))"))
        expected.insert(row[0]);
    ASSERT_GE(expected.size(), 10u);
    const auto items = walk("/api/v1/showcase", "", 4);
    std::set<std::string> seen;
    for (const auto& item : items) {
        EXPECT_TRUE(seen.insert(item["slug"].get<std::string>()).second) << item["slug"];
        const auto status = item["status"].get<std::string>();
        EXPECT_TRUE(status == "delivered" || status == "evaluated") << item["slug"] << " " << status;
        if (item["slug"] == "entourage") {
            ASSERT_EQ(item["teams"].size(), 1u);
            EXPECT_EQ(item["teams"][0]["school"]["slug"], "centralesupelec");
            EXPECT_EQ(item["teams"][0]["students"], 3);
            EXPECT_FALSE(item["sdgs"].empty());
            EXPECT_EQ(item["beneficiary"]["name"].get<std::string>().empty(), false);
        }
    }
    EXPECT_EQ(seen, expected);
    EXPECT_EQ(http().get("/api/v1/showcase?status=published").status, 400);
    EXPECT_EQ(http().get("/api/v1/showcase?cursor=abc").status, 400);
    EXPECT_EQ(slugs_of(walk("/api/v1/showcase", "status=evaluated", 3)).size(),
              rows("SELECT slug FROM projects WHERE status = 'evaluated'").size());

    auto page = http().get("/showcase");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<h1>Nos réalisations</h1>"), std::string::npos);
    const auto cards = std::count_if(expected.begin(), expected.end(), [&](const std::string& slug) {
        return page.body.find("href=\"/projects/" + slug + "\"") != std::string::npos;
    });
    EXPECT_EQ(cards, std::min<long long>(20, static_cast<long long>(expected.size())));
    EXPECT_NE(page.body.find("CentraleSupélec, Automne 2025 (3 étudiant·es)"), std::string::npos);
    EXPECT_NE(page.body.find("href=\"/showcase\" aria-current=\"page\""), std::string::npos) << "in the menu";
    EXPECT_NE(http().get("/").body.find("href=\"/showcase\""), std::string::npos);
    auto english = http().get("/showcase?lang=en");
    EXPECT_NE(english.body.find("<h1>Our achievements</h1>"), std::string::npos);
    EXPECT_NE(english.body.find("CentraleSupélec, Autumn 2025 (3 students)"), std::string::npos);
    EXPECT_EQ(http().get("/showcase?status=in_progress").status, 400);
    // Paginated like the catalogue.
    std::set<std::string> through_pages;
    std::string target = "/showcase";
    for (int i = 0; i < 10 && !target.empty(); ++i) {
        auto p = http().get(target);
        ASSERT_EQ(p.status, 200);
        static const std::regex link(R"re(<h2 class="card-title"><a href="/projects/([^"]+)">)re");
        for (auto it = std::sregex_iterator(p.body.begin(), p.body.end(), link); it != std::sregex_iterator(); ++it)
            EXPECT_TRUE(through_pages.insert((*it)[1]).second);
        target = next_href(p.body);
    }
    EXPECT_EQ(through_pages, expected);
}

TEST_F(Catalogue, SavedSearchesAreSavedListedAndDeletedByTheirOwnerOnly) {
    const std::string pid = std::to_string(::getpid());
    const std::string email = "searcher." + pid + "@latitudes.example";
    const long long person = create_account(url_, email, "student", "Sam Searcher");
    Browser browser = log_in(http(), email);

    // Anonymous visitors see no form and are sent to log in.
    auto anonymous = http().get("/projects?sdg=6");
    EXPECT_EQ(anonymous.body.find("data-testid=\"save-search\""), std::string::npos);
    const std::string anonymous_csrf = set_cookie_value(http().get("/login"), "csrf");
    auto refused = http().request("POST", "/searches", {form_type, "Cookie: csrf=" + anonymous_csrf},
                                  "name=x&query=sdg%3D6&csrf=" + anonymous_csrf);
    EXPECT_EQ(refused.status, 303);
    EXPECT_EQ(refused.header("location").rfind("/login", 0), 0u) << refused.header("location");
    EXPECT_EQ(http().get("/me/searches").status, 303);

    // Logged in: the form carries the canonical query, and the page is never cached.
    auto page = browser.get(http(), "/projects?format=internship&sdg=6&lang=fr&after=&utm=x");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("data-testid=\"save-search\""), std::string::npos);
    EXPECT_NE(page.body.find("name=\"query\" value=\"sdg=6&amp;format=internship\""), std::string::npos);
    EXPECT_NE(page.header("cache-control").find("no-store"), std::string::npos);
    EXPECT_EQ(http().get("/projects?format=internship&sdg=6&lang=fr&after=&utm=x").body.find("save-search"), std::string::npos)
        << "what a logged-in person saw is not served to others";

    auto saved = browser.post(http(), "/searches",
                              "name=" + url_encode("Stages eau") + "&query=" + url_encode("format=internship&sdg=6&after=5"));
    EXPECT_EQ(saved.status, 303);
    EXPECT_EQ(saved.header("location"), "/me/searches?done=saved");
    const auto stored = rows("SELECT id, name, query, lang FROM saved_searches WHERE person_id = " + std::to_string(person));
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0][1], "Stages eau");
    EXPECT_EQ(stored[0][2], "sdg=6&format=internship");
    EXPECT_EQ(stored[0][3], "fr");
    const std::string id = stored[0][0];

    auto list = browser.get(http(), "/me/searches?done=saved");
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("<a href=\"/projects?sdg=6&amp;format=internship\">Stages eau</a>"), std::string::npos);
    EXPECT_NE(list.body.find("ODD 6 · Stage"), std::string::npos);
    EXPECT_NE(list.body.find("data-testid=\"searches-notice\""), std::string::npos);
    EXPECT_NE(list.body.find("action=\"/searches/" + id + "/delete\""), std::string::npos);
    EXPECT_NE(list.header("cache-control").find("no-store"), std::string::npos);

    // Saved from an English page: the digest will be in English.
    EXPECT_EQ(browser.post(http(), "/searches?lang=en", "name=Climate&query=sdg%3D13").status, 303);
    EXPECT_EQ(rows("SELECT lang FROM saved_searches WHERE name = 'Climate'")[0][0], "en");

    // Invalid input: 422 with a message, nothing saved.
    for (const std::string& body : {std::string("name=Bad&query=sdg%3D99"), std::string("name=Bad&query=status%3Ddraft"),
                                    std::string("name=&query=sdg%3D4"), "name=" + std::string(81, 'a') + "&query=sdg%3D4"}) {
        auto r = browser.post(http(), "/searches", body);
        EXPECT_EQ(r.status, 422) << body;
        EXPECT_NE(r.body.find("data-testid=\"searches-error\""), std::string::npos) << body;
    }
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM saved_searches WHERE person_id = " + std::to_string(person)), 2);

    // At most 20 per person.
    for (int i = 0; i < 18; ++i)
        exec("INSERT INTO saved_searches (person_id, name, query, created_at, last_sent_at) VALUES (" + std::to_string(person) +
             ", 'n" + std::to_string(i) + "', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
    auto too_many = browser.post(http(), "/searches", "name=One+more&query=");
    EXPECT_EQ(too_many.status, 422);
    EXPECT_NE(too_many.body.find("20"), std::string::npos);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM saved_searches WHERE person_id = " + std::to_string(person)), 20);

    // Only one's own: another person's id answers 404, like an id that does not exist.
    const std::string other_email = "other-searcher." + pid + "@latitudes.example";
    create_account(url_, other_email, "professional", "Olga Other");
    Browser other = log_in(http(), other_email);
    EXPECT_EQ(other.post(http(), "/searches/" + id + "/delete").status, 404);
    EXPECT_EQ(other.get(http(), "/me/searches").body.find("Stages eau"), std::string::npos);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM saved_searches WHERE id = " + id), 1);
    for (const char* bad : {"999999", "abc", "0"})
        EXPECT_EQ(browser.post(http(), std::string("/searches/") + bad + "/delete").status, 404) << bad;
    EXPECT_EQ(browser.post(http(), "/searches/" + id + "/delete").status, 303);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM saved_searches WHERE id = " + id), 0);
    EXPECT_EQ(browser.post(http(), "/searches/" + id + "/delete").status, 404) << "already gone";
}

// The weekly digest, run directly (as `serve` and `latitudes jobs run` do) on its own database.
class Digest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        url_ = fresh_database_url("digest");
        auto seeded = run_latitudes({"seed", "--demo", "--database", url_});
        ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
        server_ = std::make_unique<ServerProcess>(url_);
        client_ = std::make_unique<HttpClient>(server_->port());
        db_ = std::make_unique<store::Database>(store::DatabaseUrl::parse(url_), 2);
        views_ = std::make_unique<render::Views>(render::load_catalogue());
    }
    static void TearDownTestSuite() {
        client_.reset();
        server_.reset();
        views_.reset();
        db_.reset();
    }
    static void exec(const std::string& sql) {
        store::Lease s(*db_);
        *s << sql;
    }
    static std::string text(const std::string& sql) {
        store::Lease s(*db_);
        std::string value;
        store::Query(sql).for_each(*s, [&](const soci::row& r) { value = store::column_text(r, 0); });
        return value;
    }
    static void add_project(const std::string& slug, const std::string& format, const std::string& status,
                            const std::string& published_at) {
        const std::string level = format == "research_topic"    ? "researcher"
                                  : format == "venture_support" ? "entrepreneur"
                                                                : "collaborator";
        exec("INSERT INTO projects (slug, title, summary, beneficiary_id, level, format, status, search_text, published_at) "
             "SELECT '" +
             slug + "', 'Projet " + slug + "', 'Résumé de " + slug + "', id, '" + level + "', '" + format + "', '" + status +
             "', ' " + slug + "', '" + published_at + "' FROM organisations WHERE slug = 'animafac'");
    }
    static jobs::JobReport run(store::Clock::time_point now) {
        jobs::JobSettings settings;
        settings.public_url = "https://latitudes.example";
        jobs::JobReport report;
        jobs::send_digests(*db_, *views_, settings, now, report);
        return report;
    }

    static inline std::string url_;
    static inline std::unique_ptr<ServerProcess> server_;
    static inline std::unique_ptr<HttpClient> client_;
    static inline std::unique_ptr<store::Database> db_;
    static inline std::unique_ptr<render::Views> views_;
};

TEST_F(Digest, NewMatchingProjectsAreMailedOnceAWeek) {
    const auto now = std::chrono::system_clock::now();
    const auto at = [&](int days) { return store::iso_utc(now + std::chrono::hours(24 * days)); };
    const std::string pid = std::to_string(::getpid());
    const std::string email = "digest." + pid + "@latitudes.example";
    const std::string english_email = "digest-en." + pid + "@latitudes.example";
    create_account(url_, email, "student", "Dana Digest");
    create_account(url_, english_email, "professional", "Eli English");
    const HttpClient& http = *client_;
    Browser fr = log_in(http, email), en = log_in(http, english_email);
    ASSERT_EQ(fr.post(http, "/searches", "name=" + url_encode("Stages à suivre") + "&query=format%3Dinternship").status, 303);
    ASSERT_EQ(en.post(http, "/searches?lang=en", "name=Mentoring&query=format%3Dmentoring").status, 303);

    // Nothing is due the week a search is saved.
    EXPECT_EQ(run(now).digests, 0);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM mail_outbox WHERE template = 'digest'"), 0);

    // A week later: the demo's projects are older than the searches; new ones arrive.
    exec("UPDATE saved_searches SET last_sent_at = '" + at(-8) + "'");
    exec("UPDATE projects SET published_at = '2020-01-01' WHERE published_at > '" + at(-8) + "'");
    add_project("stage-neuf-" + pid, "internship", "published", at(-1));    // new and matching
    add_project("stage-ancien-" + pid, "internship", "published", at(-9));  // before the last digest
    add_project("stage-brouillon-" + pid, "internship", "draft", at(-1));   // not public
    add_project("stage-livre-" + pid, "internship", "delivered", at(-1));   // not an open opportunity
    add_project("mentorat-neuf-" + pid, "mentoring", "published", at(-2));  // matches the English search

    const auto report = run(now);
    EXPECT_EQ(report.digests, 2);
    ASSERT_EQ(scalar(url_, "SELECT COUNT(*) FROM mail_outbox WHERE template = 'digest' AND to_address = '" + email + "'"), 1);
    const std::string body = text("SELECT body_text FROM mail_outbox WHERE to_address = '" + email + "'");
    EXPECT_NE(body.find("https://latitudes.example/projects/stage-neuf-" + pid), std::string::npos) << body;
    for (const std::string& absent : {"stage-ancien-", "stage-brouillon-", "stage-livre-", "mentorat-neuf-"})
        EXPECT_EQ(body.find(absent + pid), std::string::npos) << absent << "\n" << body;
    EXPECT_NE(body.find("Stages à suivre"), std::string::npos);
    EXPECT_NE(body.find("https://latitudes.example/projects?format=internship"), std::string::npos);
    EXPECT_NE(body.find("https://latitudes.example/me/searches"), std::string::npos);
    EXPECT_EQ(last_mailed_link(url_, email, "/projects/stage-neuf"), "/projects/stage-neuf-" + pid);
    EXPECT_EQ(text("SELECT subject FROM mail_outbox WHERE to_address = '" + email + "'"),
              "Nouveaux projets pour votre recherche — Stages à suivre");
    EXPECT_EQ(text("SELECT lang FROM mail_outbox WHERE to_address = '" + email + "'"), "fr");
    EXPECT_NE(text("SELECT body_html FROM mail_outbox WHERE to_address = '" + email + "'")
                  .find("href=\"https://latitudes.example/projects/stage-neuf-" + pid + "\""),
              std::string::npos);
    EXPECT_EQ(text("SELECT subject FROM mail_outbox WHERE to_address = '" + english_email + "'"),
              "New projects for your search — Mentoring");
    EXPECT_NE(text("SELECT body_text FROM mail_outbox WHERE to_address = '" + english_email + "'")
                  .find("/projects/mentorat-neuf-" + pid),
              std::string::npos);
    EXPECT_EQ(text("SELECT MIN(last_sent_at) FROM saved_searches"), store::iso_utc(now));

    // Running again sends nothing more: every search was marked with its mail.
    EXPECT_EQ(run(now).digests, 0);
    EXPECT_EQ(run(now + std::chrono::hours(24 * 3)).digests, 0);
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM mail_outbox WHERE template = 'digest'"), 2);

    // The next week, nothing new: no mail, but the week is counted as sent.
    const auto next_week = now + std::chrono::hours(24 * 7 + 1);
    EXPECT_EQ(run(next_week).digests, 0);
    EXPECT_EQ(text("SELECT MIN(last_sent_at) FROM saved_searches"), store::iso_utc(next_week));
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM mail_outbox WHERE template = 'digest'"), 2);
}

TEST_F(Digest, ErasingOnesAccountErasesOnesSavedSearches) {
    const std::string email = "erased-searcher." + std::to_string(::getpid()) + "@latitudes.example";
    const long long person = create_account(url_, email, "student", "Erin Erased");
    Browser browser = log_in(*client_, email);
    ASSERT_EQ(browser.post(*client_, "/searches", "name=Eau&query=sdg%3D6").status, 303);
    ASSERT_EQ(scalar(url_, "SELECT COUNT(*) FROM saved_searches WHERE person_id = " + std::to_string(person)), 1);
    auto erased = browser.post(*client_, "/me/delete", "current_password=" + url_encode(test_password));
    ASSERT_LT(erased.status, 400);
    ASSERT_EQ(scalar(url_, "SELECT COUNT(*) FROM accounts WHERE person_id = " + std::to_string(person)), 0)
        << "the account is gone";
    EXPECT_EQ(scalar(url_, "SELECT COUNT(*) FROM saved_searches WHERE person_id = " + std::to_string(person)), 0);
}
