#include "web/restinio_extensions.hpp"

#include "web/http.hpp"

#include <atomic>
#include <climits>
#include <string>

namespace latitudes::web {

void raise_parser_header_cap() { http_parser_set_max_header_size(static_cast<std::uint32_t>(max_header_block_bytes)); }

namespace {
std::atomic<std::size_t> usual_body_limit{0}, large_body_limit{0};  // 0: RESTinio's max_body_size
}  // namespace

void set_body_limits(std::size_t usual, std::size_t large) {
    usual_body_limit = usual;
    large_body_limit = large;
}

std::size_t body_limit(std::string_view method, std::string_view target, std::size_t configured) {
    const std::size_t limit = takes_large_body(method, target) ? large_body_limit.load() : usual_body_limit.load();
    return limit == 0 ? configured : std::min(limit, configured);
}

}  // namespace latitudes::web

namespace restinio::impl {

namespace {

using latitudes::web::refused_field;

http_parser_ctx_t& context_of(http_parser* parser) { return *static_cast<http_parser_ctx_t*>(parser->data); }

bool refused(const http_parser_ctx_t& ctx) { return ctx.m_header.has_field(refused_field); }

// The body limit of this request: the usual one, or the document form's (set_body_limits).
std::size_t max_body(http_parser* parser, const http_parser_ctx_t& ctx) {
    return latitudes::web::body_limit(http_method_str(static_cast<http_method>(parser->method)), ctx.m_header.request_target(),
                                      ctx.m_limits.max_body_size());
}

// Marks the request as over a limit (the first limit reached is the one answered) and frees what
// its body held: the rest of the request is read and dropped.
int refuse(http_parser_ctx_t& ctx, const char* status) {
    if (!refused(ctx)) ctx.m_header.set_field(std::string(refused_field), status);
    ctx.m_body.clear();
    ctx.m_body.shrink_to_fit();
    ctx.m_chunked_info_block.m_chunks.clear();
    return 0;
}

// Each callback below checks the limit that RESTinio's own callback would fail on, before it
// can fail, and otherwise hands over to it (restinio/impl/parser_callbacks.ipp).

int on_url(http_parser* parser, const char* at, size_t length) {
    auto& ctx = context_of(parser);
    if (refused(ctx)) return 0;
    if (ctx.m_header.request_target().size() + length > ctx.m_limits.max_url_size()) return refuse(ctx, "414");
    return restinio_url_cb(parser, at, length);
}

int on_header_field(http_parser* parser, const char* at, size_t length) {
    auto& ctx = context_of(parser);
    if (refused(ctx)) return 0;
    const bool new_field = ctx.m_last_was_value;
    if (new_field && ctx.m_total_field_count == ctx.m_limits.max_field_count()) return refuse(ctx, "431");
    const std::size_t name_size = (new_field ? 0 : ctx.m_current_field_name.size()) + length;
    if (name_size > ctx.m_limits.max_field_name_size()) return refuse(ctx, "431");
    return restinio_header_field_cb(parser, at, length);
}

int on_header_value(http_parser* parser, const char* at, size_t length) {
    auto& ctx = context_of(parser);
    if (refused(ctx)) return 0;
    const std::size_t value_size = (ctx.m_last_was_value ? ctx.m_last_value_total_size : 0) + length;
    if (value_size >= ctx.m_limits.max_field_value_size()) return refuse(ctx, "431");
    return restinio_header_value_cb(parser, at, length);
}

int on_headers_complete(http_parser* parser) {
    auto& ctx = context_of(parser);
    if (!refused(ctx) && parser->content_length != ULLONG_MAX && parser->content_length > max_body(parser, ctx))
        refuse(ctx, "413");
    if (refused(ctx)) {
        ctx.m_leading_headers_completed = true;
        return 0;
    }
    return restinio_headers_complete_cb(parser);
}

int on_body(http_parser* parser, const char* at, size_t length) {
    auto& ctx = context_of(parser);
    if (refused(ctx)) return 0;
    if (ctx.m_body.size() + length > max_body(parser, ctx)) return refuse(ctx, "413");
    return restinio_body_cb(parser, at, length);
}

int on_chunk_header(http_parser* parser) { return refused(context_of(parser)) ? 0 : restinio_chunk_header_cb(parser); }

}  // namespace

template <>
http_parser_settings create_parser_settings<latitudes::web::limit_aware_http_methods>() noexcept {
    http_parser_settings settings = create_parser_settings<default_http_methods_t>();
    settings.on_url = on_url;
    settings.on_header_field = on_header_field;
    settings.on_header_value = on_header_value;
    settings.on_headers_complete = on_headers_complete;
    settings.on_body = on_body;
    settings.on_chunk_header = on_chunk_header;
    return settings;  // on_message_complete maps the methods as ours do: RESTinio's mapping
}

}  // namespace restinio::impl
