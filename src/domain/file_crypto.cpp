#include "domain/file_crypto.hpp"

#include <sodium.h>

#include <cctype>
#include <cstring>
#include <stdexcept>

namespace latitudes::domain {

namespace {

using state_t = crypto_secretstream_xchacha20poly1305_state;
static_assert(sizeof(state_t) <= 64, "the saved stream state must fit its buffer");

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string random_bytes(std::size_t n) {
    ensure_sodium();
    std::string out(n, '\0');
    randombytes_buf(out.data(), n);
    return out;
}

constexpr std::string_view canary_text = "latitudes file key canary";
constexpr std::string_view purpose_canary = "latitudes canary v1";

}  // namespace

std::optional<FileKey> parse_file_key(std::string_view hex) {
    while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.front()))) hex.remove_prefix(1);
    while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.back()))) hex.remove_suffix(1);
    if (hex.size() != 64) return std::nullopt;
    ensure_sodium();
    FileKey key;
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(key.bytes.data(), key.bytes.size(), hex.data(), hex.size(), nullptr, &length, &end) != 0 ||
        length != key.bytes.size() || end != hex.data() + hex.size())
        return std::nullopt;
    return key;
}

std::string new_file_key_hex() {
    const std::string key = random_bytes(32);
    std::string hex(65, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes_of(key), key.size());
    hex.pop_back();
    return hex;
}

std::string wrap(const FileKey& server, std::string_view purpose, std::string_view secret) {
    std::string out = random_bytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    out.resize(out.size() + secret.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long written = 0;
    auto* cipher = reinterpret_cast<unsigned char*>(out.data()) + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    crypto_aead_xchacha20poly1305_ietf_encrypt(cipher, &written, bytes_of(secret), secret.size(), bytes_of(purpose),
                                               purpose.size(), nullptr, bytes_of(out), server.bytes.data());
    out.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + written);
    return out;
}

std::optional<std::string> unwrap(const FileKey& server, std::string_view purpose, std::string_view wrapped) {
    ensure_sodium();
    constexpr std::size_t nonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    if (wrapped.size() < nonce + crypto_aead_xchacha20poly1305_ietf_ABYTES) return std::nullopt;
    std::string out(wrapped.size() - nonce - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &written, nullptr,
                                                   bytes_of(wrapped) + nonce, wrapped.size() - nonce, bytes_of(purpose),
                                                   purpose.size(), bytes_of(wrapped), server.bytes.data()) != 0)
        return std::nullopt;
    out.resize(written);
    return out;
}

std::string make_canary(const FileKey& server) { return wrap(server, purpose_canary, canary_text); }

bool canary_matches(const FileKey& server, std::string_view canary) {
    const auto text = unwrap(server, purpose_canary, canary);
    return text && *text == canary_text;
}

std::size_t chunk_overhead() { return crypto_secretstream_xchacha20poly1305_ABYTES; }

StreamWriter::StreamWriter() {
    ensure_sodium();
    secrets_.key = random_bytes(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    secrets_.header.assign(crypto_secretstream_xchacha20poly1305_HEADERBYTES, '\0');
    crypto_secretstream_xchacha20poly1305_init_push(reinterpret_cast<state_t*>(state_.data()),
                                                    reinterpret_cast<unsigned char*>(secrets_.header.data()),
                                                    bytes_of(secrets_.key));
}

StreamWriter::StreamWriter(std::string key, std::string header, std::string_view state) {
    ensure_sodium();
    if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES ||
        header.size() != crypto_secretstream_xchacha20poly1305_HEADERBYTES || state.size() != sizeof(state_t))
        throw std::invalid_argument("a saved stream has the wrong size");
    secrets_ = {std::move(key), std::move(header)};
    std::memcpy(state_.data(), state.data(), sizeof(state_t));
}

std::string StreamWriter::state() const { return std::string(reinterpret_cast<const char*>(state_.data()), sizeof(state_t)); }

std::string StreamWriter::push(std::string_view plaintext, bool last) {
    std::string out(plaintext.size() + crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
    unsigned long long written = 0;
    crypto_secretstream_xchacha20poly1305_push(reinterpret_cast<state_t*>(state_.data()),
                                               reinterpret_cast<unsigned char*>(out.data()), &written, bytes_of(plaintext),
                                               plaintext.size(), nullptr, 0,
                                               last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                    : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    out.resize(written);
    return out;
}

StreamReader::StreamReader(std::string_view key, std::string_view header) {
    ensure_sodium();
    if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES ||
        header.size() != crypto_secretstream_xchacha20poly1305_HEADERBYTES)
        throw std::invalid_argument("a stream key or header has the wrong size");
    if (crypto_secretstream_xchacha20poly1305_init_pull(reinterpret_cast<state_t*>(state_.data()), bytes_of(header),
                                                        bytes_of(key)) != 0)
        throw std::invalid_argument("a stream header is not valid");
}

std::optional<std::string> StreamReader::pull(std::string_view ciphertext, bool& last) {
    if (ciphertext.size() < crypto_secretstream_xchacha20poly1305_ABYTES) return std::nullopt;
    std::string out(ciphertext.size() - crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
    unsigned long long written = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(reinterpret_cast<state_t*>(state_.data()),
                                                   reinterpret_cast<unsigned char*>(out.data()), &written, &tag,
                                                   bytes_of(ciphertext), ciphertext.size(), nullptr, 0) != 0)
        return std::nullopt;
    out.resize(written);
    last = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    return out;
}

std::string to_base64(std::string_view bytes) {
    ensure_sodium();
    const auto variant = sodium_base64_VARIANT_ORIGINAL;
    std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(), variant);
    out.pop_back();  // the terminating NUL
    return out;
}

std::optional<std::string> from_base64(std::string_view text) {
    ensure_sodium();
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), "\r\n", &length,
                          &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    out.resize(length);
    return out;
}

}  // namespace latitudes::domain
