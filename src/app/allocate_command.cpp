#include "app/allocate_command.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include "alloc/engine.hpp"
#include "alloc/json_io.hpp"

namespace latitudes::app {

namespace {

// Exit codes: 0 success, 1 invalid input, 2 I/O failure (or out of memory), 3 internal error.
constexpr int exit_invalid_input = 1;
constexpr int exit_io_error = 2;
constexpr int exit_internal_error = 3;

bool read_file(const std::string& path, std::string& out, std::string& error) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        error = "cannot open input file " + path + ": " + std::strerror(errno);
        return false;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    out = std::move(ss).str();
    return true;
}

// Writes to a temporary file in the same directory, then renames it over the target, so that a
// failed run never leaves a partial or stale-looking output file.
bool write_file_atomically(const std::string& path, const std::string& text, std::string& error) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const fs::path tmp = dir / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()));
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) {
            error = "cannot write output file " + path + ": " + std::strerror(errno);
            return false;
        }
        f.write(text.data(), static_cast<std::streamsize>(text.size()));
        f.flush();
        if (!f) {
            error = "cannot write output file " + path + ": " + std::strerror(errno);
            std::error_code ec;
            fs::remove(tmp, ec);
            return false;
        }
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        error = "cannot write output file " + path + ": " + ec.message();
        fs::remove(tmp, ec);
        return false;
    }
    return true;
}

}  // namespace

CLI::App* add_allocate_command(CLI::App& root, AllocateCliOptions& options) {
    CLI::App* cmd = root.add_subcommand("allocate", "Split students into project teams from their ranked choices");
    cmd->add_option("--input", options.input, "Campaign JSON file (students, projects, supervisors, options)")->required();
    cmd->add_option("--algorithm", options.algorithm,
                    "stable: student-optimal stable allocation (truthful ranking is a dominant strategy); "
                    "welfare: place the most students, then minimise the sum of ranks")
        ->check(CLI::IsMember({"stable", "welfare"}))
        ->default_val("stable");
    cmd->add_option("--output", options.output, "Result JSON file (default: standard output)");
    cmd->add_option("--explain", options.explain,
                    "Add an `explanation` for this student: why each better choice was not possible");
    return cmd;
}

int run_allocate_command(const AllocateCliOptions& options) {
    using namespace latitudes::alloc;
    const auto algorithm = parse_algorithm(options.algorithm);
    if (!algorithm) {
        std::cerr << "error: unknown algorithm \"" << options.algorithm << "\" (expected stable or welfare)\n";
        return exit_invalid_input;
    }
    std::string text, error;
    if (!read_file(options.input, text, error)) {
        std::cerr << "error: " << error << "\n";
        return exit_io_error;
    }
    std::string out;
    try {
        const Campaign campaign = parse_campaign(text);
        text.clear();
        text.shrink_to_fit();
        const auto t0 = std::chrono::steady_clock::now();
        const Instance in = compile(campaign);
        const Solution sol = solve(in, *algorithm, campaign.options.respect_min_size);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        const Result result = make_result(in, sol, ms);
        if (!options.explain.empty()) {
            const Explanation x = explain(in, sol, options.explain);
            out = result_to_json_text(result, &x);
        } else {
            out = result_to_json_text(result);
        }
    } catch (const InputError& e) {
        std::cerr << "error: " << options.input << ": " << e.what() << "\n";
        return exit_invalid_input;
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory while allocating " << options.input << "\n";
        return exit_io_error;
    } catch (const std::exception& e) {
        std::cerr << "error: " << options.input << ": internal error: " << e.what() << "\n";
        return exit_internal_error;
    }
    if (options.output.empty()) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fflush(stdout);
        return 0;
    }
    if (!write_file_atomically(options.output, out, error)) {
        std::cerr << "error: " << error << "\n";
        return exit_io_error;
    }
    return 0;
}

}  // namespace latitudes::app
