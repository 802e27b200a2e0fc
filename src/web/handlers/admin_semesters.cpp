// Staff pages for semesters: the list (with how many schools are partners for each) and the form
// to add one; a semester's page, where its labels and dates are edited and its partner schools
// are ticked. Every change is one service call (service/semesters.hpp), audited there. A refused
// form comes back with what was typed and the reasons (422); a change that worked redirects
// (303) to a page that says so.
#include "domain/semester.hpp"
#include "service/semesters.hpp"
#include "store/cohorts.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

#include <algorithm>
#include <array>

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

// Notices shown after a redirect (?done=...): a fixed list, so the parameter cannot inject text.
constexpr std::array<std::string_view, 3> notices{"created", "saved", "partners"};

Response semesters_page_answer(Site& site, Request& request, const std::string& title, std::string_view body_template, json data,
                               int status) {
    const auto context = page_context(request);
    data["csrf"] = request.visitor.csrf_token;
    data["dev_mode"] = site.options.development_mode;
    data["tab_semesters"] = true;
    const std::string done = request.param("done");
    if (status == 200 && std::find(notices.begin(), notices.end(), done) != notices.end())
        data["notice"] = message(site, context.lang, "admin.semesters.done." + done);
    return render_private_page(site, request, context, title, body_template, std::move(data), status, "admin");
}

// Each problem next to the input it concerns (the codes of domain::check_semester and the service).
FormErrors errors_of(const Site& site, domain::Lang lang, const std::vector<std::string>& problems) {
    FormErrors errors;
    for (const auto& p : problems) {
        const std::string field = p == "code_taken" ? "code" : p == "ends_before_start" ? "ends_on" : p;
        errors.add(field, message(site, lang, "admin.semesters.error." + p));
    }
    return errors;
}

domain::SemesterInput form_of(const Request& request) {
    return {request.form_value("code"), request.form_value("label_fr"), request.form_value("label_en"),
            request.form_value("starts_on"), request.form_value("ends_on")};
}

// The list of semesters and the form to add one, filled with `form` (what was typed).
Response list_page(Site& site, Request& request, const domain::SemesterInput& form, const FormErrors& errors, int status) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    store::CohortRepository repository(*session);
    const auto counts = repository.partner_counts();
    json rows = json::array();
    for (const auto& s : repository.semesters()) {
        const auto count = counts.find(s.id);
        rows.push_back({{"id", s.id},
                        {"code", s.code},
                        {"label_fr", s.label_fr},
                        {"label_en", s.label_en},
                        {"starts_on", format_date(s.starts_on, lang)},
                        {"ends_on", format_date(s.ends_on, lang)},
                        {"partners", count == counts.end() ? 0 : count->second}});
    }
    json data{{"semesters", rows},
              {"has_semesters", !rows.empty()},
              {"code", form.code},
              {"label_fr", form.label_fr},
              {"label_en", form.label_en},
              {"starts_on", form.starts_on},
              {"ends_on", form.ends_on},
              {"starts_on_type", date_input_type(form.starts_on)},
              {"ends_on_type", date_input_type(form.ends_on)},
              {"form_errors", errors.view()}};
    return semesters_page_answer(site, request, message(site, lang, "admin.semesters.title"), "admin_semesters", std::move(data),
                                 status);
}

long long semester_param(const Request& request) { return parse_id(request.path_params.at("id")).value_or(0); }

struct SemesterPageState {
    std::optional<domain::SemesterInput> form;  // what was typed in the edit form (else the stored values)
    FormErrors errors;                          // of the edit form
    FormErrors partner_errors;                  // of the partners form
    int status = 200;
};

// One semester: its edit form and its partner schools.
Response semester_page(Site& site, Request& request, const SemesterPageState& state) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    store::CohortRepository repository(*session);
    const auto semester = repository.semester(semester_param(request));
    if (!semester) return error_page(site, request, 404);
    const auto form = state.form.value_or(domain::SemesterInput{semester->code, semester->label_fr, semester->label_en,
                                                                semester->starts_on, semester->ends_on});
    const auto partners = repository.partner_schools(semester->id);
    json schools = json::array();
    for (const auto& school : repository.schools())
        schools.push_back({{"id", school.id},
                           {"slug", school.slug},
                           {"name", school.name},
                           {"city", school.city},
                           {"verified", school.verified},
                           {"partner", partners.count(school.id) != 0}});
    json data{{"id", semester->id},
              {"code", semester->code},
              {"label", lang == domain::Lang::fr ? semester->label_fr : semester->label_en},
              {"label_fr", form.label_fr},
              {"label_en", form.label_en},
              {"starts_on", form.starts_on},
              {"ends_on", form.ends_on},
              {"starts_on_type", date_input_type(form.starts_on)},
              {"ends_on_type", date_input_type(form.ends_on)},
              {"schools", schools},
              {"has_schools", !schools.empty()},
              {"partner_count", partners.size()},
              {"form_errors", state.errors.view()},
              {"partner_form", {{"form_errors", state.partner_errors.view()}}}};
    return semesters_page_answer(site, request, message(site, lang, "admin.semesters.title") + " — " + semester->code,
                                 "admin_semester", std::move(data), state.status);
}

}  // namespace

Response admin_semesters(Request& request, Site& site) { return list_page(site, request, {}, {}, 200); }

Response admin_semester_create(Request& request, Site& site) {
    const auto form = form_of(request);
    service::SemesterOutcome outcome;
    {
        store::Lease session(site.db);
        outcome = service::create_semester(site.service_context(*session), request.visitor.person_id, form);
    }
    if (outcome.kind != service::SemesterOutcome::Kind::done)
        return list_page(site, request, form, errors_of(site, page_context(request).lang, outcome.problems), 422);
    return redirect(303, "/admin/semesters/" + std::to_string(outcome.semester_id) + "?done=created");
}

Response admin_semester(Request& request, Site& site) { return semester_page(site, request, {}); }

Response admin_semester_update(Request& request, Site& site) {
    const auto form = form_of(request);
    service::SemesterOutcome outcome;
    {
        store::Lease session(site.db);
        outcome = service::update_semester(site.service_context(*session), request.visitor.person_id, semester_param(request),
                                           form);
    }
    using Kind = service::SemesterOutcome::Kind;
    if (outcome.kind == Kind::not_found) return error_page(site, request, 404);
    if (outcome.kind == Kind::invalid)
        return semester_page(site, request, {form, errors_of(site, page_context(request).lang, outcome.problems), {}, 422});
    return redirect(303, "/admin/semesters/" + std::to_string(outcome.semester_id) + "?done=saved");
}

Response admin_semester_partners(Request& request, Site& site) {
    // Every ticked box sends school=<id>; an id that is not a number is as wrong as an unknown one.
    std::vector<long long> schools;
    bool readable = true;
    for (const auto& [name, value] : request.form()) {
        if (name != "school") continue;
        const auto id = parse_id(value);
        if (id) schools.push_back(*id);
        else readable = false;
    }
    const long long id = semester_param(request);
    service::PartnersOutcome outcome;
    if (readable) {
        store::Lease session(site.db);
        outcome = service::set_semester_partners(site.service_context(*session), request.visitor.person_id, id, schools);
    } else {
        outcome.kind = service::PartnersOutcome::Kind::invalid;
    }
    using Kind = service::PartnersOutcome::Kind;
    if (outcome.kind == Kind::not_found) return error_page(site, request, 404);
    if (outcome.kind == Kind::invalid)
        return semester_page(
            site, request, {std::nullopt, {}, {message(site, page_context(request).lang, "admin.semesters.error.schools")}, 422});
    return redirect(303, "/admin/semesters/" + std::to_string(id) + "?done=partners");
}

}  // namespace latitudes::web::handlers
