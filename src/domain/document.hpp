#pragma once
// The team's documents (issue 13): their kinds, which files are accepted (an allow list by
// extension, checked against the file's first bytes), the type they are served with, and the
// names they are saved under. Pure, no I/O.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace latitudes::domain {

enum class DocumentKind { agreement, specification, deliverable, other };
std::optional<DocumentKind> parse_document_kind(std::string_view text);
std::string_view to_string(DocumentKind kind);
inline constexpr DocumentKind document_kinds[] = {DocumentKind::agreement, DocumentKind::specification, DocumentKind::deliverable,
                                                  DocumentKind::other};

// A file type the platform keeps: its extension (lower case, no dot), the type it is served with,
// and what its first bytes must look like.
struct FileType {
    std::string_view extension;
    std::string_view media_type;
    enum class Signature { pdf, zip, opendocument, png, jpeg, gif, webp, text } signature;
};

// The type of a file name's extension when it is on the allow list (any case), else nullopt.
std::optional<FileType> file_type_of(std::string_view filename);
// "pdf, odt, ods, …": the allowed extensions, for messages.
std::string allowed_extensions();

// Whether the file's first bytes (`head`, the whole first chunk; shorter when the file is) are
// what its extension says: "%PDF-" for a PDF, a ZIP header for OOXML and ZIP, the ZIP header with
// the ODF media type for ODF, the image signatures, and UTF-8 without NUL for text (a sequence cut
// by the end of `head` is allowed when the file goes on).
bool content_matches(const FileType& type, std::string_view head, bool whole_file);

// The name a file is stored and offered under: its last path component (a browser may send
// C:\...\name), without control characters, at most 200 bytes cut on a UTF-8 boundary; "" when
// nothing is left.
std::string clean_filename(std::string_view sent);

// Content-Disposition for a download: always an attachment (nothing uploaded is shown inline),
// an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187).
std::string attachment_disposition(std::string_view filename);

// Upload limits (configurable; see SiteOptions).
struct DocumentLimits {
    std::size_t max_file_bytes = 200'000'000;  // any file
    std::size_t chunk_bytes = 512 * 1024;      // the plaintext of one stored chunk and one upload request
};

}  // namespace latitudes::domain
