#include "web/assets.hpp"

#include <fstream>
#include <functional>
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

// Front-end packages installed by `npm ci`, published under /static/vendor/.
const std::pair<const char*, const char*> vendor_files[] = {
    {"/static/vendor/pico.min.css", "node_modules/@picocss/pico/css/pico.min.css"},
    {"/static/vendor/htmx.min.js", "node_modules/htmx.org/dist/htmx.min.js"},
    {"/static/vendor/chart.umd.min.js", "node_modules/chart.js/dist/chart.umd.min.js"},
};

}  // namespace

void Assets::add(const std::string& url, const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    Asset asset;
    asset.body = content.str();
    asset.content_type = content_type_of(file);
    asset.etag = "\"" + std::to_string(std::hash<std::string>{}(asset.body)) + "\"";
    files_[url] = std::move(asset);
}

std::vector<std::string> Assets::load(const std::filesystem::path& root) {
    std::vector<std::string> missing;
    const auto static_dir = root / "static";
    if (std::filesystem::is_directory(static_dir)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(static_dir)) {
            if (!entry.is_regular_file()) continue;
            const auto rel = std::filesystem::relative(entry.path(), static_dir).generic_string();
            add("/static/" + rel, entry.path());
        }
    } else {
        missing.push_back(static_dir.string());
    }
    for (const auto& [url, path] : vendor_files) {
        const auto file = root / path;
        if (std::filesystem::is_regular_file(file)) add(url, file);
        else missing.push_back(file.string());
    }
    return missing;
}

const Asset* Assets::find(std::string_view url_path) const {
    auto it = files_.find(url_path);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace latitudes::web
