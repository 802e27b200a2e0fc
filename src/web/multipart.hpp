#pragma once
// multipart/form-data bodies (a file chosen in a form, such as a cohort's spreadsheet export),
// read with RESTinio's multipart and header-field parsers: the one place outside server.cpp that
// knows RESTinio, because handlers are tested without the server and still need their uploads.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace latitudes::web {

struct Upload {
    std::string filename, content_type, content;
};

struct MultipartBody {
    std::multimap<std::string, std::string> fields;  // parts without a file name
    std::map<std::string, Upload> files;             // by field name (the first part of each name)
};

// The parts of `body` when `content_type` is multipart/form-data with a valid boundary, else
// nullopt (another type, a missing or invalid boundary, a part without a name).
std::optional<MultipartBody> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace latitudes::web
