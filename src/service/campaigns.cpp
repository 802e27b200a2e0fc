#include "service/campaigns.hpp"

#include "alloc/engine.hpp"
#include "alloc/json_io.hpp"
#include "domain/credentials.hpp"
#include "domain/spreadsheet.hpp"
#include "store/activity.hpp"
#include "store/cohorts.hpp"
#include "store/milestones.hpp"
#include "store/needs.hpp"
#include "store/schools.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <random>
#include <set>

namespace latitudes::service {

using nlohmann::json;

namespace {

// Engine ids: people and projects are told apart by a letter, so that no id is ever reused.
std::string student_key(long long person) { return "u" + std::to_string(person); }
std::string project_key(long long project) { return "p" + std::to_string(project); }
std::string supervisor_key(long long person) { return "s" + std::to_string(person); }
long long id_of(const std::string& key) { return std::stoll(key.substr(1)); }

std::optional<int> whole(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return std::stoi(text);  // checked by domain::check_campaign
}

}  // namespace

domain::CampaignState state_of(const store::CampaignRecord& c, Clock::time_point now) {
    return domain::campaign_state(store::iso_utc(now), c.opens_at, c.closes_at, c.published_run_id != 0);
}

CampaignOutcome create_campaign(const Context& context, long long school_id, long long created_by,
                                const domain::CampaignInput& input) {
    CampaignOutcome outcome;
    outcome.problems = domain::check_campaign(input);
    store::CampaignRepository campaigns(context.session);
    store::CohortRepository cohorts(context.session);
    store::AccountRepository accounts(context.session);
    store::NewCampaign campaign;
    campaign.school_id = school_id;
    campaign.title = input.title;
    campaign.opens_at = domain::parse_instant(input.opens_at).value_or("");
    campaign.closes_at = domain::parse_instant(input.closes_at).value_or("");
    for (long long id : input.cohort_ids) {
        const auto cohort = cohorts.find(id);
        // Every cohort must be the school's, and all of one semester: the campaign's.
        if (!cohort || cohort->school_id != school_id || (campaign.semester_id && cohort->semester_id != campaign.semester_id)) {
            outcome.problems.emplace_back("cohort");
            break;
        }
        campaign.semester_id = cohort->semester_id;
        campaign.cohort_ids.push_back(id);
    }
    for (const auto& p : input.projects) {
        auto offered = campaigns.student_project(p.slug);
        if (!offered) {
            outcome.problems.push_back("project:" + p.slug);
            continue;
        }
        if (const auto min = whole(p.team_min)) offered->team_min = *min;
        if (const auto max = whole(p.team_max)) offered->team_max = *max;
        if (offered->team_max < offered->team_min) outcome.problems.push_back("team_size:" + p.slug);
        if (!p.supervisor_email.empty()) {
            const auto supervisor = accounts.find_by_email(domain::normalise_email(p.supervisor_email));
            if (!supervisor) outcome.problems.push_back("supervisor:" + p.slug);
            else offered->supervisor_id = supervisor->person_id;
        }
        if (const auto limit = whole(p.supervisor_limit)) offered->supervisor_limit = *limit;
        campaign.projects.push_back(*offered);
    }
    if (!outcome.problems.empty()) {
        outcome.kind = CampaignOutcome::Kind::invalid;
        return outcome;
    }
    campaign.choices = std::stoi(input.choices);
    campaign.min_choices = std::stoi(input.min_choices);
    store::WriteTransaction tx(context.session);
    outcome.campaign_id = campaigns.create(campaign, created_by, context.now);
    tx.commit();
    return outcome;
}

RankingOutcome save_ranking(const Context& context, long long campaign_id, long long person_id,
                            const std::vector<std::string>& slugs) {
    RankingOutcome outcome;
    store::CampaignRepository campaigns(context.session);
    const auto campaign = campaigns.find(campaign_id);
    if (!campaign || !campaigns.is_student(campaign_id, person_id)) return {RankingOutcome::Kind::not_found, ""};
    std::map<std::string, long long> offered;
    std::set<std::string> slugs_offered;
    for (const auto& p : campaigns.projects(campaign_id)) {
        offered[p.slug] = p.project_id;
        slugs_offered.insert(p.slug);
    }
    const auto refusal = domain::check_ranking(slugs, slugs_offered, campaign->min_choices, campaign->choices,
                                               state_of(*campaign, context.now));
    if (!refusal.empty()) return {RankingOutcome::Kind::refused, std::string(refusal)};
    std::vector<long long> ids;
    for (const auto& slug : slugs) ids.push_back(offered.at(slug));
    store::WriteTransaction tx(context.session);
    campaigns.save_ranking(campaign_id, person_id, ids, context.now);
    tx.commit();
    return outcome;
}

PreAllocationOutcome pre_allocate(const Context& context, long long campaign_id, long long person_id,
                                  const std::string& project_slug, const std::string& reason, long long actor_id) {
    using Kind = PreAllocationOutcome::Kind;
    store::CampaignRepository campaigns(context.session);
    const auto campaign = campaigns.find(campaign_id);
    if (!campaign) return {Kind::not_found};
    if (campaign->published_run_id) return {Kind::published};
    if (!campaigns.is_student(campaign_id, person_id)) return {Kind::not_a_student};
    long long project = 0;
    for (const auto& p : campaigns.projects(campaign_id))
        if (p.slug == project_slug) project = p.project_id;
    if (!project) return {Kind::unknown_project};
    if (check_text(reason, true, domain::max_allocation_reason) != TextProblem::none) return {Kind::invalid_reason};
    store::WriteTransaction tx(context.session);
    campaigns.set_pre_allocation(campaign_id, {person_id, project, reason}, actor_id, context.now);
    store::write_audit(context.session, actor_id, "pre_allocate", "campaign", campaign_id,
                       json{{"person", person_id}, {"project", project_slug}, {"reason", reason}}.dump(), context.now);
    tx.commit();
    return {Kind::fixed};
}

RunOutcome run_allocation(const Context& context, const RunInput& input) {
    RunOutcome outcome;
    const auto algorithm = alloc::parse_algorithm(input.algorithm);
    if (!algorithm) return {RunOutcome::Kind::bad_algorithm, 0};
    store::CampaignRepository campaigns(context.session);
    const auto campaign = campaigns.find(input.campaign_id);
    if (!campaign) return {RunOutcome::Kind::not_found, 0};
    if (state_of(*campaign, context.now) != domain::CampaignState::closed) return {RunOutcome::Kind::not_closed, 0};

    const auto offered = campaigns.projects(input.campaign_id);
    const auto rankings = campaigns.rankings(input.campaign_id);
    std::map<long long, long long> fixed;  // person -> project
    for (const auto& pre : campaigns.pre_allocations(input.campaign_id)) fixed[pre.person_id] = pre.project_id;

    // Skills: what each project requires and what each student declared, so that the run reports
    // the teams missing a required skill.
    const auto skills = store::SchoolRepository(context.session).campaign_skills(input.campaign_id);
    auto skill_levels = [](const std::map<long long, std::vector<std::pair<std::string, int>>>& of, long long id) {
        std::vector<alloc::SkillLevel> levels;
        if (const auto it = of.find(id); it != of.end())
            for (const auto& [slug, level] : it->second) levels.push_back({slug, level});
        return levels;
    };
    alloc::Campaign engine;
    engine.options.respect_min_size = input.respect_min_size;
    engine.options.seed = input.seed ? *input.seed : std::random_device{}() * 4294967296ULL + std::random_device{}();
    std::map<long long, int> fixed_per_project, fixed_per_supervisor;
    for (const auto& [person, project] : fixed) ++fixed_per_project[project];
    std::map<long long, int> supervisor_limit;
    for (const auto& p : offered) {
        alloc::ProjectInput project;
        project.id = project_key(p.project_id);
        project.required_skills = skill_levels(skills.projects, p.project_id);
        // Pre-allocated students hold their places before the engine shares the others.
        const int taken = fixed_per_project.count(p.project_id) ? fixed_per_project[p.project_id] : 0;
        project.capacity = std::max(0, p.team_max - taken);
        project.min_size = std::min(project.capacity, std::max(0, p.team_min - taken));
        if (p.supervisor_id) {
            project.supervisor = supervisor_key(p.supervisor_id);
            fixed_per_supervisor[p.supervisor_id] += taken;
            if (p.supervisor_limit) supervisor_limit[p.supervisor_id] = p.supervisor_limit;
            else supervisor_limit.emplace(p.supervisor_id, 0);
        }
        engine.projects.push_back(std::move(project));
    }
    for (const auto& [supervisor, limit] : supervisor_limit) {
        alloc::SupervisorInput s;
        s.id = supervisor_key(supervisor);
        if (limit) s.capacity = std::max(0, limit - fixed_per_supervisor[supervisor]);
        engine.supervisors.push_back(std::move(s));
    }
    const auto students = campaigns.students(input.campaign_id);
    std::vector<store::RunAssignment> assignments;
    int did_not_rank = 0;
    for (const auto& student : students) {
        const auto it = rankings.find(student.person_id);
        if (fixed.count(student.person_id)) {
            int rank = 0;
            if (it != rankings.end())
                for (std::size_t i = 0; i < it->second.size(); ++i)
                    if (it->second[i] == fixed[student.person_id]) rank = static_cast<int>(i) + 1;
            assignments.push_back({student.person_id, fixed[student.person_id], rank, false});
            continue;
        }
        if (it == rankings.end() || it->second.empty()) {
            assignments.push_back({student.person_id, 0, 0, false});
            ++did_not_rank;
            continue;
        }
        alloc::StudentInput s;
        s.id = student_key(student.person_id);
        s.skills = skill_levels(skills.students, student.person_id);
        for (long long project : it->second) s.choices.push_back(project_key(project));
        engine.students.push_back(std::move(s));
    }
    if (engine.students.empty() && assignments.empty()) return {RunOutcome::Kind::nobody, 0};
    // The engine runs before the write transaction: nothing waits on the writer lock meanwhile.
    const auto result = alloc::allocate(engine, *algorithm);
    for (const auto& a : result.assignments) assignments.push_back({id_of(a.student), id_of(a.project), a.rank, false});
    for (const auto& u : result.unassigned) assignments.push_back({id_of(u), 0, 0, false});
    json histogram = json::array();
    for (int n : result.stats.rank_histogram) histogram.push_back(n);
    json closed = json::array();
    for (const auto& p : result.closed_projects) closed.push_back(id_of(p));
    const json stats{{"students", static_cast<int>(students.size())},
                     {"ranked", static_cast<int>(engine.students.size())},
                     {"did_not_rank", did_not_rank},
                     {"pre_allocated", static_cast<int>(fixed.size())},
                     {"assigned", result.stats.assigned + static_cast<int>(fixed.size())},
                     {"could_not_be_placed", static_cast<int>(result.unassigned.size())},
                     {"rank_histogram", histogram},
                     {"mean_rank", result.stats.mean_rank},
                     {"blocking_pairs", result.stats.blocking_pairs},
                     {"closed_projects", closed},
                     {"teams_missing_skills", result.stats.teams_missing_skills},
                     {"elapsed_ms", result.stats.elapsed_ms}};
    store::RunRecord run;
    run.campaign_id = input.campaign_id;
    run.algorithm = alloc::to_string(*algorithm);
    run.respect_min_size = input.respect_min_size;
    run.seed = std::to_string(result.seed);
    run.input = alloc::campaign_to_json(engine).dump();
    run.result = alloc::result_to_json_text(result);
    run.stats = stats.dump();
    store::WriteTransaction tx(context.session);
    outcome.run_id = campaigns.store_run(run, assignments, input.actor_id, context.now);
    tx.commit();
    return outcome;
}

namespace {

// The engine's view of a stored run, with the assignments as they stand now (moves included).
struct Replayed {
    alloc::Campaign campaign;
    alloc::Instance instance;
    alloc::Solution solution;
};

Replayed replay(const store::RunRecord& run) {
    Replayed r;
    r.campaign = alloc::parse_campaign(run.input);
    r.campaign.options.seed = std::stoull(run.seed);
    r.instance = alloc::compile(r.campaign);
    r.solution = alloc::solve(r.instance, *alloc::parse_algorithm(run.algorithm), run.respect_min_size);
    return r;
}

}  // namespace

RunMoveOutcome move_student(const Context& context, long long run_id, long long person_id, long long project_id,
                            long long actor_id) {
    RunMoveOutcome outcome;
    store::CampaignRepository campaigns(context.session);
    const auto run = campaigns.run(run_id);
    if (!run) return {RunMoveOutcome::Kind::not_found, 0, 0};
    const auto campaign = campaigns.find(run->campaign_id);
    if (campaign->published_run_id) return {RunMoveOutcome::Kind::published, 0, 0};
    if (project_id) {
        bool offered = false;
        for (const auto& p : campaigns.projects(run->campaign_id)) offered = offered || p.project_id == project_id;
        if (!offered) return {RunMoveOutcome::Kind::unknown_project, 0, 0};
    }
    const auto assignments = campaigns.assignments(run_id);
    const auto current = std::find_if(assignments.begin(), assignments.end(),
                                      [&](const store::RunAssignment& a) { return a.person_id == person_id; });
    if (current == assignments.end()) return {RunMoveOutcome::Kind::not_found, 0, 0};
    // Blocking pairs of the allocation as it stands, and after the move (SPA stability, alloc/engine.hpp).
    auto r = replay(*run);
    const auto& in = r.instance;
    std::map<std::string, int> student_index;
    for (int s = 0; s < in.n; ++s) student_index[in.student_ids[static_cast<std::size_t>(s)]] = s;
    // The preference entry of (student, project): none when the project is not one of their choices.
    auto entry_of = [&](int s, long long project) {
        if (!project) return alloc::none;
        const auto key = project_key(project);
        for (int e = in.pref_off[static_cast<std::size_t>(s)]; e < in.pref_off[static_cast<std::size_t>(s) + 1]; ++e)
            if (in.project_ids[static_cast<std::size_t>(in.pref[static_cast<std::size_t>(e)])] == key) return e;
        return alloc::none;
    };
    for (const auto& a : assignments)
        if (const auto it = student_index.find(student_key(a.person_id)); it != student_index.end())
            r.solution.assigned[static_cast<std::size_t>(it->second)] = entry_of(it->second, a.project_id);
    outcome.blocking_before = alloc::count_blocking_pairs(in, r.solution);
    int rank = 0;
    if (const auto it = student_index.find(student_key(person_id)); it != student_index.end()) {
        const int entry = entry_of(it->second, project_id);
        r.solution.assigned[static_cast<std::size_t>(it->second)] = entry;
        if (entry != alloc::none) rank = in.rank_of(entry, it->second);
    }
    outcome.blocking_after = alloc::count_blocking_pairs(in, r.solution);
    store::WriteTransaction tx(context.session);
    campaigns.move(run_id, person_id, current->project_id, project_id, rank, outcome.blocking_before, outcome.blocking_after,
                   actor_id, context.now);
    tx.commit();
    return outcome;
}

PublishOutcome publish_run(const Context& context, long long run_id, long long actor_id) {
    PublishOutcome outcome;
    store::CampaignRepository campaigns(context.session);
    const auto run = campaigns.run(run_id);
    if (!run) return {PublishOutcome::Kind::not_found, 0, 0};
    const auto campaign = campaigns.find(run->campaign_id);
    if (campaign->published_run_id) return {PublishOutcome::Kind::already_published, 0, 0};
    if (state_of(*campaign, context.now) != domain::CampaignState::closed) return {PublishOutcome::Kind::not_closed, 0, 0};
    std::map<long long, store::CampaignStudent> people;
    for (const auto& s : campaigns.students(run->campaign_id)) people[s.person_id] = s;
    // A student who left the cohort since the run joins no team.
    std::map<long long, std::vector<long long>> teams;  // project -> students
    for (const auto& a : campaigns.assignments(run_id))
        if (a.project_id && people.count(a.person_id)) teams[a.project_id].push_back(a.person_id);
    std::map<long long, store::OfferedProject> offered;
    for (const auto& p : campaigns.projects(run->campaign_id)) offered[p.project_id] = p;

    store::WriteTransaction tx(context.session);
    if (!campaigns.mark_published(campaign->id, run_id, context.now)) return {PublishOutcome::Kind::already_published, 0, 0};
    store::NeedRepository needs(context.session);
    store::AccountRepository accounts(context.session);
    for (const auto& [project, members] : teams) {
        const auto& p = offered[project];
        const long long team = campaigns.form_team(project, campaign->school_id, campaign->semester_id, campaign->id, members);
        store::MilestoneRepository(context.session).form_milestones(team, context.now);  // from the staff's template
        store::record_activity(context.session, {team, 0, actor_id, "team_formed", p.title, "/teams/" + std::to_string(team)},
                               context.now);
        needs.move(project, domain::Status::published, domain::Status::in_progress, actor_id, "", context.now);
        std::string names;
        for (long long m : members) {
            const auto& student = people[m];
            names += (names.empty() ? "" : ", ") + student.display_name;
            context.notifier.tell(context.session, {student.email, student.display_name}, "team_formed",
                                  {{"project", p.title}, {"organisation", p.organisation}, {"campaign", campaign->title}},
                                  "/me/teams", context.now);
        }
        const json about{
            {"project", p.title}, {"campaign", campaign->title}, {"school", campaign->school_name}, {"members", names}};
        std::set<std::string> told;
        for (const auto& address : needs.member_emails(campaigns.beneficiary_of(project)))
            if (told.insert(address).second)
                context.notifier.tell(context.session, {address, ""}, "team_formed_owner", about, "/projects/" + p.slug,
                                      context.now);
        if (p.supervisor_id)
            if (const auto supervisor = accounts.find(p.supervisor_id); supervisor && told.insert(supervisor->email).second)
                context.notifier.tell(context.session, {supervisor->email, supervisor->display_name}, "team_formed_owner", about,
                                      "/projects/" + p.slug, context.now);
        ++outcome.teams;
        outcome.students += static_cast<int>(members.size());
    }
    tx.commit();
    return outcome;
}

std::vector<TeamExplanation> teams_of_student(soci::session& session, long long person_id) {
    std::vector<TeamExplanation> list;
    store::CampaignRepository campaigns(session);
    for (const auto& [campaign_id, project_id] : campaigns.campaign_teams_of(person_id)) {
        const auto campaign = campaigns.find(campaign_id);
        if (!campaign || !campaign->published_run_id) continue;
        const auto run = campaigns.run(campaign->published_run_id);
        std::map<long long, store::OfferedProject> offered;
        for (const auto& p : campaigns.projects(campaign_id)) offered[p.project_id] = p;
        TeamExplanation team;
        team.campaign = campaign->title;
        team.project_slug = offered[project_id].slug;
        team.project_title = offered[project_id].title;
        bool moved = false, fixed = false;
        for (const auto& a : campaigns.assignments(run->id))
            if (a.person_id == person_id) team.rank = a.rank, moved = a.moved;
        for (const auto& pre : campaigns.pre_allocations(campaign_id)) fixed = fixed || pre.person_id == person_id;
        // Where the engine put the student: its explanation holds only for that project.
        const auto r = replay(*run);
        const auto& in = r.instance;
        long long engine_project = 0;
        for (int k = 0; k < in.n; ++k)
            if (in.student_ids[static_cast<std::size_t>(k)] == student_key(person_id))
                if (const int e = r.solution.assigned[static_cast<std::size_t>(k)]; e != alloc::none)
                    engine_project = id_of(in.project_ids[static_cast<std::size_t>(in.pref[static_cast<std::size_t>(e)])]);
        if (engine_project == project_id && !fixed) {
            for (const auto& choice : alloc::explain(r.instance, r.solution, student_key(person_id)).better_choices)
                team.better_choices.emplace_back(offered[id_of(choice.project)].title, alloc::to_string(choice.reason));
        } else if (moved || fixed) {
            // Placed by hand (moved, or fixed before the run): the engine did not decide, so every
            // choice ranked higher says so.
            for (long long choice : campaigns.ranking(campaign_id, person_id)) {
                if (choice == project_id) break;
                team.better_choices.emplace_back(offered[choice].title, fixed ? "pre_allocated" : "placed_by_hand");
            }
        }
        list.push_back(std::move(team));
    }
    return list;
}

}  // namespace latitudes::service
