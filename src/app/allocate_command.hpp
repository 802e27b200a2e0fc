#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
namespace latitudes::app {
struct AllocateCliOptions {
    std::string input;
    std::string algorithm = "stable";
    std::string output;
    std::string explain;
};
// Adds `allocate` with --input FILE (required), --algorithm stable|welfare, --output FILE, --explain STUDENT_ID.
CLI::App* add_allocate_command(CLI::App& root, AllocateCliOptions& options);
// Runs it; returns the process exit code. Errors: one clear line on stderr, non-zero, no output file written
// (write to a temporary file in the same directory then rename).
int run_allocate_command(const AllocateCliOptions& options);
}  // namespace latitudes::app
