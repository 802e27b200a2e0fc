// A cohort's pages: its students (/cohorts/{id}: add one, remove one; leaving keeps history) and
// the import of a spreadsheet export (/cohorts/{id}/import). The import is two steps: the file
// is sent (multipart), every row is shown with its problems and nothing is written; confirming
// sends the same bytes back (base64 in the form) and writes every accepted row in one
// transaction, or none. The school's members and staff only; to anyone else 404.
//
// Status codes: 200; 303 after a write; 404 unknown or not the visitor's school; 413 the file is
// too large; 422 invalid fields, no file, or a file that cannot be read (nothing written).
#include "service/cohorts.hpp"
#include "domain/credentials.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/school_views.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

Response cohort_view(Site& site, const Request& request, soci::session& session, const store::CohortRecord& cohort, json typed,
                     const FormErrors& errors, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    json students = json::array();
    for (const auto& s : store::CohortRepository(session).students(cohort.id))
        students.push_back({{"id", s.id},
                            {"email", s.student.email},
                            {"first_name", s.student.first_name},
                            {"last_name", s.student.last_name},
                            {"number", s.student.student_number},
                            {"group", s.student.group_name},
                            {"joined", s.person_id != 0}});
    json data{{"id", cohort.id},
              {"cohort_id", cohort.id},
              {"course", cohort.course},
              {"teachers", cohort.teachers.empty() ? json(nullptr) : json(cohort.teachers)},  // "" would be a true section
              {"semester", cohort.semester_code},
              {"school", cohort.school_name},
              {"school_slug", cohort.school_slug},
              {"students", students},
              {"has_students", !students.empty()},
              {"count", students.size()},
              {"typed", std::move(typed)},
              {"form_errors", errors.view()}};
    const std::string done = request.param("done");
    if (done == "created" || done == "added" || done == "invited" || done == "removed")
        data["notice"] = message(site, lang, "cohort.done." + done);
    if (done == "imported")
        data["notice"] = message(site, lang, "cohort.done.imported",
                                 {{"joined", std::to_string(parse_id(request.param("joined"), 5).value_or(0))},
                                  {"invited", std::to_string(parse_id(request.param("invited"), 5).value_or(0))}});
    return render_private_page(site, request, context, cohort.course, "cohort", std::move(data), status, "me");
}

// A roster problem in words: "Ligne 4 : adresse e-mail invalide".
std::string problem_text(const Site& site, domain::Lang lang, const domain::RosterProblem& problem) {
    return message(site, lang, "import.problem." + problem.code,
                   {{"line", std::to_string(problem.line)}, {"detail", problem.detail}});
}

// A problem of the file chosen (none, or too large), shown next to its input.
FormErrors file_error(std::string text) {
    FormErrors errors;
    errors.add("file", std::move(text));
    return errors;
}

Response import_view(Site& site, const Request& request, const store::CohortRecord& cohort, const service::ImportOutcome* outcome,
                     const std::string& bytes, const FormErrors& errors, int status) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    json data{{"id", cohort.id}, {"course", cohort.course}, {"form_errors", errors.view()}, {"preview", false}};
    if (outcome) {
        const auto& p = outcome->preview;
        json rows = json::array(), file_problems = json::array(), warnings = json::array();
        for (const auto& r : p.rows) {
            json problems = json::array();
            for (const auto& problem : r.problems) problems.push_back(problem_text(site, lang, problem));
            rows.push_back({{"line", r.line},
                            {"email", r.email},
                            {"first_name", r.first_name},
                            {"last_name", r.last_name},
                            {"number", r.student_number},
                            {"group", r.group},
                            {"accepted", r.accepted()},
                            {"problems", problems}});
        }
        for (const auto& problem : p.file_problems) file_problems.push_back(problem_text(site, lang, problem));
        for (const auto& problem : p.warnings) warnings.push_back(problem_text(site, lang, problem));
        data.update({{"preview", true},
                     {"rows", rows},
                     {"file_problems", file_problems},
                     {"has_file_problems", !file_problems.empty()},
                     {"warnings", warnings},
                     {"has_warnings", !warnings.empty()},
                     {"summary", message(site, lang, "import.summary",
                                         {{"accepted", std::to_string(p.accepted)}, {"refused", std::to_string(p.refused)}})},
                     {"encoding", p.encoding},
                     {"can_commit", p.ok() && p.accepted > 0},
                     {"commit_label", message(site, lang, "import.commit", {{"n", std::to_string(p.accepted)}})},
                     {"content", domain::to_base64url(bytes)}});
    }
    return render_private_page(site, request, context, message(site, lang, "import.title"), "cohort_import", std::move(data),
                               status, "me");
}

}  // namespace

Response cohort_page(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto cohort = managed_cohort(site, request, *session);
    if (!cohort) return error_page(site, request, 404);
    return cohort_view(site, request, *session, *cohort, json::object(), {}, 200);
}

// POST /cohorts/{id}/students: one student typed in.
Response cohort_add_student(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto cohort = managed_cohort(site, request, *session);
    if (!cohort) return error_page(site, request, 404);
    const store::NewCohortStudent typed{request.form_value("email"), request.form_value("first_name"),
                                        request.form_value("last_name"), request.form_value("student_number"),
                                        request.form_value("group")};
    const auto added = service::add_student(site.service_context(*session), cohort->id, typed);
    using Kind = service::AddStudentOutcome::Kind;
    if (added.kind == Kind::joined || added.kind == Kind::invited)
        return redirect(303,
                        "/cohorts/" + std::to_string(cohort->id) + "?done=" + (added.kind == Kind::joined ? "added" : "invited"));
    FormErrors errors;  // the problems are named after the inputs (email, first_name, last_name, student_number, group)
    if (added.kind == Kind::already) errors.add("email", message(site, lang, "cohort.error.already"));
    for (const auto& field : added.problems) errors.add(field, message(site, lang, "cohort.error.student_" + field));
    return cohort_view(site, request, *session, *cohort,
                       {{"email", typed.email},
                        {"first_name", typed.first_name},
                        {"last_name", typed.last_name},
                        {"number", typed.student_number},
                        {"group", typed.group_name}},
                       errors, 422);
}

// POST /cohorts/{id}/students/{student}/remove
Response cohort_remove_student(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto cohort = managed_cohort(site, request, *session);
    if (!cohort) return error_page(site, request, 404);
    const long long student = parse_id(request.path_params["student"]).value_or(0);
    if (service::remove_student(site.service_context(*session), cohort->id, student).kind !=
        service::RemoveOutcome::Kind::removed)
        return error_page(site, request, 404);
    return redirect(303, "/cohorts/" + std::to_string(cohort->id) + "?done=removed");
}

Response cohort_import_form(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto cohort = managed_cohort(site, request, *session);
    if (!cohort) return error_page(site, request, 404);
    return import_view(site, request, *cohort, nullptr, "", {}, 200);
}

// POST /cohorts/{id}/import: the file (multipart field "file") for the preview, or the previewed
// bytes back (field "content", base64) with intent=commit.
Response cohort_import(Request& request, Site& site) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    const auto cohort = managed_cohort(site, request, *session);
    if (!cohort) return error_page(site, request, 404);
    std::optional<std::string> bytes = request.uploaded_file("file");
    if (!bytes && !request.form_value("content").empty()) bytes = domain::from_base64url(request.form_value("content"));
    if (!bytes || bytes->empty())
        return import_view(site, request, *cohort, nullptr, "", file_error(message(site, lang, "import.error.no_file")), 422);
    const bool commit = request.form_value("intent") == "commit";
    const auto outcome = service::import_students(site.service_context(*session), {cohort->id, *bytes, commit});
    using Kind = service::ImportOutcome::Kind;
    if (outcome.kind == Kind::too_large)
        return import_view(site, request, *cohort, nullptr, "",
                           file_error(message(site, lang, "import.error.too_large",
                                              {{"max", std::to_string(service::max_roster_bytes / (1 << 20))}})),
                           413);
    if (outcome.kind == Kind::imported)
        return redirect(303, "/cohorts/" + std::to_string(cohort->id) + "?done=imported&joined=" +
                                 std::to_string(outcome.joined) + "&invited=" + std::to_string(outcome.invited));
    return import_view(site, request, *cohort, &outcome, *bytes, {}, outcome.kind == Kind::invalid_file ? 422 : 200);
}

}  // namespace latitudes::web::handlers
