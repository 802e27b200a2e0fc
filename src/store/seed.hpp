#pragma once
// Demo data (seed/demo.json, embedded) and synthetic data for benchmarks.
#include "store/database.hpp"

#include <string>
#include <string_view>

namespace latitudes::store {

struct SeedReport {
    bool skipped = false;  // the database already had projects
    long long organisations = 0, projects = 0, people = 0, teams = 0;
};

// Loads the demo data set into an empty database, in one transaction.
// Skips (report.skipped) when projects already exist; throws DatabaseError on invalid data.
SeedReport seed_demo(Database& database, std::string_view demo_json);

// Adds `projects` fictional projects with proportionate organisations, schools and students,
// reproducibly from `seed`, in one transaction.
SeedReport seed_synthetic(Database& database, int projects, unsigned seed);

}  // namespace latitudes::store
