#pragma once
// The server key of the documents (domain/file_crypto.hpp), from the command line or the
// environment: `--file-key-file PATH` (or LATITUDES_FILE_KEY_FILE), else LATITUDES_FILE_KEY. Either
// holds the 32 bytes as 64 hexadecimal digits (`openssl rand -hex 32`; `make run` writes one to
// var/file.key with mode 0600). None at all: nullopt (documents answer 503).
#include "domain/file_crypto.hpp"

#include <optional>
#include <string>

namespace latitudes::app {

// Throws std::runtime_error, with what to do, for a file that cannot be read or a key that is not
// 64 hex digits.
std::optional<domain::FileKey> load_file_key(const std::string& path_option);

}  // namespace latitudes::app
