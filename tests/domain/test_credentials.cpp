#include "domain/credentials.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>

using namespace latitudes::domain;
using namespace std::chrono_literals;

namespace {

// A password that breaks no rule, to which each test adds one flaw.
constexpr std::string_view good = "Vélo-Ornithorynque-47";

PasswordCheck check(std::string_view password, std::string_view email = "jean.dupont@exemple.fr",
                    std::string_view name = "Jean Dupont") {
    return check_new_password(password, email, name);
}

std::string problems_of(const PasswordCheck& c) {
    std::string s;
    for (auto p : c.problems) s += std::string(to_string(p)) + " ";
    return s;
}

}  // namespace

TEST(Password, AGoodPasswordHasNoProblem) {
    const auto c = check(good);
    EXPECT_TRUE(c.ok()) << problems_of(c);
    EXPECT_TRUE(check("correct horse battery staple").ok());
}

TEST(Password, LengthIsCountedInCodePoints) {
    // 11 code points but 22 bytes: too short although the byte count is not.
    const std::string eleven = "éàüöçñëïôûâ";
    ASSERT_EQ(eleven.size(), 22u);
    EXPECT_TRUE(check(eleven).has(PasswordProblem::too_short));
    EXPECT_FALSE(check(eleven + "x").has(PasswordProblem::too_short));
    EXPECT_TRUE(check("Kx9#mPq2!vL").has(PasswordProblem::too_short));    // 11
    EXPECT_FALSE(check("Kx9#mPq2!vLw").has(PasswordProblem::too_short));  // 12
    EXPECT_TRUE(check("").has(PasswordProblem::too_short));

    std::string long_one;
    for (int i = 0; i < 32; ++i) long_one += "Ab3é";  // 128 code points, 160 bytes
    EXPECT_FALSE(check(long_one).has(PasswordProblem::too_long)) << problems_of(check(long_one));
    EXPECT_TRUE(check(long_one + "z").has(PasswordProblem::too_long));
}

TEST(Password, BrokenUtf8IsReportedAlone) {
    const auto c = check(std::string("abcdefghijkl\xff\xfe"));
    ASSERT_EQ(c.problems.size(), 1u);
    EXPECT_EQ(c.problems[0], PasswordProblem::invalid_utf8);
    EXPECT_EQ(check(std::string("\xc3")).problems, std::vector{PasswordProblem::invalid_utf8});
    EXPECT_TRUE(check(std::string("\xed\xa0\x80") + std::string(good)).has(PasswordProblem::invalid_utf8));
}

TEST(Password, CommonPasswordsAreRefused) {
    for (std::string_view p : {"password", "123456", "azerty", "motdepasse", "soleil", "chouchou", "doudou"})
        EXPECT_TRUE(is_common_password(p)) << p;
    EXPECT_FALSE(is_common_password("ornithorynque"));
    for (std::string_view p : {"MotDePasse", "MOTDEPASSE2024!", "Azertyuiop123", "P@ssw0rd2024!!", "passw0rd1234",
                               "Sôleil!!!!!!!", "2024motdepasse", "!!!iloveyou!!!", "123456789012"})
        EXPECT_TRUE(check(p).has(PasswordProblem::common)) << p << ": " << problems_of(check(p));
    EXPECT_FALSE(check(good).has(PasswordProblem::common));
    EXPECT_FALSE(check("soleil couchant sur la Loire").has(PasswordProblem::common));
}

TEST(Password, RepeatedAndSequentialPasswordsAreTooSimple) {
    for (std::string_view p : {"aaaaaaaaaaaa", "AAAAAAAAAAAAAAAA", "éééééééééééé", "abababababab", "azerazerazer",
                               "abcdefghijklm", "ABCDEFGHIJKL", "123456789012", "987654321098", "zyxwvutsrqpo"})
        EXPECT_TRUE(check(p).has(PasswordProblem::too_simple)) << p;
    for (std::string_view p : {std::string_view("abcdefghijkz"), std::string_view("Kx9#mPq2!vLw"), good})
        EXPECT_FALSE(check(p).has(PasswordProblem::too_simple)) << p;
}

TEST(Password, PersonalDetailsAreRefused) {
    EXPECT_TRUE(check("xx-JEAN.DUPONT-xx").has(PasswordProblem::contains_email));
    EXPECT_TRUE(check("Dupont-Ornithorynque").has(PasswordProblem::contains_email));  // a piece of it
    EXPECT_TRUE(check("Dupont-Ornithorynque").has(PasswordProblem::contains_name));
    EXPECT_TRUE(check("Ornithorynque-Jéan-42", "x@y.fr", "Jean Dupont").has(PasswordProblem::contains_name));
    EXPECT_FALSE(check("Ornithorynque-Jéan-42", "x@y.fr", "Jean Dupont").has(PasswordProblem::contains_email));
    // Fragments shorter than four characters are not held against anyone.
    EXPECT_FALSE(check("Ornithorynque-Ana-42", "ana@y.fr", "Ana Li").has(PasswordProblem::contains_email));
    EXPECT_FALSE(check("Ornithorynque-Ana-42", "ana@y.fr", "Ana Li").has(PasswordProblem::contains_name));
    EXPECT_TRUE(check("Ornithorynque-camille", "camille@y.fr", "").has(PasswordProblem::contains_email));
    EXPECT_FALSE(check(good, "", "").has(PasswordProblem::contains_email));
}

TEST(Password, EveryProblemHasAStableName) {
    std::set<std::string_view> names;
    for (auto p : all_password_problems) names.insert(to_string(p));
    EXPECT_EQ(names.size(), all_password_problems.size());
    EXPECT_EQ(to_string(PasswordProblem::too_short), "too_short");
    EXPECT_EQ(to_string(PasswordProblem::contains_email), "contains_email");
    // Several problems are reported together, in enum order.
    const auto c = check("jean", "jean@x.fr", "Jean");
    EXPECT_EQ(c.problems,
              (std::vector{PasswordProblem::too_short, PasswordProblem::contains_email, PasswordProblem::contains_name}));
}

TEST(Password, ArbitraryBytesAreJudgedNotCrashedOn) {
    std::mt19937 rng(20261128);
    std::uniform_int_distribution<int> byte(0, 255), length(0, 40);
    int broken = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string s(static_cast<std::size_t>(length(rng)), '\0');
        for (auto& c : s) c = static_cast<char>(byte(rng) < 200 ? 'a' + byte(rng) % 26 : byte(rng));
        const auto c = check_new_password(s, s + "@x.fr", s);
        const bool invalid = c.has(PasswordProblem::invalid_utf8);
        if (invalid) {
            EXPECT_EQ(c.problems.size(), 1u);
        }
        broken += invalid;
        const bool has_control = std::any_of(s.begin(), s.end(), [](char ch) {
            return static_cast<unsigned char>(ch) <= 0x20 || static_cast<unsigned char>(ch) >= 0x7F;
        });
        if (has_control) {
            EXPECT_FALSE(is_valid_email(s + "@x.fr"));
        }
    }
    EXPECT_GT(broken, 0);
    EXPECT_LT(broken, 3000);
}

TEST(PasswordHash, RoundTrip) {
    const auto hash = hash_password(good);
    EXPECT_NE(hash.find("$argon2id$"), std::string::npos) << hash;
    EXPECT_EQ(hash.find(good), std::string::npos);
    EXPECT_TRUE(verify_password(hash, good));
    EXPECT_FALSE(verify_password(hash, "Vélo-Ornithorynque-48"));
    EXPECT_FALSE(verify_password(hash, ""));
    EXPECT_FALSE(needs_rehash(hash));

    const auto again = hash_password(good);
    EXPECT_NE(hash, again);  // salted
    EXPECT_TRUE(verify_password(again, good));
}

TEST(PasswordHash, GarbageAndOtherParametersAreHandled) {
    EXPECT_FALSE(verify_password("", good));
    EXPECT_FALSE(verify_password("not a hash", good));
    EXPECT_FALSE(verify_password(std::string(300, '$'), good));
    EXPECT_TRUE(needs_rehash("not a hash"));
    EXPECT_TRUE(needs_rehash(""));
    // A hash made with cheaper parameters still verifies, and asks to be replaced at this log-in.
    ASSERT_GE(sodium_init(), 0);
    char cheap[crypto_pwhash_argon2id_STRBYTES];
    ASSERT_EQ(crypto_pwhash_argon2id_str(cheap, "secret", 6, crypto_pwhash_argon2id_OPSLIMIT_MIN,
                                         crypto_pwhash_argon2id_MEMLIMIT_MIN),
              0);
    EXPECT_TRUE(verify_password(cheap, "secret"));
    EXPECT_TRUE(needs_rehash(cheap));
    // Only argon2id is accepted: an argon2i hash of the right password does not verify.
    char other[crypto_pwhash_argon2i_STRBYTES];
    ASSERT_EQ(
        crypto_pwhash_argon2i_str(other, "secret", 6, crypto_pwhash_argon2i_OPSLIMIT_MIN, crypto_pwhash_argon2i_MEMLIMIT_MIN), 0);
    EXPECT_FALSE(verify_password(other, "secret"));
    EXPECT_TRUE(needs_rehash(other));
    EXPECT_FALSE(dummy_password_hash().empty());
    EXPECT_FALSE(verify_password(dummy_password_hash(), ""));
    EXPECT_FALSE(needs_rehash(dummy_password_hash()));
}

TEST(Tokens, AreUrlSafe43CharactersAndUnique) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto t = random_token();
        ASSERT_EQ(t.size(), 43u) << t;
        for (char c : t)
            ASSERT_TRUE((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') << t;
        seen.insert(t);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(Tokens, DigestIsStableLowerCaseHexSha256) {
    // Known SHA-256 test vector.
    EXPECT_EQ(token_digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const auto t = random_token();
    const auto d = token_digest(t);
    ASSERT_EQ(d.size(), 64u);
    for (char c : d) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << d;
    EXPECT_EQ(token_digest(t), d);
    EXPECT_NE(token_digest(random_token()), d);
    EXPECT_EQ(d.find(t), std::string::npos);
}

TEST(Tokens, ConstantTimeEquals) {
    const auto t = random_token();
    EXPECT_TRUE(constant_time_equals(t, std::string(t)));
    auto other = t;
    other.back() = other.back() == 'A' ? 'B' : 'A';
    EXPECT_FALSE(constant_time_equals(t, other));
    EXPECT_FALSE(constant_time_equals(t, t.substr(0, 42)));
    EXPECT_FALSE(constant_time_equals("abc", "abcd"));
    EXPECT_FALSE(constant_time_equals("", ""));  // a missing secret never matches a missing secret
    EXPECT_FALSE(constant_time_equals("", "x"));
}

TEST(Expiry, LinksAndSessions) {
    EXPECT_EQ(email_confirmation_link.ttl, 48h);
    EXPECT_EQ(password_reset_link.ttl, 1h);
    EXPECT_EQ(invitation_link.ttl, std::chrono::days{7});
    EXPECT_EQ(session_idle.ttl, 2h);
    EXPECT_EQ(session_absolute.ttl, std::chrono::days{30});

    const Clock::time_point t0{std::chrono::seconds{1'800'000'000}};
    EXPECT_FALSE(is_expired(t0, t0, password_reset_link));
    EXPECT_FALSE(is_expired(t0, t0 + 59min, password_reset_link));
    EXPECT_TRUE(is_expired(t0, t0 + 1h, password_reset_link));  // the boundary is expired
    EXPECT_TRUE(is_expired(t0, t0 + 2h, password_reset_link));
    EXPECT_FALSE(is_expired(t0, t0 + 47h, email_confirmation_link));
    EXPECT_TRUE(is_expired(t0, t0 + 48h, email_confirmation_link.ttl));

    EXPECT_FALSE(is_session_expired(t0, t0 + 1h, t0 + 2h));
    EXPECT_TRUE(is_session_expired(t0, t0, t0 + 2h));                                                  // idle
    EXPECT_TRUE(is_session_expired(t0, t0 + std::chrono::days{30}, t0 + std::chrono::days{30} + 1s));  // absolute
}

TEST(Email, ValidityTable) {
    for (std::string_view ok : {"a@b.fr", "jean.dupont@exemple.fr", "Jean.Dupont@Exemple.FR", "x+tag@sub.domain.org",
                                "o'brien@example.ie", "a_b-c@x-y.co", "contact@xn--cole-9oa.fr", "1@2.fr"})
        EXPECT_TRUE(is_valid_email(ok)) << ok;

    const std::string local64(64, 'a'), local65(65, 'a');
    EXPECT_TRUE(is_valid_email(local64 + "@x.fr"));
    EXPECT_FALSE(is_valid_email(local65 + "@x.fr"));
    std::string domain;  // 4 labels of 63 = 255 characters with the dots: too long overall
    for (int i = 0; i < 4; ++i) domain += (i ? "." : "") + std::string(63, 'd');
    EXPECT_FALSE(is_valid_email("a@" + domain));
    EXPECT_TRUE(is_valid_email("a@" + std::string(63, 'd') + ".fr"));
    EXPECT_FALSE(is_valid_email("a@" + std::string(64, 'd') + ".fr"));

    for (std::string_view bad : {"",
                                 "a@b",
                                 "a b@c.fr",
                                 "@x.fr",
                                 "x@.fr",
                                 "x@",
                                 "x",
                                 "x@y@z.fr",
                                 "x@y..fr",
                                 "x@y.fr.",
                                 ".x@y.fr",
                                 "x.@y.fr",
                                 "x..y@z.fr",
                                 "x@-y.fr",
                                 "x@y-.fr",
                                 "x@y_z.fr",
                                 "x@1.2.3.4",
                                 " x@y.fr",
                                 "x@y.fr\n",
                                 "x\t@y.fr",
                                 "\"x\"@y.fr",
                                 "élève@école.fr",
                                 "x@y.fr\r\nBcc: z@w.fr",
                                 "x(y)@z.fr"})
        EXPECT_FALSE(is_valid_email(bad)) << bad;
    EXPECT_FALSE(is_valid_email(std::string("x\0y@z.fr", 8)));
}

TEST(Email, Normalisation) {
    EXPECT_EQ(normalise_email("  Jean.Dupont@Exemple.FR \t\n"), "jean.dupont@exemple.fr");
    EXPECT_EQ(normalise_email("a@b.fr"), "a@b.fr");
    EXPECT_EQ(normalise_email("   "), "");
    EXPECT_TRUE(is_valid_email(normalise_email(" X@Y.FR ")));
    EXPECT_FALSE(is_valid_email(normalise_email("a b@c.fr")));  // inner spaces are not removed
}

TEST(Credentials, LeetSpellingsOfCommonPasswordsAreCommonThoughNotListed) {
    // Each spelling is not itself in the list: only undoing the substitutions finds it.
    for (std::string_view p : {"m0td3p4ss3!!", "p4ssw0rd", "4z3rtyu10p", "s0l31l", "$unsh1n3", "m0nk3y"}) {
        EXPECT_FALSE(is_common_password(p)) << p << " is listed as it is: it would prove nothing";
        EXPECT_TRUE(check(p).has(PasswordProblem::common)) << p << ": " << problems_of(check(p));
    }
    EXPECT_FALSE(check("m0rn1ng dew on the L0ire").has(PasswordProblem::common));
}
