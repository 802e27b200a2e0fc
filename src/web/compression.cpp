#include "web/compression.hpp"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace latitudes::web {

std::string_view to_string(Coding coding) {
    switch (coding) {
        case Coding::gzip: return "gzip";
        case Coding::br: return "br";
        case Coding::identity: break;
    }
    return "identity";
}

bool is_compressible_file(const std::filesystem::path& file) {
    const auto ext = file.extension().string();
    return ext == ".css" || ext == ".js" || ext == ".svg" || ext == ".json" || ext == ".txt" || ext == ".ico";
}

std::string gzip_compress(std::string_view data, int level) {
    z_stream stream{};
    // 15 window bits + 16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("gzip: deflateInit2 failed");
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate failed");
    return out;
}

std::string brotli_compress(std::string_view data, int quality) {
    std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
    if (size == 0) size = data.size() + 1024;
    std::string out(size, '\0');
    if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                               reinterpret_cast<const uint8_t*>(data.data()), &size, reinterpret_cast<uint8_t*>(out.data())))
        throw std::runtime_error("brotli: compression failed");
    out.resize(size);
    return out;
}

std::optional<std::string> gzip_decompress(std::string_view data) {
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 16) != Z_OK) return std::nullopt;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buffer[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        rc = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
    }
    inflateEnd(&stream);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
}

std::optional<std::string> brotli_decompress(std::string_view data) {
    BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (!state) return std::nullopt;
    std::size_t available_in = data.size();
    const auto* next_in = reinterpret_cast<const uint8_t*>(data.data());
    std::string out;
    BrotliDecoderResult result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    while (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        uint8_t buffer[16384];
        std::size_t available_out = sizeof buffer;
        uint8_t* next_out = buffer;
        result = BrotliDecoderDecompressStream(state, &available_in, &next_in, &available_out, &next_out, nullptr);
        out.append(reinterpret_cast<char*>(buffer), sizeof buffer - available_out);
    }
    BrotliDecoderDestroyInstance(state);
    if (result != BROTLI_DECODER_RESULT_SUCCESS) return std::nullopt;
    return out;
}

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool equals_lower(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != lower[i]) return false;
    return true;
}

// The q parameter of one list member ("gzip;q=0.5"), 1 without one; a malformed q refuses the
// coding (0) rather than guess.
double quality_of(std::string_view params) {
    while (!params.empty()) {
        const auto semicolon = params.find(';');
        const std::string_view param = trim(params.substr(0, semicolon));
        params = semicolon == std::string_view::npos ? std::string_view() : params.substr(semicolon + 1);
        if (param.size() < 2 || std::tolower(static_cast<unsigned char>(param[0])) != 'q' || param[1] != '=') continue;
        const std::string value(trim(param.substr(2)));
        char* end = nullptr;
        const double q = std::strtod(value.c_str(), &end);
        if (value.empty() || end != value.c_str() + value.size() || q < 0 || q > 1) return 0;
        return q;
    }
    return 1;
}

}  // namespace

AcceptedCodings parse_accept_encoding(std::string_view header, bool present) {
    AcceptedCodings accepted;
    if (!present) return accepted;
    std::optional<double> gzip, br, identity, star;
    while (true) {
        const auto comma = header.find(',');
        const std::string_view member = trim(header.substr(0, comma));
        const auto semicolon = member.find(';');
        const std::string_view coding = trim(member.substr(0, semicolon));
        const double q = semicolon == std::string_view::npos ? 1.0 : quality_of(member.substr(semicolon + 1));
        // x-gzip is gzip's old name (RFC 9110 §8.4.1.3).
        if (equals_lower(coding, "gzip") || equals_lower(coding, "x-gzip")) gzip = q;
        else if (equals_lower(coding, "br")) br = q;
        else if (equals_lower(coding, "identity")) identity = q;
        else if (coding == "*") star = q;
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    accepted.gzip = gzip.value_or(star.value_or(0));
    accepted.br = br.value_or(star.value_or(0));
    accepted.identity = identity.value_or(star.value_or(AcceptedCodings::unnamed_identity));
    return accepted;
}

std::optional<Coding> best_coding(const AcceptedCodings& accepted, bool gzip_available, bool br_available) {
    std::optional<Coding> best;
    double best_q = 0;
    const auto consider = [&](Coding coding, double q, bool available) {
        if (available && q > best_q) {
            best = coding;
            best_q = q;
        }
    };
    // In order of preference: a later coding wins only with a strictly higher quality.
    consider(Coding::br, accepted.br, br_available);
    consider(Coding::gzip, accepted.gzip, gzip_available);
    consider(Coding::identity, accepted.identity, true);
    return best;
}

}  // namespace latitudes::web
