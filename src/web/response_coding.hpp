#pragma once
// Compression of the answers the handlers make (pages, JSON, XML, text), by Site::handle on the
// worker thread that made them, never on an I/O thread. Static files are not compressed here:
// the build made their copies (web/assets.hpp). An answer kept by the response cache is kept
// compressed, once per coding (the coding is part of the cache key), so that a cached page costs
// no compression either.
#include "web/compression.hpp"
#include "web/http.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace latitudes::web {

// Below this, compression saves less than a TCP segment and costs a little time.
inline constexpr std::size_t min_compressed_body = 1024;
// Fast settings, measured in scripts/bench.sh (docs/PERFORMANCE.md): both cost about as much time,
// and Brotli 4 makes pages smaller than gzip 6.
inline constexpr int dynamic_gzip_level = 6;
inline constexpr int dynamic_brotli_quality = 4;

// The coding the request's answer would get, nullopt when the client accepts none we make.
std::optional<Coding> negotiated_coding(const Request& request);

// Adds `field` to the response's Vary header (creating it), once.
void add_vary(Response& response, std::string_view field);

// Compresses a compressible answer of at least min_compressed_body bytes in the coding the client
// prefers (any size when it refuses identity), and says "Vary: Accept-Encoding" on every answer
// that could have been compressed. Never an answer that may hold a secret of the visitor's (a
// request with a cookie other than `lang`, an answer that sets one): see BREACH in the source. False when the client accepts neither identity nor a coding
// we make: the caller answers 406.
bool encode_response(const Request& request, Response& response);

}  // namespace latitudes::web
