#pragma once
// The bytes of a file under tests/fixtures/csv/, exactly as stored (BOM, CRLF, Windows-1252 kept).
// The fixtures sit in the source tree: LATITUDES_SOURCE_DIR under CMake; compiled by hand from the
// tree's root, __FILE__ (tests/support/fixtures.hpp) finds them.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace latitudes::test {

inline std::string csv_fixture(const std::string& name) {
#ifdef LATITUDES_SOURCE_DIR
    const std::filesystem::path dir = std::filesystem::path(LATITUDES_SOURCE_DIR) / "tests" / "fixtures" / "csv";
#else
    const std::filesystem::path dir = std::filesystem::path(__FILE__).parent_path().parent_path() / "fixtures" / "csv";
#endif
    std::ifstream in(dir / name, std::ios::binary);
    if (!in) throw std::runtime_error("missing fixture " + (dir / name).string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace latitudes::test
