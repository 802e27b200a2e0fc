// Stand-alone `allocate` command, for timing before the full `latitudes` binary exists.
#include <CLI/CLI.hpp>

#include "app/allocate_command.hpp"

int main(int argc, char** argv) {
    CLI::App app{"latitudes (allocate only)"};
    app.require_subcommand(1);
    latitudes::app::AllocateCliOptions options;
    add_allocate_command(app, options);
    CLI11_PARSE(app, argc, argv);
    return latitudes::app::run_allocate_command(options);
}
