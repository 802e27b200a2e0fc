#pragma once
// Personal API tokens (migration 0005's api_tokens): a person creates one in "Mon espace" to write
// through the JSON API, sees its value once, and revokes it there. Only the SHA-256 digest is kept.
#include "store/accounts.hpp"

#include <optional>
#include <string>
#include <vector>

namespace latitudes::store {

struct ApiTokenInfo {
    long long id = 0;
    std::string name, created_at, last_used_at;  // instants as ISO text, "" when never used
    bool revoked = false;
};

struct NewApiToken {
    long long id = 0;
    std::string value;  // "lat_" + random token: shown once, never stored
};

class ApiTokenStore {
public:
    explicit ApiTokenStore(soci::session& session) : s_(session) {}
    NewApiToken create(long long person_id, const std::string& name, Clock::time_point now);
    // The person's tokens, newest first, revoked ones included (marked).
    std::vector<ApiTokenInfo> list(long long person_id);
    // Revokes one of the person's own tokens; false when the id is not theirs or already revoked.
    bool revoke(long long person_id, long long token_id, Clock::time_point now);
    // The owner of a live token whose account is active, its last use moved to `now`.
    std::optional<long long> authenticate(std::string_view value, Clock::time_point now);
    // Live (not revoked) tokens of a person: a person may hold at most a handful.
    long long live_count(long long person_id);

private:
    soci::session& s_;
};

}  // namespace latitudes::store
