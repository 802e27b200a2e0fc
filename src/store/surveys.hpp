#pragma once
// The awareness survey (migration 0016): surveys and their questions as staff design them, the
// waves of each cohort, the anonymous answers and the participation records, and the figures
// of the results. Every method works on the caller's session (the services and jobs hold the
// transaction). Anonymity: record_answer writes an answer that names its survey, wave and
// cohort under a random id, and apart from it a participation that names only the person and
// the wave; nothing holds a time.
#include "domain/survey.hpp"
#include "store/accounts.hpp"
#include "store/applications.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct SurveyRecord {
    long long id = 0, copied_from = 0;
    std::string title_fr, title_en, created_at;
    bool active = false;
    long long waves = 0, answers = 0;
};

struct WaveRecord {
    long long id = 0, survey_id = 0, cohort_id = 0, school_id = 0, semester_id = 0;
    domain::WaveMoment moment = domain::WaveMoment::start;
    std::string opens_on, closes_on, invited_at, reminded_at;
    std::string course, school_name, semester_code, survey_title_fr, survey_title_en;
    long long students = 0, participations = 0;  // active students of the cohort; who answered
};

// A wave a person may answer (Mon espace), and whether they did.
struct PersonWave {
    WaveRecord wave;
    bool answered = false;
};

class SurveyRepository {
public:
    explicit SurveyRepository(soci::session& session) : s_(session) {}

    // ---- Design (store/surveys.cpp)
    std::vector<SurveyRecord> surveys();  // newest first
    std::optional<SurveyRecord> find(long long id);
    long long active_id();  // 0: none
    std::vector<domain::SurveyQuestion> questions(long long survey_id);
    // A new survey; with copied_from, a copy of that one's questions (a new version).
    long long create(const std::string& title_fr, const std::string& title_en, long long copied_from, long long by,
                     Clock::time_point now);
    // A survey with a wave is frozen: its questions stay as its answers were given.
    bool frozen(long long survey_id);
    void update_title(long long survey_id, const std::string& title_fr, const std::string& title_en);
    bool update_question(long long survey_id, const domain::SurveyQuestion& question);    // false: not of this survey
    long long add_question(long long survey_id, const domain::SurveyQuestion& question);  // at the end
    bool remove_question(long long survey_id, long long question_id);
    void activate(long long survey_id);  // and no other

    // ---- Waves (store/surveys.cpp)
    std::vector<WaveRecord> waves_of(long long survey_id);
    // Every cohort, newest semester first, for the form that opens a wave: {id, "2027-P · school · course"}.
    std::vector<std::pair<long long, std::string>> cohort_choices();
    std::optional<WaveRecord> wave(long long id);
    // Returns the new wave's id, 0 when the cohort has this moment's wave already.
    long long open_wave(long long survey_id, long long cohort_id, domain::WaveMoment moment, const std::string& opens_on,
                        const std::string& closes_on, Clock::time_point now);
    // The waves of the person's cohorts open on `today` (YYYY-MM-DD), and whether they answered.
    std::vector<PersonWave> open_waves_of(long long person_id, const std::string& today);
    bool is_student(long long wave_id, long long person_id);  // an active student of the wave's cohort
    bool answered(long long wave_id, long long person_id);

    // ---- Answers, jobs and results (store/survey_answers.cpp)
    // In the caller's transaction: the participation, then the answer under a random id. False
    // (nothing written) when the person had answered this wave already.
    bool record_answer(const WaveRecord& wave, long long person_id, const std::vector<domain::AnswerValue>& values);
    // Makes the active survey's waves whose window (from the semester's dates) holds `today` for
    // every cohort that has none for that moment; returns how many.
    int make_semester_waves(const std::string& today, Clock::time_point now);
    // Open waves not invited yet; open waves within 3 days of closing not reminded yet.
    std::vector<WaveRecord> due_invitations(const std::string& today);
    std::vector<WaveRecord> due_reminders(const std::string& today);
    bool mark_invited(long long wave_id, Clock::time_point now);   // conditional: false if done already
    bool mark_reminded(long long wave_id, Clock::time_point now);  // marks the invitation too
    // Active students with an active account; with unanswered_only, those without participation.
    std::vector<Recipient> recipients(long long wave_id, bool unanswered_only);
    // The raw figures of every cohort's wave of the survey (not disclosed: see survey_shifts).
    std::vector<domain::CohortWave> cohort_waves(long long survey_id);

private:
    soci::session& s_;
};

// The before/after shift of a survey per cohort, school and semester, with small groups hidden
// (domain::survey_shifts applies survey_min_group). For the results page and the impact figures.
std::vector<domain::GroupShift> survey_shifts(soci::session& session, long long survey_id);

}  // namespace latitudes::store
