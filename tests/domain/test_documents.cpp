// The documents' pure rules: encryption round trip, tamper detection, key wrapping, the canary,
// the allow list and content sniffing, file names.
#include "domain/document.hpp"
#include "domain/file_crypto.hpp"

#include <gtest/gtest.h>

using namespace latitudes::domain;

namespace {

FileKey key_of(char fill) { return *parse_file_key(std::string(64, fill)); }

// A file as the store keeps it: header, wrapped key, chunks.
struct Encrypted {
    std::string key, header;
    std::vector<std::string> chunks;
};

Encrypted encrypt(const std::string& plain, std::size_t chunk) {
    StreamWriter writer;
    Encrypted e{writer.secrets().key, writer.secrets().header, {}};
    for (std::size_t at = 0; at < plain.size(); at += chunk) {
        // The state goes through a save and a restore between chunks, as between two requests.
        StreamWriter resumed(writer.secrets().key, writer.secrets().header, writer.state());
        e.chunks.push_back(resumed.push(plain.substr(at, chunk), at + chunk >= plain.size()));
        writer = resumed;
    }
    return e;
}

std::optional<std::string> decrypt(const Encrypted& e) {
    StreamReader reader(e.key, e.header);
    std::string out;
    bool last = false;
    for (std::size_t i = 0; i < e.chunks.size(); ++i) {
        auto plain = reader.pull(e.chunks[i], last);
        if (!plain || last != (i + 1 == e.chunks.size())) return std::nullopt;
        out += *plain;
    }
    return last ? std::optional(out) : std::nullopt;
}

}  // namespace

TEST(FileCrypto, RoundTripInChunksWithTheStateSavedBetween) {
    std::string plain;
    for (int i = 0; i < 10000; ++i) plain += static_cast<char>(i * 7 % 256);
    const auto e = encrypt(plain, 1024);
    ASSERT_EQ(e.chunks.size(), 10u);
    EXPECT_EQ(e.chunks[0].size(), 1024 + chunk_overhead());
    EXPECT_EQ(e.chunks[0].find(plain.substr(0, 64)), std::string::npos) << "the chunk is not the plaintext";
    EXPECT_EQ(decrypt(e), plain);
}

TEST(FileCrypto, AChangedByteASwappedDroppedOrAddedChunkIsRefused) {
    const std::string plain(5000, 'x');
    const auto e = encrypt(plain, 1000);
    auto changed = e;
    changed.chunks[2][10] ^= 1;
    EXPECT_FALSE(decrypt(changed));
    auto swapped = e;
    std::swap(swapped.chunks[1], swapped.chunks[2]);
    EXPECT_FALSE(decrypt(swapped));
    auto dropped = e;
    dropped.chunks.pop_back();
    EXPECT_FALSE(decrypt(dropped)) << "truncated: no final chunk";
    auto other = encrypt(plain, 1000);
    auto mixed = e;
    mixed.chunks[3] = other.chunks[3];
    EXPECT_FALSE(decrypt(mixed)) << "a chunk of another file";
}

TEST(FileCrypto, WrappedSecretsOpenOnlyWithTheirKeyAndPurpose) {
    const auto a = key_of('a'), b = key_of('b');
    const auto wrapped = wrap(a, purpose_file_key, "secret bytes");
    EXPECT_EQ(unwrap(a, purpose_file_key, wrapped), "secret bytes");
    EXPECT_FALSE(unwrap(b, purpose_file_key, wrapped));
    EXPECT_FALSE(unwrap(a, purpose_upload_state, wrapped));
    auto changed = wrapped;
    changed.back() ^= 1;
    EXPECT_FALSE(unwrap(a, purpose_file_key, changed));
    EXPECT_NE(wrap(a, purpose_file_key, "secret bytes"), wrapped) << "a fresh nonce each time";
    EXPECT_TRUE(canary_matches(a, make_canary(a)));
    EXPECT_FALSE(canary_matches(b, make_canary(a)));
}

TEST(FileCrypto, KeysAreSixtyFourHexDigits) {
    EXPECT_TRUE(parse_file_key(new_file_key_hex()));
    EXPECT_TRUE(parse_file_key("  " + std::string(64, 'F') + "\n"));
    EXPECT_FALSE(parse_file_key(std::string(63, 'a')));
    EXPECT_FALSE(parse_file_key(std::string(62, 'a') + "zz"));
    EXPECT_FALSE(parse_file_key(""));
    EXPECT_NE(new_file_key_hex(), new_file_key_hex());
}

TEST(FileCrypto, Base64ReadsWhatPostgresqlWrites) {
    const std::string bytes(200, '\xF0');
    std::string text = to_base64(bytes);
    EXPECT_EQ(from_base64(text), bytes);
    text.insert(76, "\n");  // encode() breaks lines every 76 characters
    EXPECT_EQ(from_base64(text), bytes);
    EXPECT_FALSE(from_base64("not base64!"));
}

TEST(DocumentTypes, AnAllowListByExtensionCheckedAgainstTheContent) {
    EXPECT_TRUE(file_type_of("Rapport.PDF"));
    EXPECT_FALSE(file_type_of("script.exe"));
    EXPECT_FALSE(file_type_of("page.html"));
    EXPECT_FALSE(file_type_of("image.svg")) << "SVG may carry scripts";
    EXPECT_FALSE(file_type_of("no-extension"));
    EXPECT_TRUE(content_matches(*file_type_of("a.pdf"), "%PDF-1.7\n...", false));
    EXPECT_FALSE(content_matches(*file_type_of("a.pdf"), "MZ\x90\x00", false));
    EXPECT_TRUE(content_matches(*file_type_of("a.docx"), std::string("PK\x03\x04rest", 8), false));
    EXPECT_FALSE(content_matches(*file_type_of("a.docx"), "%PDF-", false));
    std::string odt = std::string("PK\x03\x04", 4) + std::string(26, '\0') + "mimetypeapplication/vnd.oasis.opendocument.text";
    EXPECT_TRUE(content_matches(*file_type_of("a.odt"), odt, false));
    EXPECT_FALSE(content_matches(*file_type_of("a.odt"), std::string("PK\x03\x04", 4) + std::string(60, 'x'), false));
    EXPECT_TRUE(content_matches(*file_type_of("a.png"), "\x89PNG\r\n\x1a\n....", false));
    EXPECT_TRUE(content_matches(*file_type_of("a.csv"), "nom;âge\nÉlodie;21\n", true));
    EXPECT_FALSE(content_matches(*file_type_of("a.txt"), std::string("a\0b", 3), true)) << "NUL: not text";
    EXPECT_FALSE(content_matches(*file_type_of("a.md"), "\xFF\xFE", true));
    EXPECT_TRUE(content_matches(*file_type_of("a.md"), "caf\xC3", false)) << "a character cut by the chunk's end";
    EXPECT_FALSE(content_matches(*file_type_of("a.md"), "caf\xC3", true));
}

TEST(DocumentTypes, FileNamesAreCleanedAndOfferedAsAttachments) {
    EXPECT_EQ(clean_filename("C:\\Users\\nadia\\Convention.pdf"), "Convention.pdf");
    EXPECT_EQ(clean_filename("../../etc/passwd"), "passwd");
    EXPECT_EQ(clean_filename("a\r\nb\".pdf"), "ab.pdf");
    EXPECT_EQ(clean_filename("..."), "");
    EXPECT_EQ(clean_filename(std::string(300, 'e') + ".pdf").size(), 200u);
    EXPECT_EQ(attachment_disposition("Cahier des charges é.md"),
              "attachment; filename=\"Cahier des charges __.md\"; filename*=UTF-8''Cahier%20des%20charges%20%C3%A9.md");
    EXPECT_EQ(parse_document_kind("agreement"), DocumentKind::agreement);
    EXPECT_FALSE(parse_document_kind("contract"));
}
