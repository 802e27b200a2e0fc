#include "store/api_tokens.hpp"

#include "domain/credentials.hpp"
#include "store/query.hpp"

namespace latitudes::store {

namespace {
constexpr std::string_view token_prefix = "lat_";
}

NewApiToken ApiTokenStore::create(long long person_id, const std::string& name, Clock::time_point now) {
    NewApiToken created;
    created.value = std::string(token_prefix) + domain::random_token();
    created.id = Query("INSERT INTO api_tokens (person_id, name, digest, created_at) "
                       "VALUES (:person, :name, :digest, :at) RETURNING id")
                     .bind("person", person_id)
                     .bind("name", name)
                     .bind("digest", domain::token_digest(created.value))
                     .bind("at", iso_utc(now))
                     .scalar(s_);
    return created;
}

std::vector<ApiTokenInfo> ApiTokenStore::list(long long person_id) {
    std::vector<ApiTokenInfo> tokens;
    Query("SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE person_id = :person "
          "ORDER BY created_at DESC, id DESC")
        .bind("person", person_id)
        .for_each(s_, [&](const soci::row& r) {
            tokens.push_back({column_int(r, 0), column_text(r, 1), column_text(r, 2), column_text(r, 3),
                              !column_text(r, 4).empty()});
        });
    return tokens;
}

bool ApiTokenStore::revoke(long long person_id, long long token_id, Clock::time_point now) {
    return Query("UPDATE api_tokens SET revoked_at = :at WHERE id = :id AND person_id = :person AND revoked_at IS NULL")
               .bind("at", iso_utc(now))
               .bind("id", token_id)
               .bind("person", person_id)
               .execute(s_) == 1;
}

std::optional<long long> ApiTokenStore::authenticate(std::string_view value, Clock::time_point now) {
    // Our tokens all carry the prefix: anything else is refused without a query.
    if (value.size() <= token_prefix.size() || value.substr(0, token_prefix.size()) != token_prefix) return std::nullopt;
    const std::string digest = domain::token_digest(value);
    long long token_id = 0, person_id = 0;
    Query("SELECT t.id, t.person_id FROM api_tokens t JOIN accounts a ON a.person_id = t.person_id "
          "WHERE t.digest = :digest AND t.revoked_at IS NULL AND a.active = 1")
        .bind("digest", digest)
        .for_each(s_, [&](const soci::row& r) {
            token_id = column_int(r, 0);
            person_id = column_int(r, 1);
        });
    if (token_id == 0) return std::nullopt;
    // Conditional, so that a token revoked in between is not reported as used.
    if (Query("UPDATE api_tokens SET last_used_at = :at WHERE id = :id AND revoked_at IS NULL")
            .bind("at", iso_utc(now))
            .bind("id", token_id)
            .execute(s_) != 1)
        return std::nullopt;
    return person_id;
}

long long ApiTokenStore::live_count(long long person_id) {
    return Query("SELECT COUNT(*) FROM api_tokens WHERE person_id = :person AND revoked_at IS NULL")
        .bind("person", person_id)
        .scalar(s_);
}

}  // namespace latitudes::store
