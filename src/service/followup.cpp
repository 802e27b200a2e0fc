#include "service/followup.hpp"

#include "domain/opportunity.hpp"
#include "domain/text.hpp"
#include "store/activity.hpp"
#include "store/milestones.hpp"
#include "store/team_updates.hpp"

#include <nlohmann/json.hpp>

namespace latitudes::service {

using nlohmann::json;
using Kind = FollowupOutcome::Kind;

namespace {

FollowupOutcome with(Kind kind, std::vector<domain::FieldProblem> problems = {}) {
    FollowupOutcome outcome;
    outcome.kind = kind;
    outcome.problems = std::move(problems);
    return outcome;
}

std::string team_path(const store::TeamRecord& team, const std::string& anchor) {
    return "/teams/" + std::to_string(team.id) + "#" + anchor;
}

// The owner must be someone of the workspace (a student, the supervisor, a teacher, a contact).
bool of_workspace(soci::session& session, const store::TeamRecord& team, long long person_id) {
    if (person_id == 0) return true;
    for (const auto& [person, standing] : store::TeamRepository(session).people(team))
        if (person.person_id == person_id) return true;
    return false;
}

void check_plan(std::vector<domain::FieldProblem>& problems, soci::session& session, const store::TeamRecord& team,
                std::string& due_on, long long owner_id) {
    due_on = domain::date_as_typed(due_on);
    if (domain::is_blank(due_on)) problems.push_back({"due_on", "missing"});
    else if (!domain::is_valid_date(due_on)) problems.push_back({"due_on", "invalid"});
    if (!of_workspace(session, team, owner_id)) problems.push_back({"owner", "invalid"});
}

}  // namespace

std::string current_week(Clock::time_point now) { return domain::week_of(store::iso_utc(now).substr(0, 10)); }

FollowupOutcome save_milestone_step(const Context& context, long long staff_id, long long step_id,
                                    const domain::MilestoneStepInput& input) {
    domain::MilestoneStep step;
    step.id = step_id;
    auto problems = domain::check_milestone_step(input, step);
    if (!problems.empty()) return with(Kind::invalid, std::move(problems));
    store::WriteTransaction tx(context.session);
    store::MilestoneRepository repository(context.session);
    if (step_id == 0) step.id = repository.add_step(step);
    else if (!repository.update_step(step)) return with(Kind::not_found);
    store::write_audit(context.session, staff_id, "staff_edit_milestone_template", "milestone_step", step.id,
                       json{{"title_fr", step.title_fr},
                            {"anchor", step.anchor},
                            {"offset_weeks", step.offset_weeks},
                            {"weekly", step.weekly},
                            {"new", step_id == 0}}
                           .dump(),
                       context.now);
    tx.commit();
    FollowupOutcome outcome;
    outcome.id = step.id;
    return outcome;
}

FollowupOutcome delete_milestone_step(const Context& context, long long staff_id, long long step_id) {
    store::WriteTransaction tx(context.session);
    store::MilestoneRepository repository(context.session);
    const auto step = repository.step(step_id);
    if (!step || !repository.delete_step(step_id)) return with(Kind::not_found);
    store::write_audit(context.session, staff_id, "staff_delete_milestone_step", "milestone_step", step_id,
                       json{{"title_fr", step->title_fr}}.dump(), context.now);
    tx.commit();
    FollowupOutcome outcome;
    outcome.id = step_id;
    return outcome;
}

FollowupOutcome plan_milestone(const Context& context, const TeamActor& actor, long long milestone_id, const std::string& due_on,
                               long long owner_id) {
    if (!domain::may(actor.standing, domain::TeamAction::plan_milestones)) return with(Kind::refused);
    store::MilestoneRepository repository(context.session);
    if (!repository.find(actor.team.id, milestone_id)) return with(Kind::not_found);
    std::vector<domain::FieldProblem> problems;
    std::string date = due_on;
    check_plan(problems, context.session, actor.team, date, owner_id);
    if (!problems.empty()) return with(Kind::invalid, std::move(problems));
    store::WriteTransaction tx(context.session);
    repository.plan(milestone_id, date, owner_id);
    tx.commit();
    FollowupOutcome outcome;
    outcome.id = milestone_id;
    return outcome;
}

FollowupOutcome add_milestone(const Context& context, const TeamActor& actor, const std::string& title, const std::string& due_on,
                              long long owner_id) {
    if (!domain::may(actor.standing, domain::TeamAction::plan_milestones)) return with(Kind::refused);
    std::vector<domain::FieldProblem> problems;
    if (!domain::is_valid_utf8(title)) problems.push_back({"title", "encoding"});
    else if (domain::is_blank(title)) problems.push_back({"title", "missing"});
    else if (domain::characters(title) > domain::max_milestone_title) problems.push_back({"title", "too_long"});
    std::string date = due_on;
    check_plan(problems, context.session, actor.team, date, owner_id);
    if (!problems.empty()) return with(Kind::invalid, std::move(problems));
    store::WriteTransaction tx(context.session);
    FollowupOutcome outcome;
    outcome.id =
        store::MilestoneRepository(context.session).add(actor.team.id, domain::trimmed(title), date, owner_id, context.now);
    tx.commit();
    return outcome;
}

FollowupOutcome set_milestone_state(const Context& context, const TeamActor& actor, long long milestone_id,
                                    const std::string& state) {
    if (!domain::may(actor.standing, domain::TeamAction::update_milestone)) return with(Kind::refused);
    store::MilestoneRepository repository(context.session);
    const auto milestone = repository.find(actor.team.id, milestone_id);
    if (!milestone) return with(Kind::not_found);
    if (!domain::is_milestone_state(state)) return with(Kind::invalid, {{"state", "invalid"}});
    store::WriteTransaction tx(context.session);
    repository.set_state(milestone_id, state, context.now);
    if (state == "done" && milestone->state != "done")
        store::record_activity(context.session,
                               {actor.team.id, 0, actor.person_id, "milestone_done", milestone->title_fr,
                                team_path(actor.team, "milestones")},
                               context.now);
    tx.commit();
    FollowupOutcome outcome;
    outcome.id = milestone_id;
    return outcome;
}

FollowupOutcome post_weekly_update(const Context& context, const TeamActor& actor, const domain::WeeklyUpdateInput& input) {
    if (!domain::may(actor.standing, domain::TeamAction::post_update)) return with(Kind::refused);
    const auto checked = domain::check_weekly_update(input);
    if (!checked.ok()) return with(Kind::invalid, checked.problems);
    const std::string week = current_week(context.now);
    store::WriteTransaction tx(context.session);
    FollowupOutcome outcome;
    outcome.id = store::TeamUpdateRepository(context.session)
                     .save(actor.team.id, actor.person_id, week, domain::trimmed(input.done), domain::trimmed(input.next),
                           domain::trimmed(input.blockers), checked.minutes, context.now);
    store::record_activity(context.session,
                           {actor.team.id, 0, actor.person_id, "update_posted", domain::hours_text(checked.minutes),
                            team_path(actor.team, "update-" + std::to_string(outcome.id))},
                           context.now);
    tx.commit();
    return outcome;
}

FollowupOutcome comment_update(const Context& context, const TeamActor& actor, long long update_id, const std::string& body) {
    if (!domain::may(actor.standing, domain::TeamAction::comment)) return with(Kind::refused);
    store::TeamUpdateRepository updates(context.session);
    if (!updates.belongs(actor.team.id, update_id)) return with(Kind::not_found);
    if (!domain::is_valid_utf8(body)) return with(Kind::invalid, {{"body", "encoding"}});
    if (domain::is_blank(body)) return with(Kind::invalid, {{"body", "missing"}});
    if (domain::characters(body) > max_comment) return with(Kind::invalid, {{"body", "too_long"}});
    store::WriteTransaction tx(context.session);
    FollowupOutcome outcome;
    outcome.id = updates.add_comment(update_id, actor.person_id, domain::trimmed(body), context.now);
    std::string excerpt = domain::trimmed(body);
    if (excerpt.size() > 80) {
        std::size_t cut = 80;  // on a character's first byte, not inside one
        while (cut > 0 && (static_cast<unsigned char>(excerpt[cut]) & 0xC0) == 0x80) --cut;
        excerpt = excerpt.substr(0, cut) + "…";
    }
    store::record_activity(context.session,
                           {actor.team.id, 0, actor.person_id, "update_commented", excerpt,
                            team_path(actor.team, "update-" + std::to_string(update_id))},
                           context.now);
    tx.commit();
    return outcome;
}

}  // namespace latitudes::service
