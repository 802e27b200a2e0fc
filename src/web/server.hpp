#pragma once
// The HTTP server: RESTinio's I/O threads parse requests and hand each one to a worker pool,
// where Site::handle does the blocking work (database, templates); responses go back to I/O.
#include "web/site.hpp"

#include <cstdint>
#include <string>

namespace latitudes::web {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    std::size_t workers = 4;     // threads doing blocking work
    std::size_t io_threads = 1;  // threads parsing and writing HTTP
};

// Serves until SIGINT or SIGTERM, then stops accepting, lets in-flight requests finish and
// returns 0. Returns non-zero after printing one line when the address cannot be used.
int serve(Site& site, const ServerOptions& options);

}  // namespace latitudes::web
