#pragma once
// Content codings (RFC 9110 §8.4.1): gzip (zlib) and br (Brotli), and which one a client accepts
// (Accept-Encoding, §12.5.3). Pure functions with no HTTP types, so that the build-time tool that
// precompresses the static files (app/precompress.cpp) uses the same code as the server.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace latitudes::web {

enum class Coding { identity, gzip, br };

// "gzip", "br", "identity": the token of Content-Encoding and Accept-Encoding.
std::string_view to_string(Coding coding);

// `level` 1–9 (zlib); `quality` 0–11 (Brotli). Both throw std::runtime_error if the library fails.
std::string gzip_compress(std::string_view data, int level);
std::string brotli_compress(std::string_view data, int quality);
// For tests and the benchmark: nullopt when `data` is not a valid stream.
std::optional<std::string> gzip_decompress(std::string_view data);
std::optional<std::string> brotli_decompress(std::string_view data);

// Whether a static file is worth compressing, by its name: text formats (images and fonts are
// compressed already).
bool is_compressible_file(const std::filesystem::path& file);

// The qualities (0 to 1, 0 = refused) an Accept-Encoding value gives each coding we can send. No
// header at all is identity alone (RFC 9110 would allow any coding, but a client that sends none,
// curl for one, may not decode it); an empty value is identity only; "*" stands for every coding
// not named, identity included; identity not named (nor by "*") stays acceptable, below any coding
// the client named, unless refused ("identity;q=0", "*;q=0").
struct AcceptedCodings {
    double gzip = 0, br = 0;
    double identity = unnamed_identity;
    static constexpr double unnamed_identity = 0.001;
};
AcceptedCodings parse_accept_encoding(std::string_view header, bool present);

// The coding to send: the highest quality among br (when available), gzip (when available) and
// identity, ties going to br, then gzip. nullopt when none is acceptable (e.g. "identity;q=0"
// alone, for a file with no compressed copy): the server answers 406.
std::optional<Coding> best_coding(const AcceptedCodings& accepted, bool gzip_available, bool br_available);

}  // namespace latitudes::web
