#pragma once
// Static files (our CSS/JS and the npm front-end packages), read once at start-up and served
// from memory with validators (ETag, Last-Modified) and, when the build made them, their gzip and
// Brotli copies (app/precompress.cpp writes them as DIGEST.gz and DIGEST.br, DIGEST being the
// SHA-256 of the file's content, so that a copy can never be stale: an edited file has none
// until the next build, and goes out uncompressed meanwhile).
#include "web/compression.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::web {

// Front-end packages installed by `npm ci`, published under /static/vendor/: {url, path under the root}.
inline constexpr std::pair<const char*, const char*> vendor_files[] = {
    {"/static/vendor/pico.min.css", "node_modules/@picocss/pico/css/pico.min.css"},
    {"/static/vendor/htmx.min.js", "node_modules/htmx.org/dist/htmx.min.js"},
    {"/static/vendor/chart.umd.min.js", "node_modules/chart.js/dist/chart.umd.min.js"},
};

struct Asset {
    std::string body;
    std::string gzip, br;  // the precompressed copies, "" when the build made none
    std::string content_type;
    std::string digest;                              // SHA-256 of the body, hex
    std::string fingerprint;                         // its first 16 characters: /static/x.css?v=FINGERPRINT never changes
    std::chrono::system_clock::time_point modified;  // the file's time, whole seconds
    std::string last_modified;                       // the same as an HTTP date

    // A strong ETag per representation: the same content coded differently is another one.
    std::string etag(Coding coding) const;
    const std::string& content(Coding coding) const { return coding == Coding::br ? br : coding == Coding::gzip ? gzip : body; }
};

class Assets {
public:
    // `root` is the project folder holding static/ and node_modules/; `precompressed` the folder
    // of the build's compressed copies ("" for none). Returns the names of expected vendor files
    // that were not found (npm ci not run).
    std::vector<std::string> load(const std::filesystem::path& root, const std::filesystem::path& precompressed = {});
    const Asset* find(std::string_view url_path) const;
    std::size_t size() const { return files_.size(); }
    // How many compressible files have no compressed copy (an edited file, or no build).
    std::size_t without_compressed_copy() const { return uncompressed_; }
    // Each file's address with its fingerprint ("/static/css/site.css" → "/static/css/site.css?v=…"),
    // which the templates use so that browsers may keep a file for a year.
    std::map<std::string, std::string> fingerprinted_urls() const;

private:
    void add(const std::string& url, const std::filesystem::path& file, const std::filesystem::path& precompressed);
    std::map<std::string, Asset, std::less<>> files_;
    std::size_t uncompressed_ = 0;
};

}  // namespace latitudes::web
