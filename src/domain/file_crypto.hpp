#pragma once
// Encryption at rest of the team's documents (issue 13). Each stored file has its own random key
// and is encrypted as a libsodium secretstream (XChaCha20-Poly1305), one message per chunk: each
// chunk is authenticated, their order is (a counter in the nonce) and so is the end (the last
// chunk carries TAG_FINAL), so a changed, swapped, dropped or added chunk fails to decrypt. The
// file's key is stored wrapped (XChaCha20-Poly1305-IETF) by the server key, which comes from the
// configuration and is never stored: the database alone decrypts nothing. Pure, no I/O (libsodium
// only, its random numbers included).
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace latitudes::domain {

// The server's key: 32 bytes, given as 64 hexadecimal digits (`openssl rand -hex 32`).
struct FileKey {
    std::array<unsigned char, 32> bytes{};
};

// The key written as 64 hex digits (surrounding white space ignored), else nullopt.
std::optional<FileKey> parse_file_key(std::string_view hex);
// 32 random bytes as 64 hex digits (what `make run` writes to var/file.key).
std::string new_file_key_hex();

// `secret` encrypted and authenticated by the server key: a random nonce then the ciphertext.
// `purpose` is authenticated too, so a wrapped value cannot be used for another purpose.
std::string wrap(const FileKey& server, std::string_view purpose, std::string_view secret);
// The secret, or nullopt when `wrapped` was not made by this key for this purpose (or was changed).
std::optional<std::string> unwrap(const FileKey& server, std::string_view purpose, std::string_view wrapped);

// What the database keeps to check the server key at start-up: a known text wrapped by the key.
std::string make_canary(const FileKey& server);
bool canary_matches(const FileKey& server, std::string_view canary);

// Purposes of wrapped values (authenticated with them).
inline constexpr std::string_view purpose_file_key = "latitudes document key v1";
inline constexpr std::string_view purpose_upload_state = "latitudes upload state v1";

// One encrypted file's secrets: its key, the stream header (stored beside the chunks: not secret)
// and, while it is being written, the stream's state between chunks.
struct StreamSecrets {
    std::string key;     // crypto_secretstream_xchacha20poly1305_KEYBYTES
    std::string header;  // crypto_secretstream_xchacha20poly1305_HEADERBYTES
};

// The ciphertext of a chunk is its plaintext plus this many bytes.
std::size_t chunk_overhead();

// Writes a file chunk by chunk. The state (52 bytes) may be saved between chunks and restored on
// another server (it is kept wrapped in the upload's row).
class StreamWriter {
public:
    // A new file: a random key and header.
    StreamWriter();
    // Goes on with a saved state.
    StreamWriter(std::string key, std::string header, std::string_view state);
    const StreamSecrets& secrets() const { return secrets_; }
    std::string state() const;
    // The ciphertext of the next chunk; `last` marks the end of the file.
    std::string push(std::string_view plaintext, bool last);

private:
    StreamSecrets secrets_;
    std::array<unsigned char, 64> state_{};  // large enough for crypto_secretstream_xchacha20poly1305_state
};

// Reads a file chunk by chunk, in order.
class StreamReader {
public:
    // Throws std::invalid_argument for a key or header of the wrong size.
    StreamReader(std::string_view key, std::string_view header);
    // The plaintext of the next chunk, or nullopt when it was changed (or is not the next one);
    // `last` receives whether the chunk closes the file.
    std::optional<std::string> pull(std::string_view ciphertext, bool& last);

private:
    std::array<unsigned char, 64> state_{};
};

// Standard base64 (with padding); decoding ignores line breaks (PostgreSQL's encode() adds them).
std::string to_base64(std::string_view bytes);
std::optional<std::string> from_base64(std::string_view text);

}  // namespace latitudes::domain
