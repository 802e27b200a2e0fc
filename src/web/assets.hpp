#pragma once
// Static files (our CSS/JS and the npm front-end packages), read once at start-up and served
// from memory with an ETag.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::web {

struct Asset {
    std::string body;
    std::string content_type;
    std::string etag;
};

class Assets {
public:
    // `root` is the project folder holding static/ and node_modules/.
    // Returns the names of expected vendor files that were not found (npm ci not run).
    std::vector<std::string> load(const std::filesystem::path& root);
    const Asset* find(std::string_view url_path) const;
    std::size_t size() const { return files_.size(); }

private:
    void add(const std::string& url, const std::filesystem::path& file);
    std::map<std::string, Asset, std::less<>> files_;
};

}  // namespace latitudes::web
