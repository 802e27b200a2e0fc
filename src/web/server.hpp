#pragma once
// The HTTP server: RESTinio's I/O threads parse requests and hand each one to a worker pool,
// where Site::handle does the blocking work (database, templates); responses go back to I/O.
#include "web/site.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace latitudes::web {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    std::size_t workers = 4;     // threads doing blocking work
    std::size_t io_threads = 1;  // threads parsing and writing HTTP
    // How long a client may take to send a request (headers and body), or leave a kept-alive
    // connection idle, before the server closes the connection.
    std::chrono::seconds read_timeout{60};
    // A second listener serving GET /metrics only (0: none). Loopback by default: the main port
    // answers /metrics only to the configured bearer token (SiteOptions::metrics_token).
    std::uint16_t metrics_port = 0;
    std::string metrics_host = "127.0.0.1";
};

// Serves until SIGINT or SIGTERM, then stops accepting, lets in-flight requests finish and
// returns 0. Returns non-zero after printing one line when the address cannot be used.
int serve(Site& site, const ServerOptions& options);

}  // namespace latitudes::web
