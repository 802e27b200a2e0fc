#pragma once
// Numbered schema migrations (migrations/NNNN_name.sql, embedded in the binary), applied in order,
// each in its own transaction: a failing one leaves the database as it was before it.
#include "store/database.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::store {

struct Migration {
    int version = 0;
    std::string name;  // file name, e.g. 0001_initial_schema.sql
    std::string sql;   // with {{pk}} and {{now}} tokens
    // What SQL cannot do, run after `sql` in the same transaction (embedded migrations only).
    std::function<void(soci::session&)> data_step;
};

// Parses "0001_name.sql" into a migration; throws DatabaseError on a malformed name.
Migration make_migration(std::string_view file_name, std::string_view sql);
// The migrations embedded in the binary, sorted by version (checked unique).
std::vector<Migration> embedded_migrations();

// Replaces the dialect tokens for one engine.
std::string render_for(Engine engine, std::string_view sql);
// Splits a script into statements at semicolons outside quotes and comments.
std::vector<std::string> split_statements(std::string_view sql);

struct MigrationReport {
    int from_version = 0;
    int to_version = 0;
    std::vector<std::string> applied;
};

// Brings the schema up to date. Throws DatabaseError when the database is newer than
// `migrations` know or when a migration fails (that migration is rolled back).
MigrationReport migrate(Database& database, const std::vector<Migration>& migrations);
// Current schema version (0 for an empty database).
int schema_version(Database& database);
// True when the schema is exactly at the newest known migration.
bool is_up_to_date(Database& database, const std::vector<Migration>& migrations);

}  // namespace latitudes::store
