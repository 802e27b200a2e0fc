#include "web/assets.hpp"

#include "domain/credentials.hpp"
#include "web/http.hpp"

#include <fstream>
#include <sstream>

namespace latitudes::web {

namespace {

std::string content_type_of(const std::filesystem::path& file) {
    const auto ext = file.extension().string();
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".js") return "text/javascript; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".json") return "application/json";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    if (ext == ".woff2") return "font/woff2";
    return "application/octet-stream";
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

}  // namespace

std::string Asset::etag(Coding coding) const {
    return "\"" + fingerprint + (coding == Coding::identity ? "" : "-" + std::string(to_string(coding))) + "\"";
}

void Assets::add(const std::string& url, const std::filesystem::path& file, const std::filesystem::path& precompressed) {
    Asset asset;
    asset.body = read_file(file);
    asset.content_type = content_type_of(file);
    asset.digest = domain::token_digest(asset.body);
    asset.fingerprint = asset.digest.substr(0, 16);
    std::error_code error;
    const auto written = std::filesystem::last_write_time(file, error);
    if (!error) asset.modified = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::file_clock::to_sys(written));
    asset.last_modified = http_date(asset.modified);
    if (!precompressed.empty() && is_compressible_file(file)) {
        // A copy is only used when it exists: an empty file is never a valid gzip or Brotli stream.
        if (const auto gz = precompressed / (asset.digest + ".gz"); std::filesystem::is_regular_file(gz))
            asset.gzip = read_file(gz);
        if (const auto br = precompressed / (asset.digest + ".br"); std::filesystem::is_regular_file(br))
            asset.br = read_file(br);
        if (asset.gzip.empty() && asset.br.empty()) ++uncompressed_;
    }
    files_[url] = std::move(asset);
}

std::map<std::string, std::string> Assets::fingerprinted_urls() const {
    std::map<std::string, std::string> urls;
    for (const auto& [url, asset] : files_) urls.emplace(url, url + "?v=" + asset.fingerprint);
    return urls;
}

std::vector<std::string> Assets::load(const std::filesystem::path& root, const std::filesystem::path& precompressed) {
    std::vector<std::string> missing;
    const auto static_dir = root / "static";
    if (std::filesystem::is_directory(static_dir)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(static_dir)) {
            if (!entry.is_regular_file()) continue;
            const auto rel = std::filesystem::relative(entry.path(), static_dir).generic_string();
            add("/static/" + rel, entry.path(), precompressed);
        }
    } else {
        missing.push_back(static_dir.string());
    }
    for (const auto& [url, path] : vendor_files) {
        const auto file = root / path;
        if (std::filesystem::is_regular_file(file)) add(url, file, precompressed);
        else missing.push_back(file.string());
    }
    return missing;
}

const Asset* Assets::find(std::string_view url_path) const {
    auto it = files_.find(url_path);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace latitudes::web
