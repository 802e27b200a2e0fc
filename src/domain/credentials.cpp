#include "domain/credentials.hpp"

#include "domain/text.hpp"

#include <sodium.h>

#include <cstring>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace latitudes::domain {

namespace {

// The most common passwords of the public leak top lists (SplashData/NordPass yearly lists,
// RockYou top entries) and their French counterparts (azerty, motdepasse, soleil, chouchou...),
// in folded form (lower case, no accents). Sorted, so that a binary search finds them; the
// build checks the order. Longer variants are caught by check_new_password's trimming of
// trailing digits and symbols, so "motdepasse2024!" needs no entry of its own.
// clang-format off
constexpr std::string_view common_passwords[] = {
    "000000", "00000000", "01234567", "0123456789", "101010", "111111", "11111111", "111111111", "1111111111",
    "112233", "121212", "123123", "123321", "1234", "12345", "1234512345", "123456", "1234567", "12345678",
    "123456789", "1234567890", "123456789012", "12345678910", "123654", "123abc", "123qwe", "131313",
    "147258369", "159357", "159753", "1q2w3e", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx",
    "1qaz2wsx3edc", "252525", "27653", "456789", "55555", "555555", "5555555", "654321", "666666", "696969",
    "741852963", "7777777", "789456", "789456123", "88888888", "987654", "987654321", "99999999", "aaaaaa",
    "abc123", "abc12345", "abcd1234", "abcdef", "abcdefgh", "access", "access123", "admin", "admin123",
    "admin1234", "administrateur", "administrator", "allezlesbleus", "allezlom", "amour", "amour123", "angel",
    "angel123", "aqwzsxedc", "arsenal", "asdf1234", "asdfgh", "asdfghjkl", "ashley", "automne2024", "autumn",
    "azer1234", "azerty", "azerty123", "azerty1234", "azertyu", "azertyuiop", "azertyuiop123", "babygirl",
    "barcelona", "baseball", "baseball1", "batman", "batman123", "bienvenue", "bienvenue1", "bienvenue123",
    "bisous", "bonjour", "bonjour123", "camille", "capitale", "caroline", "celine", "changeme", "changeme123",
    "charlie", "chelsea", "chocolat", "chouchou", "chouchou123", "clave", "computer", "contrasena", "coucou",
    "coucou123", "daniel", "default", "doudou", "doudou123", "dragon", "dragon123", "ete2024", "famille",
    "football", "football1", "football123", "fortnite", "france", "france123", "freedom", "freedom1", "guest",
    "hallo", "hallo123", "hello", "hello123", "hiver2024", "hunter", "ichliebedich", "iloveyou", "iloveyou1",
    "iloveyou123", "internet", "isabelle", "jennifer", "jessica", "jetaime", "jetaime123", "jordan", "julien",
    "juventus", "killer", "letmein", "letmein123", "liverpool", "login", "loulou", "love123", "lovely",
    "loveme", "maison", "manchester", "mariage", "marine", "marseille", "master", "master123", "mdp123",
    "mdp1234", "michael", "minecraft", "monkey", "monkey123", "mot2passe", "motdepass", "motdepasse",
    "motdepasse!", "motdepasse1", "motdepasse123", "motdepasse1234", "mustang", "naruto", "nathalie",
    "nicolas", "nounours", "olympique", "p@ssw0rd", "p@ssword", "papillon", "paris75", "parisien", "pass",
    "pass123", "pass1234", "passe", "passe123", "passw0rd", "password", "password1", "password123",
    "password1234", "passwort", "passwort123", "pikachu", "pokemon", "princess", "princess1", "princesse",
    "printemps2024", "qazwsx", "qwerty", "qwerty1", "qwerty12", "qwerty123", "qwerty1234", "qwertyuiop",
    "qwertyuiop123", "qwertz", "qwertz123", "realmadrid", "root", "salut", "salut123", "sandrine", "schatz",
    "secret", "secret123", "shadow", "shadow123", "soleil", "soleil123", "sophie", "spiderman", "spring",
    "starwars", "stephanie", "summer", "summer2024", "sunshine", "sunshine1", "superman", "superman123",
    "tequiero", "test", "test123", "test1234", "testtest", "thomas", "toor", "trustno1", "user",
    "utilisateur", "vacances", "voiture", "welcome", "welcome1", "welcome123", "whatever", "winter", "wxcvbn",
    "zaq12wsx", "zaq12wsxcde3", "zxcvbnm", "zxcvbnm123",
};
// clang-format on
static_assert(std::is_sorted(std::begin(common_passwords), std::end(common_passwords)),
              "common_passwords must stay sorted for the binary search");

constexpr std::array<std::string_view, 7> problem_names{"too_short",  "too_long",       "invalid_utf8", "common",
                                                        "too_simple", "contains_email", "contains_name"};

// Libsodium must be initialised once before use; a function-local static is initialised exactly
// once even when several threads arrive together, and sodium_init() is itself idempotent.
void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

// Only called on valid UTF-8: every byte that is not a continuation byte starts a code point.
std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(),
                                                  [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::vector<std::uint32_t> decode_all(std::string_view s) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        std::uint32_t cp = n == 1 ? b : n == 2 ? (b & 0x1Fu) : n == 3 ? (b & 0x0Fu) : (b & 0x07u);
        for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        out.push_back(cp);
        i += n;
    }
    return out;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; }
bool is_word_char(char c) { return is_letter(c) || (c >= '0' && c <= '9'); }

std::string_view trim_non_letters(std::string_view s, bool front) {
    while (!s.empty() && !is_letter(s.back())) s.remove_suffix(1);
    while (front && !s.empty() && !is_letter(s.front())) s.remove_prefix(1);
    return s;
}

// Undoes the usual substitutions, so that "p@ssw0rd" is as common as "password".
std::string unleet(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        // clang-format off
        switch (c) {
            case '@': case '4': c = 'a'; break;
            case '3': c = 'e'; break;
            case '1': case '!': c = 'i'; break;
            case '0': c = 'o'; break;
            case '$': case '5': c = 's'; break;
            case '7': c = 't'; break;
            default: break;
        }
        // clang-format on
    }
    return out;
}

bool looks_common(std::string_view folded) {
    const std::string_view candidates[] = {folded, trim_non_letters(folded, false), trim_non_letters(folded, true)};
    for (auto c : candidates) {
        if (c.empty()) continue;
        if (is_common_password(c) || is_common_password(unleet(c))) return true;
    }
    return false;
}

bool next_in_run(std::uint32_t a, std::uint32_t b, int direction) {
    if (direction > 0) return b == a + 1 || (a == '9' && b == '0');
    return a == b + 1 || (a == '0' && b == '9');
}

bool looks_simple(std::string_view folded) {
    const auto cps = decode_all(folded);
    if (cps.size() < 2) return false;
    // One character, or a pattern of up to four repeated: "aaaa...", "abababab", "azerazerazer".
    for (std::size_t period = 1; period <= 4 && period < cps.size(); ++period) {
        bool repeats = true;
        for (std::size_t i = period; i < cps.size() && repeats; ++i) repeats = cps[i] == cps[i - period];
        if (repeats) return true;
    }
    // A run up or down the alphabet or the digits (digits may wrap: 1234567890123).
    for (int direction : {1, -1}) {
        bool run = true;
        for (std::size_t i = 1; i < cps.size() && run; ++i) run = next_in_run(cps[i - 1], cps[i], direction);
        if (run) return true;
    }
    return false;
}

// Words of at least min_personal_fragment code points, split on anything not a letter or digit.
std::vector<std::string> fragments(std::string_view folded) {
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (code_points(word) >= min_personal_fragment) out.push_back(word);
        word.clear();
    };
    for (char c : folded) {
        if (is_word_char(c)) word += c;
        else flush();
    }
    flush();
    return out;
}

bool contains_any(std::string_view haystack, const std::vector<std::string>& needles) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](const std::string& n) { return haystack.find(n) != std::string_view::npos; });
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_local_char(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos;
}

bool is_valid_label(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    return std::all_of(label.begin(), label.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

}  // namespace

// ---- New passwords ---------------------------------------------------------------------------

bool PasswordCheck::has(PasswordProblem p) const { return std::find(problems.begin(), problems.end(), p) != problems.end(); }

std::string_view to_string(PasswordProblem problem) { return problem_names.at(static_cast<std::size_t>(problem)); }

bool is_common_password(std::string_view folded) {
    return std::binary_search(std::begin(common_passwords), std::end(common_passwords), folded);
}

PasswordCheck check_new_password(std::string_view password, std::string_view email, std::string_view display_name) {
    PasswordCheck check;
    auto& out = check.problems;
    if (!is_valid_utf8(password)) {
        out.push_back(PasswordProblem::invalid_utf8);
        return check;
    }
    const auto length = code_points(password);
    if (length < min_password_length) out.push_back(PasswordProblem::too_short);
    if (length > max_password_length) out.push_back(PasswordProblem::too_long);

    // Case and accents do not make a password stronger in any way an attacker cares about.
    const std::string folded = fold(password);
    if (looks_common(folded)) out.push_back(PasswordProblem::common);
    if (looks_simple(folded)) out.push_back(PasswordProblem::too_simple);

    const auto at = email.rfind('@');
    if (at != std::string_view::npos && at > 0) {
        const std::string local = fold(email.substr(0, at));
        auto pieces = fragments(local);
        if (code_points(local) >= min_personal_fragment) pieces.push_back(local);
        if (contains_any(folded, pieces)) out.push_back(PasswordProblem::contains_email);
    }
    if (contains_any(folded, fragments(fold(display_name)))) out.push_back(PasswordProblem::contains_name);
    return check;
}

// ---- Password hashing ------------------------------------------------------------------------
// The argon2id functions are called by name rather than through crypto_pwhash_str so that a
// future libsodium changing its default algorithm cannot change what we store.

std::string hash_password(std::string_view password) {
    ensure_sodium();
    char out[crypto_pwhash_argon2id_STRBYTES];
    if (crypto_pwhash_argon2id_str(out, password.data(), password.size(), crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                                   crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("password hashing ran out of memory");
    return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
    ensure_sodium();
    if (hash.empty() || hash.size() >= crypto_pwhash_argon2id_STRBYTES) return false;
    if (hash.find('\0') != std::string_view::npos) return false;
    const std::string terminated(hash);  // libsodium reads a NUL-terminated string
    return crypto_pwhash_argon2id_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view hash) {
    ensure_sodium();
    if (hash.empty() || hash.size() >= crypto_pwhash_argon2id_STRBYTES) return true;
    const std::string terminated(hash);
    return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                                                   crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE) != 0;
}

const std::string& dummy_password_hash() {
    static const std::string hash = hash_password(random_token());
    return hash;
}

// ---- Tokens ----------------------------------------------------------------------------------

std::string to_base64url(std::string_view bytes) {
    ensure_sodium();
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
    sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), variant);
    text.resize(std::strlen(text.c_str()));
    return text;
}

std::optional<std::string> from_base64url(std::string_view text) {
    ensure_sodium();
    std::string bytes(text.size() * 3 / 4 + 3, '\0');
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(), text.size(), nullptr,
                          &length, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    bytes.resize(length);
    return bytes;
}

std::string random_token() {
    ensure_sodium();
    constexpr std::size_t bytes = 32;
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    unsigned char raw[bytes];
    randombytes_buf(raw, bytes);
    char text[sodium_base64_ENCODED_LEN(bytes, variant)];
    sodium_bin2base64(text, sizeof text, raw, bytes, variant);
    sodium_memzero(raw, bytes);
    std::string token(text);
    sodium_memzero(text, sizeof text);
    return token;
}

std::string token_digest(std::string_view token) {
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex);
}

bool constant_time_equals(std::string_view a, std::string_view b) {
    ensure_sodium();
    if (a.size() != b.size() || a.empty()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// ---- Expiry ----------------------------------------------------------------------------------

bool is_expired(Clock::time_point created, Clock::time_point now, std::chrono::seconds ttl) { return now >= created + ttl; }

bool is_session_expired(Clock::time_point created, Clock::time_point last_seen, Clock::time_point now) {
    return is_expired(last_seen, now, session_idle) || is_expired(created, now, session_absolute);
}

// ---- E-mail addresses ------------------------------------------------------------------------

bool is_valid_email(std::string_view email) {
    if (email.empty() || email.size() > 254) return false;
    for (char c : email) {
        const auto b = static_cast<unsigned char>(c);
        if (b <= 0x20 || b >= 0x7F) return false;  // spaces, control characters, non-ASCII
    }
    const auto at = email.find('@');
    if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) return false;

    const auto local = email.substr(0, at);
    if (local.empty() || local.size() > 64) return false;
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
    if (!std::all_of(local.begin(), local.end(), is_local_char)) return false;

    auto domain = email.substr(at + 1);
    if (domain.empty() || domain.size() > 253 || domain.find('.') == std::string_view::npos) return false;
    std::string_view last_label;
    while (true) {
        const auto dot = domain.find('.');
        const auto label = domain.substr(0, dot);
        if (!is_valid_label(label)) return false;
        last_label = label;
        if (dot == std::string_view::npos) break;
        domain.remove_prefix(dot + 1);
    }
    return !std::all_of(last_label.begin(), last_label.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string normalise_email(std::string_view email) {
    while (!email.empty() && is_space(email.front())) email.remove_prefix(1);
    while (!email.empty() && is_space(email.back())) email.remove_suffix(1);
    std::string out(email);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace latitudes::domain
