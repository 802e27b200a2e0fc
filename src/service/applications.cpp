#include "service/applications.hpp"

#include "domain/text.hpp"
#include "store/activity.hpp"
#include "store/milestones.hpp"
#include "store/profiles.hpp"
#include "store/teams.hpp"

namespace latitudes::service {

using domain::ApplicationStatus;
using nlohmann::json;

bool& Shares::operator[](std::string_view part) {
    return part == "skills" ? skills : part == "causes" ? causes : part == "availability" ? availability : school;
}

json profile_snapshot(soci::session& session, const std::vector<store::Skill>& skills, long long person_id, Shares shares) {
    store::ProfileRepository profiles(session);
    const auto profile = profiles.find(person_id);
    json out = json::object();
    if (shares.skills && !profile.skills.empty()) {
        json chosen_skills = json::array();
        for (const auto& chosen : profile.skills)
            for (const auto& skill : skills)
                if (skill.id == chosen.skill_id) chosen_skills.push_back({{"skill", skill.slug}, {"level", chosen.level}});
        out["skills"] = chosen_skills;
    }
    if (shares.causes && !profile.sdgs.empty()) out["causes"] = profile.sdgs;
    if (shares.availability && (!profile.availability.empty() || profile.hours_per_week > 0))
        out["availability"] = {{"text", profile.availability},
                               {"hours_per_week", profile.hours_per_week > 0 ? json(profile.hours_per_week) : json(nullptr)}};
    if (shares.school) {
        if (profile.school_id != 0)
            for (const auto& school : profiles.schools())
                if (school.id == profile.school_id)
                    out["school"] = {{"name", school.name},
                                     {"study_year", profile.study_year > 0 ? json(profile.study_year) : json(nullptr)}};
        if (!profile.employer.empty()) out["employer"] = profile.employer;
    }
    return out;
}

OpportunityState opportunity_state(soci::session& session, const store::OpportunityTarget& target, long long person_id,
                                   Clock::time_point now) {
    store::ApplicationRepository repo(session);
    auto read = repo.apply_state(target, person_id, now);
    OpportunityState state;
    state.format = read.context.format;
    state.details = std::move(read.details);
    state.accepted = read.context.accepted;
    state.earlier = std::move(read.earlier);
    state.refusal = std::string(domain::can_apply(read.context));
    return state;
}

bool is_public_status(const std::string& status) {
    const auto parsed = domain::parse_status(status);
    return parsed && domain::is_public(*parsed);
}

namespace {

void tell_organisation(const Context& context, store::ApplicationRepository& repo, const store::OpportunityTarget& target,
                       std::string_view template_name, const json& data) {
    for (const auto& member : repo.organisation_recipients(target.organisation_id, false))
        context.notifier.tell(context.session, member, template_name, data, "/projects/" + target.slug + "/applications",
                              context.now);
}

}  // namespace

ApplyOutcome apply(const Context& context, const ApplyInput& input) {
    ApplyOutcome outcome;
    store::ApplicationRepository repo(context.session);
    outcome.target = repo.target(input.slug);
    if (!outcome.target || !is_public_status(outcome.target->status)) {
        outcome.target.reset();
        return outcome;  // not_found
    }
    // One who may not apply is told why, whatever the message says (the write checks again).
    if (const auto state = opportunity_state(context.session, *outcome.target, input.person_id, context.now);
        !state.refusal.empty()) {
        outcome.kind = ApplyOutcome::Kind::refused;
        outcome.refusal = state.refusal;
        return outcome;
    }
    outcome.problem = check_text(input.message, true, domain::max_application_message);
    if (outcome.problem != TextProblem::none) {
        outcome.kind = ApplyOutcome::Kind::invalid;
        return outcome;
    }
    // Read before the writer lock: the profile as it is now.
    const std::string shared = profile_snapshot(context.session, context.skills, input.person_id, input.shares).dump();
    store::WriteTransaction tx(context.session);
    const auto recorded = repo.apply({outcome.target->id, input.person_id, input.message, shared}, context.now);
    if (!recorded.ok()) {
        // Refused (semester project, closed, full, already applied; or meanwhile): nothing written.
        outcome.kind = ApplyOutcome::Kind::refused;
        outcome.refusal = recorded.refusal;
        return outcome;
    }
    const auto& target = *outcome.target;
    store::record_activity(context.session,
                           {0, target.organisation_id, input.person_id, "application_received", target.title,
                            "/projects/" + target.slug + "/applications"},
                           context.now);
    tell_organisation(context, repo, target, "application_received",
                      {{"applicant", input.person_name},
                       {"project", target.title},
                       {"organisation", target.organisation_name},
                       {"message", input.message}});
    tx.commit();
    outcome.kind = ApplyOutcome::Kind::applied;
    outcome.application_id = recorded.id;
    return outcome;
}

DecideOutcome decide(const Context& context, const DecideInput& input) {
    DecideOutcome outcome;
    store::ApplicationRepository repo(context.session);
    const auto found = input.application_id == 0 ? std::nullopt : repo.find(input.application_id);
    const auto target = found ? repo.target(found->project_id) : std::nullopt;
    if (!target) return outcome;  // not_found
    const auto to = domain::parse_application_status(input.decision);
    if (!to ||
        (*to != ApplicationStatus::accepted && *to != ApplicationStatus::declined && *to != ApplicationStatus::call_requested)) {
        outcome.kind = DecideOutcome::Kind::bad_decision;
        return outcome;
    }
    // Declining and asking for a call need a word to the applicant; accepting may go without.
    outcome.problem = check_text(input.message, *to != ApplicationStatus::accepted, domain::max_application_message);
    if (outcome.problem != TextProblem::none) {
        outcome.kind = DecideOutcome::Kind::invalid;
        return outcome;
    }
    store::WriteTransaction tx(context.session);
    switch (repo.decide(input.application_id, *to, input.message, context.now)) {
        case store::DecideOutcome::done: break;
        case store::DecideOutcome::not_found: return outcome;
        case store::DecideOutcome::full: outcome.kind = DecideOutcome::Kind::full; return outcome;
        case store::DecideOutcome::not_allowed: outcome.kind = DecideOutcome::Kind::not_awaiting; return outcome;
    }
    // The accepted applicants of an opportunity are its team (a semester project's come from a
    // campaign): the workspace opens to them in the same transaction.
    if (*to == ApplicationStatus::accepted && target->format != domain::to_string(domain::Format::student_project)) {
        const long long team =
            store::TeamRepository(context.session).join_opportunity_team(target->id, found->person_id, context.now);
        store::MilestoneRepository(context.session).form_milestones(team, context.now);  // the first acceptance's only
        store::record_activity(context.session,
                               {team, 0, found->person_id, "team_joined", target->title, "/teams/" + std::to_string(team)},
                               context.now);
    }
    store::record_activity(context.session,
                           {0, target->organisation_id, input.actor_id, "application_" + std::string(domain::to_string(*to)),
                            target->title, "/projects/" + target->slug + "/applications"},
                           context.now);
    if (const auto applicant = repo.applicant(found->person_id))
        context.notifier.tell(context.session, *applicant, "application_decided",
                              {{"project", target->title},
                               {"organisation", target->organisation_name},
                               {"accepted", *to == ApplicationStatus::accepted},
                               {"declined", *to == ApplicationStatus::declined},
                               {"call_requested", *to == ApplicationStatus::call_requested},
                               {"owner_message", input.message}},
                              "/me/applications", context.now);
    tx.commit();
    outcome.kind = DecideOutcome::Kind::decided;
    return outcome;
}

WithdrawOutcome withdraw(const Context& context, long long application_id, long long person_id) {
    WithdrawOutcome outcome;
    store::ApplicationRepository repo(context.session);
    const auto found = application_id == 0 ? std::nullopt : repo.find(application_id);
    // Someone else's application answers like an unknown one.
    if (!found || found->person_id != person_id) return outcome;
    const auto target = repo.target(found->project_id);
    store::WriteTransaction tx(context.session);
    if (!target || !repo.withdraw(application_id, person_id, context.now)) {
        outcome.kind = WithdrawOutcome::Kind::not_awaiting;
        return outcome;
    }
    store::record_activity(context.session,
                           {0, target->organisation_id, person_id, "application_withdrawn", target->title,
                            "/projects/" + target->slug + "/applications"},
                           context.now);
    tell_organisation(
        context, repo, *target, "application_withdrawn",
        {{"applicant", found->person_name}, {"project", target->title}, {"organisation", target->organisation_name}});
    tx.commit();
    outcome.kind = WithdrawOutcome::Kind::withdrawn;
    return outcome;
}

}  // namespace latitudes::service
