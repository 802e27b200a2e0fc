// A student answers a wave of the awareness survey (/surveys/waves/{id}): one short form, the
// questions in the visitor's language, that works without JavaScript and on a phone. Anonymous:
// the service stores the answer without the person, and apart from it that they answered.
//
// Status codes: 200 (the form; thanks once answered; "closed" outside the window); 303 to the
// same page once answered; 409 when answering twice or after the window (the page says so
// kindly); 422 with each problem next to its question; 404 for an unknown wave or a visitor who
// is no active student of its cohort (staff included: the survey is the students').
#include "service/surveys.hpp"
#include "store/surveys.hpp"
#include "web/form_errors.hpp"
#include "web/handlers/handlers.hpp"
#include "web/handlers/surveys.hpp"
#include "web/page.hpp"

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

long long wave_param(const Request& request) { return parse_id(request.path_params.at("id")).value_or(0); }

// The values sent for each question (several for the SDGs' boxes).
std::map<long long, std::vector<std::string>> sent_answers(const Request& request) {
    std::map<long long, std::vector<std::string>> sent;
    for (const auto& [name, value] : request.form()) {
        const std::string_view field(name);
        const auto prefix = field.starts_with(survey_text_prefix) ? survey_text_prefix : std::string_view("q");
        if (!field.starts_with(prefix)) continue;
        if (const auto id = parse_id(field.substr(prefix.size()))) sent[*id].push_back(value);
    }
    return sent;
}

struct AnswerState {
    std::map<long long, std::vector<std::string>> sent;  // what was typed, sent back with the problems
    FormErrors errors;
    std::string state = "form";  // form, answered, already, closed
    int status = 200;
};

Response answer_page(Site& site, Request& request, soci::session& session, const store::WaveRecord& wave,
                     const AnswerState& state) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    store::SurveyRepository surveys(session);
    const auto title = domain::localized(lang, wave.survey_title_fr, wave.survey_title_en);
    json data{{"wave_id", wave.id},
              {"title", title},
              {"course", wave.course},
              {"school", wave.school_name},
              {"moment", message(site, lang, "survey.moment." + std::string(domain::to_string(wave.moment)))},
              {"closes_on", format_date(wave.closes_on, lang)},
              {"form_errors", state.errors.view()},
              {"state_" + state.state, true}};
    if (state.state == "form")
        data["questions"] = question_views(site, lang, surveys.questions(wave.survey_id), state.sent, data["form_errors"]);
    return render_private_page(site, request, context, title, "survey_answer", std::move(data), state.status);
}

// The wave, when the visitor is an active student of its cohort; nullopt answers 404.
std::optional<store::WaveRecord> student_wave(soci::session& session, const Request& request) {
    store::SurveyRepository surveys(session);
    const auto wave = surveys.wave(wave_param(request));
    if (!wave || !surveys.is_student(wave->id, request.visitor.person_id)) return std::nullopt;
    return wave;
}

}  // namespace

Response survey_answer_form(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto wave = student_wave(*session, request);
    if (!wave) return error_page(site, request, 404);
    AnswerState state;
    const std::string today = store::iso_utc(store::Clock::now()).substr(0, 10);
    if (store::SurveyRepository(*session).answered(wave->id, request.visitor.person_id))
        state.state = request.param("done") == "answered" ? "answered" : "already";
    else if (today < wave->opens_on || today > wave->closes_on) state.state = "closed";
    return answer_page(site, request, *session, *wave, state);
}

Response survey_answer_submit(Request& request, Site& site) {
    store::Lease session(site.db);
    const auto wave = student_wave(*session, request);
    if (!wave) return error_page(site, request, 404);
    AnswerState state;
    state.sent = sent_answers(request);
    const auto outcome = service::answer_survey(site.service_context(*session), wave->id, request.visitor.person_id, state.sent);
    using Kind = service::AnswerOutcome::Kind;
    const auto lang = page_context(request).lang;
    switch (outcome.kind) {
        case Kind::answered: return redirect(303, "/surveys/waves/" + std::to_string(wave->id) + "?done=answered");
        case Kind::not_found: return error_page(site, request, 404);
        case Kind::already:
            state.state = "already";
            state.status = 409;
            break;
        case Kind::closed:
            state.state = "closed";
            state.status = 409;
            break;
        case Kind::invalid:
            state.status = 422;
            for (const auto& [question, problem] : outcome.problems)
                state.errors.add("q" + std::to_string(question), message(site, lang, "survey.error." + problem));
            break;
    }
    return answer_page(site, request, *session, *wave, state);
}

}  // namespace latitudes::web::handlers
