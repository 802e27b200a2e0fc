#include "domain/document.hpp"

#include "domain/text.hpp"

#include <array>
#include <cctype>

namespace latitudes::domain {

namespace {

using Sig = FileType::Signature;

constexpr std::array<FileType, 17> file_types{{
    {"pdf", "application/pdf", Sig::pdf},
    {"odt", "application/vnd.oasis.opendocument.text", Sig::opendocument},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet", Sig::opendocument},
    {"odp", "application/vnd.oasis.opendocument.presentation", Sig::opendocument},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Sig::zip},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Sig::zip},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", Sig::zip},
    {"zip", "application/zip", Sig::zip},
    {"png", "image/png", Sig::png},
    {"jpg", "image/jpeg", Sig::jpeg},
    {"jpeg", "image/jpeg", Sig::jpeg},
    {"gif", "image/gif", Sig::gif},
    {"webp", "image/webp", Sig::webp},
    {"txt", "text/plain; charset=utf-8", Sig::text},
    {"csv", "text/csv; charset=utf-8", Sig::text},
    {"md", "text/markdown; charset=utf-8", Sig::text},
    {"markdown", "text/markdown; charset=utf-8", Sig::text},
}};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// UTF-8 without NUL; when the file goes on past `head`, a sequence cut at its end is fine.
bool plain_text(std::string_view head, bool whole_file) {
    std::size_t i = 0;
    while (i < head.size()) {
        const auto c = static_cast<unsigned char>(head[i]);
        if (c == 0) return false;
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0) return false;
        if (i + n > head.size()) return !whole_file;
        if (!is_valid_utf8(head.substr(i, n))) return false;
        i += n;
    }
    return true;
}

}  // namespace

std::optional<DocumentKind> parse_document_kind(std::string_view text) {
    for (auto kind : document_kinds)
        if (to_string(kind) == text) return kind;
    return std::nullopt;
}

std::string_view to_string(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::agreement: return "agreement";
        case DocumentKind::specification: return "specification";
        case DocumentKind::deliverable: return "deliverable";
        case DocumentKind::other: return "other";
    }
    return "other";
}

std::optional<FileType> file_type_of(std::string_view filename) {
    const auto dot = filename.rfind('.');
    if (dot == std::string_view::npos || dot + 1 == filename.size()) return std::nullopt;
    std::string extension(filename.substr(dot + 1));
    for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& type : file_types)
        if (type.extension == extension) return type;
    return std::nullopt;
}

std::string allowed_extensions() {
    std::string out;
    for (const auto& type : file_types) {
        if (type.extension == "jpeg" || type.extension == "markdown") continue;
        out += (out.empty() ? "" : ", ") + std::string(type.extension);
    }
    return out;
}

bool content_matches(const FileType& type, std::string_view head, bool whole_file) {
    switch (type.signature) {
        case Sig::pdf: return starts_with(head, "%PDF-");
        case Sig::zip:
            return starts_with(head, std::string_view("PK\x03\x04", 4)) || starts_with(head, std::string_view("PK\x05\x06", 4));
        case Sig::opendocument:
            // ODF's first entry is "mimetype", stored uncompressed: its name at offset 30, then the type.
            return starts_with(head, std::string_view("PK\x03\x04", 4)) && head.size() > 38 && head.substr(30, 8) == "mimetype" &&
                   head.find("application/vnd.oasis.opendocument.", 38) == 38;
        case Sig::png: return starts_with(head, "\x89PNG\r\n\x1a\n");
        case Sig::jpeg: return starts_with(head, "\xFF\xD8\xFF");
        case Sig::gif: return starts_with(head, "GIF87a") || starts_with(head, "GIF89a");
        case Sig::webp: return head.size() >= 12 && starts_with(head, "RIFF") && head.substr(8, 4) == "WEBP";
        case Sig::text: return plain_text(head, whole_file);
    }
    return false;
}

std::string clean_filename(std::string_view sent) {
    const auto slash = sent.find_last_of("/\\");
    if (slash != std::string_view::npos) sent.remove_prefix(slash + 1);
    std::string out;
    for (char c : sent)
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F && c != '"') out.push_back(c);
    while (!out.empty() && (out.front() == ' ' || out.front() == '.')) out.erase(0, 1);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!is_valid_utf8(out)) return {};
    if (out.size() > 200) {
        std::size_t cut = 200;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    return out;
}

std::string attachment_disposition(std::string_view filename) {
    std::string ascii, encoded;
    for (char c : filename) {
        const auto u = static_cast<unsigned char>(c);
        ascii.push_back(u < 0x80 && u >= 0x20 && c != '"' && c != '\\' ? c : '_');
        if (std::isalnum(u) || c == '.' || c == '-' || c == '_' || c == '~') encoded.push_back(c);
        else {
            static const char* hex = "0123456789ABCDEF";
            encoded += '%';
            encoded += hex[u >> 4];
            encoded += hex[u & 0xF];
        }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace latitudes::domain
