#include "web/server.hpp"

#include "web/restinio_extensions.hpp"

#include <spdlog/spdlog.h>
#include <restinio/all.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <future>
#include <iostream>
#include <memory>
#include <thread>

namespace latitudes::web {

namespace {

using plain_traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
// Requests over a limit are answered instead of dropped (see restinio_extensions.hpp).
struct server_traits : plain_traits {
    using http_methods_mapper_t = limit_aware_http_methods;
};

Request to_request(const restinio::request_handle_t& req) {
    Request r;
    const auto& h = req->header();
    r.method = h.method().c_str();
    r.target = std::string(h.request_target());
    r.path = url_decode(h.path(), false);
    r.query = parse_query(h.query());
    r.body = req->body();
    r.remote = req->remote_endpoint().address().to_string();
    h.for_each_field([&](const restinio::http_header_field_t& field) {
        if (field.name() == refused_field) {
            r.refused_status = std::stoi(field.value());
            return;
        }
        std::string name = field.name();
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers.emplace(std::move(name), field.value());
    });
    return r;
}

// A streamed body (Response::stream): one piece in flight at a time. The worker waits until
// RESTinio has written a piece before it asks for the next, so a slow client holds one piece in
// memory, not the file. The connection is closed after it (see Response::stream).
template <typename HeadersOf>
void send_stream(const restinio::request_handle_t& req, const Request& request, Response& response,
                 const restinio::http_status_line_t& status_line, HeadersOf& headers_of) {
    auto out = req->create_response<restinio::user_controlled_output_t>(status_line);
    headers_of(out);
    out.connection_close();
    out.set_content_length(response.stream_length);
    if (request.method == "HEAD") {
        out.done();
        return;
    }
    const auto written = [&] {
        auto done = std::make_shared<std::promise<bool>>();
        auto result = done->get_future();
        out.flush([done](const asio::error_code& ec) { done->set_value(!ec); });
        // RESTinio calls back with an error when the connection goes; the wait is bounded anyway.
        return result.wait_for(std::chrono::minutes(5)) == std::future_status::ready && result.get();
    };
    try {
        if (!written()) return;  // the header
        while (auto piece = response.stream()) {
            out.append_body(std::move(*piece));
            if (!written()) return;
        }
    } catch (const std::exception& e) {
        spdlog::error("a streamed answer to {} stopped: {}", request.path, e.what());
    }
    out.done();
}

// Writes the answer: a 304 or 204 without Content-Length (RFC 9110 §15.4.5, §15.3.5), a HEAD with
// the GET's length and no body (§9.3.2), anything else with its body.
void send(const restinio::request_handle_t& req, const Request& request, Response& response) {
    const restinio::http_status_line_t status_line{restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                                                   reason_phrase(response.status)};
    auto headers_of = [&](auto& out) {
        if (!response.content_type.empty() && response.status != 304)
            out.append_header(restinio::http_field::content_type, response.content_type);
        for (auto& [name, value] : response.headers) out.append_header(name, value);
        if (response.close_connection) out.connection_close();
    };
    if (response.status == 304 || response.status == 204) {
        auto out = req->create_response<bodiless_output_t>(status_line);
        headers_of(out);
        out.done();
    } else if (response.stream) {
        send_stream(req, request, response, status_line, headers_of);
    } else if (request.method == "HEAD") {
        auto out = req->create_response<restinio::user_controlled_output_t>(status_line);
        headers_of(out);
        out.set_content_length(response.body.size());
        out.done();
    } else {
        auto out = req->create_response(status_line);
        headers_of(out);
        out.set_body(std::move(response.body));
        out.done();
    }
}

// The admin listener (--metrics-port): GET /metrics and nothing else, on its own address, which
// the main port's clients cannot reach when it is loopback or a private network.
restinio::request_handling_status_t answer_admin(Site& site, const restinio::request_handle_t& req) {
    const auto& h = req->header();
    const bool read = h.method() == restinio::http_method_get() || h.method() == restinio::http_method_head();
    const bool found = h.path() == "/metrics";
    const int status = !found ? 404 : read ? 200 : 405;
    auto out = req->create_response(restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(status)},
                                                                 reason_phrase(status)});
    out.append_header(restinio::http_field::content_type,
                      status == 200 ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8");
    if (status == 405) out.append_header(restinio::http_field::allow, "GET, HEAD");
    out.append_header("Cache-Control", "no-store");
    out.set_body(status == 200 ? site.metrics.prometheus() : std::string(reason_phrase(status)) + "\n");
    return out.done();
}

}  // namespace

int serve(Site& site, const ServerOptions& options) {
    auto access_log = spdlog::get("access");
    asio::thread_pool workers(options.workers);
    std::atomic<long> in_flight{0};

    auto handler = [&](restinio::request_handle_t req) -> restinio::request_handling_status_t {
        ++in_flight;
        const auto started = std::chrono::steady_clock::now();
        asio::post(workers, [&, req, started] {
            try {
                Request request = to_request(req);
                std::string route;
                Response response = site.handle(request, route);
                const std::size_t bytes = response.body.size();
                send(req, request, response);
                const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                site.metrics.record(route, response.status, seconds);
                if (access_log)
                    access_log->info(
                        R"({{"remote":"{}","method":"{}","target":"{}","route":"{}","status":{},"bytes":{},"ms":{:.3f}}})",
                        req->remote_endpoint().address().to_string(), json_string_escape(request.method),
                        json_string_escape(redact_secrets(request.target)), route, response.status, bytes, seconds * 1000);
            } catch (const std::exception& e) {
                // The connection may already be gone; never let a worker thread die.
                spdlog::warn("could not answer a request: {}", e.what());
            }
            --in_flight;
        });
        return restinio::request_accepted();
    };

    raise_parser_header_cap();
    set_body_limits(site.options.max_body_bytes, site.options.document_form_max_bytes);
    restinio::http_server_t<server_traits> server{
        restinio::own_io_context(), [&](auto& settings) {
            settings.port(options.port)
                .address(options.host)
                .request_handler(handler)
                .handle_request_timeout(std::chrono::seconds(30))
                // A client has this long to send a whole request (and an idle connection is kept
                // this long): a slow one is then disconnected.
                .read_next_http_message_timelimit(options.read_timeout)
                .max_pipelined_requests(4)
                .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                              .max_url_size(8 * 1024)
                                              .max_field_name_size(1024)
                                              .max_field_value_size(8 * 1024)
                                              .max_field_count(100)
                                              .max_body_size(std::max(site.options.max_body_bytes,
                                                                      site.options.document_form_max_bytes)));
        }};

    std::unique_ptr<restinio::http_server_t<plain_traits>> admin;
    if (options.metrics_port != 0)
        admin = std::make_unique<restinio::http_server_t<plain_traits>>(
            restinio::external_io_context(server.io_context()), [&](auto& settings) {
                settings.port(options.metrics_port)
                    .address(options.metrics_host)
                    .request_handler([&](restinio::request_handle_t req) { return answer_admin(site, req); })
                    .read_next_http_message_timelimit(options.read_timeout)
                    .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(0));
            });
    try {
        server.open_sync();
        if (admin) admin->open_sync();
    } catch (const std::exception& e) {
        std::cerr << "latitudes: cannot listen on " << options.host << ":" << options.port
                  << (admin ? " and " + options.metrics_host + ":" + std::to_string(options.metrics_port) : std::string()) << ": "
                  << e.what() << "\n";
        return 1;
    }
    spdlog::info("serving on http://{}:{} with {} workers, database {}", options.host, options.port, options.workers,
                 site.db.url().redacted());
    if (admin) spdlog::info("metrics on http://{}:{}/metrics", options.metrics_host, options.metrics_port);

    asio::signal_set signals(server.io_context(), SIGINT, SIGTERM);
    std::thread drainer;
    signals.async_wait([&](const asio::error_code& ec, int signal) {
        if (ec) return;
        spdlog::info("signal {} received: finishing in-flight requests", signal);
        server.close_async([] {}, [](std::exception_ptr) {});
        if (admin) admin->close_async([] {}, [](std::exception_ptr) {});
        drainer = std::thread([&] {
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
            while (in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let the last writes leave
            server.io_context().stop();
        });
    });

    std::vector<std::thread> io_threads;
    for (std::size_t i = 1; i < options.io_threads; ++i) io_threads.emplace_back([&] { server.io_context().run(); });
    server.io_context().run();
    for (auto& t : io_threads) t.join();
    if (drainer.joinable()) drainer.join();
    workers.join();
    spdlog::info("stopped");
    return 0;
}

}  // namespace latitudes::web
