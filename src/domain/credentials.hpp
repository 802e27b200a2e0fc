#pragma once
// Rules about secrets: what a new password must satisfy, how passwords are hashed, how random
// tokens (sessions, CSRF, single-use links, API tokens) are drawn and stored, when links expire,
// and what an e-mail address looks like. No I/O; hashing and randomness come from libsodium.
//
// Nothing here logs, and nothing here keeps a password or a token after returning.
#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latitudes::domain {

// ---- New passwords ---------------------------------------------------------------------------

enum class PasswordProblem {
    too_short,       // fewer than min_password_length code points
    too_long,        // more than max_password_length code points: bounds the work done per login
    invalid_utf8,    // reported alone: nothing else can be counted reliably
    common,          // in the list of common passwords, possibly with digits or symbols added
                     // at the end, case and accents ignored, simple "leet" (p@ssw0rd) undone
    too_simple,      // one repeated character, a repeated short pattern (abababab), or a run
                     // such as abcdef..., 123456..., 987654...
    contains_email,  // contains the local part of the e-mail, or one of its dot/dash pieces
    contains_name,   // contains a word of the display name
};
inline constexpr std::array all_password_problems{
    PasswordProblem::too_short,  PasswordProblem::too_long,       PasswordProblem::invalid_utf8, PasswordProblem::common,
    PasswordProblem::too_simple, PasswordProblem::contains_email, PasswordProblem::contains_name};

// Lengths in Unicode code points, so that "é" counts once whatever the encoding.
// 12 follows the ANSSI/CNIL recommendation for a password-only login; 128 is ample for a
// passphrase and stops a megabyte "password" from being handed to argon2.
inline constexpr std::size_t min_password_length = 12;
inline constexpr std::size_t max_password_length = 128;
// Pieces of an e-mail or a name shorter than this are too common to forbid ("jo", "ana").
inline constexpr std::size_t min_personal_fragment = 4;

struct PasswordCheck {
    std::vector<PasswordProblem> problems;  // every problem found, in enum order; empty when fine
    bool ok() const { return problems.empty(); }
    bool has(PasswordProblem p) const;
};

// All the problems of a candidate password, so that the form can list them at once.
// The e-mail and the display name may be empty (e.g. when only the password is being changed
// and the caller has not loaded them; it should).
PasswordCheck check_new_password(std::string_view password, std::string_view email, std::string_view display_name);

// Stable codes ("too_short"...), used as message keys: "password.too_short".
std::string_view to_string(PasswordProblem problem);

// True when the (folded) text is in the embedded list of common passwords; exposed for tests.
bool is_common_password(std::string_view folded);

// ---- Password hashing (argon2id) -------------------------------------------------------------
// crypto_pwhash_str with OPSLIMIT_INTERACTIVE (2 passes) and MEMLIMIT_INTERACTIVE (64 MiB):
// about 0.1 s on a small server core, above the OWASP minimum for argon2id (19 MiB, 2 passes).
// MODERATE (256 MiB, ~0.7 s) would let a handful of concurrent log-ins exhaust a small server's
// memory, and log-in is reachable anonymously; the web layer must still throttle log-ins.
// Raising the limits later is free: needs_rehash() tells when to re-hash at the next log-in.
//
// Throws std::runtime_error only if libsodium cannot initialise or allocate the memory.
std::string hash_password(std::string_view password);
// False for a wrong password and for anything that is not a valid encoded hash.
bool verify_password(std::string_view hash, std::string_view password);
// True when the hash was made with other parameters than today's (or is not a valid hash).
bool needs_rehash(std::string_view hash);
// A valid hash of a random secret, computed once. When a log-in names an unknown e-mail, verify
// the password against it anyway, so that the answer takes as long as for a known one and the
// timing does not tell whether an account exists.
const std::string& dummy_password_hash();

// ---- Tokens ----------------------------------------------------------------------------------
// 32 random bytes (256 bits) as URL-safe base64 without padding: 43 characters [A-Za-z0-9_-],
// safe in a cookie, a URL path or a query string without escaping.
std::string random_token();
// Any bytes as URL-safe base64 without padding, and back (nullopt for text that is not such
// base64): a file carried from a preview page to its confirmation in a form field.
std::string to_base64url(std::string_view bytes);
std::optional<std::string> from_base64url(std::string_view text);
// Lower-case hex SHA-256 (64 characters). The database stores only digests, so that a leaked
// table does not hold usable session ids, link tokens or API tokens. A plain hash (no salt, no
// stretching) is enough because tokens have 256 bits of entropy, unlike passwords.
std::string token_digest(std::string_view token);
// Constant-time comparison (sodium_memcmp) for secrets: CSRF tokens, digests.
// False when the lengths differ (only the length can leak, and ours are fixed), and false when
// both are empty: an empty secret is always a bug (a missing cookie compared with a missing
// form field must not pass).
bool constant_time_equals(std::string_view a, std::string_view b);

// ---- Expiry ----------------------------------------------------------------------------------
using Clock = std::chrono::system_clock;

struct LinkPolicy {
    std::chrono::seconds ttl;
};
inline constexpr LinkPolicy email_confirmation_link{std::chrono::hours{48}};
inline constexpr LinkPolicy password_reset_link{std::chrono::hours{1}};
inline constexpr LinkPolicy invitation_link{std::chrono::days{7}};
// Sessions end after 2 h without a request, and 30 days after log-in whatever the activity.
inline constexpr LinkPolicy session_idle{std::chrono::hours{2}};
inline constexpr LinkPolicy session_absolute{std::chrono::days{30}};

// Expired from the instant created + ttl on (the boundary itself is expired: fail closed).
bool is_expired(Clock::time_point created, Clock::time_point now, std::chrono::seconds ttl);
inline bool is_expired(Clock::time_point created, Clock::time_point now, LinkPolicy policy) {
    return is_expired(created, now, policy.ttl);
}
// A session is over when either its idle or its absolute lifetime has run out.
bool is_session_expired(Clock::time_point created, Clock::time_point last_seen, Clock::time_point now);

// ---- E-mail addresses ------------------------------------------------------------------------
// Pragmatic syntax check, not RFC 5322: what real people type and real relays accept.
// - exactly one '@'; at most 254 characters in all; ASCII only, no spaces or control characters
//   (internationalised addresses need SMTPUTF8, which relays do not all offer: IDN domains are
//   accepted in their xn-- form);
// - local part: 1..64 characters among letters, digits and !#$%&'*+/=?^_`{|}~.- ,
//   no leading, trailing or doubled dot (quoted local parts are refused);
// - domain: at least two labels separated by dots, each 1..63 of [A-Za-z0-9-] not starting or
//   ending with '-', and a top-level label that is not all digits (no bare IP addresses).
bool is_valid_email(std::string_view email);

// Trims surrounding ASCII white space and lower-cases the whole address (ASCII only).
// Lower-casing the local part is, strictly, a liberty: RFC 5321 lets it be case-sensitive.
// No mainstream provider uses that, and keeping case would let "Jean@x.fr" and "jean@x.fr" be
// two accounts and make log-in and reset depend on how someone typed their address.
// Normalise first, then validate and store the normalised form.
std::string normalise_email(std::string_view email);

}  // namespace latitudes::domain
