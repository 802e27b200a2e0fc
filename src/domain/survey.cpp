#include "domain/survey.hpp"

#include "domain/opportunity.hpp"
#include "domain/text.hpp"

#include <chrono>
#include <cstdio>
#include <tuple>

namespace latitudes::domain {

std::string_view to_string(QuestionKind kind) {
    switch (kind) {
        case QuestionKind::scale: return "scale";
        case QuestionKind::yes_no: return "yes_no";
        case QuestionKind::sdgs: return "sdgs";
        case QuestionKind::text: return "text";
    }
    return "scale";
}

std::optional<QuestionKind> parse_question_kind(std::string_view text) {
    for (auto kind : {QuestionKind::scale, QuestionKind::yes_no, QuestionKind::sdgs, QuestionKind::text})
        if (to_string(kind) == text) return kind;
    return std::nullopt;
}

std::string_view to_string(WaveMoment moment) { return moment == WaveMoment::start ? "start" : "end"; }

std::optional<WaveMoment> parse_wave_moment(std::string_view text) {
    if (text == "start") return WaveMoment::start;
    if (text == "end") return WaveMoment::end;
    return std::nullopt;
}

namespace {

// A required single line of at most `max` characters.
bool bad_line(std::string_view text, std::size_t max) {
    return is_blank(text) || characters(text) > max || text.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

std::vector<std::string> check_question(const SurveyQuestion& q) {
    std::vector<std::string> problems;
    if (bad_line(q.label_fr, max_survey_label)) problems.emplace_back("label_fr");
    if (bad_line(q.label_en, max_survey_label)) problems.emplace_back("label_en");
    if (q.kind != QuestionKind::scale) return problems;
    if (q.scale_max < min_scale_max || q.scale_max > max_scale_max) problems.emplace_back("scale_max");
    for (const auto& [name, text] : {std::pair<std::string, const std::string&>{"low_fr", q.low_fr},
                                     {"low_en", q.low_en},
                                     {"high_fr", q.high_fr},
                                     {"high_en", q.high_en}})
        if (bad_line(text, max_survey_end_label)) problems.push_back(name);
    return problems;
}

std::vector<std::string> check_survey_title(std::string_view title_fr, std::string_view title_en) {
    std::vector<std::string> problems;
    if (bad_line(title_fr, max_survey_label)) problems.emplace_back("title_fr");
    if (bad_line(title_en, max_survey_label)) problems.emplace_back("title_en");
    return problems;
}

namespace {

// A whole number written plainly ("3"), nothing else.
std::optional<long long> whole(std::string_view text) {
    if (text.empty() || text.size() > 3) return std::nullopt;
    long long value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

CheckedAnswers check_answers(const std::vector<SurveyQuestion>& questions,
                             const std::map<long long, std::vector<std::string>>& sent) {
    CheckedAnswers checked;
    for (const auto& q : questions) {
        std::vector<std::string> given;
        if (const auto found = sent.find(q.id); found != sent.end())
            for (const auto& v : found->second)
                if (!is_blank(v)) given.push_back(v);
        if (given.empty()) {
            if (q.required) checked.problems[q.id] = "required";
            continue;
        }
        switch (q.kind) {
            case QuestionKind::scale: {
                const auto point = given.size() == 1 ? whole(given.front()) : std::nullopt;
                if (!point || *point < 1 || *point > q.scale_max) checked.problems[q.id] = "out_of_scale";
                else checked.values.push_back({q.id, *point, ""});
                break;
            }
            case QuestionKind::yes_no:
                if (given.size() != 1 || (given.front() != "yes" && given.front() != "no")) checked.problems[q.id] = "yes_no";
                else checked.values.push_back({q.id, given.front() == "yes" ? 1 : 0, ""});
                break;
            case QuestionKind::sdgs: {
                std::map<long long, bool> chosen;
                for (const auto& v : given) {
                    const auto sdg = whole(v);
                    if (!sdg || *sdg < 1 || *sdg > sdg_count) {
                        checked.problems[q.id] = "sdg";
                        break;
                    }
                    chosen[*sdg] = true;
                }
                if (!checked.problems.count(q.id))
                    for (const auto& [sdg, yes] : chosen) checked.values.push_back({q.id, sdg, ""});
                break;
            }
            case QuestionKind::text:
                if (given.size() != 1 || characters(given.front()) > max_survey_text) checked.problems[q.id] = "too_long";
                else checked.values.push_back({q.id, 0, given.front()});
                break;
        }
    }
    if (!checked.problems.empty()) checked.values.clear();
    return checked;
}

std::string add_days(std::string_view date, int days) {
    using namespace std::chrono;
    if (!is_valid_date(date)) return std::string(date);
    const int y = std::stoi(std::string(date.substr(0, 4)));
    const unsigned m = static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))));
    const unsigned d = static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))));
    const year_month_day moved{sys_days{year{y} / month{m} / day{d}} + std::chrono::days{days}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(moved.year()), static_cast<unsigned>(moved.month()),
                  static_cast<unsigned>(moved.day()));
    return text;
}

WaveWindow wave_window(WaveMoment moment, std::string_view starts_on, std::string_view ends_on) {
    if (moment == WaveMoment::start) return {std::string(starts_on), add_days(starts_on, 20)};
    return {add_days(ends_on, -13), add_days(ends_on, 7)};
}

void add_into(WaveFigures& total, const WaveFigures& part) {
    total.answers += part.answers;
    for (const auto& [id, q] : part.questions) {
        auto& t = total.questions[id];
        t.answered += q.answered;
        t.sum += q.sum;
        t.top += q.top;
        for (const auto& [choice, n] : q.choices) t.choices[choice] += n;
    }
}

std::optional<WaveFigures> disclose(const WaveFigures& figures) {
    if (figures.answers < survey_min_group) return std::nullopt;
    return figures;
}

std::vector<GroupShift> survey_shifts(const std::vector<CohortWave>& waves) {
    // A school's, a semester's and the overall figures add up only the cohorts' waves that are
    // shown themselves: were a hidden cohort counted in its school, the school less its shown
    // cohorts would tell the hidden one's answers (a differencing attack).
    struct Sums {
        GroupShift group;
        WaveFigures start, end;
    };
    std::map<std::tuple<int, long long, long long, long long>, Sums>
        groups;  // (semester, school, level, cohort): a school follows its semester, its cohorts follow it
    for (const auto& w : waves) {
        const bool shown = disclose(w.figures).has_value();
        for (auto level : {GroupLevel::semester, GroupLevel::school, GroupLevel::cohort}) {
            const long long school = level == GroupLevel::semester ? 0 : w.school_id;
            const long long cohort = level == GroupLevel::cohort ? w.cohort_id : 0;
            auto& sums = groups[{static_cast<int>(w.semester_id), school, static_cast<long long>(level), cohort}];
            sums.group.level = level;
            sums.group.semester_id = w.semester_id;
            sums.group.semester_code = w.semester_code;
            sums.group.school_id = school;
            sums.group.cohort_id = cohort;
            if (level != GroupLevel::semester) sums.group.school_name = w.school_name;
            if (level == GroupLevel::cohort) sums.group.course = w.course;
            if (level == GroupLevel::cohort || shown) add_into(w.moment == WaveMoment::start ? sums.start : sums.end, w.figures);
        }
    }
    std::vector<GroupShift> shifts;
    Sums all;
    all.group.level = GroupLevel::all;
    for (const auto& w : waves)
        if (disclose(w.figures)) add_into(w.moment == WaveMoment::start ? all.start : all.end, w.figures);
    groups.emplace(std::tuple<int, long long, long long, long long>{-1, 0, 0, 0}, std::move(all));
    for (auto& [key, sums] : groups) {
        GroupShift shift = sums.group;
        shift.start_answers = sums.start.answers;
        shift.end_answers = sums.end.answers;
        shift.start = disclose(sums.start);
        shift.end = disclose(sums.end);
        shifts.push_back(std::move(shift));
    }
    return shifts;
}

long long percent(long long part, long long whole_count) {
    if (whole_count <= 0) return 0;
    return (part * 100 + whole_count / 2) / whole_count;
}

std::string mean_text(long long sum, long long count, char decimal_point) {
    if (count <= 0) return "–";
    const long long tenths = (sum * 10 + count / 2) / count;
    return std::to_string(tenths / 10) + decimal_point + std::to_string(tenths % 10);
}

}  // namespace latitudes::domain
