#include "service/semesters.hpp"

#include "store/cohorts.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace latitudes::service {

using nlohmann::json;

namespace {

SemesterOutcome invalid(std::vector<std::string> problems) {
    SemesterOutcome outcome;
    outcome.kind = SemesterOutcome::Kind::invalid;
    outcome.problems = std::move(problems);
    return outcome;
}

std::vector<std::string> names_of(const std::vector<domain::SemesterProblem>& problems) {
    std::vector<std::string> names;
    for (auto p : problems) names.emplace_back(domain::to_string(p));
    return names;
}

}  // namespace

SemesterOutcome create_semester(const Context& context, long long staff_id, const domain::SemesterInput& input) {
    domain::SemesterInput semester = input;
    semester.code = domain::normalise_semester_code(input.code);
    auto problems = names_of(domain::check_semester(semester));
    store::CohortRepository repository(context.session);
    const auto semesters = repository.semesters();
    const bool taken = std::any_of(semesters.begin(), semesters.end(), [&](const auto& s) { return s.code == semester.code; });
    if (taken) problems.insert(problems.begin(), "code_taken");  // the first field's
    if (!problems.empty()) return invalid(std::move(problems));
    store::WriteTransaction tx(context.session);
    const long long id = repository.create_semester({0, semester.code, semester.label_fr, semester.label_en, semester.starts_on,
                                                     semester.ends_on});
    // Taken by a transaction that committed after the check above.
    if (id == 0) return invalid({"code_taken"});
    store::write_audit(context.session, staff_id, "staff_create_semester", "semester", id,
                       json{{"code", semester.code}, {"starts_on", semester.starts_on}, {"ends_on", semester.ends_on}}.dump(),
                       context.now);
    tx.commit();
    SemesterOutcome outcome;
    outcome.semester_id = id;
    outcome.code = semester.code;
    return outcome;
}

SemesterOutcome update_semester(const Context& context, long long staff_id, long long semester_id,
                                const domain::SemesterInput& input) {
    store::CohortRepository repository(context.session);
    if (!repository.semester(semester_id)) {
        SemesterOutcome outcome;
        outcome.kind = SemesterOutcome::Kind::not_found;
        return outcome;
    }
    if (auto problems = domain::check_semester(input, false); !problems.empty()) return invalid(names_of(problems));
    store::WriteTransaction tx(context.session);
    const auto found = repository.semester(semester_id);  // again, under the writer lock: the audit's "from"
    SemesterOutcome outcome;
    if (!found) {
        outcome.kind = SemesterOutcome::Kind::not_found;
        return outcome;
    }
    const store::SemesterRecord next{semester_id, found->code, input.label_fr, input.label_en, input.starts_on, input.ends_on};
    json changes = json::object();
    auto compare = [&](const char* name, const std::string& before, const std::string& after) {
        if (before != after) changes[name] = {{"from", before}, {"to", after}};
    };
    compare("label_fr", found->label_fr, next.label_fr);
    compare("label_en", found->label_en, next.label_en);
    compare("starts_on", found->starts_on, next.starts_on);
    compare("ends_on", found->ends_on, next.ends_on);
    if (!changes.empty()) {
        repository.update_semester(next);
        store::write_audit(context.session, staff_id, "staff_edit_semester", "semester", semester_id, changes.dump(),
                           context.now);
        tx.commit();
    }
    outcome.semester_id = semester_id;
    outcome.code = found->code;
    return outcome;
}

PartnersOutcome set_semester_partners(const Context& context, long long staff_id, long long semester_id,
                                      const std::vector<long long>& school_ids) {
    PartnersOutcome outcome;
    store::CohortRepository repository(context.session);
    store::WriteTransaction tx(context.session);
    if (!repository.semester(semester_id)) {
        outcome.kind = PartnersOutcome::Kind::not_found;
        return outcome;
    }
    std::set<long long> schools;
    for (const auto& school : repository.schools()) schools.insert(school.id);
    const std::set<long long> wanted(school_ids.begin(), school_ids.end());
    if (!std::includes(schools.begin(), schools.end(), wanted.begin(), wanted.end())) {
        outcome.kind = PartnersOutcome::Kind::invalid;
        return outcome;
    }
    const auto current = repository.partner_schools(semester_id);
    std::set_difference(wanted.begin(), wanted.end(), current.begin(), current.end(), std::back_inserter(outcome.added));
    std::set_difference(current.begin(), current.end(), wanted.begin(), wanted.end(), std::back_inserter(outcome.removed));
    if (outcome.added.empty() && outcome.removed.empty()) return outcome;
    for (long long school : outcome.added) repository.set_partner(school, semester_id, true);
    for (long long school : outcome.removed) repository.set_partner(school, semester_id, false);
    store::write_audit(context.session, staff_id, "staff_set_semester_partners", "semester", semester_id,
                       json{{"added", outcome.added}, {"removed", outcome.removed}}.dump(), context.now);
    tx.commit();
    return outcome;
}

}  // namespace latitudes::service
