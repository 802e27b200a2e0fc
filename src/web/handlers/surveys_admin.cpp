// Staff design the awareness survey (/admin/surveys): the list of surveys and a form to add
// one; a survey's page, where its title and questions are edited in both languages (scale with
// labelled ends, yes/no, the SDGs that matter, free text), the active survey is chosen and a
// cohort's wave is opened. Once a survey has a wave its questions are frozen (the answers keep
// the questions they were given to): the page offers a copy, a new version, instead.
//
// Status codes: 200; 303 after every change that worked; 409 when changing a frozen survey;
// 422 with each problem next to its field; 404 for an unknown survey or question.
#include "service/surveys.hpp"
#include "store/cohorts.hpp"
#include "store/surveys.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

#include <array>

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 7> notices{"created", "saved", "added", "removed", "activated", "wave", "copied"};

long long survey_param(const Request& request) { return parse_id(request.path_params.at("id")).value_or(0); }

Response admin_answer(Site& site, Request& request, const std::string& title, std::string_view body_template, json data,
                      int status) {
    const auto context = page_context(request);
    data["csrf"] = request.visitor.csrf_token;
    data["dev_mode"] = site.options.development_mode;
    data["tab_surveys"] = true;
    const std::string done = request.param("done");
    if (status == 200 && std::find(notices.begin(), notices.end(), done) != notices.end())
        data["notice"] = message(site, context.lang, "admin.surveys.done." + done);
    return render_private_page(site, request, context, title, body_template, std::move(data), status, "admin");
}

FormErrors errors_of(const Site& site, domain::Lang lang, const std::map<std::string, std::string>& problems) {
    FormErrors errors;
    for (const auto& [field, problem] : problems) {
        // A question's field q<id>_<name> has the message of <name>.
        const auto named = problem.empty() ? field : problem;
        errors.add(field, message(site, lang, "admin.surveys.error." + named));
    }
    return errors;
}

// A question as typed in the fields prefixed `prefix` ("" for the new question, q<id>_ for one).
domain::SurveyQuestion question_of(const Request& request, const std::string& prefix, domain::QuestionKind kind) {
    domain::SurveyQuestion q;
    q.kind = kind;
    q.label_fr = request.form_value(prefix + "label_fr");
    q.label_en = request.form_value(prefix + "label_en");
    q.required = request.form_value(prefix + "required") == "1";
    const auto max = parse_id(request.form_value(prefix + "scale_max"), 2);
    q.scale_max = max ? static_cast<int>(*max) : (kind == domain::QuestionKind::scale ? 0 : 5);
    q.low_fr = request.form_value(prefix + "low_fr");
    q.low_en = request.form_value(prefix + "low_en");
    q.high_fr = request.form_value(prefix + "high_fr");
    q.high_en = request.form_value(prefix + "high_en");
    return q;
}

json question_editor(const domain::SurveyQuestion& q, const Site& site, domain::Lang lang) {
    return {{"id", q.id},
            {"prefix", "q" + std::to_string(q.id) + "_"},
            {"kind", message(site, lang, "admin.surveys.kind." + std::string(domain::to_string(q.kind)))},
            {"is_scale", q.kind == domain::QuestionKind::scale},
            {"label_fr", q.label_fr},
            {"label_en", q.label_en},
            {"required", q.required},
            {"scale_max", q.scale_max},
            {"low_fr", q.low_fr},
            {"low_en", q.low_en},
            {"high_fr", q.high_fr},
            {"high_en", q.high_en}};
}

Response list_page(Site& site, Request& request, const FormErrors& errors, const json& typed, int status) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    json rows = json::array();
    for (const auto& s : store::SurveyRepository(*session).surveys())
        rows.push_back({{"id", s.id},
                        {"title", domain::localized(lang, s.title_fr, s.title_en)},
                        {"active", s.active},
                        {"frozen", s.waves > 0},
                        {"waves", s.waves},
                        {"answers", s.answers},
                        {"created", format_date(s.created_at.substr(0, 10), lang)}});
    json data{{"surveys", rows}, {"has_surveys", !rows.empty()}, {"form_errors", errors.view()}, {"typed", typed}};
    return admin_answer(site, request, message(site, lang, "admin.surveys.title"), "admin_surveys", std::move(data), status);
}

struct EditorState {
    FormErrors errors, question_errors, wave_errors;
    std::map<std::string, std::string> typed;    // the new question's or wave's fields as typed
    std::vector<domain::SurveyQuestion> edited;  // the questions as typed (a refused save)
    int status = 200;
};

Response survey_page(Site& site, Request& request, const EditorState& state) {
    const auto lang = page_context(request).lang;
    store::Lease session(site.db);
    store::SurveyRepository surveys(*session);
    const auto survey = surveys.find(survey_param(request));
    if (!survey) return error_page(site, request, 404);
    json questions = json::array();
    const auto errors = state.errors.view();
    for (const auto& q : state.edited.empty() ? surveys.questions(survey->id) : state.edited) {
        auto view = question_editor(q, site, lang);
        // This question's problems, next to it (the summary links to each field).
        json mine = json::array();
        if (errors.contains("field"))
            for (const auto& [field, text] : errors["field"].items())
                if (field.starts_with(view["prefix"].get<std::string>())) mine.push_back(text);
        view["errors"] = mine;
        questions.push_back(std::move(view));
    }
    json waves = json::array();
    for (const auto& w : surveys.waves_of(survey->id))
        waves.push_back({{"id", w.id},
                         {"school", w.school_name},
                         {"course", w.course},
                         {"semester", w.semester_code},
                         {"moment", message(site, lang, "survey.moment." + std::string(domain::to_string(w.moment)))},
                         {"opens_on", format_date(w.opens_on, lang)},
                         {"closes_on", format_date(w.closes_on, lang)},
                         {"students", w.students},
                         {"answered", w.participations},
                         {"invited", !w.invited_at.empty()}});
    json cohorts = json::array();
    for (const auto& [cohort, label] : surveys.cohort_choices()) {
        const std::string id = std::to_string(cohort);
        cohorts.push_back(
            {{"id", id}, {"label", label}, {"selected", state.typed.count("cohort") && state.typed.at("cohort") == id}});
    }
    json typed(state.typed);
    if (!typed.contains("closes_on"))
        typed["closes_on"] = domain::add_days(store::iso_utc(store::Clock::now()).substr(0, 10), 14);
    json moments = json::array(), kinds = json::array();
    for (const auto* m : {"start", "end"})
        moments.push_back({{"value", m},
                           {"label", message(site, lang, std::string("survey.moment.") + m)},
                           {"selected", state.typed.count("moment") && state.typed.at("moment") == m}});
    for (const auto* k : {"scale", "yes_no", "sdgs", "text"})
        kinds.push_back({{"value", k},
                         {"label", message(site, lang, std::string("admin.surveys.kind.") + k)},
                         {"selected", state.typed.count("kind") && state.typed.at("kind") == k}});
    const auto title = domain::localized(lang, survey->title_fr, survey->title_en);
    json data{
        {"survey_id", survey->id},
        {"moments", moments},
        {"kinds", kinds},
        {"id", survey->id},
        {"title", title},
        {"title_fr", state.edited.empty() || !state.typed.count("title_fr") ? survey->title_fr : state.typed.at("title_fr")},
        {"title_en", state.edited.empty() || !state.typed.count("title_en") ? survey->title_en : state.typed.at("title_en")},
        {"active", survey->active},
        {"frozen", survey->waves > 0},
        {"answers", survey->answers},
        {"questions", questions},
        {"has_questions", !questions.empty()},
        {"waves", waves},
        {"has_waves", !waves.empty()},
        {"cohorts", cohorts},
        {"typed", typed},
        {"form_errors", state.errors.view()},
        {"question_form", {{"form_errors", state.question_errors.view()}}},
        {"wave_form", {{"form_errors", state.wave_errors.view()}}}};
    return admin_answer(site, request, message(site, lang, "admin.surveys.title") + " — " + title, "admin_survey",
                        std::move(data), state.status);
}

Response after(const service::SurveyOutcome& outcome, Site& site, Request& request, const std::string& done) {
    using Kind = service::SurveyOutcome::Kind;
    if (outcome.kind == Kind::not_found) return error_page(site, request, 404);
    if (outcome.kind == Kind::frozen) {
        EditorState state;
        state.errors = {message(site, page_context(request).lang, "admin.surveys.error.frozen")};
        state.status = 409;
        return survey_page(site, request, state);
    }
    return redirect(303, "/admin/surveys/" + std::to_string(outcome.survey_id) + "?done=" + done);
}

}  // namespace

Response admin_surveys(Request& request, Site& site) { return list_page(site, request, {}, json::object(), 200); }

Response admin_survey_create(Request& request, Site& site) {
    const auto copy_of = parse_id(request.form_value("copy_of")).value_or(0);
    service::SurveyOutcome outcome;
    {
        store::Lease session(site.db);
        outcome = service::create_survey(site.service_context(*session), request.visitor.person_id,
                                         request.form_value("title_fr"), request.form_value("title_en"), copy_of);
    }
    if (outcome.kind == service::SurveyOutcome::Kind::invalid)
        return list_page(site, request, errors_of(site, page_context(request).lang, outcome.problems),
                         {{"title_fr", request.form_value("title_fr")}, {"title_en", request.form_value("title_en")}}, 422);
    return after(outcome, site, request, copy_of ? "copied" : "created");
}

Response admin_survey(Request& request, Site& site) { return survey_page(site, request, {}); }

Response admin_survey_save(Request& request, Site& site) {
    EditorState state;
    service::SurveyOutcome outcome;
    {
        store::Lease session(site.db);
        for (const auto& stored : store::SurveyRepository(*session).questions(survey_param(request))) {
            auto q = question_of(request, "q" + std::to_string(stored.id) + "_", stored.kind);
            q.id = stored.id;
            q.position = stored.position;
            state.edited.push_back(std::move(q));
        }
        outcome = service::save_survey(site.service_context(*session), survey_param(request), request.form_value("title_fr"),
                                       request.form_value("title_en"), state.edited);
    }
    if (outcome.kind != service::SurveyOutcome::Kind::invalid) return after(outcome, site, request, "saved");
    state.errors = errors_of(site, page_context(request).lang, outcome.problems);
    state.typed = {{"title_fr", request.form_value("title_fr")}, {"title_en", request.form_value("title_en")}};
    state.status = 422;
    return survey_page(site, request, state);
}

Response admin_survey_add_question(Request& request, Site& site) {
    const auto kind = domain::parse_question_kind(request.form_value("kind"));
    service::SurveyOutcome outcome;
    EditorState state;
    for (const auto* field : {"kind", "label_fr", "label_en", "scale_max", "low_fr", "low_en", "high_fr", "high_en", "required"})
        state.typed[field] = request.form_value(field);
    if (!kind) {
        outcome.kind = service::SurveyOutcome::Kind::invalid;
        outcome.problems["kind"] = "kind";
    } else {
        store::Lease session(site.db);
        outcome = service::add_survey_question(site.service_context(*session), survey_param(request),
                                               question_of(request, "", *kind));
    }
    if (outcome.kind != service::SurveyOutcome::Kind::invalid) return after(outcome, site, request, "added");
    FormErrors errors;
    for (const auto& [field, problem] : outcome.problems)
        errors.add("new_" + field, message(site, page_context(request).lang, "admin.surveys.error." + problem));
    state.question_errors = errors;
    state.status = 422;
    return survey_page(site, request, state);
}

Response admin_survey_remove_question(Request& request, Site& site) {
    const auto question = parse_id(request.path_params.at("question")).value_or(0);
    store::Lease session(site.db);
    return after(service::remove_survey_question(site.service_context(*session), survey_param(request), question), site, request,
                 "removed");
}

Response admin_survey_activate(Request& request, Site& site) {
    service::SurveyOutcome outcome;
    {
        store::Lease session(site.db);
        outcome = service::activate_survey(site.service_context(*session), survey_param(request));
    }
    if (outcome.kind != service::SurveyOutcome::Kind::invalid) return after(outcome, site, request, "activated");
    EditorState state;
    state.errors = {message(site, page_context(request).lang, "admin.surveys.error.no_questions")};
    state.status = 422;
    return survey_page(site, request, state);
}

Response admin_survey_open_wave(Request& request, Site& site) {
    service::WaveOutcome outcome;
    {
        store::Lease session(site.db);
        outcome = service::open_survey_wave(site.service_context(*session), survey_param(request),
                                            parse_id(request.form_value("cohort")).value_or(0), request.form_value("moment"),
                                            request.form_value("closes_on"));
    }
    if (outcome.kind == service::WaveOutcome::Kind::not_found) return error_page(site, request, 404);
    if (outcome.kind == service::WaveOutcome::Kind::opened)
        return redirect(303, "/admin/surveys/" + std::to_string(survey_param(request)) + "?done=wave#waves");
    EditorState state;
    for (const auto& [field, problem] : outcome.problems)
        state.wave_errors.add("wave_" + field, message(site, page_context(request).lang, "admin.surveys.error." + problem));
    state.typed = {{"cohort", request.form_value("cohort")},
                   {"moment", request.form_value("moment")},
                   {"closes_on", request.form_value("closes_on")}};
    state.status = 422;
    return survey_page(site, request, state);
}

}  // namespace latitudes::web::handlers
