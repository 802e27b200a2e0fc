#pragma once
// Two things RESTinio 0.6.16 (Debian 12) cannot do through its public settings, added through its
// own customisation points; included by server.cpp only, so that RESTinio stays out of handlers.
//
// 1. Answering a request over the limits. RESTinio's parser callbacks return an error as soon as
//    the request target, a header field, the number of fields or the body is over its limit, and
//    the connection is then closed without a word: the client sees a reset, not a 413. No setting
//    or hook reports it. Its parser callbacks come from impl::create_parser_settings<M>(), M being
//    the traits' http_methods_mapper_t, so a mapper of our own (limit_aware_http_methods) lets
//    us specialise that function: the same callbacks, except that a limit reached marks the
//    request (the field `refused_field`, a name no client can send since ':' is not allowed in
//    one) and the rest of it is read and dropped instead of stored. The request then reaches the
//    handler with what was read so far, and the server answers 413, 414 or 431 and closes. Reading
//    the rest first matters: closing while the client is still sending makes its system reset the
//    connection, and the answer is lost with it. What is dropped costs no memory, and the read
//    timeout (ServerOptions::read_timeout) bounds how long a client may go on sending.
//    http_parser's own cap on the whole header block (HTTP_MAX_HEADER_SIZE, 80 KB by default)
//    still closes silently: it is raised to `max_header_block_bytes`, far above our limits.
//
// 2. A response without Content-Length. Every RESTinio output writes one (0 for an empty body) but
//    the chunked one, which sends a chunked body; a 304 must carry neither (RFC 9110 §15.4.5:
//    a Content-Length there would have to be the selected representation's, and none is better).
//    response_builder_t<bodiless_output_t> writes the header alone.
#include <restinio/all.hpp>

#include <cstddef>
#include <string_view>

namespace latitudes::web {

// The HTTP methods as RESTinio maps them; only its type differs (see point 1 above).
struct limit_aware_http_methods : restinio::default_http_methods_t {};

// Set on a request that was over a limit; its value is the status to answer ("413", "414", "431").
inline constexpr std::string_view refused_field = "latitudes:refused";

// The most header bytes http_parser reads before it fails the connection on its own.
inline constexpr std::size_t max_header_block_bytes = 1 << 20;
// Raises http_parser's cap to max_header_block_bytes (process-wide; call before serving).
void raise_parser_header_cap();

// Per-request body limits (process-wide; call before serving): RESTinio's max_body_size is set to
// the larger one, and the parser callbacks apply `large` to the requests that takes_large_body()
// names (the no-JavaScript document form) and `usual` to every other.
void set_body_limits(std::size_t usual, std::size_t large);
std::size_t body_limit(std::string_view method, std::string_view target, std::size_t configured);

// The tag of a response that has a status line and header fields, and no body or Content-Length.
struct bodiless_output_t {};

}  // namespace latitudes::web

namespace restinio {

namespace impl {
template <>
http_parser_settings create_parser_settings<latitudes::web::limit_aware_http_methods>() noexcept;
}  // namespace impl

template <>
class response_builder_t<latitudes::web::bodiless_output_t> final
    : public base_response_builder_t<response_builder_t<latitudes::web::bodiless_output_t>> {
public:
    using base_type_t = base_response_builder_t<response_builder_t<latitudes::web::bodiless_output_t>>;
    using base_type_t::base_type_t;
    response_builder_t(response_builder_t&&) = default;

    request_handling_status_t done() {
        if (!m_connection) throw_done_must_be_called_once();
        const response_output_flags_t flags{response_parts_attr_t::final_parts,
                                            response_connection_attr(m_header.should_keep_alive())};
        writable_items_container_t parts;
        parts.emplace_back(impl::create_header_string(m_header, impl::content_length_field_presence_t::skip_content_length));
        write_group_t group{std::move(parts)};
        group.status_line_size(calculate_status_line_size());
        auto connection = std::move(m_connection);
        connection->write_response_parts(m_request_id, flags, std::move(group));
        return request_accepted();
    }
};

}  // namespace restinio
