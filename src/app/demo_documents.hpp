#pragma once
// Demo documents of the demo student's team (`latitudes seed --demo`): an agreement, a
// specification in two versions, a deliverable, and downloads in the access log. They are
// encrypted with the server key given to `seed` (--file-key-file, or the environment, as for
// `serve`: `make run` gives both var/file.key); without a key they are not seeded (and said so).
#include "domain/file_crypto.hpp"
#include "service/service.hpp"

#include <optional>

namespace latitudes::app {

// Set by `seed` from its options before seed_demo_teams runs.
inline std::optional<domain::FileKey> demo_file_key;

// Returns how many versions were stored (0 without a key).
int seed_demo_documents(const service::Context& ctx, long long team_id, long long student_id, long long contact_id);

}  // namespace latitudes::app
