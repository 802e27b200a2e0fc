#pragma once
// JSON (de)serialisation of campaigns and results (the file format of `latitudes allocate`).
// Kept apart from the algorithms, which never see JSON.
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "alloc/types.hpp"

namespace latitudes::alloc {

// Parses a campaign. Throws InputError with the location ("projects[2].capacity") of the problem;
// invalid JSON reports line and column. Unknown fields are ignored.
Campaign parse_campaign(std::string_view json_text);
Campaign campaign_from_json(const nlohmann::json& j);
nlohmann::json campaign_to_json(const Campaign& c);

// Writes the result (and the explanation when given) as JSON text, one assignment per line.
std::string result_to_json_text(const Result& r, const Explanation* explanation = nullptr);
nlohmann::json result_to_json(const Result& r);
Result result_from_json(const nlohmann::json& j);
nlohmann::json explanation_to_json(const Explanation& x);

}  // namespace latitudes::alloc
