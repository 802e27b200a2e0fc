#pragma once
// Public data types of the allocation engine. No I/O here: callers (the CLI, the campaign pages)
// fill a Campaign from wherever their data lives and read a Result back.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace latitudes::alloc {

struct SkillLevel {
    std::string skill;
    int level = 0;
};

struct StudentInput {
    std::string id;
    std::vector<std::string> choices;  // most preferred first
    std::vector<SkillLevel> skills;
};

struct ProjectInput {
    std::string id;
    int capacity = 0;
    int min_size = 0;
    std::optional<std::string> supervisor;            // none: no supervisor constraint
    std::optional<std::vector<std::string>> ranking;  // the project's own order of students
    std::vector<SkillLevel> required_skills;
};

struct SupervisorInput {
    std::string id;
    std::optional<int> capacity;  // none: unlimited
    std::vector<std::string> ranking;
};

struct Options {
    std::optional<std::uint64_t> seed;  // none: drawn at random and reported in the result
    bool respect_min_size = false;
};

struct Campaign {
    std::vector<StudentInput> students;
    std::vector<ProjectInput> projects;
    std::vector<SupervisorInput> supervisors;
    Options options;
};

enum class Algorithm { stable, welfare };
const char* to_string(Algorithm a);
std::optional<Algorithm> parse_algorithm(std::string_view name);

// Thrown for invalid input. `where` locates the item ("students[3].choices[1]"), what() is the
// full one-line message, which also names the offending id.
class InputError : public std::runtime_error {
public:
    InputError(std::string where, const std::string& message)
        : std::runtime_error(where.empty() ? message : where + ": " + message), where_(std::move(where)) {}
    const std::string& where() const { return where_; }

private:
    std::string where_;
};

struct Assignment {
    std::string student;
    std::string project;
    int rank = 0;  // 1 for a first choice
};

struct Stats {
    int students = 0;
    int assigned = 0;
    std::vector<int> rank_histogram;  // [i] = number of students who got their (i+1)-th choice
    double mean_rank = 0.0;           // over assigned students; 0 when nobody is assigned
    int blocking_pairs = 0;
    int undersized_teams = 0;
    int teams_missing_skills = 0;
    double elapsed_ms = 0.0;
};

struct Result {
    Algorithm algorithm = Algorithm::stable;
    std::uint64_t seed = 0;
    std::vector<Assignment> assignments;  // in input order of students
    std::vector<std::string> unassigned;
    std::vector<std::string> closed_projects;  // in the order they were closed
    Stats stats;
};

enum class Reason {
    project_closed,        // closed because it could not reach its minimum size
    project_no_places,     // capacity zero
    project_full,          // full with students the project ranks higher
    supervisor_full,       // the supervisor is full with students they rank higher
    project_full_earlier,  // rejected while the project was full (only with conflicting orders)
    welfare_objective,     // welfare: placing you there would not improve the global objective
};
const char* to_string(Reason r);

struct ChoiceExplanation {
    std::string project;
    int rank = 0;
    Reason reason = Reason::project_full;
    std::string message;  // a sentence for the student; never names another student
};

struct Explanation {
    std::string student;
    std::optional<std::string> project;             // what they got
    int rank = 0;                                   // 0 when unassigned
    std::vector<ChoiceExplanation> better_choices;  // every choice ranked above what they got
};

}  // namespace latitudes::alloc
