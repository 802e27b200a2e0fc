// The awareness survey's results for staff (/admin/surveys/{id}/results): the programme's
// measure of success. The headline is the first scale question's top answer ("I know precisely
// what the ESS is") at the start and at the end of the semesters; then, for each question, the
// before/after shift per semester, school and cohort. Figures come from store::survey_shifts,
// where domain::disclose hides every wave of fewer than 5 answers ("fewer than 5 answers: not
// shown"). A chart (static/js/survey_results.js) draws the headline per group; the table says
// the same without JavaScript.
//
// Status codes: 200; 404 for an unknown survey.
#include "store/surveys.hpp"
#include "web/handlers/handlers.hpp"
#include "web/page.hpp"

#include <algorithm>

namespace latitudes::web::handlers {

using nlohmann::json;

namespace {

std::string group_label(const Site& site, domain::Lang lang, const domain::GroupShift& g) {
    switch (g.level) {
        case domain::GroupLevel::all: return message(site, lang, "admin.survey_results.all");
        case domain::GroupLevel::semester: return g.semester_code;
        case domain::GroupLevel::school: return g.semester_code + " · " + g.school_name;
        case domain::GroupLevel::cohort: return g.school_name + " · " + g.course;
    }
    return {};
}

// One wave's figure for a question, as the table shows it ("" when hidden or not answered).
struct Figure {
    bool shown = false;
    long long percent = 0;
    std::string mean;
};

Figure figure_of(const std::optional<domain::WaveFigures>& wave, const domain::SurveyQuestion& q, char point) {
    Figure f;
    if (!wave) return f;
    const auto found = wave->questions.find(q.id);
    const domain::QuestionFigures none;
    const auto& fig = found == wave->questions.end() ? none : found->second;
    f.shown = true;
    if (q.kind == domain::QuestionKind::scale) {
        f.percent = domain::percent(fig.top, fig.answered);
        f.mean = domain::mean_text(fig.sum, fig.answered, point);
    } else if (q.kind == domain::QuestionKind::yes_no) {
        f.percent = domain::percent(fig.sum, fig.answered);
    } else if (q.kind == domain::QuestionKind::text) {
        f.percent = fig.answered;  // how many wrote something
    }
    return f;
}

json figure_view(const Figure& f) { return {{"shown", f.shown}, {"percent", f.percent}, {"mean", f.mean}}; }

// The three SDGs chosen most often in a wave ("13, 4, 10"), or "" when hidden.
std::string top_sdgs(const std::optional<domain::WaveFigures>& wave, long long question_id) {
    if (!wave) return {};
    const auto found = wave->questions.find(question_id);
    if (found == wave->questions.end()) return "–";
    std::vector<std::pair<long long, long long>> counts(found->second.choices.begin(), found->second.choices.end());
    std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string text;
    for (std::size_t i = 0; i < counts.size() && i < 3; ++i)
        text += (i ? ", " : "") + std::to_string(counts[i].first) + " (" + std::to_string(counts[i].second) + ")";
    return text.empty() ? "–" : text;
}

}  // namespace

Response admin_survey_results(Request& request, Site& site) {
    const auto context = page_context(request);
    const auto lang = context.lang;
    const char point = lang == domain::Lang::fr ? ',' : '.';
    store::Lease session(site.db);
    store::SurveyRepository surveys(*session);
    const auto survey = surveys.find(parse_id(request.path_params.at("id")).value_or(0));
    if (!survey) return error_page(site, request, 404);
    const auto questions = surveys.questions(survey->id);
    const auto shifts = store::survey_shifts(*session, survey->id);

    json data{{"id", survey->id},
              {"title", domain::localized(lang, survey->title_fr, survey->title_en)},
              {"csrf", request.visitor.csrf_token},
              {"dev_mode", site.options.development_mode},
              {"tab_surveys", true},
              {"min_group", domain::survey_min_group},
              {"has_answers", survey->answers > 0}};
    // The headline: the first scale question, over every answer.
    const auto headline = std::find_if(questions.begin(), questions.end(),
                                       [](const auto& q) { return q.kind == domain::QuestionKind::scale; });
    if (headline != questions.end() && !shifts.empty()) {
        const auto& all = shifts.front();
        const auto start = figure_of(all.start, *headline, point), end = figure_of(all.end, *headline, point);
        data["headline_question"] = domain::localized(lang, headline->label_fr, headline->label_en);
        if (start.shown && end.shown)
            data["headline"] = message(site, lang, "admin.survey_results.headline",
                                       {{"start", std::to_string(start.percent)},
                                        {"end", std::to_string(end.percent)},
                                        {"answer", domain::localized(lang, headline->high_fr, headline->high_en)},
                                        {"start_count", std::to_string(all.start_answers)},
                                        {"end_count", std::to_string(all.end_answers)}});
        else data["headline"] = message(site, lang, "admin.survey_results.headline_hidden");
        // The chart: the headline's share per disclosed group, start and end.
        json labels = json::array(), starts = json::array(), ends = json::array();
        for (const auto& g : shifts) {
            if (g.level == domain::GroupLevel::all || (!g.start && !g.end)) continue;
            const auto s = figure_of(g.start, *headline, point), e = figure_of(g.end, *headline, point);
            labels.push_back(group_label(site, lang, g));
            starts.push_back(s.shown ? json(s.percent) : json(nullptr));
            ends.push_back(e.shown ? json(e.percent) : json(nullptr));
        }
        data["chart"] = json{{"labels", labels},
                             {"start", starts},
                             {"end", ends},
                             {"start_label", message(site, lang, "survey.moment.start")},
                             {"end_label", message(site, lang, "survey.moment.end")},
                             {"axis", message(site, lang, "admin.survey_results.axis")}}
                            .dump();
    }
    json sections = json::array();
    for (const auto& q : questions) {
        json rows = json::array();
        for (const auto& g : shifts) {
            json row{{"label", group_label(site, lang, g)},
                     {"level_" + std::string(g.level == domain::GroupLevel::all        ? "all"
                                             : g.level == domain::GroupLevel::semester ? "semester"
                                             : g.level == domain::GroupLevel::school   ? "school"
                                                                                       : "cohort"),
                      true},
                     {"start_count", g.start_answers},
                     {"end_count", g.end_answers},
                     {"start", figure_view(figure_of(g.start, q, point))},
                     {"end", figure_view(figure_of(g.end, q, point))}};
            if (q.kind == domain::QuestionKind::sdgs) {
                row["start_sdgs"] = top_sdgs(g.start, q.id);
                row["end_sdgs"] = top_sdgs(g.end, q.id);
            }
            rows.push_back(std::move(row));
        }
        sections.push_back({{"label", domain::localized(lang, q.label_fr, q.label_en)},
                            {"kind_" + std::string(domain::to_string(q.kind)), true},
                            {"high", domain::localized(lang, q.high_fr, q.high_en)},
                            {"rows", rows}});
    }
    data["sections"] = sections;
    const auto title = message(site, lang, "admin.survey_results.title") + " — " + data["title"].get<std::string>();
    return render_private_page(site, request, context, title, "admin_survey_results", std::move(data), 200, "admin");
}

}  // namespace latitudes::web::handlers
