#include "service/cohorts.hpp"

#include "domain/credentials.hpp"
#include "domain/text.hpp"
#include "domain/url.hpp"
#include "store/cohorts.hpp"

namespace latitudes::service {

namespace {

// Adds one student to the cohort (inside the caller's transaction) and tells them: "you joined"
// when the address has an account, else an invitation to sign up with it. True when joined.
bool admit(const Context& context, const store::CohortRecord& cohort, const store::NewCohortStudent& student) {
    const auto account = store::AccountRepository(context.session).find_by_email(student.email);
    store::CohortRepository(context.session).add_student(cohort.id, student, account ? account->person_id : 0, context.now);
    const nlohmann::json about{{"course", cohort.course}, {"school", cohort.school_name}, {"semester", cohort.semester_code}};
    const std::string name = domain::is_blank(student.first_name) ? account ? account->display_name : "" : student.first_name;
    if (account) context.notifier.tell(context.session, {student.email, name}, "cohort_joined", about, "/me", context.now);
    else
        context.notifier.tell(context.session, {student.email, name}, "cohort_invitation", about,
                              "/signup?email=" + domain::url_encode(student.email), context.now);
    return account.has_value();
}

}  // namespace

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
    // Read again inside the transaction: a row added meanwhile is "already in the cohort" now.
    const auto members = cohorts.emails(input.cohort_id);
    for (const auto& row : outcome.preview.rows) {
        if (!row.accepted() || members.count(row.email)) continue;
        const bool joined = admit(context, *cohort, {row.email, row.first_name, row.last_name, row.student_number, row.group});
        ++(joined ? outcome.joined : outcome.invited);
    }
    tx.commit();
    outcome.kind = ImportOutcome::Kind::imported;
    return outcome;
}

AddStudentOutcome add_student(const Context& context, long long cohort_id, store::NewCohortStudent student) {
    AddStudentOutcome outcome;
    store::CohortRepository cohorts(context.session);
    const auto cohort = cohorts.find(cohort_id);
    if (!cohort) return {AddStudentOutcome::Kind::not_found, {}};
    student.email = domain::normalise_email(student.email);
    for (auto* field : {&student.first_name, &student.last_name, &student.student_number, &student.group_name})
        *field = domain::trimmed(*field);
    if (!domain::is_valid_email(student.email)) outcome.problems.emplace_back("email");
    if (check_text(student.first_name, false, 100) != TextProblem::none) outcome.problems.emplace_back("first_name");
    if (check_text(student.last_name, false, 100) != TextProblem::none) outcome.problems.emplace_back("last_name");
    if (check_text(student.student_number, false, 40) != TextProblem::none) outcome.problems.emplace_back("student_number");
    if (check_text(student.group_name, false, 40) != TextProblem::none) outcome.problems.emplace_back("group");
    if (!outcome.problems.empty()) return {AddStudentOutcome::Kind::invalid, outcome.problems};
    store::WriteTransaction tx(context.session);
    if (cohorts.emails(cohort_id).count(student.email)) return {AddStudentOutcome::Kind::already, {}};
    outcome.kind = admit(context, *cohort, student) ? AddStudentOutcome::Kind::joined : AddStudentOutcome::Kind::invited;
    tx.commit();
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
