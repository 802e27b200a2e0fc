#include "app/file_key.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <sys/stat.h>

namespace latitudes::app {

std::optional<domain::FileKey> load_file_key(const std::string& path_option) {
    std::string path = path_option;
    if (path.empty())
        if (const char* env = std::getenv("LATITUDES_FILE_KEY_FILE"); env && *env) path = env;
    std::string text;
    std::string origin;
    if (!path.empty()) {
        std::ifstream in(path);
        if (!in) throw std::runtime_error("cannot read the file key " + path + " (--file-key-file)");
        std::stringstream content;
        content << in.rdbuf();
        text = content.str();
        origin = path;
        struct stat info {};
        if (stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0)
            spdlog::warn("the file key {} can be read by other users: chmod 600 it", path);
    } else if (const char* env = std::getenv("LATITUDES_FILE_KEY"); env && *env) {
        text = env;
        origin = "LATITUDES_FILE_KEY";
    } else {
        return std::nullopt;
    }
    auto key = domain::parse_file_key(text);
    if (!key)
        throw std::runtime_error("the file key in " + origin +
                                 " is not 64 hexadecimal digits (32 bytes): make one with `openssl rand -hex 32`");
    return key;
}

}  // namespace latitudes::app
