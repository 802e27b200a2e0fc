#pragma once
// The framing sheet: what staff and the beneficiary agree a project is. Stored as a JSON
// object per revision; these rules check a submitted sheet, say what is missing before the
// project can be "ready", and compare two revisions field by field. Pure, no I/O.
#include "domain/opportunity.hpp"
#include "domain/project.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

// The sheet's free-text fields, in the order of the form.
inline constexpr std::array<std::string_view, 11> framing_text_fields{
    "statement", "users",          "scope", "out_of_scope",     "deliverables",    "effort",
    "duration",  "teaching_value", "risks", "positive_impacts", "negative_impacts"};
// Detail fields of opportunities (see DetailsInput), in form order.
inline constexpr std::array<std::string_view, 10> framing_detail_fields{
    "place", "remote", "hours_per_week", "compensation", "partner", "frequency", "sessions", "seeking", "capacity", "deadline"};

inline constexpr std::size_t max_framing_text = 4000;  // characters per text field

struct FramingSheet {
    std::map<std::string, std::string> text;                  // by framing_text_fields name
    std::string team_min, team_max;                           // as typed
    std::string semester;                                     // a semester's code (semester projects)
    std::string starts_on, ends_on;                           // YYYY-MM-DD, as typed; may be empty
    std::vector<std::string> sdgs;                            // SDG numbers "1".."17", as chosen
    std::vector<std::pair<std::string, std::string>> skills;  // (skill slug, level "1".."3"), as chosen
    std::map<std::string, std::string> details;               // by framing_detail_fields name, as typed
};

nlohmann::json to_json(const FramingSheet& sheet);
// Unknown keys are ignored, missing ones empty; never throws on a well-formed object.
FramingSheet sheet_from_json(const nlohmann::json& json);

// Problems of a sheet being saved (a draft may be incomplete but not wrong): codes such as
// "encoding", "too_long:<field>", "team_size", "starts_on", "ends_on", "dates_order", "sdg",
// "skill", "skill_level", "detail:<DetailProblem>". Whether the semester exists is for the
// caller to say (the domain knows no semester list).
// Details are checked only for formats that take applications, and only those given.
std::vector<std::string> check_framing(const FramingSheet& sheet, Format format, const std::set<std::string>& skill_slugs);

// What is still missing before the project can be ready: the names of empty required fields
// ("statement", "users", "scope", "deliverables", "team_size" and "semester" for semester projects, "skills") and,
// for opportunities,
// "detail:<DetailProblem>" codes. Empty when the sheet is complete (and valid).
std::vector<std::string> missing_for_ready(const FramingSheet& sheet, Format format, const std::set<std::string>& skill_slugs);

// The fields that differ between two revisions: text and detail field names, "team_size", "semester",
// "dates", "sdgs", "skills".
std::vector<std::string> changed_fields(const FramingSheet& before, const FramingSheet& after);

// The team size of a complete sheet (1..50, min <= max), or {0, 0}.
std::pair<int, int> team_size(const FramingSheet& sheet);
// The sheet's SDGs as numbers, sorted and distinct (a wrong one, refused by check_framing, is left out).
std::vector<int> sheet_sdgs(const FramingSheet& sheet);

// ---------------------------------------------------------------------------------------------
// The need, as the beneficiary writes it: a draft needs only a title; a submitted need needs what
// staff must know to frame it.

inline constexpr std::array<std::string_view, 6> need_text_fields{"problem",    "beneficiaries", "existing",
                                                                  "data_tools", "hopes",         "constraints"};
inline constexpr std::size_t max_need_text = 4000;
// New needs (drafts included) one account may create in an hour, by the form and the API
// together: far above what a person writes, far below what a runaway script would.
inline constexpr int max_new_needs_per_hour = 30;

struct NeedInput {
    std::string title, summary, format;
    std::map<std::string, std::string> text;  // by need_text_fields name
    std::string contact_name, contact_email;
    std::vector<std::string> sdgs;
};

struct CheckedNeed {
    std::vector<int> sdgs;              // sorted, distinct
    std::vector<std::string> problems;  // "encoding", "title", "summary", "format", "sdg", "contact_email",
                                        // "contact_name", "too_long:<field>", "required:<field>"
    bool ok() const { return problems.empty(); }
};
// `submitting`: the need goes to staff now, so what they need to frame it is required (summary,
// problem, beneficiaries, hopes, a contact); a draft may be saved with only a title.
CheckedNeed check_need(const NeedInput& need, bool submitting);

}  // namespace latitudes::domain
