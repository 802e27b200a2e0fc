#include "web/multipart.hpp"

#include <restinio/all.hpp>
#include <restinio/helpers/http_field_parsers/content-disposition.hpp>
#include <restinio/helpers/http_field_parsers/content-type.hpp>
#include <restinio/helpers/multipart_body.hpp>

namespace latitudes::web {

namespace hfp = restinio::http_field_parsers;
namespace mp = restinio::multipart_body;

std::optional<MultipartBody> parse_multipart(std::string_view content_type, std::string_view body) {
    const auto type = hfp::content_type_value_t::try_parse(content_type);
    if (!type || !restinio::impl::is_equal_caseless(type->media_type.type, "multipart") ||
        !restinio::impl::is_equal_caseless(type->media_type.subtype, "form-data"))
        return std::nullopt;
    const auto boundary = hfp::find_first(type->media_type.parameters, "boundary");
    if (!boundary || mp::check_boundary_value(*boundary)) return std::nullopt;
    const std::string mark = "--" + std::string(boundary->data(), boundary->size());
    MultipartBody out;
    for (const auto part_text : mp::split_multipart_body(body, mark)) {
        const auto part = mp::try_parse_part(part_text);
        if (!part) return std::nullopt;
        const auto disposition_field = part->fields.opt_value_of(restinio::http_field::content_disposition);
        if (!disposition_field) return std::nullopt;
        const auto disposition = hfp::content_disposition_value_t::try_parse(*disposition_field);
        if (!disposition || disposition->value != "form-data") return std::nullopt;
        const auto name = hfp::find_first(disposition->parameters, "name");
        if (!name) return std::nullopt;
        const std::string field(name->data(), name->size());
        const auto filename = hfp::find_first(disposition->parameters, "filename");
        if (!filename) {
            out.fields.emplace(field, std::string(part->body));
            continue;
        }
        Upload upload;
        upload.filename.assign(filename->data(), filename->size());
        if (const auto t = part->fields.opt_value_of(restinio::http_field::content_type)) upload.content_type.assign(*t);
        upload.content.assign(part->body);
        out.files.emplace(field, std::move(upload));
    }
    return out;
}

}  // namespace latitudes::web
