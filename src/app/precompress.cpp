// latitudes_precompress ROOT OUT: writes the gzip and Brotli copies of the static files (ROOT/static/
// and the npm files of web::vendor_files) into OUT, named by the SHA-256 of each file's content
// (DIGEST.gz, DIGEST.br), at the strongest settings: this runs once per content, at build time,
// never per request. A copy already there is kept (same content, same name); a copy that would
// not be smaller is not written, and the server then sends the file as it is. Missing files
// (npm ci not run yet) are skipped: the server warns about them.
#include "domain/credentials.hpp"
#include "web/assets.hpp"
#include "web/compression.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace latitudes;

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// Written beside, then renamed: a build interrupted midway leaves no truncated copy.
void write_file(const fs::path& file, const std::string& content) {
    const fs::path partial = file.string() + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        if (!out) throw std::runtime_error("cannot write " + partial.string());
    }
    fs::rename(partial, file);
}

// 1 when a copy was written.
int compress_into(const fs::path& file, const fs::path& out) {
    if (!web::is_compressible_file(file)) return 0;
    const std::string content = read_file(file);
    const std::string digest = domain::token_digest(content);
    int written = 0;
    const fs::path gz = out / (digest + ".gz"), br = out / (digest + ".br");
    if (!fs::exists(gz)) {
        if (auto copy = web::gzip_compress(content, 9); copy.size() < content.size()) write_file(gz, copy), written = 1;
    }
    if (!fs::exists(br)) {
        if (auto copy = web::brotli_compress(content, 11); copy.size() < content.size()) write_file(br, copy), written = 1;
    }
    return written;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: latitudes_precompress ROOT OUT\n";
        return 2;
    }
    const fs::path root = argv[1], out = argv[2];
    try {
        fs::create_directories(out);
        std::vector<fs::path> files;
        if (fs::is_directory(root / "static"))
            for (const auto& entry : fs::recursive_directory_iterator(root / "static"))
                if (entry.is_regular_file()) files.push_back(entry.path());
        for (const auto& [url, path] : web::vendor_files)
            if (fs::is_regular_file(root / path)) files.push_back(root / path);
        int written = 0;
        for (const auto& file : files) written += compress_into(file, out);
        if (written > 0) std::cout << "latitudes_precompress: compressed " << written << " file(s) into " << out.string() << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "latitudes_precompress: " << e.what() << "\n";
        return 1;
    }
}
