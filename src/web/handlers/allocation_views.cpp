#include "web/handlers/allocation_views.hpp"

#include "domain/text.hpp"
#include "store/schools.hpp"
#include "web/handlers/school_views.hpp"
#include "web/page.hpp"

#include <algorithm>
#include <iomanip>
#include <numeric>
#include <sstream>

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

constexpr std::size_t per_page = 25;

// What the page needs of a campaign to describe any run: its projects and students' choices.
struct CampaignFacts {
    std::vector<store::OfferedProject> projects;
    std::map<long long, const store::OfferedProject*> by_id;
    std::vector<store::CampaignStudent> students;
    std::map<long long, std::vector<long long>> rankings;
    std::map<long long, store::PreAllocation> fixed;
};

CampaignFacts facts_of(soci::session& session, long long campaign_id) {
    store::CampaignRepository campaigns(session);
    CampaignFacts f;
    f.projects = campaigns.projects(campaign_id);
    for (const auto& p : f.projects) f.by_id[p.project_id] = &p;
    f.students = campaigns.students(campaign_id);
    f.rankings = campaigns.rankings(campaign_id);
    for (const auto& p : campaigns.pre_allocations(campaign_id)) f.fixed[p.person_id] = p;
    return f;
}

std::string decimal(double value) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << value;
    return out.str();
}

// Why a student has what they have in a run, as a message key.
std::string situation(const CampaignFacts& f, const store::RunAssignment& a) {
    if (f.fixed.count(a.person_id)) return "allocation.situation.pre_allocated";
    if (a.project_id) return a.moved ? "allocation.situation.moved" : "allocation.situation.placed";
    const auto it = f.rankings.find(a.person_id);
    return it == f.rankings.end() || it->second.empty() ? "allocation.situation.did_not_rank"
                                                        : "allocation.situation.could_not_be_placed";
}

json row_of(const Site& site, domain::Lang lang, const CampaignFacts& f, const store::CampaignStudent& student,
            const store::RunAssignment& a, long long run_id, bool editable) {
    json options = json::array();
    options.push_back({{"slug", ""}, {"title", message(site, lang, "allocation.unassigned")}, {"selected", a.project_id == 0}});
    for (const auto& p : f.projects)
        options.push_back({{"slug", p.slug}, {"title", p.title}, {"selected", p.project_id == a.project_id}});
    const auto project = f.by_id.find(a.project_id);
    return {{"person", student.person_id},
            {"name", student.display_name},
            {"email", student.email},
            {"project", project == f.by_id.end() ? "" : project->second->title},
            // null, not "": an empty string is a true section for the template engine.
            {"rank", a.rank ? json(message(site, lang, "teams.rank", {{"n", std::to_string(a.rank)}})) : json(nullptr)},
            {"situation", message(site, lang, situation(f, a))},
            {"moved", a.moved},
            {"run", run_id},
            {"editable", editable},
            {"options", options}};
}

// Figures of a run as it stands now (moves included), next to those the engine reported.
json column_of(const Site& site, domain::Lang lang, soci::session& session, const CampaignFacts& f, const store::RunRecord& run,
               const std::vector<store::RunAssignment>& assignments, bool can_publish, long long published_run) {
    const json stats = json::parse(run.stats, nullptr, false);
    std::vector<int> histogram;
    int placed = 0, did_not_rank = 0, not_placed = 0;
    long long rank_sum = 0;
    for (const auto& a : assignments) {
        if (a.project_id) {
            ++placed;
            if (a.rank > 0) {
                if (histogram.size() < static_cast<std::size_t>(a.rank)) histogram.resize(static_cast<std::size_t>(a.rank));
                ++histogram[static_cast<std::size_t>(a.rank) - 1];
                rank_sum += a.rank;
            }
        } else if (situation(f, a) == "allocation.situation.did_not_rank") {
            ++did_not_rank;
        } else {
            ++not_placed;
        }
    }
    const int ranked_placed = std::accumulate(histogram.begin(), histogram.end(), 0);
    json choices = json::array();
    for (std::size_t i = 0; i < histogram.size(); ++i)
        choices.push_back(message(site, lang, "allocation.got_choice",
                                  {{"n", std::to_string(i + 1)}, {"count", std::to_string(histogram[i])}}));
    json closed = json::array();
    if (stats.is_object() && stats.contains("closed_projects"))
        for (const auto& id : stats["closed_projects"])
            if (const auto p = f.by_id.find(id.get<long long>()); p != f.by_id.end()) closed.push_back(p->second->title);
    const auto moves = store::SchoolRepository(session).moves(run.id);
    const int blocking = moves.blocking_pairs ? *moves.blocking_pairs : stats.value("blocking_pairs", 0);
    return {{"id", run.id},
            {"algorithm", message(site, lang, "allocation.algorithm." + run.algorithm)},
            {"respect_min_size", run.respect_min_size},
            {"seed", run.seed},
            {"created", format_instant(run.created_at, lang)},
            {"placed", placed},
            {"choices", choices},
            {"mean_rank", ranked_placed ? decimal(static_cast<double>(rank_sum) / ranked_placed) : "—"},
            {"did_not_rank", did_not_rank},
            {"could_not_be_placed", not_placed},
            {"closed", closed},
            {"has_closed", !closed.empty()},
            {"missing_skills", stats.value("teams_missing_skills", 0)},
            {"blocking_pairs", blocking},
            {"moves", moves.count},
            {"published", run.id == published_run},
            {"can_publish", can_publish}};
}

}  // namespace

Response render_allocation(Site& site, const Request& request, soci::session& session, const store::CampaignRecord& campaign,
                           const FormErrors& errors, int status, const json& pre_typed) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::CampaignRepository campaigns(session);
    const auto state = service::state_of(campaign, store::Clock::now());
    const auto runs = campaigns.runs(campaign.id);
    const auto f = facts_of(session, campaign.id);
    // The compared runs: ?a= and ?b=, else the latest of each algorithm.
    auto find_run = [&](long long id) -> const store::RunRecord* {
        for (const auto& r : runs)
            if (r.id == id) return &r;
        return nullptr;
    };
    auto latest = [&](const std::string& algorithm) -> const store::RunRecord* {
        const store::RunRecord* found = nullptr;
        for (const auto& r : runs)
            if (r.algorithm == algorithm) found = &r;
        return found;
    };
    const store::RunRecord* a = find_run(parse_id(request.param("a")).value_or(0));
    const store::RunRecord* b = find_run(parse_id(request.param("b")).value_or(0));
    if (!a && !b) {
        a = latest("stable");
        b = latest("welfare");
        if (!a) std::swap(a, b);
    }
    const store::RunRecord* listed = find_run(parse_id(request.param("run")).value_or(0));
    if (!listed) listed = campaign.published_run_id ? find_run(campaign.published_run_id) : a;
    const bool closed = state == domain::CampaignState::closed;
    json columns = json::array();
    for (const auto* run : {a, b})
        if (run)
            columns.push_back(column_of(site, lang, session, f, *run, campaigns.assignments(run->id), closed,
                                        campaign.published_run_id));
    json run_list = json::array();
    for (auto it = runs.rbegin(); it != runs.rend(); ++it)
        run_list.push_back({{"id", it->id},
                            {"algorithm", message(site, lang, "allocation.algorithm." + it->algorithm)},
                            {"respect_min_size", it->respect_min_size},
                            {"created", format_instant(it->created_at, lang)},
                            {"listed", listed && it->id == listed->id}});
    json data{{"id", campaign.id},
              {"campaign_id", campaign.id},
              {"title", campaign.title},
              {"school", campaign.school_name},
              {"school_slug", campaign.school_slug},
              {"state", message(site, lang, "campaign.state." + std::string(domain::to_string(state)))},
              {"state_code", domain::to_string(state)},
              {"opens", format_instant(campaign.opens_at, lang)},
              {"closes", format_instant(campaign.closes_at, lang)},
              {"students", f.students.size()},
              {"ranked", campaigns.ranked_count(campaign.id)},
              {"can_run", closed},
              {"not_closed", state == domain::CampaignState::scheduled || state == domain::CampaignState::open},
              {"published", campaign.published_run_id != 0},
              {"columns", columns},
              {"has_columns", !columns.empty()},
              {"runs", run_list},
              {"has_runs", !run_list.empty()},
              {"form_errors", errors.view()},
              {"pre", pre_typed}};
    // The students of the listed run: search by name or e-mail, a filter, 25 per page.
    if (listed) {
        const std::string q = domain::search_index(request.param("q"));
        const std::string filter = request.param("filter");
        std::map<long long, store::RunAssignment> given;
        for (const auto& asg : campaigns.assignments(listed->id)) given[asg.person_id] = asg;
        const bool editable = closed && !campaign.published_run_id;
        std::size_t skipped = 0, total = 0;
        const std::size_t page = static_cast<std::size_t>(std::max(1LL, parse_id(request.param("page"), 6).value_or(1)));
        std::vector<json> rows;
        for (const auto& s : f.students) {
            const auto it = given.find(s.person_id);
            const store::RunAssignment asg = it == given.end() ? store::RunAssignment{s.person_id, 0, 0, false} : it->second;
            if (!q.empty() && domain::search_index(s.display_name + " " + s.email).find(q) == std::string::npos) continue;
            if (filter == "unassigned" && asg.project_id) continue;
            if (filter == "moved" && !asg.moved) continue;
            ++total;
            if (total <= (page - 1) * per_page) {
                ++skipped;
                continue;
            }
            if (rows.size() < per_page) rows.push_back(row_of(site, lang, f, s, asg, listed->id, editable));
        }
        const std::string base = "/campaigns/" + std::to_string(campaign.id) + "/allocation?run=" + std::to_string(listed->id) +
                                 "&q=" + url_encode(request.param("q")) + "&filter=" + url_encode(filter) + "&page=";
        data.update({{"listed", listed->id},
                     {"rows", rows},
                     {"q", request.param("q")},
                     {"filter_unassigned", filter == "unassigned"},
                     {"filter_moved", filter == "moved"},
                     {"page", page},
                     {"matching", message(site, lang, "allocation.matching",
                                          {{"n", std::to_string(total)},
                                           {"from", std::to_string(total ? skipped + 1 : 0)},
                                           {"to", std::to_string(skipped + rows.size())}})},
                     {"prev_href", page > 1 ? json(base + std::to_string(page - 1)) : json(nullptr)},
                     {"next_href", skipped + rows.size() < total ? json(base + std::to_string(page + 1)) : json(nullptr)}});
    }
    json fixed = json::array();
    std::map<long long, const store::CampaignStudent*> student_by_id;
    for (const auto& s : f.students) student_by_id[s.person_id] = &s;
    for (const auto& [person, p] : f.fixed) {
        const auto project = f.by_id.find(p.project_id);
        fixed.push_back({{"email", student_by_id.count(person) ? student_by_id[person]->email : ""},
                         {"project", project == f.by_id.end() ? "" : project->second->title},
                         {"reason", p.reason}});
    }
    json projects = json::array();
    for (const auto& p : f.projects)
        projects.push_back({{"slug", p.slug}, {"title", p.title}, {"pre_selected", pre_typed.value("project", "") == p.slug}});
    data.update({{"fixed", fixed},
                 {"has_fixed", !fixed.empty()},
                 {"can_pre_allocate", !campaign.published_run_id},
                 {"projects", projects}});
    const std::string done = request.param("done");
    if (done == "ran" || done == "pre_allocated" || done == "moved")
        data["notice"] = message(site, lang, "allocation.done." + done);
    if (done == "moved_warning")
        data["warning"] = message(site, lang, "allocation.done.moved_warning",
                                  {{"before", std::to_string(parse_id(request.param("before"), 6).value_or(0))},
                                   {"after", std::to_string(parse_id(request.param("after"), 6).value_or(0))}});
    if (done == "published")
        data["notice"] = message(site, lang, "allocation.done.published",
                                 {{"teams", std::to_string(parse_id(request.param("teams"), 6).value_or(0))},
                                  {"students", std::to_string(parse_id(request.param("students"), 6).value_or(0))}});
    return render_private_page(site, request, context, message(site, lang, "allocation.title") + " — " + campaign.title,
                               "allocation", std::move(data), status, "me");
}

Response render_allocation_row(Site& site, const Request& request, soci::session& session, const store::CampaignRecord& campaign,
                               const store::RunRecord& run, long long person_id, bool warning,
                               const service::RunMoveOutcome& moved) {
    const auto lang = page_context(request).lang;
    const auto f = facts_of(session, campaign.id);
    store::RunAssignment asg{person_id, 0, 0, false};
    for (const auto& a : store::CampaignRepository(session).assignments(run.id))
        if (a.person_id == person_id) asg = a;
    json row;
    for (const auto& s : f.students)
        if (s.person_id == person_id) row = row_of(site, lang, f, s, asg, run.id, true);
    row["csrf"] = request.visitor.csrf_token;
    row["id"] = campaign.id;
    row["q"] = request.form_value("q");
    row["page"] = request.form_value("page");
    row["row_notice"] = message(site, lang, warning ? "allocation.done.moved_warning" : "allocation.done.moved",
                                {{"before", std::to_string(moved.blocking_before)},
                                 {"after", std::to_string(moved.blocking_after)}});
    row["row_warning"] = warning;
    Response response;
    response.body = site.views->render(lang, "allocation_row", row);
    response.header("Cache-Control", "private, no-store");
    response.header("Vary", "HX-Request");
    return response;
}

}  // namespace latitudes::web::handlers
