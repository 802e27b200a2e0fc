#include "store/accounts.hpp"
#include "store/surveys.hpp"
#include "web/handlers/surveys.hpp"
#include "web/page.hpp"

#include <algorithm>

namespace latitudes::web::handlers {

using nlohmann::json;

json question_views(const Site& site, domain::Lang lang, const std::vector<domain::SurveyQuestion>& questions,
                    const std::map<long long, std::vector<std::string>>& sent, const json& errors) {
    json list = json::array();
    for (const auto& q : questions) {
        const std::string id = "q" + std::to_string(q.id);
        std::vector<std::string> given;
        if (const auto found = sent.find(q.id); found != sent.end()) given = found->second;
        const auto chosen = [&](const std::string& value) { return std::find(given.begin(), given.end(), value) != given.end(); };
        json view{{"id", id},
                  {"field", q.kind == domain::QuestionKind::text ? std::string(survey_text_prefix) + std::to_string(q.id) : id},
                  {"label", domain::localized(lang, q.label_fr, q.label_en)},
                  {"required", q.required},
                  {"kind_" + std::string(domain::to_string(q.kind)), true}};
        if (errors.contains("field") && errors["field"].contains(id)) view["error"] = errors["field"][id];
        switch (q.kind) {
            case domain::QuestionKind::scale: {
                json points = json::array();
                for (int v = 1; v <= q.scale_max; ++v) points.push_back({{"value", v}, {"checked", chosen(std::to_string(v))}});
                view["points"] = points;
                view["max"] = q.scale_max;
                view["low"] = domain::localized(lang, q.low_fr, q.low_en);
                view["high"] = domain::localized(lang, q.high_fr, q.high_en);
                break;
            }
            case domain::QuestionKind::yes_no:
                view["yes"] = chosen("yes");
                view["no"] = chosen("no");
                break;
            case domain::QuestionKind::sdgs: {
                json sdgs = json::array();
                for (const auto& sdg : site.sdgs)
                    sdgs.push_back({{"value", sdg.id},
                                    {"name", domain::localized(lang, sdg.name_fr, sdg.name_en)},
                                    {"checked", chosen(std::to_string(sdg.id))}});
                view["sdgs"] = sdgs;
                break;
            }
            case domain::QuestionKind::text: view["text"] = given.empty() ? std::string() : given.front(); break;
        }
        list.push_back(std::move(view));
    }
    return list;
}

json survey_calls(soci::session& session, long long person_id, domain::Lang lang) {
    json calls = json::array();
    const std::string today = store::iso_utc(store::Clock::now()).substr(0, 10);
    for (const auto& w : store::SurveyRepository(session).open_waves_of(person_id, today))
        calls.push_back({{"wave_id", w.wave.id},
                         {"title", domain::localized(lang, w.wave.survey_title_fr, w.wave.survey_title_en)},
                         {"course", w.wave.course},
                         {"closes_on", format_date(w.wave.closes_on, lang)},
                         {"answered", w.answered}});
    return {{"has_survey_calls", !calls.empty()}, {"survey_calls", calls}};
}

}  // namespace latitudes::web::handlers
