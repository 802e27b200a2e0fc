#include "web/restinio_extensions.hpp"

#include <climits>
#include <string>

namespace latitudes::web {

void raise_parser_header_cap() { http_parser_set_max_header_size(static_cast<std::uint32_t>(max_header_block_bytes)); }

}  // namespace latitudes::web

namespace restinio::impl {

namespace {

using latitudes::web::refused_field;

http_parser_ctx_t& context_of(http_parser* parser) { return *static_cast<http_parser_ctx_t*>(parser->data); }

bool refused(const http_parser_ctx_t& ctx) { return ctx.m_header.has_field(refused_field); }

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
    if (!refused(ctx) && parser->content_length != ULLONG_MAX && parser->content_length > ctx.m_limits.max_body_size())
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
    if (ctx.m_body.size() + length > ctx.m_limits.max_body_size()) return refuse(ctx, "413");
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
