#include "service/cohorts.hpp"

#include "domain/text.hpp"
#include "domain/url.hpp"
#include "store/cohorts.hpp"

namespace latitudes::service {

CohortOutcome create_cohort(const Context& context, const NewCohort& input) {
    CohortOutcome outcome;
    if (check_text(input.course, true, max_course_name) != TextProblem::none) outcome.problems.emplace_back("course");
    if (check_text(input.teachers, false, 300) != TextProblem::none) outcome.problems.emplace_back("teachers");
    store::CohortRepository cohorts(context.session);
    if (!cohorts.semester(input.semester_id)) outcome.problems.emplace_back("semester");
    if (!outcome.problems.empty()) {
        outcome.kind = CohortOutcome::Kind::invalid;
        return outcome;
    }
    store::WriteTransaction tx(context.session);
    outcome.cohort_id = cohorts.create(input.school_id, input.semester_id, input.course, input.teachers, input.created_by,
                                       context.now);
    tx.commit();
    return outcome;
}

ImportOutcome import_students(const Context& context, const ImportInput& input) {
    ImportOutcome outcome;
    if (input.bytes.size() > max_roster_bytes) {
        outcome.kind = ImportOutcome::Kind::too_large;
        return outcome;
    }
    store::CohortRepository cohorts(context.session);
    const auto cohort = cohorts.find(input.cohort_id);
    if (!cohort) {
        outcome.kind = ImportOutcome::Kind::not_found;
        return outcome;
    }
    outcome.preview = domain::read_roster(input.bytes, cohorts.emails(input.cohort_id));
    if (!outcome.preview.ok()) {
        outcome.kind = ImportOutcome::Kind::invalid_file;
        return outcome;
    }
    if (!input.commit) return outcome;

    store::WriteTransaction tx(context.session);
    store::AccountRepository accounts(context.session);
    // Read again inside the transaction: a row added meanwhile is "already in the cohort" now.
    const auto members = cohorts.emails(input.cohort_id);
    const nlohmann::json about{{"course", cohort->course}, {"school", cohort->school_name}, {"semester", cohort->semester_code}};
    for (const auto& row : outcome.preview.rows) {
        if (!row.accepted() || members.count(row.email)) continue;
        const auto account = accounts.find_by_email(row.email);
        const long long person = account ? account->person_id : 0;
        cohorts.add_student(input.cohort_id, {row.email, row.first_name, row.last_name, row.student_number, row.group}, person,
                            context.now);
        const std::string name = domain::is_blank(row.first_name) ? account ? account->display_name : "" : row.first_name;
        if (account) {
            context.notifier.tell(context.session, {row.email, name}, "cohort_joined", about, "/me", context.now);
            ++outcome.joined;
        } else {
            context.notifier.tell(context.session, {row.email, name}, "cohort_invitation", about,
                                  "/signup?email=" + domain::url_encode(row.email), context.now);
            ++outcome.invited;
        }
    }
    tx.commit();
    outcome.kind = ImportOutcome::Kind::imported;
    return outcome;
}

RemoveOutcome remove_student(const Context& context, long long cohort_id, long long student_id) {
    store::WriteTransaction tx(context.session);
    if (!store::CohortRepository(context.session).remove_student(cohort_id, student_id, context.now))
        return {RemoveOutcome::Kind::not_found};
    tx.commit();
    return {RemoveOutcome::Kind::removed};
}

long long join_invited_cohorts(soci::session& session, const std::string& email, long long person_id) {
    return store::CohortRepository(session).link_person(email, person_id);
}

}  // namespace latitudes::service
